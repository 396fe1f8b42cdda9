import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../../src/db/client.ts';
import { themesByActivity } from '../../src/queries/themes.ts';

describe('themesByActivity', () => {
  it('reads one range of idx_themes_workspace_active in order, without a sort', async () => {
    const { sql, parameters } = themesByActivity(database(env.DB), 1, 1).compile();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...parameters).all<{ detail: string }>();
    const plan = results.map((r) => r.detail);
    expect(plan.join('\n')).toContain('USING INDEX idx_themes_workspace_active (workspace_id=? AND is_active=?)');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });
});

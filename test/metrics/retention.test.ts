import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { writeRollups } from '../../src/lib/metrics/d1-rollup-sink.ts';
import { RollupAggregator } from '../../src/lib/metrics/rollup-aggregator.ts';
import worker from '../../src/index.ts';
import { uniqueSlug } from '../support/api.ts';

async function rowsOf(workspace: string): Promise<{ bucket_seconds: number; bucket_start: number }[]> {
  const { results } = await env.DB.prepare('SELECT bucket_seconds, bucket_start FROM performance_rollups WHERE workspace = ? ORDER BY bucket_seconds, bucket_start')
    .bind(workspace)
    .all<{ bucket_seconds: number; bucket_start: number }>();
  return results;
}

describe('metrics retention (cron)', () => {
  it('deletes minute rows older than 2 hours and hour rows older than 8 days, keeping the rest', async () => {
    const workspace = uniqueSlug('retention');
    const aggregator = new RollupAggregator(0);
    const nowMs = Date.now();
    const ages = [10 * 60_000, 3 * 3600_000, 9 * 86_400_000];
    for (const age of ages) {
      aggregator.add({ operation: 'listFeedback', method: 'GET', status: 200, cache: 'HIT', workspace, colo: 'local', totalMs: 1, statements: 0, durationMs: 0, rowsRead: 0, rowsWritten: 0 }, nowMs - age);
    }
    await writeRollups(env.DB, aggregator.takeDue(nowMs)!);
    expect((await rowsOf(workspace)).length).toBe(6);

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: nowMs, cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);

    const minute = (age: number) => Math.floor((nowMs - age) / 60_000) * 60;
    const hour = (age: number) => Math.floor((nowMs - age) / 3600_000) * 3600;
    expect(await rowsOf(workspace)).toEqual([
      { bucket_seconds: 60, bucket_start: minute(ages[0]!) },
      { bucket_seconds: 3600, bucket_start: hour(ages[1]!) },
      { bucket_seconds: 3600, bucket_start: hour(ages[0]!) },
    ].sort((a, b) => a.bucket_seconds - b.bucket_seconds || a.bucket_start - b.bucket_start));
  });
});

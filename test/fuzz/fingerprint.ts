/**
 * @module
 * The stored state of a set of workspaces, as one string: every row of every table that belongs
 * to them (except `api_keys.last_used_at`, a usage hint written by valid requests), and how many
 * workspaces named `fuzz…` exist. Equal before and after a batch of requests: nothing changed.
 */
import { env } from 'cloudflare:test';

const byWorkspace = [
  'SELECT * FROM workspaces WHERE id IN ({ids})',
  'SELECT id, workspace_id, name, prefix, key_hash, created_at, revoked_at FROM api_keys WHERE workspace_id IN ({ids}) ORDER BY id',
  'SELECT * FROM boards WHERE workspace_id IN ({ids}) ORDER BY id',
  'SELECT * FROM end_users WHERE workspace_id IN ({ids}) ORDER BY id',
  'SELECT * FROM themes WHERE workspace_id IN ({ids}) ORDER BY id',
  'SELECT * FROM feedback_items WHERE workspace_id IN ({ids}) ORDER BY id',
  'SELECT v.* FROM feedback_votes v JOIN feedback_items f ON f.id = v.feedback_id WHERE f.workspace_id IN ({ids}) ORDER BY v.id',
  'SELECT c.* FROM feedback_comments c JOIN feedback_items f ON f.id = c.feedback_id WHERE f.workspace_id IN ({ids}) ORDER BY c.id',
  'SELECT * FROM duplicate_groups WHERE workspace_id IN ({ids}) ORDER BY id',
  'SELECT * FROM roadmaps WHERE workspace_id IN ({ids}) ORDER BY id',
  'SELECT p.* FROM roadmap_phases p JOIN roadmaps r ON r.id = p.roadmap_id WHERE r.workspace_id IN ({ids}) ORDER BY p.id',
  'SELECT i.* FROM roadmap_items i JOIN roadmaps r ON r.id = i.roadmap_id WHERE r.workspace_id IN ({ids}) ORDER BY i.id',
  'SELECT * FROM widget_configs WHERE workspace_id IN ({ids})',
  'SELECT * FROM workspace_branding WHERE workspace_id IN ({ids})',
  'SELECT * FROM workspace_rate_limits WHERE workspace_id IN ({ids}) ORDER BY key_kind',
];

export async function fingerprint(workspaceSlugs: string[]): Promise<string> {
  const placeholders = workspaceSlugs.map(() => '?').join(',');
  const ids = (await env.DB.prepare(`SELECT id FROM workspaces WHERE slug IN (${placeholders}) ORDER BY id`).bind(...workspaceSlugs).all<{ id: number }>()).results.map((r) => r.id);
  const list = ids.join(',');
  const results = await env.DB.batch([
    ...byWorkspace.map((sql) => env.DB.prepare(sql.replace('{ids}', list))),
    env.DB.prepare("SELECT COUNT(*) AS fuzz_workspaces FROM workspaces WHERE slug LIKE 'fuzz%'"),
  ]);
  return JSON.stringify(results.map((r) => r.results));
}

/**
 * @module
 * The demo data `npm start` puts in the local D1, as idempotent SQL: workspaces `demo` and
 * `load-test` (the seed's k6 script writes to `load-test/main` without any setup), their admin
 * keys (hashes of the keys in .dev.vars), widget config, branding, and a few demo items.
 */
import { createHash, randomBytes } from 'node:crypto';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface SeedWorkspace {
  slug: string;
  name: string;
  adminKey: string;
}

function workspaceSql(w: SeedWorkspace, at: number): string[] {
  const id = `(SELECT id FROM workspaces WHERE slug = ${quote(w.slug)})`;
  return [
    `INSERT OR IGNORE INTO workspaces (slug, name, identity_secret, created_at, updated_at) VALUES (${quote(w.slug)}, ${quote(w.name)}, ${quote(randomBytes(32).toString('base64url'))}, ${at}, ${at});`,
    `INSERT OR IGNORE INTO api_keys (workspace_id, name, prefix, key_hash, created_at) VALUES (${id}, 'local', ${quote(w.adminKey.slice(0, 12))}, ${quote(sha256(w.adminKey))}, ${at});`,
    `INSERT OR IGNORE INTO boards (workspace_id, slug, name, description, created_at) VALUES (${id}, 'main', 'Main', 'Ideas and requests', ${at});`,
    `INSERT OR IGNORE INTO widget_configs (workspace_id, default_board, updated_at) VALUES (${id}, 'main', ${at});`,
    `INSERT OR IGNORE INTO workspace_branding (workspace_id, name, updated_at) VALUES (${id}, ${quote(w.name)}, ${at});`,
  ];
}

const demoItems = [
  ['Dark mode for the dashboard', 'ui'],
  ['Export feedback to CSV', 'data'],
  ['Slack notifications on status changes', 'integrations'],
  ['Single sign-on with Okta', 'security'],
];

export function demoSeedSql(keys: { demo: string; loadTest: string }, at = Date.now()): string {
  const statements = [
    ...workspaceSql({ slug: 'demo', name: 'Demo', adminKey: keys.demo }, at),
    ...workspaceSql({ slug: 'load-test', name: 'Load test', adminKey: keys.loadTest }, at),
    // The load profiles run from one machine, as many users behind one IP: no rate limit applies.
    ...['ip', 'user', 'apiKey'].map(
      (kind) => `INSERT OR IGNORE INTO workspace_rate_limits (workspace_id, key_kind, tier) SELECT id, '${kind}', 'exempt' FROM workspaces WHERE slug = 'load-test';`,
    ),
  ];
  const board = `(SELECT b.id FROM boards b JOIN workspaces w ON w.id = b.workspace_id WHERE w.slug = 'demo' AND b.slug = 'main')`;
  demoItems.forEach(([title, category], i) => {
    const created = at - (demoItems.length - i) * 3_600_000;
    statements.push(
      `INSERT INTO feedback_items (workspace_id, board_id, title, category, trend_score, created_at, updated_at) ` +
        `SELECT (SELECT id FROM workspaces WHERE slug = 'demo'), ${board}, ${quote(title!)}, ${quote(category!)}, ${created / 1000 / (7 * 24 * 3600)}, ${created}, ${created} ` +
        `WHERE NOT EXISTS (SELECT 1 FROM feedback_items WHERE board_id = ${board} AND title = ${quote(title!)});`,
    );
  });
  return statements.join('\n');
}

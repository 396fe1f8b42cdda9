/**
 * @module
 * `npm run seed -- --workspace W --board B --items N --votes M [--boards K] [--users U]
 * [--comments C] [--random-seed S] [--database FILE] [--force]`: bulk data into the local D1.
 *
 * Writes the wrangler local D1 file directly with node:sqlite, in transactions of a few thousand
 * items with their votes and comments. Inside each transaction the vote and comment triggers are
 * dropped and restored (DDL is transactional), and the counters and trend score are written from
 * the generated votes, so every committed state is consistent; a recount verifies it at the end.
 * Refuses to run while another process (wrangler dev) has the file open: stop the server first.
 */
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { TREND_TAU_SECONDS, TREND_TOLERANCE } from '../../src/queries/trend.ts';
import { localD1File, processesHoldingFile } from '../lib/local-d1.ts';
import { ProgressBar } from '../lib/progress.ts';
import { wranglerSync } from '../lib/wrangler.ts';
import { mulberry32 } from '../lib/mulberry32.ts';
import { generateItem, planItems, type SeedShape } from './generate.ts';

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    board: { type: 'string' },
    items: { type: 'string' },
    votes: { type: 'string' },
    boards: { type: 'string', default: '3' },
    users: { type: 'string' },
    comments: { type: 'string' },
    'random-seed': { type: 'string', default: '42' },
    database: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

function required(name: 'workspace' | 'board' | 'items' | 'votes'): string {
  const value = values[name];
  if (!value) {
    console.error('usage: npm run seed -- --workspace W --board B --items N --votes M [--boards K] [--users U] [--comments C] [--database FILE] [--force]');
    process.exit(2);
  }
  return value;
}

const workspaceSlug = required('workspace');
const boardSlug = required('board');
const items = Number(required('items'));
const votes = Number(required('votes'));
const users = Number(values.users ?? Math.max(1000, Math.ceil(votes / 10)));
const shape: SeedShape = {
  items,
  votes,
  users,
  comments: Number(values.comments ?? Math.ceil(votes / 10)),
  boards: Math.max(1, Number(values.boards)),
  skew: 1,
  now: Date.now(),
};
if (votes > items * users) throw new Error(`${votes} votes cannot fit ${items} items × ${users} users (one vote per user per item)`);

if (!values.database) wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local']);
const file = values.database ?? localD1File();
const holders = processesHoldingFile(file);
if (holders.length > 0 && !values.force) {
  console.error(`${file} is open in process ${holders.join(', ')} (wrangler dev?). Stop the server, then seed; --force skips this check.`);
  process.exit(1);
}

const db = new DatabaseSync(file);
db.exec('PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -200000;');
const started = performance.now();
const random = mulberry32(Number(values['random-seed']));
const at = shape.now;

// Workspace, boards, users (idempotent: a second run adds items to the same workspace).
db.prepare('INSERT OR IGNORE INTO workspaces (slug, name, identity_secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
  workspaceSlug, `Seeded ${workspaceSlug}`, randomBytes(32).toString('base64url'), at, at,
);
const workspaceId = Number(db.prepare('SELECT id FROM workspaces WHERE slug = ?').get(workspaceSlug)!.id);
const boardSlugs = [boardSlug, ...Array.from({ length: shape.boards - 1 }, (_, i) => `${boardSlug}-${i + 2}`)];
const boardIds = boardSlugs.map((slug) => {
  db.prepare('INSERT OR IGNORE INTO boards (workspace_id, slug, name, created_at) VALUES (?, ?, ?, ?)').run(workspaceId, slug, slug, at);
  return Number(db.prepare('SELECT id FROM boards WHERE workspace_id = ? AND slug = ?').get(workspaceId, slug)!.id);
});
db.exec('BEGIN');
const insertUser = db.prepare('INSERT OR IGNORE INTO end_users (workspace_id, external_id, name, created_at) VALUES (?, ?, ?, ?)');
for (let u = 0; u < users; u++) insertUser.run(workspaceId, `seed-user-${u}`, `User ${u}`, at - 400 * 24 * 3600 * 1000);
db.exec('COMMIT');
const userIds = db
  .prepare("SELECT id FROM end_users WHERE workspace_id = ? AND external_id LIKE 'seed-user-%' ORDER BY id LIMIT ?")
  .all(workspaceId, users)
  .map((row) => Number(row.id));

// The triggers the bulk insert bypasses, to restore them exactly.
const triggers = db
  .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('feedback_votes', 'feedback_comments')")
  .all()
  .map((row) => ({ name: String(row.name), sql: String(row.sql) }));

const plans = planItems(shape, random);
const firstItem = Number(db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM feedback_items').get()!.n);
let nextComment = Number(db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM feedback_comments').get()!.n);
const insertItem = db.prepare(`INSERT INTO feedback_items (id, workspace_id, board_id, user_id, title, description, status, category,
  moderation_state, is_hidden, merged_into_id, vote_count, voter_count, comment_count, trend_score, created_at, updated_at, activity_at,
  approved_at, rejected_at, hidden_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insertVote = db.prepare('INSERT INTO feedback_votes (feedback_id, user_id, weight, created_at) VALUES (?, ?, ?, ?)');
const insertComment = db.prepare(`INSERT INTO feedback_comments (id, workspace_id, feedback_id, parent_id, user_id, author_name, is_admin, is_internal, body, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

const total = items + votes + plans.reduce((sum, p) => sum + p.comments, 0);
const progress = new ProgressBar('seeding', total);
const CHUNK = 2000;
for (let chunk = 0; chunk < items; chunk += CHUNK) {
  db.exec('BEGIN');
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  for (let i = chunk; i < Math.min(items, chunk + CHUNK); i++) {
    const plan = plans[i]!;
    // Merge into an earlier item of the same board (it exists: committed or in this transaction).
    const mergeTarget = i > 10 && plans[i - 7]!.board === plan.board ? firstItem + i - 7 : null;
    const { item, votes: itemVotes, comments } = generateItem(random, shape, plan, { item: firstItem + i, firstComment: nextComment, boardIds, userIds, mergeTarget }, i);
    nextComment += comments.length;
    insertItem.run(item.id, workspaceId, item.board_id, item.user_id, item.title, item.description, item.status, item.category,
      item.moderation_state, item.is_hidden, item.merged_into_id, item.vote_count, item.voter_count, item.comment_count,
      item.trend_score, item.created_at, item.updated_at, item.activity_at,
      // Moderation history as if each state was set when the item was last updated.
      item.moderation_state === 'approved' ? item.updated_at : null, item.moderation_state === 'rejected' ? item.updated_at : null,
      item.is_hidden ? item.updated_at : null);
    for (const v of itemVotes) insertVote.run(v.feedback_id, v.user_id, v.weight, v.created_at);
    for (const c of comments) insertComment.run(c.id, workspaceId, c.feedback_id, c.parent_id, c.user_id, c.author_name, c.is_admin, c.is_internal, c.body, c.created_at);
    progress.advance(1 + itemVotes.length + comments.length);
  }
  for (const trigger of triggers) db.exec(trigger.sql);
  db.exec('COMMIT');
}
progress.finish();
const seededSeconds = (performance.now() - started) / 1000;

// Recount every seeded item from its votes and comments, in SQL, against the stored counters.
const verifyStarted = performance.now();
const drifted = db.prepare(`
  SELECT count(*) AS n FROM feedback_items f
  WHERE f.workspace_id = ? AND f.id >= ? AND (
    f.vote_count <> (SELECT coalesce(sum(v.weight), 0) FROM feedback_votes v WHERE v.feedback_id = f.id)
    OR f.voter_count <> (SELECT count(*) FROM feedback_votes v WHERE v.feedback_id = f.id)
    OR f.comment_count <> (SELECT count(*) FROM feedback_comments c WHERE c.feedback_id = f.id AND c.is_internal = 0 AND c.is_hidden = 0 AND c.deleted_at IS NULL)
    OR abs(f.trend_score - (SELECT m + ln(sum(exp(x - m))) FROM (SELECT x, max(x) OVER () AS m FROM (
         SELECT f.created_at / 1000.0 / ${TREND_TAU_SECONDS} AS x
         UNION ALL SELECT v.created_at / 1000.0 / ${TREND_TAU_SECONDS} + ln(v.weight) FROM feedback_votes v WHERE v.feedback_id = f.id)))) > ${TREND_TOLERANCE}
  )`).get(workspaceId, firstItem)!.n;
const verifySeconds = (performance.now() - verifyStarted) / 1000;
const counts = db.prepare(`SELECT
  (SELECT count(*) FROM feedback_items WHERE workspace_id = ?) AS items,
  (SELECT count(*) FROM feedback_votes v JOIN feedback_items f ON f.id = v.feedback_id WHERE f.workspace_id = ?) AS votes,
  (SELECT count(*) FROM feedback_comments c JOIN feedback_items f ON f.id = c.feedback_id WHERE f.workspace_id = ?) AS comments`).get(workspaceId, workspaceId, workspaceId)!;
db.close();

console.log(`Seeded ${items} items, ${votes} votes, ${total - items - votes} comments, ${users} users into ${workspaceSlug}/${boardSlugs.join(',')} in ${seededSeconds.toFixed(1)} s (${file}).`);
console.log(`Workspace now holds ${counts.items} items, ${counts.votes} votes, ${counts.comments} comments.`);
console.log(`Recount of the seeded items: ${drifted} with drifted counters (checked in ${verifySeconds.toFixed(1)} s).`);
if (Number(drifted) > 0) process.exit(1);

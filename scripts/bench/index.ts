/**
 * @module
 * `npm run bench [-- --workspace W --board B --runs N --database FILE]`: on the seeded local D1,
 * the seed's list query (Task 8.2.2: CTE over every vote + OFFSET, run as written) against ours
 * (a keyset walk of a partial index) at the first, a middle and a deep page, our compatibility
 * `page` (OFFSET) path, the batch vote lookup, and search (full text, ranked; search.ts) with its
 * p95 over every search text. Prints a table and writes JSON under
 * load/results/. A report, not a test: it asserts nothing.
 *
 * Runs on node:sqlite against the local D1 file (read-only): the SQLite engine D1 runs, without
 * workerd's RPC and HTTP in the timing, so the figures are the queries' own cost.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, totalmem } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { listVisibleFeedbackQuery, type FeedbackSort } from '../../src/queries/feedback-read.ts';
import { userVotesForItemsQuery } from '../../src/queries/votes.ts';
import { compileOnlyDb } from '../lib/compile-only-db.ts';
import { localD1File } from '../lib/local-d1.ts';
import { repoRoot } from '../lib/paths.ts';
import { benchSearch } from './search.ts';
import { seedListQuery, seedUserVotesQuery } from './seed-queries.ts';
import { summarize, type Timing } from './timing.ts';

const { values } = parseArgs({
  options: {
    workspace: { type: 'string', default: 'bench' },
    board: { type: 'string', default: 'main' },
    runs: { type: 'string', default: '30' },
    'seed-runs': { type: 'string', default: '5' },
    limit: { type: 'string', default: '20' },
    database: { type: 'string' },
  },
});

const file = values.database ?? localD1File();
const sqlite = new DatabaseSync(file, { readOnly: true });
const limit = Number(values.limit);
const { db } = compileOnlyDb();

const board = sqlite
  .prepare('SELECT b.id, w.id AS workspace_id FROM boards b JOIN workspaces w ON w.id = b.workspace_id WHERE w.slug = ? AND b.slug = ?')
  .get(values.workspace, values.board);
if (!board) throw new Error(`No board ${values.workspace}/${values.board}: run npm run seed first`);
const boardId = Number(board.id);
const boardPath = { workspace: values.workspace, board: values.board };
const totals = sqlite.prepare(`SELECT
  (SELECT count(*) FROM feedback_items) AS items, (SELECT count(*) FROM feedback_votes) AS votes,
  (SELECT count(*) FROM feedback_items WHERE board_id = ? AND is_hidden = 0 AND moderation_state = 'approved' AND merged_into_id IS NULL) AS visible`).get(boardId)!;
const visible = Number(totals.visible);

function time(name: string, statement: StatementSync, params: SQLInputValue[], runs: number): Timing {
  let rows = statement.all(...params).length; // warm-up, and the row count
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    rows = statement.all(...params).length;
    samples.push(performance.now() - started);
  }
  return summarize(name, samples, rows);
}

function compiled(query: { compile(): { sql: string; parameters: readonly unknown[] } }): { statement: StatementSync; params: SQLInputValue[] } {
  const { sql, parameters } = query.compile();
  return { statement: sqlite.prepare(sql), params: parameters as SQLInputValue[] };
}

const pageOffsets = { first: 0, middle: Math.floor(visible / 2 / limit) * limit, deep: Math.max(0, Math.floor((visible - limit) / limit) * limit) };
const runs = Number(values.runs);
const seedRuns = Number(values['seed-runs']);
const results: Timing[] = [];

const seedStatement = sqlite.prepare(seedListQuery('vote_count'));
for (const [page, offset] of Object.entries(pageOffsets)) {
  results.push(time(`seed CTE+OFFSET vote_count ${page} page (offset ${offset})`, seedStatement, [boardId, limit, offset], seedRuns));
}

for (const sort of ['vote_count', 'trending', 'created_at', 'updated_at'] as FeedbackSort[]) {
  for (const [page, offset] of Object.entries(pageOffsets)) {
    let after: { key: number; id: number } | undefined;
    if (offset > 0) {
      // The cursor a client holds at this depth: the last row of the previous page (found untimed).
      const previous = compiled(listVisibleFeedbackQuery(db, { board: boardPath, sort, rows: 1, offset: offset - 1 }));
      const row = previous.statement.get(...previous.params)!;
      after = { key: Number(row.sort_key), id: Number(row.id) };
    }
    const ours = compiled(listVisibleFeedbackQuery(db, { board: boardPath, sort, rows: limit + 1, after }));
    results.push(time(`ours cursor ${sort} ${page} page`, ours.statement, ours.params, runs));
  }
}
for (const [page, offset] of Object.entries(pageOffsets)) {
  if (offset === 0) continue;
  const ours = compiled(listVisibleFeedbackQuery(db, { board: boardPath, sort: 'vote_count', rows: limit + 1, offset }));
  results.push(time(`ours page= (OFFSET) vote_count ${page} page`, ours.statement, ours.params, runs));
}

// Batch vote lookup: the most active seeded voter, against the first page's items.
const voter = sqlite
  .prepare("SELECT u.id, u.external_id FROM end_users u WHERE u.workspace_id = ? AND u.external_id = 'seed-user-0'")
  .get(Number(board.workspace_id))!;
const pageIds = compiled(listVisibleFeedbackQuery(db, { board: boardPath, sort: 'vote_count', rows: 51 }));
const ids = pageIds.statement.all(...pageIds.params).map((r) => Number(r.id)).slice(0, 50);
results.push(time(`seed getUserVotesForItems (${ids.length} items)`, sqlite.prepare(seedUserVotesQuery(ids.length)), [Number(voter.id), ...ids], runs));
const oursVotes = compiled(userVotesForItemsQuery(db, Number(board.workspace_id), String(voter.external_id), ids));
results.push(time(`ours userVotesForItems (${ids.length} items)`, oursVotes.statement, oursVotes.params, runs));
const search = await benchSearch(sqlite, db, boardId, runs, limit);
results.push(...search.timings, search.overall);
sqlite.close();

const median = (name: string) => results.find((r) => r.name === name)!.medianMs;
const deepOverFirst = median('ours cursor vote_count deep page') / median('ours cursor vote_count first page');
const report = {
  at: new Date().toISOString(),
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  engine: `node:sqlite ${process.versions.sqlite} (Node ${process.versions.node}) on the local D1 file, read-only`,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), platform: `${platform()} ${arch()}` },
  data: { items: Number(totals.items), votes: Number(totals.votes), boardVisibleItems: visible, limit, pageOffsets },
  results,
  oursDeepOverFirstVoteCount: deepOverFirst,
  searchP95Ms: search.overall.p95Ms,
};

const dir = join(repoRoot, 'load', 'results');
mkdirSync(dir, { recursive: true });
const out = join(dir, `bench-${report.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

console.log(`${report.data.items} items, ${report.data.votes} votes; board ${values.workspace}/${values.board}: ${visible} visible; ${limit} per page; ${report.engine}`);
console.log(`${'query'.padEnd(52)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(9)} ${'rows'.padStart(5)}`);
for (const r of results) console.log(`${r.name.padEnd(52)} ${r.medianMs.toFixed(3).padStart(10)} ${r.p95Ms.toFixed(3).padStart(9)} ${String(r.rows).padStart(5)}`);
console.log(`ours, vote_count: deep page / first page = ${deepOverFirst.toFixed(2)}x`);
console.log(`search p95 over every text and run: ${search.overall.p95Ms.toFixed(3)} ms (target 5 ms)`);
console.log(`JSON: ${out}`);

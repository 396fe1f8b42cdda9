/**
 * @module
 * `npm run plan-check [-- --database FILE [--analyze]]`: the query plans of every hot query, judged
 * (see check-plans.ts). By default against an in-memory database with migrations/ applied (what
 * `npm test` runs); with --database against a copy of a real one (e.g. the seeded local D1), and
 * with --analyze after ANALYZE, to see the plans the planner picks with statistics.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { localD1File } from '../lib/local-d1.ts';
import { migratedMemoryDatabase } from '../lib/migrated-sqlite.ts';
import { checkPlans } from './check-plans.ts';
import { hotQueries } from './hot-queries.ts';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    local: { type: 'boolean', default: false },
    analyze: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

function openCopy(file: string): { sqlite: DatabaseSync; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'plan-check-'));
  const copy = join(dir, 'copy.sqlite');
  const source = new DatabaseSync(file, { readOnly: true });
  source.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  source.close();
  return { sqlite: new DatabaseSync(copy), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const started = performance.now();
const file = values.database ?? (values.local ? localD1File() : undefined);
const { sqlite, cleanup } = file ? openCopy(file) : { sqlite: migratedMemoryDatabase(), cleanup: () => {} };
if (values.analyze) sqlite.exec('ANALYZE');

const verdicts = await checkPlans(sqlite, hotQueries);
const failed = verdicts.filter((v) => v.problems.length > 0);
console.log(`Query plans (${file ? `copy of ${file}` : 'in-memory, migrations applied'}${values.analyze ? ', after ANALYZE' : ''}):`);
for (const verdict of verdicts) {
  const searches = [...new Set(verdict.plan.filter((l) => /^(SEARCH|SCAN)/.test(l)))].join('; ');
  console.log(`  ${verdict.problems.length === 0 ? 'ok  ' : 'FAIL'} ${verdict.name}${values.verbose ? `\n         ${searches}` : ''}`);
  for (const problem of verdict.problems) console.log(`         ${problem}`);
}
sqlite.close();
cleanup();
console.log(`${verdicts.length} queries checked in ${((performance.now() - started) / 1000).toFixed(1)} s; ${failed.length} failed.`);
if (failed.length > 0) process.exit(1);

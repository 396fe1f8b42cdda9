/**
 * @module
 * Preparing the local D1 as every local server needs it: secrets in `.dev.vars`, migrations
 * applied, the demo and load-test workspaces seeded. Idempotent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSeedSql } from './demo-seed.ts';
import { ensureDevVars } from './dev-vars.ts';
import { wranglerSync } from './wrangler.ts';

export function prepareLocalDatabase(): Record<string, string> {
  const vars = ensureDevVars();
  wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local']);
  const file = join(mkdtempSync(join(tmpdir(), 'feedback-seed-')), 'demo.sql');
  writeFileSync(file, demoSeedSql({ demo: vars.DEMO_ADMIN_KEY!, loadTest: vars.LOAD_TEST_ADMIN_KEY! }));
  wranglerSync(['d1', 'execute', 'DB', '--local', `--file=${file}`]);
  return vars;
}

/**
 * @module
 * `npm start`: local secrets, local D1 migrated, demo data seeded (idempotent), then `wrangler dev`
 * on 127.0.0.1:8787 (PORT overrides).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSeedSql } from './lib/demo-seed.ts';
import { buildDocsAssets } from './lib/docs-assets.ts';
import { ensureDevVars } from './lib/dev-vars.ts';
import { serverPort } from './lib/server-url.ts';
import { wranglerDev, wranglerSync } from './lib/wrangler.ts';

export function prepareLocalDatabase(): Record<string, string> {
  const vars = ensureDevVars();
  wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local']);
  const file = join(mkdtempSync(join(tmpdir(), 'feedback-seed-')), 'demo.sql');
  writeFileSync(file, demoSeedSql({ demo: vars.DEMO_ADMIN_KEY!, loadTest: vars.LOAD_TEST_ADMIN_KEY! }));
  wranglerSync(['d1', 'execute', 'DB', '--local', `--file=${file}`]);
  return vars;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = serverPort();
  console.log('Preparing the local D1 (migrations, demo data)…');
  prepareLocalDatabase();
  buildDocsAssets();
  console.log(`Starting the API on http://127.0.0.1:${port} (admin keys in .dev.vars; reference at /docs)`);
  const child = wranglerDev(port);
  const stop = () => child.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

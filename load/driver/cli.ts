/**
 * @module
 * `npm run load`: runs a profile of the generated model against a server, prints the table,
 * writes the JSON report under `load/results/`, exits 1 when an enforced threshold fails and 2
 * when the run could not start (usage, missing key, setup failure).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveAdminKey } from './admin-key.ts';
import { parseCliOptions } from './cli-options.ts';
import { readModel } from './read-model.ts';
import { formatReport, writeReport } from './report.ts';
import { runLoad } from './run-load.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  const options = parseCliOptions(process.argv.slice(2), process.env);
  const model = readModel(join(root, 'load', 'model.generated.json'));
  const workspace = options.workspace ?? model.defaults.workspace;
  const adminKey = resolveAdminKey(workspace, process.env, join(root, '.dev.vars'));
  console.error(`load: profile ${options.profile} against ${options.url} (workspace ${workspace}${options.board ? `, board ${options.board}` : ''})`);
  const report = await runLoad({
    model,
    profile: options.profile,
    baseUrl: options.url,
    durationScale: options.durationScale,
    vusScale: options.vusScale,
    workspace,
    board: options.board,
    adminKey,
    progress: options.progress,
  });
  const path = writeReport(options.resultsDir ?? join(root, 'load', 'results'), report);
  console.log(formatReport(report));
  console.log(`results: ${path}`);
  return report.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

/**
 * @module
 * `npm run load:ci`: the load smoke as CI runs it. Prepares the local D1 as `npm start` does,
 * starts `wrangler dev` on its own port (LOAD_CI_PORT, default 8799), waits for `/healthz`, runs
 * the `smoke` profile through the Node driver, stops the server. Fails when an enforced threshold
 * fails or any request failed: on a local server every failure is a defect, not noise.
 */
import { join } from 'node:path';
import { resolveAdminKey } from '../load/driver/admin-key.ts';
import { readModel } from '../load/driver/read-model.ts';
import { formatReport, writeReport } from '../load/driver/report.ts';
import { runLoad } from '../load/driver/run-load.ts';
import { waitForHealth } from './lib/api-server.ts';
import { repoRoot } from './lib/paths.ts';
import { wranglerDev } from './lib/wrangler.ts';
import { buildDocsAssets } from './lib/docs-assets.ts';
import { prepareLocalDatabase } from './start.ts';

const port = Number(process.env.LOAD_CI_PORT ?? 8799);
const baseUrl = `http://127.0.0.1:${port}`;

async function main(): Promise<number> {
  console.error('load:ci: preparing the local D1 (migrations, demo and load-test workspaces)');
  prepareLocalDatabase();
  buildDocsAssets();
  const server = wranglerDev(port, { quiet: true });
  let serverLog = '';
  server.stdout?.on('data', (chunk: Buffer) => { serverLog += chunk.toString(); });
  server.stderr?.on('data', (chunk: Buffer) => { serverLog += chunk.toString(); });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  try {
    await waitForHealth(baseUrl, 90_000);
    const model = readModel(join(repoRoot, 'load', 'model.generated.json'));
    const workspace = model.defaults.workspace;
    const report = await runLoad({
      model,
      profile: 'smoke',
      baseUrl,
      durationScale: 1,
      workspace,
      adminKey: resolveAdminKey(workspace, process.env, join(repoRoot, '.dev.vars')),
    });
    const path = writeReport(join(repoRoot, 'load', 'results'), report);
    console.log(formatReport(report));
    console.log(`results: ${path}`);
    if (report.totals.failed > 0) console.error(`load:ci: ${report.totals.failed} requests failed`);
    return report.passed && report.totals.failed === 0 ? 0 : 1;
  } catch (error) {
    console.error(serverLog.slice(-4000));
    throw error;
  } finally {
    server.kill('SIGINT');
    const forced = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(forced);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

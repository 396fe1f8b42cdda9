/**
 * @module
 * `npm run bench:metrics`: the cost of request measurement on the hottest path, the cached list.
 * Starts two local servers on the same prepared D1 (`--port`, `--port`+1; inspectors on
 * `--inspector-port` and the next), one with measurement and one with `METRICS=off`, and measures
 * the demo board's cached list on each in alternating rounds. Halfway the servers are restarted
 * with their roles swapped, so a difference between the two processes cancels out. Reports
 * req/s and latency of both and the throughput loss of measurement (budget: 3%).
 * A benchmark, not a test: it reports, it does not judge. Results also go to load/results/.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lib/paths.ts';
import { waitForHealth } from '../lib/api-server.ts';
import { wranglerDev } from '../lib/wrangler.ts';
import { prepareLocalDatabase } from '../start.ts';
import { emptySamples, formatPhases, measure, summarize } from './throughput.ts';

const BUDGET = 0.03;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8790' },
    'inspector-port': { type: 'string', default: '9330' },
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '8' },
    path: { type: 'string', default: '/api/v1/demo/main/feedback' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const ports = [Number(values.port), Number(values.port) + 1];
const inspectorPorts = [Number(values['inspector-port']), Number(values['inspector-port']) + 1];

interface Server {
  process: ChildProcess;
  url: string;
}

async function startServers(offIndex: number): Promise<Server[]> {
  const servers = ports.map((port, i) => ({
    process: wranglerDev(port, { quiet: true, inspectorPort: inspectorPorts[i], vars: i === offIndex ? { METRICS: 'off' } : {} }),
    url: `http://127.0.0.1:${port}`,
  }));
  await Promise.all(servers.map((s) => waitForHealth(s.url, 120_000)));
  return servers;
}

async function stopServers(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.process.exitCode !== null) return resolve();
          s.process.once('exit', () => resolve());
          s.process.kill('SIGINT');
          setTimeout(() => s.process.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}

async function main(): Promise<void> {
  console.error('bench:metrics: preparing the local D1 (migrations, demo data)');
  prepareLocalDatabase();
  const samples = { on: emptySamples(), off: emptySamples() };
  for (const offIndex of [1, 0]) {
    const servers = await startServers(offIndex);
    try {
      const on = `${servers[1 - offIndex]!.url}${values.path}`;
      const off = `${servers[offIndex]!.url}${values.path}`;
      // Warm-up: fills the cache entry and lets each runtime settle (JIT, connections).
      for (const url of [on, off]) await measure(emptySamples(), url, { seconds: 2, concurrency });
      for (let round = 0; round < rounds / 2; round++) {
        const order = round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
        for (const which of order) await measure(samples[which], which === 'on' ? on : off, { seconds, concurrency });
      }
    } finally {
      await stopServers(servers);
    }
  }
  const on = summarize('measurement on', samples.on);
  const off = summarize('measurement off', samples.off);
  const loss = 1 - on.requestsPerSecond / off.requestsPerSecond;
  console.log(`\ncached list ${values.path}: ${rounds} rounds x ${seconds}s per phase, ${concurrency} in flight, roles swapped halfway\n`);
  console.log(formatPhases([on, off]));
  console.log(`\nthroughput loss with measurement: ${(loss * 100).toFixed(1)}% (budget ${BUDGET * 100}%) ${loss <= BUDGET ? 'within budget' : 'OVER BUDGET'}`);

  const dir = join(repoRoot, 'load', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-metrics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ path: values.path, seconds, rounds, concurrency, results: [on, off], loss, budget: BUDGET }, null, 2));
  console.log(`results: ${file}`);
}

await main();

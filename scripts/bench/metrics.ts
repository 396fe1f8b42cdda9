/**
 * @module
 * `npm run bench:metrics`: the cost of request measurement on the hottest path, the cached list.
 * Starts two local servers on the same prepared D1 (`--port`, `--port`+1; inspectors on
 * `--inspector-port` and the next), one with measurement and one with `METRICS=off`, and loads the
 * demo board's cached list on both at the same time, so the load of a shared machine at any moment
 * falls on both alike. Halfway the servers are restarted with their roles swapped, so a difference
 * between the two processes cancels out. Reports req/s and latency of both and the throughput loss
 * of measurement (budget: 3%), and the servers' CPU time per request (`/proc`: the server process
 * and its children), which a busy machine disturbs far less than throughput.
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
import { treeCpuSeconds } from './process-cpu.ts';
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
  const cpu = { on: 0, off: 0 };
  for (const offIndex of [1, 0]) {
    const servers = await startServers(offIndex);
    try {
      const on = `${servers[1 - offIndex]!.url}${values.path}`;
      const off = `${servers[offIndex]!.url}${values.path}`;
      // Warm-up: fills the cache entry and lets each runtime settle (JIT, connections).
      await Promise.all([on, off].map((url) => measure(emptySamples(), url, { seconds: 2, concurrency })));
      const cpuOf = (index: number) => treeCpuSeconds(servers[index]!.process.pid!) ?? NaN;
      const cpuBefore = { on: cpuOf(1 - offIndex), off: cpuOf(offIndex) };
      for (let round = 0; round < rounds / 2; round++) {
        await Promise.all([measure(samples.on, on, { seconds, concurrency }), measure(samples.off, off, { seconds, concurrency })]);
      }
      cpu.on += cpuOf(1 - offIndex) - cpuBefore.on;
      cpu.off += cpuOf(offIndex) - cpuBefore.off;
    } finally {
      await stopServers(servers);
    }
  }
  const on = summarize('measurement on', samples.on);
  const off = summarize('measurement off', samples.off);
  const loss = 1 - on.requestsPerSecond / off.requestsPerSecond;
  console.log(`\ncached list ${values.path}: ${rounds} rounds x ${seconds}s, both servers at once with ${concurrency} in flight each, roles swapped halfway\n`);
  console.log(formatPhases([on, off]));
  console.log(`\nthroughput loss with measurement: ${(loss * 100).toFixed(1)}% (budget ${BUDGET * 100}%) ${loss <= BUDGET ? 'within budget' : 'OVER BUDGET'}`);
  const cpuPerRequest = { on: (cpu.on / on.requests) * 1000, off: (cpu.off / off.requests) * 1000 };
  const cpuOverhead = cpuPerRequest.on / cpuPerRequest.off - 1;
  console.log(
    `server CPU per request: ${cpuPerRequest.on.toFixed(2)} ms with measurement, ${cpuPerRequest.off.toFixed(2)} ms without (${(cpuOverhead * 100).toFixed(1)}%)`,
  );

  const dir = join(repoRoot, 'load', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-metrics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ path: values.path, seconds, rounds, concurrency, results: [on, off], loss, budget: BUDGET, cpuSeconds: cpu, cpuPerRequestMs: cpuPerRequest, cpuOverhead }, null, 2));
  console.log(`results: ${file}`);
}

await main();

/**
 * @module
 * `npm run bench:cache`: cached vs uncached list latency and throughput, side by side, against a
 * running `npm start` (`--url`, else API_URL, else http://127.0.0.1:$PORT with PORT 8787 by
 * default, as `npm start`; localhost only), and the cached throughput as a fraction of the trivial
 * `GET /healthz` on the same server.
 *
 * Three phases with `--concurrency` requests in flight (default 8), run in turn for `--rounds`
 * rounds (default 3) of `--seconds` each (default 4), so drifting load on a shared machine hits all
 * three alike; each phase's figures are over all its rounds:
 * - healthz: touches nothing, the ceiling of this server;
 * - cached:  the demo board's list, warmed first, so every request is a HIT;
 * - uncached: the same list with `X-User-Token`, which the cache bypasses, so every request runs the
 *   handler and its D1 queries (the list handler does not read the token, so the work is the same).
 * A benchmark, not a test: it reports, it does not judge. Results also go to load/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lib/paths.ts';
import { serverUrl } from '../lib/server-url.ts';

interface PhaseResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  xCache: Record<string, number>;
}

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: serverUrl() },
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    path: { type: 'string', default: '/api/v1/demo/main/feedback' },
  },
});
const base = new URL(values.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) throw new Error(`--url must be a local server, not ${base.hostname}`);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Samples {
  latencies: number[];
  xCache: Record<string, number>;
  errors: number;
  elapsed: number;
}

const emptySamples = (): Samples => ({ latencies: [], xCache: {}, errors: 0, elapsed: 0 });

async function measure(samples: Samples, path: string, headers: Record<string, string> = {}): Promise<void> {
  const url = new URL(path, base).toString();
  const { latencies, xCache } = samples;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) samples.errors++;
        const state = res.headers.get('X-Cache') ?? 'none';
        xCache[state] = (xCache[state] ?? 0) + 1;
      } catch {
        samples.errors++;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  samples.elapsed += (performance.now() - started) / 1000;
}

function summarize(name: string, { latencies, xCache, errors, elapsed }: Samples): PhaseResult {
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name,
    requests: latencies.length,
    errors,
    seconds: round(elapsed),
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    xCache,
  };
}

async function main(): Promise<void> {
  const probe = await fetch(new URL(values.path, base)).catch(() => undefined);
  if (!probe || probe.status !== 200) throw new Error(`${values.path} on ${base.origin} did not answer 200; is \`PORT=${base.port} npm start\` running?`);
  await probe.arrayBuffer();
  // Warm-up: fills the cache entry and lets the runtime settle (JIT, connections).
  await measure(emptySamples(), values.path);
  await measure(emptySamples(), '/healthz');

  const samples = { healthz: emptySamples(), cached: emptySamples(), uncached: emptySamples() };
  for (let round = 0; round < rounds; round++) {
    await measure(samples.healthz, '/healthz');
    await measure(samples.cached, values.path);
    await measure(samples.uncached, values.path, { 'X-User-Token': 'bench-bypass' });
  }
  const healthz = summarize('healthz', samples.healthz);
  const cached = summarize('cached list (HIT)', samples.cached);
  const uncached = summarize('uncached list (BYPASS)', samples.uncached);
  const results = [healthz, cached, uncached];

  console.log(`\n${base.origin}${values.path}: ${rounds} rounds x ${seconds}s per phase, ${concurrency} in flight\n`);
  console.log('phase                    req/s     p50 ms   p95 ms   p99 ms   errors  X-Cache');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(24)} ${String(r.requestsPerSecond).padStart(6)}  ${r.p50Ms.toFixed(2).padStart(8)} ${r.p95Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)}  ${String(r.errors).padStart(6)}  ${JSON.stringify(r.xCache)}`,
    );
  }
  const cachedVsHealthz = cached.requestsPerSecond / healthz.requestsPerSecond;
  const cachedVsUncached = cached.requestsPerSecond / uncached.requestsPerSecond;
  console.log(`\ncached throughput = ${(cachedVsHealthz * 100).toFixed(0)}% of /healthz; ${cachedVsUncached.toFixed(2)}x uncached`);

  const dir = join(repoRoot, 'load', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-cache-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ url: base.origin, path: values.path, seconds, rounds, concurrency, results, cachedVsHealthz, cachedVsUncached }, null, 2));
  console.log(`results: ${file}`);
}

await main();

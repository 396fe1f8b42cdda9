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
import { emptySamples, formatPhases, measure as measureUrl, summarize, type Samples } from './throughput.ts';

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

function measure(samples: Samples, path: string, headers: Record<string, string> = {}): Promise<void> {
  return measureUrl(samples, new URL(path, base).toString(), { seconds, concurrency, headers });
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
  console.log(formatPhases(results));
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

/**
 * @module
 * Closed-loop throughput measurement for the benchmarks: `concurrency` workers request one URL
 * back to back for a fixed time; samples accumulate over rounds so alternating phases share the
 * machine's drifting load alike.
 */

export interface Samples {
  latencies: number[];
  xCache: Record<string, number>;
  errors: number;
  elapsed: number;
}

export interface PhaseResult {
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

export const emptySamples = (): Samples => ({ latencies: [], xCache: {}, errors: 0, elapsed: 0 });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function measure(
  samples: Samples,
  url: string,
  options: { seconds: number; concurrency: number; headers?: Record<string, string> },
): Promise<void> {
  const { latencies, xCache } = samples;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers: options.headers ?? {} });
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
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  samples.elapsed += (performance.now() - started) / 1000;
}

export function summarize(name: string, { latencies, xCache, errors, elapsed }: Samples): PhaseResult {
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

export function formatPhases(results: PhaseResult[]): string {
  const lines = ['phase                    req/s     p50 ms   p95 ms   p99 ms   errors  X-Cache'];
  for (const r of results) {
    lines.push(
      `${r.name.padEnd(24)} ${String(r.requestsPerSecond).padStart(6)}  ${r.p50Ms.toFixed(2).padStart(8)} ${r.p95Ms.toFixed(2).padStart(8)} ${r.p99Ms.toFixed(2).padStart(8)}  ${String(r.errors).padStart(6)}  ${JSON.stringify(r.xCache)}`,
    );
  }
  return lines.join('\n');
}

/** @module Reading the stats API in tests, and waiting for the store to catch up with sent traffic. */
import type { OperationPerformance, PerformanceStats } from '../../generated/schemas.ts';
import { api, json, PLATFORM_TOKEN } from '../support/api.ts';

export async function stats(query: string, key = PLATFORM_TOKEN): Promise<PerformanceStats> {
  const res = await api(`/api/v1/performance?${query}`, { key });
  if (res.status !== 200) throw new Error(`getPerformanceStats: ${res.status} ${await res.text()}`);
  return json<PerformanceStats>(res);
}

export function byOperation(s: PerformanceStats): Map<string, OperationPerformance> {
  return new Map(s.operations.map((o) => [o.operation, o]));
}

/**
 * Flushes run through `waitUntil`, so a flush another request started may land just after a read;
 * reads until `done` holds (bounded), then returns that read.
 */
export async function statsWhen(query: string, done: (s: PerformanceStats) => boolean, key = PLATFORM_TOKEN): Promise<PerformanceStats> {
  let last = await stats(query, key);
  for (let attempt = 0; attempt < 40 && !done(last); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await stats(query, key);
  }
  return last;
}

/** The nearest-rank percentile of raw values, the definition the histograms approximate. */
export function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

/**
 * @module
 * The API's time series as chart columns: one x value per bucket of the whole window (so a quiet
 * minute shows as a gap or zero, not as a missing point), latency per operation, and request rate,
 * error rate and cache hit ratio over every operation.
 */
import type { PerformancePoint, PerformanceStats } from './api.ts';

export interface ChartColumns {
  /** Bucket starts, epoch seconds. */
  t: number[];
  /** Requests per second, all operations. */
  rate: number[];
  /** Shares of 4xx and 5xx answers, null where there were no requests. */
  errors4xx: (number | null)[];
  errors5xx: (number | null)[];
  /** (HIT + STALE) / cacheable, null where nothing was cacheable. */
  hitRatio: (number | null)[];
}

export function bucketStarts(stats: Pick<PerformanceStats, 'from' | 'to' | 'bucketSeconds'>): number[] {
  const from = Date.parse(stats.from) / 1000;
  const to = Date.parse(stats.to) / 1000;
  const starts: number[] = [];
  for (let t = from; t <= to; t += stats.bucketSeconds) starts.push(t);
  return starts;
}

export function overallColumns(stats: PerformanceStats): ChartColumns {
  const t = bucketStarts(stats);
  const index = new Map(t.map((start, i) => [start, i]));
  const requests = new Array<number>(t.length).fill(0);
  const e4 = new Array<number>(t.length).fill(0);
  const e5 = new Array<number>(t.length).fill(0);
  const hits = new Array<number>(t.length).fill(0);
  const cacheable = new Array<number>(t.length).fill(0);
  for (const p of stats.series) {
    const i = index.get(Date.parse(p.t) / 1000);
    if (i === undefined) continue;
    requests[i]! += p.requests;
    e4[i]! += p.errors4xx;
    e5[i]! += p.errors5xx;
    hits[i]! += p.cacheHits;
    cacheable[i]! += p.cacheable;
  }
  return {
    t,
    rate: requests.map((n) => n / stats.bucketSeconds),
    errors4xx: e4.map((n, i) => (requests[i] === 0 ? null : n / requests[i]!)),
    errors5xx: e5.map((n, i) => (requests[i] === 0 ? null : n / requests[i]!)),
    hitRatio: hits.map((n, i) => (cacheable[i] === 0 ? null : n / cacheable[i]!)),
  };
}

/** p50, p95 and p99 of one operation per bucket (null where it had no requests). */
export function latencyColumns(stats: PerformanceStats, operation: string): { t: number[]; p50: (number | null)[]; p95: (number | null)[]; p99: (number | null)[] } {
  const t = bucketStarts(stats);
  const points = new Map<number, PerformancePoint>();
  for (const p of stats.series) if (p.operation === operation) points.set(Date.parse(p.t) / 1000, p);
  const pick = (key: 'p50Ms' | 'p95Ms' | 'p99Ms') => t.map((start) => points.get(start)?.[key] ?? null);
  return { t, p50: pick('p50Ms'), p95: pick('p95Ms'), p99: pick('p99Ms') };
}

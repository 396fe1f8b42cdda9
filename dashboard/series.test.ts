import { describe, expect, it } from 'vitest';
import type { PerformanceStats } from './api.ts';
import { bucketStarts, latencyColumns, overallColumns } from './series.ts';

const stats = {
  from: '2026-11-30T09:00:00.000Z',
  to: '2026-11-30T09:03:30.000Z',
  bucketSeconds: 60,
  series: [
    { t: '2026-11-30T09:00:00.000Z', operation: 'listFeedback', requests: 60, p50Ms: 2, p95Ms: 9, p99Ms: 20, errors4xx: 6, errors5xx: 0, cacheHits: 45, cacheable: 50 },
    { t: '2026-11-30T09:00:00.000Z', operation: 'voteFeedback', requests: 60, p50Ms: 30, p95Ms: 90, p99Ms: 120, errors4xx: 0, errors5xx: 3, cacheHits: 0, cacheable: 0 },
    { t: '2026-11-30T09:02:00.000Z', operation: 'listFeedback', requests: 30, p50Ms: 3, p95Ms: 8, p99Ms: 10, errors4xx: 0, errors5xx: 0, cacheHits: 0, cacheable: 0 },
  ],
} as unknown as PerformanceStats;

describe('dashboard series', () => {
  it('has a point for every bucket of the window, quiet ones included', () => {
    const minute = Date.parse('2026-11-30T09:00:00Z') / 1000;
    expect(bucketStarts(stats)).toEqual([minute, minute + 60, minute + 120, minute + 180]);
  });

  it('sums every operation per bucket into rate, error shares and hit ratio', () => {
    const c = overallColumns(stats);
    expect(c.rate).toEqual([2, 0, 0.5, 0]);
    expect(c.errors4xx).toEqual([0.05, null, 0, null]);
    expect(c.errors5xx).toEqual([0.025, null, 0, null]);
    expect(c.hitRatio).toEqual([0.9, null, null, null]);
  });

  it('takes one operation’s percentiles, null where it had no requests', () => {
    expect(latencyColumns(stats, 'listFeedback')).toMatchObject({ p50: [2, null, 3, null], p95: [9, null, 8, null], p99: [20, null, 10, null] });
    expect(latencyColumns(stats, 'voteFeedback').p95).toEqual([90, null, null, null]);
  });
});

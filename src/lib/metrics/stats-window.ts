/**
 * @module
 * The windows the stats API reads: 1h in minute buckets, 24h and 7d in hour buckets. A window is
 * the bucket holding `at` and the ones before it, `seconds / bucketSeconds` buckets in all.
 */
import type { PerformanceStats } from '../../../generated/schemas.ts';

export type StatsRange = PerformanceStats['range'];

export const RANGES: Record<StatsRange, { seconds: number; bucketSeconds: 60 | 3600 }> = {
  '1h': { seconds: 3600, bucketSeconds: 60 },
  '24h': { seconds: 86_400, bucketSeconds: 3600 },
  '7d': { seconds: 604_800, bucketSeconds: 3600 },
};

export interface StatsQuery {
  range: StatsRange;
  bucketSeconds: 60 | 3600;
  /** Epoch seconds: the first bucket's start, and the end of the window. */
  from: number;
  to: number;
  /** A workspace slug, or undefined for every workspace. */
  workspace?: string;
  operation?: string;
}

export function statsQuery(range: StatsRange, atMs: number, filter: { workspace?: string; operation?: string }): StatsQuery {
  const { seconds, bucketSeconds } = RANGES[range];
  const to = Math.floor(atMs / 1000);
  const currentBucket = Math.floor(to / bucketSeconds) * bucketSeconds;
  return { range, bucketSeconds, from: currentBucket - seconds + bucketSeconds, to, ...filter };
}

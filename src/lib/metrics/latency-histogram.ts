/**
 * @module
 * Mergeable log-linear latency histograms. Every power of two of milliseconds is split into
 * `SUB_BUCKETS` equal buckets, so a bucket is at most 1/32 of its lower bound wide and its midpoint
 * is within 1/64 (1.6%) of any value in it: a percentile read from the histogram is within 1.6% of
 * the same percentile (nearest rank) of the raw values. Zero has its own exact bucket (Workers
 * timers do not advance without I/O, so a cache HIT can measure 0 ms). Histograms are sparse maps
 * of bucket index to count; merging adds counts, so merges are exact and order-free.
 */

const SUB_BUCKETS = 32;
/** Values below 2^-10 ms (~1 µs) share the first bucket; 2^22 ms (70 min) and above the last. */
const MIN_EXPONENT = -10;
const MAX_EXPONENT = 22;
export const MAX_RELATIVE_ERROR = 1 / (2 * SUB_BUCKETS);

/** Bucket index → count. */
export type LatencyHistogram = Map<number, number>;

/** The bucket of a duration in milliseconds: 0 for zero, then 32 per power of two. */
export function bucketOf(ms: number): number {
  if (!(ms > 0)) return 0;
  let exponent = Math.floor(Math.log2(ms));
  if (exponent < MIN_EXPONENT) return 1;
  if (exponent > MAX_EXPONENT) exponent = MAX_EXPONENT;
  const sub = Math.min(SUB_BUCKETS - 1, Math.floor((ms / 2 ** exponent - 1) * SUB_BUCKETS));
  return 1 + (exponent - MIN_EXPONENT) * SUB_BUCKETS + sub;
}

/** The midpoint of a bucket, the value a percentile in it is reported as. */
export function bucketValue(bucket: number): number {
  if (bucket <= 0) return 0;
  const exponent = Math.floor((bucket - 1) / SUB_BUCKETS) + MIN_EXPONENT;
  const sub = (bucket - 1) % SUB_BUCKETS;
  return 2 ** exponent * (1 + (sub + 0.5) / SUB_BUCKETS);
}

export function record(histogram: LatencyHistogram, ms: number, count = 1): void {
  const bucket = bucketOf(ms);
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + count);
}

export function mergeInto(target: LatencyHistogram, source: LatencyHistogram): void {
  for (const [bucket, count] of source) target.set(bucket, (target.get(bucket) ?? 0) + count);
}

export function totalCount(histogram: LatencyHistogram): number {
  let total = 0;
  for (const count of histogram.values()) total += count;
  return total;
}

/**
 * The q-quantile (0 < q ≤ 1) by nearest rank, as its bucket's midpoint; capped at `maxMs` when
 * known, so p99 never exceeds the exact maximum. Null for an empty histogram.
 */
export function quantile(histogram: LatencyHistogram, q: number, maxMs = Infinity): number | null {
  const total = totalCount(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  const buckets = [...histogram.keys()].sort((a, b) => a - b);
  let seen = 0;
  for (const bucket of buckets) {
    seen += histogram.get(bucket)!;
    if (seen >= rank) return Math.min(bucketValue(bucket), maxMs);
  }
  return Math.min(bucketValue(buckets.at(-1)!), maxMs);
}

/** Stored form: a JSON object of bucket index to count (SQLite's json_each can merge it). */
export function serialize(histogram: LatencyHistogram): string {
  return JSON.stringify(Object.fromEntries(histogram));
}

export function deserialize(text: string): LatencyHistogram {
  const histogram: LatencyHistogram = new Map();
  for (const [bucket, count] of Object.entries(JSON.parse(text) as Record<string, number>)) histogram.set(Number(bucket), count);
  return histogram;
}

/**
 * @module
 * Stats from the D1 rollup store: the window's rows merged per operation and per (bucket,
 * operation). Counts and sums add exactly; percentiles come from the merged histograms.
 */
import { database } from '../../db/client.ts';
import { rollupRowsQuery, type RollupRow } from '../../queries/performance-rollups.ts';
import { deserialize, mergeInto, quantile, type LatencyHistogram } from './latency-histogram.ts';
import type { OperationFigures, PointFigures, RequestSums, StoreFigures } from './performance-report.ts';
import type { StatsQuery } from './stats-window.ts';

interface Accumulator extends RequestSums {
  maxMs: number;
  all: LatencyHistogram;
  cached: LatencyHistogram;
  uncached: LatencyHistogram;
}

const emptyAccumulator = (): Accumulator => ({
  requests: 0,
  refreshes: 0,
  maxMs: 0,
  errors4xx: 0,
  errors5xx: 0,
  cacheable: 0,
  cacheHits: 0,
  d1Statements: 0,
  d1Ms: 0,
  rowsRead: 0,
  rowsWritten: 0,
  all: new Map(),
  cached: new Map(),
  uncached: new Map(),
});

function add(acc: Accumulator, row: RollupRow, histogram: LatencyHistogram): void {
  if (row.cache_status === 'REVALIDATED') {
    acc.refreshes += row.requests;
    return;
  }
  const hit = row.cache_status === 'HIT' || row.cache_status === 'STALE';
  acc.requests += row.requests;
  acc.maxMs = Math.max(acc.maxMs, row.max_ms);
  if (row.status_class === 4) acc.errors4xx += row.requests;
  if (row.status_class === 5) acc.errors5xx += row.requests;
  if (hit || row.cache_status === 'MISS') acc.cacheable += row.requests;
  if (hit) acc.cacheHits += row.requests;
  acc.d1Statements += row.d1_statements;
  acc.d1Ms += row.d1_ms;
  acc.rowsRead += row.rows_read;
  acc.rowsWritten += row.rows_written;
  mergeInto(acc.all, histogram);
  mergeInto(hit ? acc.cached : acc.uncached, histogram);
}

function percentiles(acc: Accumulator) {
  const max = acc.requests === 0 ? null : acc.maxMs;
  const q = (h: LatencyHistogram, p: number) => quantile(h, p, max ?? Infinity);
  return { p50Ms: q(acc.all, 0.5), p95Ms: q(acc.all, 0.95), p99Ms: q(acc.all, 0.99), maxMs: max, p95CachedMs: q(acc.cached, 0.95), p95UncachedMs: q(acc.uncached, 0.95) };
}

export async function d1Figures(d1: D1Database, query: StatsQuery): Promise<StoreFigures> {
  const rows = await rollupRowsQuery(database(d1), {
    bucketSeconds: query.bucketSeconds,
    from: query.from,
    workspace: query.workspace,
    operation: query.operation,
  }).execute();

  const byOperation = new Map<string, Accumulator>();
  const byPoint = new Map<string, { t: number; operation: string; acc: Accumulator }>();
  for (const row of rows) {
    const histogram = deserialize(row.histogram);
    let op = byOperation.get(row.operation);
    if (!op) byOperation.set(row.operation, (op = emptyAccumulator()));
    add(op, row, histogram);
    const key = `${row.bucket_start}|${row.operation}`;
    let point = byPoint.get(key);
    if (!point) byPoint.set(key, (point = { t: row.bucket_start, operation: row.operation, acc: emptyAccumulator() }));
    add(point.acc, row, histogram);
  }

  const operations: OperationFigures[] = [...byOperation]
    .map(([operation, acc]) => ({ operation, ...acc, ...percentiles(acc) }))
    .sort((a, b) => b.requests - a.requests || a.operation.localeCompare(b.operation));
  const series: PointFigures[] = [...byPoint.values()]
    .filter(({ acc }) => acc.requests > 0)
    .map(({ t, operation, acc }) => {
      const { p50Ms, p95Ms, p99Ms } = percentiles(acc);
      return { t, operation, requests: acc.requests, p50Ms, p95Ms, p99Ms, errors4xx: acc.errors4xx, errors5xx: acc.errors5xx, cacheHits: acc.cacheHits, cacheable: acc.cacheable };
    })
    .sort((a, b) => a.t - b.t || a.operation.localeCompare(b.operation));
  return { operations, series };
}

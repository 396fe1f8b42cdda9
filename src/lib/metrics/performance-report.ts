/**
 * @module
 * The figures both stores produce (raw sums and percentiles per operation and per time bucket),
 * and their shape in the API: rates, ratios, per-request averages and the SLO verdict.
 */
import type { OperationPerformance, PerformancePoint } from '../../../generated/schemas.ts';
import { iso } from '../time.ts';
import { evaluateSlo, sloOf } from './slo.ts';

/** What adds up over requests. */
export interface RequestSums {
  /** Client requests; REVALIDATED refreshes are in `refreshes` only. */
  requests: number;
  refreshes: number;
  errors4xx: number;
  errors5xx: number;
  cacheable: number;
  cacheHits: number;
  d1Statements: number;
  d1Ms: number;
  rowsRead: number;
  rowsWritten: number;
}

export interface OperationFigures extends RequestSums {
  operation: string;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  p95CachedMs: number | null;
  p95UncachedMs: number | null;
}

export interface PointFigures {
  /** Epoch seconds of the bucket start. */
  t: number;
  operation: string;
  requests: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  errors4xx: number;
  errors5xx: number;
  cacheHits: number;
  cacheable: number;
}

export interface StoreFigures {
  operations: OperationFigures[];
  series: PointFigures[];
}

const perRequest = (total: number, requests: number) => (requests === 0 ? 0 : total / requests);

export function operationPerformance(f: OperationFigures): OperationPerformance {
  return {
    operation: f.operation,
    requests: f.requests,
    refreshes: f.refreshes,
    p50Ms: f.p50Ms,
    p95Ms: f.p95Ms,
    p99Ms: f.p99Ms,
    maxMs: f.maxMs,
    rate4xx: perRequest(f.errors4xx, f.requests),
    rate5xx: perRequest(f.errors5xx, f.requests),
    cacheable: f.cacheable,
    cacheHitRatio: f.cacheable === 0 ? null : f.cacheHits / f.cacheable,
    d1StatementsPerRequest: perRequest(f.d1Statements, f.requests),
    d1MsPerRequest: perRequest(f.d1Ms, f.requests),
    rowsReadPerRequest: perRequest(f.rowsRead, f.requests),
    rowsWrittenPerRequest: perRequest(f.rowsWritten, f.requests),
    slo: evaluateSlo(sloOf(f.operation), f),
  };
}

export function performancePoint(p: PointFigures): PerformancePoint {
  return { ...p, t: iso(p.t * 1000) };
}

/**
 * @module
 * Service level objectives from the contract: each operation's `x-slo` (or the document's), and
 * whether a window's figures meet it. A split p95 target (`{cached, uncached}`) is checked against
 * the p95 of cached requests (HIT, STALE) and of the others separately; the error rate is the
 * share of 5xx answers.
 */
import { routes } from '../../../generated/routes.ts';
import spec from '../../../generated/spec.json';
import type { SloResult } from '../../../generated/schemas.ts';

export interface SloTarget {
  p95Ms: number | { cached: number; uncached: number };
  errorRate: number;
}

const documentSlo = spec['x-slo'] as SloTarget;
const operationSlos = new Map<string, SloTarget>(
  Object.values(routes).map((route) => [route.operationId, (route as { 'x-slo'?: SloTarget })['x-slo'] ?? documentSlo]),
);

export function isOperation(operation: string): boolean {
  return operationSlos.has(operation);
}

export function sloOf(operation: string): SloTarget {
  return operationSlos.get(operation) ?? documentSlo;
}

export interface MeasuredForSlo {
  requests: number;
  errors5xx: number;
  p95Ms: number | null;
  p95CachedMs: number | null;
  p95UncachedMs: number | null;
}

export function evaluateSlo(target: SloTarget, measured: MeasuredForSlo): SloResult {
  const check = (scope: 'all' | 'cached' | 'uncached', targetMs: number, p95Ms: number | null) => ({
    scope,
    targetMs,
    p95Ms,
    met: p95Ms === null || p95Ms <= targetMs,
  });
  const latency =
    typeof target.p95Ms === 'number'
      ? [check('all', target.p95Ms, measured.p95Ms)]
      : [check('cached', target.p95Ms.cached, measured.p95CachedMs), check('uncached', target.p95Ms.uncached, measured.p95UncachedMs)];
  const errorRate = measured.requests === 0 ? 0 : measured.errors5xx / measured.requests;
  const errorRateMet = errorRate <= target.errorRate;
  return { latency, errorRateTarget: target.errorRate, errorRate, errorRateMet, met: errorRateMet && latency.every((l) => l.met) };
}

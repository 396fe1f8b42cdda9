/**
 * @module
 * Request measurement, around every request: the operation (set by the per-operation chain before
 * validation), status, cache status, total time, and D1 statements, time and rows. Every response
 * gets `Server-Timing` (total, db with its statement count, cache) and `X-Request-Id`; the
 * measurement goes to the sink (`src/lib/metrics/sink.ts`) without awaiting anything.
 * `METRICS=off` skips all of it (the overhead benchmark's baseline).
 */
import type { ExecutionContext, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Env } from '../env.ts';
import { measureD1 } from '../db/d1-usage.ts';
import { isRefreshRequest } from './cache/refresh.ts';
import { cacheStatusOf, UNROUTED, type RequestMeasurement } from './metrics/request-measurement.ts';
import { metricsSink } from './metrics/sink.ts';

/** An isolate runs in one colo: read once, since `request.cf` is parsed anew on each access. */
let isolateColo: string | undefined;

/** Request ids: a random prefix per isolate and a counter, unique without a random draw per request. */
let isolatePrefix: string | undefined;
let requestCounter = 0;

function nextRequestId(): string {
  isolatePrefix ??= crypto.randomUUID();
  requestCounter += 1;
  return `${isolatePrefix}-${requestCounter.toString(36)}`;
}

/** A measurement of a request about to be served. */
export function startMeasurement(request: Request): RequestMeasurement {
  return {
    operation: UNROUTED,
    method: request.method,
    status: 0,
    cache: 'NONE',
    workspace: '',
    colo: (isolateColo ??= (request.cf?.colo as string | undefined) ?? 'local'),
    totalMs: 0,
    statements: 0,
    durationMs: 0,
    rowsRead: 0,
    rowsWritten: 0,
  };
}

/** The `Server-Timing` and `X-Request-Id` of a measured response. */
export function measurementHeaders(m: RequestMeasurement): { 'Server-Timing': string; 'X-Request-Id': string } {
  return {
    'Server-Timing': `total;dur=${m.totalMs.toFixed(1)}, db;desc="${m.statements} statements";dur=${m.durationMs.toFixed(1)}, cache;desc="${m.cache}"`,
    'X-Request-Id': nextRequestId(),
  };
}

/** Sends the measurement to the sink, without awaiting anything. */
export function recordMeasurement(m: RequestMeasurement, env: Env, ctx: ExecutionContext): void {
  metricsSink(env).record(m, env, ctx);
}

export const requestMetrics: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.env.METRICS === 'off') return next();
  const start = performance.now();
  const m = startMeasurement(c.req.raw);
  await measureD1(m, next);
  m.totalMs = performance.now() - start;
  const res = c.res;
  m.status = res.status;
  m.operation = c.get('operationId') ?? UNROUTED;
  m.workspace = (m.operation === UNROUTED ? undefined : c.req.param('workspace')) ?? '';
  m.cache = isRefreshRequest(c.req.raw) ? 'REVALIDATED' : cacheStatusOf(res.headers.get('X-Cache'));
  for (const [name, value] of Object.entries(measurementHeaders(m))) res.headers.set(name, value);
  recordMeasurement(m, c.env, c.executionCtx);
};

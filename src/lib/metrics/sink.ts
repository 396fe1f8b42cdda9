/**
 * @module
 * Where measurements go. One interface, two sinks: Workers Analytics Engine on Cloudflare when the
 * dataset is bound and the SQL API can be read back (account id and token set), else the D1 rollup
 * store, which is what `npm start` and the tests use. `record` must not await or throw: it runs on
 * the response path of every request.
 */
import type { ExecutionContext } from 'hono';
import type { Env } from '../../env.ts';
import { analyticsEngineSink } from './analytics-engine-sink.ts';
import { d1RollupSink } from './d1-rollup-sink.ts';
import type { RequestMeasurement } from './request-measurement.ts';

export interface MetricsSink {
  readonly name: 'analytics-engine' | 'd1';
  record(measurement: RequestMeasurement, env: Env, ctx: ExecutionContext): void;
}

/** What reading the dataset through the SQL API takes. */
export interface AnalyticsEngineAccess {
  accountId: string;
  apiToken: string;
}

/** Analytics Engine is used only when its data can also be read back for the stats API. */
function usesAnalyticsEngine(env: Env): boolean {
  return env.PERFORMANCE_ANALYTICS !== undefined && Boolean(env.CF_ACCOUNT_ID) && Boolean(env.CF_ANALYTICS_TOKEN);
}

export function analyticsEngineAccess(env: Env): AnalyticsEngineAccess | undefined {
  return usesAnalyticsEngine(env) ? { accountId: env.CF_ACCOUNT_ID!, apiToken: env.CF_ANALYTICS_TOKEN! } : undefined;
}

export function metricsSink(env: Env): MetricsSink {
  return usesAnalyticsEngine(env) ? analyticsEngineSink : d1RollupSink;
}

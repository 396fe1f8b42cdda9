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

export interface AnalyticsEngineAccess {
  dataset: AnalyticsEngineDataset;
  accountId: string;
  apiToken: string;
}

/** Analytics Engine is used only when its data can also be read back for the stats API. */
export function analyticsEngineAccess(env: Env): AnalyticsEngineAccess | undefined {
  if (!env.PERFORMANCE_ANALYTICS || !env.CF_ACCOUNT_ID || !env.CF_ANALYTICS_TOKEN) return undefined;
  return { dataset: env.PERFORMANCE_ANALYTICS, accountId: env.CF_ACCOUNT_ID, apiToken: env.CF_ANALYTICS_TOKEN };
}

export function metricsSink(env: Env): MetricsSink {
  return analyticsEngineAccess(env) ? analyticsEngineSink : d1RollupSink;
}

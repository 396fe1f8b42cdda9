/**
 * @module
 * getPerformanceStats: per-operation latency, errors, cache and D1 use with SLO verdicts, and a
 * time series, from Analytics Engine on Cloudflare or the D1 rollup store (docs/metrics.md).
 */
import type { Handlers } from '../../generated/handlers.ts';
import { now } from '../lib/clock.ts';
import { analyticsEngineFigures } from '../lib/metrics/analytics-engine-stats-source.ts';
import { flushPendingRollups } from '../lib/metrics/d1-rollup-sink.ts';
import { d1Figures } from '../lib/metrics/d1-stats-source.ts';
import { operationPerformance, performancePoint, type StoreFigures } from '../lib/metrics/performance-report.ts';
import { UNROUTED } from '../lib/metrics/request-measurement.ts';
import { analyticsEngineAccess } from '../lib/metrics/sink.ts';
import { isOperation } from '../lib/metrics/slo.ts';
import { statsQuery } from '../lib/metrics/stats-window.ts';
import { forbidden, invalidFields } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';

export const performanceHandlers: Pick<Handlers, 'getPerformanceStats'> = {
  getPerformanceStats: async (c) => {
    const { range = '1h', operation, workspace } = c.req.valid('query');
    // Authenticated before validation: a workspace key's workspace, or none for the platform token.
    const keyWorkspace = c.get('keyWorkspace');
    if (keyWorkspace && workspace !== undefined && workspace !== keyWorkspace.slug) {
      throw forbidden(`The API key does not belong to workspace "${workspace}"`);
    }
    if (operation !== undefined && operation !== UNROUTED && !isOperation(operation)) {
      throw invalidFields([{ path: 'query.operation', message: `"${operation}" is not an operationId of this API` }]);
    }
    const query = statsQuery(range, now(), { workspace: keyWorkspace?.slug ?? workspace, operation });
    const access = analyticsEngineAccess(c.env);
    let figures: StoreFigures;
    if (access) {
      figures = await analyticsEngineFigures(access, query);
    } else {
      // This isolate's latest requests are written first, so the answer includes them.
      await flushPendingRollups(c.env.DB);
      figures = await d1Figures(c.env.DB, query);
    }
    return c.json(
      {
        range,
        from: iso(query.from * 1000),
        to: iso(query.to * 1000),
        bucketSeconds: query.bucketSeconds,
        workspace: query.workspace ?? null,
        source: access ? ('analytics-engine' as const) : ('d1' as const),
        operations: figures.operations.map(operationPerformance),
        series: figures.series.map(performancePoint),
      },
      200,
    );
  },
};

/**
 * @module
 * The Workers Analytics Engine sink: one data point per request, written without awaiting.
 * The index is the workspace (Analytics Engine samples per index, so a busy workspace never
 * thins out a quiet one's data); requests that name no workspace share `PLATFORM_INDEX`.
 *
 * Layout (docs/metrics.md has SQL over it):
 *   index1   workspace slug, or `_platform`
 *   blob1    operationId (`unrouted` when no operation matched)
 *   blob2    HTTP method
 *   blob3    cache status: HIT, STALE, MISS, BYPASS, REVALIDATED or NONE
 *   blob4    colo
 *   blob5    workspace slug ('' when none)
 *   double1  total duration, ms
 *   double2  HTTP status
 *   double3  D1 statements
 *   double4  D1 time, ms
 *   double5  D1 rows read
 *   double6  D1 rows written
 */
import type { MetricsSink } from './sink.ts';
import type { RequestMeasurement } from './request-measurement.ts';

export const PLATFORM_INDEX = '_platform';

export function dataPoint(m: RequestMeasurement): AnalyticsEngineDataPoint {
  return {
    indexes: [m.workspace || PLATFORM_INDEX],
    blobs: [m.operation, m.method, m.cache, m.colo, m.workspace],
    doubles: [m.totalMs, m.status, m.statements, m.durationMs, m.rowsRead, m.rowsWritten],
  };
}

export const analyticsEngineSink: MetricsSink = {
  name: 'analytics-engine',
  record(measurement, env) {
    try {
      env.PERFORMANCE_ANALYTICS?.writeDataPoint(dataPoint(measurement));
    } catch (error) {
      // Losing a data point must never fail the request it measured.
      console.warn('metrics: writeDataPoint failed:', error);
    }
  },
};

import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../src/env.ts';
import { dataPoint, PLATFORM_INDEX } from '../../src/lib/metrics/analytics-engine-sink.ts';
import { analyticsEngineFigures, identifierLiteral, PERFORMANCE_DATASET, statsSql, type SqlApiAnswer } from '../../src/lib/metrics/analytics-engine-stats-source.ts';
import type { RequestMeasurement } from '../../src/lib/metrics/request-measurement.ts';
import { metricsSink } from '../../src/lib/metrics/sink.ts';
import { statsQuery } from '../../src/lib/metrics/stats-window.ts';
import { ApiError } from '../../src/lib/problem.ts';

const measurement: RequestMeasurement = {
  operation: 'listFeedback',
  method: 'GET',
  status: 200,
  cache: 'STALE',
  workspace: 'acme',
  colo: 'AMS',
  totalMs: 12.5,
  statements: 2,
  durationMs: 7.25,
  rowsRead: 21,
  rowsWritten: 0,
};

const access = { accountId: '0123456789abcdef0123456789abcdef', apiToken: 'analytics-token' };

/** A fetch that checks each request has the SQL API's documented shape and answers as the API does. */
function sqlApi(answer: (sql: string) => SqlApiAnswer, seen: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    expect(String(input)).toBe(`https://api.cloudflare.com/client/v4/accounts/${access.accountId}/analytics_engine/sql`);
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Authorization')).toBe(`Bearer ${access.apiToken}`);
    const sql = String(init?.body);
    seen.push(sql);
    return Response.json(answer(sql));
  }) as typeof fetch;
}

describe('Analytics Engine sink', () => {
  it('writes the documented layout: index = workspace, blobs and doubles in order', () => {
    expect(dataPoint(measurement)).toEqual({
      indexes: ['acme'],
      blobs: ['listFeedback', 'GET', 'STALE', 'AMS', 'acme'],
      doubles: [12.5, 200, 2, 7.25, 21, 0],
    });
    expect(dataPoint({ ...measurement, workspace: '' }).indexes).toEqual([PLATFORM_INDEX]);
  });

  it('is the sink only when the dataset is bound and its SQL API can be read', () => {
    const points: AnalyticsEngineDataPoint[] = [];
    const dataset = { writeDataPoint: (p?: AnalyticsEngineDataPoint) => void points.push(p!) };
    const base = env as unknown as Env;
    expect(metricsSink({ ...base, PERFORMANCE_ANALYTICS: dataset }).name).toBe('d1');
    const configured: Env = { ...base, PERFORMANCE_ANALYTICS: dataset, CF_ACCOUNT_ID: access.accountId, CF_ANALYTICS_TOKEN: access.apiToken };
    const sink = metricsSink(configured);
    expect(sink.name).toBe('analytics-engine');
    sink.record(measurement, configured, { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} });
    expect(points).toEqual([dataPoint(measurement)]);
  });
});

describe('Analytics Engine SQL', () => {
  it('weights every count, sum and percentile by _sample_interval and places only checked identifiers', () => {
    const query = statsQuery('24h', Date.UTC(2026, 10, 30, 12, 30), { workspace: 'acme', operation: 'listFeedback' });
    const sql = statsSql(query);
    for (const text of Object.values(sql)) {
      expect(text).toContain(`FROM ${PERFORMANCE_DATASET}`);
      expect(text).toContain(`timestamp >= toDateTime(${query.from})`);
      expect(text).toContain("index1 = 'acme'");
      expect(text).toContain("blob1 = 'listFeedback'");
      expect(text).toContain('FORMAT JSON');
      expect(text).not.toMatch(/\bcount\(\)/);
      expect(text).toContain('quantileExactWeighted(0.95)(double1, _sample_interval)');
    }
    expect(sql.series).toContain("INTERVAL '1' HOUR");
    expect(sql.operations).toContain('sum(double3 * _sample_interval) AS d1Statements');
    expect(() => identifierLiteral("x' OR 1=1 --")).toThrow();
    expect(() => statsSql(statsQuery('1h', Date.now(), { workspace: "a'b" }))).toThrow();
  });

  it('turns the documented JSON answer (64-bit integers quoted) into figures', async () => {
    const seen: string[] = [];
    const fetcher = sqlApi((sql) => {
      if (sql.includes('cacheGroup')) {
        return {
          meta: [],
          data: [
            { operation: 'listFeedback', cacheGroup: 'cached', requests: '900', p95: 3.5 },
            { operation: 'listFeedback', cacheGroup: 'uncached', requests: '100', p95: 80 },
            { operation: 'listFeedback', cacheGroup: 'refresh', requests: '7', p95: 40 },
          ],
          rows: 3,
        };
      }
      if (sql.includes('toStartOfInterval')) {
        return { meta: [], data: [{ t: '1796040000', operation: 'listFeedback', requests: '1000', p50: 2, p95: 9, p99: 70, errors4xx: '10', errors5xx: '0', cacheable: '990', cacheHits: '900' }], rows: 1 };
      }
      return {
        meta: [{ name: 'operation', type: 'String' }, { name: 'requests', type: 'UInt64' }],
        data: [{ operation: 'listFeedback', requests: '1000', p50: 2, p95: 9, p99: 70, maxMs: 120, errors4xx: '10', errors5xx: '0', cacheable: '990', cacheHits: '900', d1Statements: 200, d1Ms: 900.5, rowsRead: 4000, rowsWritten: 0 }],
        rows: 1,
      };
    }, seen);
    const figures = await analyticsEngineFigures(access, statsQuery('1h', Date.now(), { workspace: 'acme' }), fetcher);
    expect(seen).toHaveLength(3);
    expect(figures.operations).toEqual([
      {
        operation: 'listFeedback', requests: 1000, refreshes: 7, p50Ms: 2, p95Ms: 9, p99Ms: 70, maxMs: 120, p95CachedMs: 3.5, p95UncachedMs: 80,
        errors4xx: 10, errors5xx: 0, cacheable: 990, cacheHits: 900, d1Statements: 200, d1Ms: 900.5, rowsRead: 4000, rowsWritten: 0,
      },
    ]);
    expect(figures.series).toEqual([{ t: 1796040000, operation: 'listFeedback', requests: 1000, p50Ms: 2, p95Ms: 9, p99Ms: 70, errors4xx: 10, errors5xx: 0, cacheHits: 900, cacheable: 990 }]);
  });

  it('turns an SQL API failure or outage into a 503 problem, not a 500', async () => {
    const failing = (async () => new Response('{"errors":[{"message":"bad token"}]}', { status: 401 })) as unknown as typeof fetch;
    const down = (async () => {
      throw new TypeError('network');
    }) as unknown as typeof fetch;
    for (const fetcher of [failing, down]) {
      const error = await analyticsEngineFigures(access, statsQuery('1h', Date.now(), {}), fetcher).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(503);
    }
  });
});

/**
 * @module
 * Stats from Workers Analytics Engine through its SQL API (POST SQL text to
 * `/accounts/{account}/analytics_engine/sql`, Bearer token, JSON answer `{meta, data, rows}`).
 * Analytics Engine samples busy indexes, and each stored row stands for `_sample_interval`
 * requests, so every count and sum is weighted by it and percentiles use
 * `quantileExactWeighted(q)(double1, _sample_interval)`. The API takes no bound parameters: the
 * only values placed in the SQL are integers and identifiers checked against a strict pattern
 * (workspace slugs, operationIds), and the window is fixed per range.
 */
import { unavailable } from '../problem.ts';
import type { OperationFigures, PointFigures, StoreFigures } from './performance-report.ts';
import type { AnalyticsEngineAccess } from './sink.ts';
import type { StatsQuery } from './stats-window.ts';

/** The dataset named in wrangler.toml's `analytics_engine_datasets`. */
export const PERFORMANCE_DATASET = 'feedback_performance';
const RETRY_AFTER_SECONDS = 30;

export interface SqlApiAnswer {
  meta: { name: string; type: string }[];
  data: Record<string, string | number | null>[];
  rows: number;
}

/** A SQL string literal of a slug or an operationId; anything else is refused, never escaped. */
export function identifierLiteral(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(value)) throw new Error(`not a slug or operationId: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

function whereClause(query: StatsQuery, extra: string): string {
  const conditions = [`timestamp >= toDateTime(${Math.trunc(query.from)})`, extra];
  if (query.workspace !== undefined) conditions.push(`index1 = ${identifierLiteral(query.workspace)}`);
  if (query.operation !== undefined) conditions.push(`blob1 = ${identifierLiteral(query.operation)}`);
  return conditions.join(' AND ');
}

const CLIENT_REQUESTS = "blob3 != 'REVALIDATED'";
const weighted = (condition: string) => `sum(if(${condition}, _sample_interval, 0))`;
const quantiles = `quantileExactWeighted(0.5)(double1, _sample_interval) AS p50,
  quantileExactWeighted(0.95)(double1, _sample_interval) AS p95,
  quantileExactWeighted(0.99)(double1, _sample_interval) AS p99`;
const errorAndCacheSums = `${weighted('double2 >= 400 AND double2 < 500')} AS errors4xx,
  ${weighted('double2 >= 500')} AS errors5xx,
  ${weighted("blob3 IN ('HIT', 'STALE', 'MISS')")} AS cacheable,
  ${weighted("blob3 IN ('HIT', 'STALE')")} AS cacheHits`;

/** The three statements a stats read runs: per operation, per operation and cache group, per bucket. */
export function statsSql(query: StatsQuery): { operations: string; cacheGroups: string; series: string } {
  const unit = query.bucketSeconds === 60 ? 'MINUTE' : 'HOUR';
  return {
    operations: `SELECT blob1 AS operation, sum(_sample_interval) AS requests, ${quantiles}, max(double1) AS maxMs,
  ${errorAndCacheSums},
  sum(double3 * _sample_interval) AS d1Statements, sum(double4 * _sample_interval) AS d1Ms,
  sum(double5 * _sample_interval) AS rowsRead, sum(double6 * _sample_interval) AS rowsWritten
FROM ${PERFORMANCE_DATASET}
WHERE ${whereClause(query, CLIENT_REQUESTS)}
GROUP BY operation
FORMAT JSON`,
    cacheGroups: `SELECT blob1 AS operation,
  if(blob3 IN ('HIT', 'STALE'), 'cached', if(blob3 = 'REVALIDATED', 'refresh', 'uncached')) AS cacheGroup,
  sum(_sample_interval) AS requests, quantileExactWeighted(0.95)(double1, _sample_interval) AS p95
FROM ${PERFORMANCE_DATASET}
WHERE ${whereClause(query, '1 = 1')}
GROUP BY operation, cacheGroup
FORMAT JSON`,
    series: `SELECT toUnixTimestamp(toStartOfInterval(timestamp, INTERVAL '1' ${unit})) AS t, blob1 AS operation,
  sum(_sample_interval) AS requests, ${quantiles},
  ${errorAndCacheSums}
FROM ${PERFORMANCE_DATASET}
WHERE ${whereClause(query, CLIENT_REQUESTS)}
GROUP BY t, operation
ORDER BY t, operation
FORMAT JSON`,
  };
}

export async function runSql(access: AnalyticsEngineAccess, sqlText: string, fetcher: typeof fetch = fetch): Promise<SqlApiAnswer> {
  const url = `https://api.cloudflare.com/client/v4/accounts/${encodeURIComponent(access.accountId)}/analytics_engine/sql`;
  let response: Response;
  try {
    response = await fetcher(url, { method: 'POST', headers: { Authorization: `Bearer ${access.apiToken}` }, body: sqlText });
  } catch (error) {
    console.error('metrics: Analytics Engine SQL API unreachable:', error);
    throw unavailable('The metrics store (Analytics Engine) is unreachable; retry shortly', RETRY_AFTER_SECONDS);
  }
  if (response.status !== 200) {
    console.error(`metrics: Analytics Engine SQL API answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    throw unavailable(`The metrics store (Analytics Engine) answered ${response.status}; retry shortly`, RETRY_AFTER_SECONDS);
  }
  const answer = (await response.json()) as Partial<SqlApiAnswer>;
  if (!Array.isArray(answer.data)) throw unavailable('The metrics store (Analytics Engine) sent an unexpected answer', RETRY_AFTER_SECONDS);
  return answer as SqlApiAnswer;
}

/** ClickHouse's JSON quotes 64-bit integers; a quantile over no rows is NaN. */
function num(value: string | number | null | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function numOrNull(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export async function analyticsEngineFigures(access: AnalyticsEngineAccess, query: StatsQuery, fetcher: typeof fetch = fetch): Promise<StoreFigures> {
  const sqlText = statsSql(query);
  const [operationRows, groupRows, seriesRows] = await Promise.all([
    runSql(access, sqlText.operations, fetcher),
    runSql(access, sqlText.cacheGroups, fetcher),
    runSql(access, sqlText.series, fetcher),
  ]);

  const groups = new Map<string, { cached: number | null; uncached: number | null; refreshes: number }>();
  const groupOf = (operation: string) => {
    let group = groups.get(operation);
    if (!group) groups.set(operation, (group = { cached: null, uncached: null, refreshes: 0 }));
    return group;
  };
  for (const row of groupRows.data) {
    const group = groupOf(String(row.operation));
    if (row.cacheGroup === 'refresh') group.refreshes = num(row.requests);
    else if (row.cacheGroup === 'cached') group.cached = numOrNull(row.p95);
    else group.uncached = numOrNull(row.p95);
  }

  const operations: OperationFigures[] = operationRows.data.map((row) => {
    const operation = String(row.operation);
    const group = groupOf(operation);
    return {
      operation,
      requests: num(row.requests),
      refreshes: group.refreshes,
      p50Ms: numOrNull(row.p50),
      p95Ms: numOrNull(row.p95),
      p99Ms: numOrNull(row.p99),
      maxMs: numOrNull(row.maxMs),
      p95CachedMs: group.cached,
      p95UncachedMs: group.uncached,
      errors4xx: num(row.errors4xx),
      errors5xx: num(row.errors5xx),
      cacheable: num(row.cacheable),
      cacheHits: num(row.cacheHits),
      d1Statements: num(row.d1Statements),
      d1Ms: num(row.d1Ms),
      rowsRead: num(row.rowsRead),
      rowsWritten: num(row.rowsWritten),
    };
  });
  // Operations with refreshes only still show, with no client figures.
  for (const [operation, group] of groups) {
    if (group.refreshes > 0 && !operations.some((o) => o.operation === operation)) {
      operations.push({
        operation, requests: 0, refreshes: group.refreshes, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null, p95CachedMs: null,
        p95UncachedMs: null, errors4xx: 0, errors5xx: 0, cacheable: 0, cacheHits: 0, d1Statements: 0, d1Ms: 0, rowsRead: 0, rowsWritten: 0,
      });
    }
  }
  operations.sort((a, b) => b.requests - a.requests || a.operation.localeCompare(b.operation));

  const series: PointFigures[] = seriesRows.data.map((row) => ({
    t: num(row.t),
    operation: String(row.operation),
    requests: num(row.requests),
    p50Ms: numOrNull(row.p50),
    p95Ms: numOrNull(row.p95),
    p99Ms: numOrNull(row.p99),
    errors4xx: num(row.errors4xx),
    errors5xx: num(row.errors5xx),
    cacheHits: num(row.cacheHits),
    cacheable: num(row.cacheable),
  }));
  return { operations, series };
}

/**
 * @module
 * The D1 store of request metrics (migrations/0006): rollups are upserted per minute and per hour,
 * counts and sums added and histograms merged bucket by bucket inside the statement, so concurrent
 * flushes of any number of isolates never lose a request. Reads return rows of one resolution over
 * a time range, for a workspace or for all of them.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import { serialize } from '../lib/metrics/latency-histogram.ts';
import type { Rollup } from '../lib/metrics/rollup-aggregator.ts';

export const MINUTE_SECONDS = 60;
export const HOUR_SECONDS = 3600;
export type Resolution = typeof MINUTE_SECONDS | typeof HOUR_SECONDS;

/** Minute rows serve the 1-hour view, hour rows the 24-hour and 7-day views; a margin beyond each. */
export const RETENTION_SECONDS: Record<Resolution, number> = { 60: 2 * 3600, 3600: 8 * 86_400 };

function upsertStatement(db: Db, rollup: Rollup, bucketSeconds: Resolution) {
  return db
    .insertInto('performance_rollups')
    .values({
      bucket_seconds: bucketSeconds,
      workspace: rollup.workspace,
      bucket_start: Math.floor(rollup.minute / bucketSeconds) * bucketSeconds,
      operation: rollup.operation,
      status_class: rollup.statusClass,
      cache_status: rollup.cache,
      requests: rollup.requests,
      total_ms: rollup.totalMs,
      max_ms: rollup.maxMs,
      d1_statements: rollup.d1Statements,
      d1_ms: rollup.d1Ms,
      rows_read: rollup.rowsRead,
      rows_written: rollup.rowsWritten,
      histogram: serialize(rollup.histogram),
    })
    .onConflict((oc) =>
      oc.columns(['bucket_seconds', 'workspace', 'bucket_start', 'operation', 'status_class', 'cache_status']).doUpdateSet({
        requests: sql`performance_rollups.requests + excluded.requests`,
        total_ms: sql`performance_rollups.total_ms + excluded.total_ms`,
        max_ms: sql`max(performance_rollups.max_ms, excluded.max_ms)`,
        d1_statements: sql`performance_rollups.d1_statements + excluded.d1_statements`,
        d1_ms: sql`performance_rollups.d1_ms + excluded.d1_ms`,
        rows_read: sql`performance_rollups.rows_read + excluded.rows_read`,
        rows_written: sql`performance_rollups.rows_written + excluded.rows_written`,
        histogram: sql`(SELECT json_group_object(key, total) FROM (SELECT key, sum(value) AS total FROM (
          SELECT key, value FROM json_each(performance_rollups.histogram)
          UNION ALL SELECT key, value FROM json_each(excluded.histogram)) GROUP BY key))`,
      }),
    );
}

/** Two upserts per rollup: its minute row and its hour row. */
export function upsertRollupStatements(db: Db, rollups: Rollup[]) {
  return rollups.flatMap((rollup) => [upsertStatement(db, rollup, MINUTE_SECONDS), upsertStatement(db, rollup, HOUR_SECONDS)]);
}

export interface RollupFilter {
  bucketSeconds: Resolution;
  /** Epoch seconds; buckets starting at or after it. */
  from: number;
  /** A workspace slug, or undefined for every workspace. */
  workspace?: string;
  operation?: string;
}

export function rollupRowsQuery(db: Db, filter: RollupFilter) {
  let query = db
    .selectFrom('performance_rollups')
    .select([
      'bucket_start',
      'operation',
      'status_class',
      'cache_status',
      'requests',
      'total_ms',
      'max_ms',
      'd1_statements',
      'd1_ms',
      'rows_read',
      'rows_written',
      'histogram',
    ])
    .where('bucket_seconds', '=', filter.bucketSeconds)
    .where('bucket_start', '>=', filter.from);
  if (filter.workspace !== undefined) query = query.where('workspace', '=', filter.workspace);
  if (filter.operation !== undefined) query = query.where('operation', '=', filter.operation);
  return query;
}

export type RollupRow = Awaited<ReturnType<ReturnType<typeof rollupRowsQuery>['execute']>>[number];

/** Rows past their resolution's retention (epoch seconds `at`). */
export function expiredRollupsStatements(db: Db, at: number) {
  return ([MINUTE_SECONDS, HOUR_SECONDS] as const).map((bucketSeconds) =>
    db
      .deleteFrom('performance_rollups')
      .where('bucket_seconds', '=', bucketSeconds)
      .where('bucket_start', '<', at - RETENTION_SECONDS[bucketSeconds]),
  );
}

/**
 * @module
 * The D1 sink: measurements go into this isolate's aggregator, and a due flush is written through
 * the recording request's `waitUntil` as one batch of upserts. A failed write is logged and its
 * rollups dropped (metrics never retry into a struggling database).
 */
import type { ExecutionContext } from 'hono';
import { database, runBatch } from '../../db/client.ts';
import { upsertRollupStatements } from '../../queries/performance-rollups.ts';
import { now } from '../clock.ts';
import { RollupAggregator, type Rollup } from './rollup-aggregator.ts';
import type { MetricsSink } from './sink.ts';

/** D1 runs at most this many statements per batch; larger flushes are split. */
const STATEMENTS_PER_BATCH = 50;

const aggregator = new RollupAggregator();

export async function writeRollups(d1: D1Database, rollups: Rollup[]): Promise<void> {
  const statements = upsertRollupStatements(database(d1), rollups);
  try {
    for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
      await runBatch(d1, statements.slice(i, i + STATEMENTS_PER_BATCH));
    }
  } catch (error) {
    console.warn(`metrics: writing ${rollups.length} rollups failed; they are dropped:`, error);
  }
}

/** Writes this isolate's pending rollups now, due or not (read-your-writes for the stats API). */
export function flushPendingRollups(d1: D1Database): Promise<void> {
  const rollups = aggregator.takeAll(now());
  return rollups.length === 0 ? Promise.resolve() : writeRollups(d1, rollups);
}

export const d1RollupSink: MetricsSink = {
  name: 'd1',
  record(measurement, env, ctx: ExecutionContext) {
    const at = now();
    aggregator.add(measurement, at);
    const due = aggregator.takeDue(at);
    if (due) ctx.waitUntil(writeRollups(env.DB, due));
  },
};

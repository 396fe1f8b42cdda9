/**
 * @module
 * The cron handler (wrangler.toml `[triggers]`): counter reconciliation for recently active items,
 * bounded per run (batches × batch size; what is left is picked up by the next run), and the
 * retention of the metrics rollups (minute rows 2 hours, hour rows 8 days).
 */
import { database, runBatch } from './db/client.ts';
import type { Env } from './env.ts';
import { now } from './lib/clock.ts';
import { reconcileCounters, type ReconcileReport } from './queries/counter-reconciliation.ts';
import { expiredRollupsStatements } from './queries/performance-rollups.ts';

export const RECONCILE_BATCH_SIZE = 200;
export const RECONCILE_MAX_BATCHES = 5;
/** Longer than the cron interval (15 min), so a missed run or two loses nothing. */
export const RECONCILE_LOOKBACK_MS = 24 * 3600 * 1000;

export async function reconcileRecentCounters(env: Env): Promise<ReconcileReport> {
  const report = await reconcileCounters(env.DB, database(env.DB), {
    at: now(),
    batchSize: RECONCILE_BATCH_SIZE,
    maxBatches: RECONCILE_MAX_BATCHES,
    lookbackMs: RECONCILE_LOOKBACK_MS,
  });
  if (report.corrected.length > 0) {
    console.warn(`counter reconciliation corrected ${report.corrected.length} of ${report.checked} items: ${report.corrected.join(',')}`);
  }
  return report;
}

export async function expireRollups(env: Env): Promise<void> {
  await runBatch(env.DB, expiredRollupsStatements(database(env.DB), Math.floor(now() / 1000)));
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (_controller, env, ctx) => {
  ctx.waitUntil(reconcileRecentCounters(env));
  ctx.waitUntil(expireRollups(env));
};

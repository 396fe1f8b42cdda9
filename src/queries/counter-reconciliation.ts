/**
 * @module
 * Counter reconciliation: recounts vote_count, voter_count, comment_count and trend_score of
 * recently active items from their votes and comments and writes back only the ones that drifted.
 * Items are taken in (activity_at, id) order from where the previous run stopped (a watermark
 * row), a bounded batch at a time, so a run's cost does not grow with the database.
 */
import { sql } from 'kysely';
import { runBatch, type Db } from '../db/client.ts';
import { recomputedTrend, TREND_TOLERANCE } from './trend.ts';

const WATERMARK_ROW = 1;

export interface Watermark {
  activityAt: number;
  itemId: number;
}

export function watermarkQuery(db: Db) {
  return db.selectFrom('counter_reconciliation').select(['activity_at', 'item_id']).where('id', '=', WATERMARK_ROW);
}

/** The next items active after the watermark, in activity order (idx_feedback_activity). */
export function activeItemsQuery(db: Db, after: Watermark, limit: number) {
  return db
    .selectFrom('feedback_items as f')
    .select(['f.id', 'f.activity_at'])
    .where((eb) => eb(eb.refTuple('f.activity_at', 'f.id'), '>', eb.tuple(after.activityAt, after.itemId)))
    .orderBy('f.activity_at')
    .orderBy('f.id')
    .limit(limit);
}

/** The counters as the votes and comments say they are, for the given items. */
export function recountQuery(db: Db, itemIds: number[]) {
  return db
    .selectFrom('feedback_items as f')
    .select((eb) => [
      'f.id',
      eb.fn.coalesce(
        eb.selectFrom('feedback_votes as v').select((v) => v.fn.sum<number>('v.weight').as('n')).whereRef('v.feedback_id', '=', 'f.id'),
        eb.lit(0),
      ).as('vote_count'),
      eb.fn.coalesce(
        eb.selectFrom('feedback_votes as v').select((v) => v.fn.countAll<number>().as('n')).whereRef('v.feedback_id', '=', 'f.id'),
        eb.lit(0),
      ).as('voter_count'),
      eb.fn.coalesce(
        eb
          .selectFrom('feedback_comments as c')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('c.feedback_id', '=', 'f.id')
          // What the public reads (migrations/0005): public comments neither hidden nor deleted.
          .where('c.is_internal', '=', eb.lit(0))
          .where('c.is_hidden', '=', eb.lit(0))
          .where('c.deleted_at', 'is', null),
        eb.lit(0),
      ).as('comment_count'),
      recomputedTrend(eb.ref('f.id'), eb.ref('f.created_at')).as('trend_score'),
    ])
    .where('f.id', 'in', itemIds);
}

/** Writes the recount over the stored counters where they differ; returns the corrected ids. */
export function correctDriftStatement(db: Db, itemIds: number[]) {
  return db
    .updateTable('feedback_items')
    .from(recountQuery(db, itemIds).as('r'))
    .set((eb) => ({
      vote_count: eb.ref('r.vote_count'),
      voter_count: eb.ref('r.voter_count'),
      comment_count: eb.ref('r.comment_count'),
      trend_score: eb.ref('r.trend_score'),
    }))
    .whereRef('feedback_items.id', '=', 'r.id')
    .where((eb) =>
      eb.or([
        eb('feedback_items.vote_count', '<>', eb.ref('r.vote_count')),
        eb('feedback_items.voter_count', '<>', eb.ref('r.voter_count')),
        eb('feedback_items.comment_count', '<>', eb.ref('r.comment_count')),
        eb(sql<number>`abs(${eb.ref('feedback_items.trend_score')} - ${eb.ref('r.trend_score')})`, '>', TREND_TOLERANCE),
      ]),
    )
    .returning('feedback_items.id');
}

export function saveWatermarkStatement(db: Db, watermark: Watermark, at: number) {
  return db
    .insertInto('counter_reconciliation')
    .values({ id: WATERMARK_ROW, activity_at: watermark.activityAt, item_id: watermark.itemId, updated_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ activity_at: watermark.activityAt, item_id: watermark.itemId, updated_at: at }));
}

export interface ReconcileOptions {
  at: number;
  /** Items per batch (one recount statement each). */
  batchSize: number;
  /** Batches per run: the bound on one run's work. */
  maxBatches: number;
  /** How far back a run looks when it has no watermark or fell behind. */
  lookbackMs: number;
}

export interface ReconcileReport {
  checked: number;
  corrected: number[];
  /** False when the run stopped at its bound with active items left; the next run continues. */
  caughtUp: boolean;
}

export async function reconcileCounters(d1: D1Database, db: Db, options: ReconcileOptions): Promise<ReconcileReport> {
  const stored = await watermarkQuery(db).executeTakeFirst();
  const floor = options.at - options.lookbackMs;
  let watermark: Watermark =
    stored && stored.activity_at >= floor ? { activityAt: stored.activity_at, itemId: stored.item_id } : { activityAt: floor, itemId: 0 };
  const report: ReconcileReport = { checked: 0, corrected: [], caughtUp: false };
  for (let batch = 0; batch < options.maxBatches; batch++) {
    const items = await activeItemsQuery(db, watermark, options.batchSize).execute();
    if (items.length === 0) {
      report.caughtUp = true;
      break;
    }
    const last = items.at(-1)!;
    watermark = { activityAt: last.activity_at, itemId: last.id };
    const [corrected = []] = await runBatch<{ id: number }>(d1, [
      correctDriftStatement(db, items.map((i) => i.id)),
      saveWatermarkStatement(db, watermark, options.at),
    ]);
    report.checked += items.length;
    report.corrected.push(...corrected.map((r) => r.id));
    if (items.length < options.batchSize) {
      report.caughtUp = true;
      break;
    }
  }
  return report;
}

/**
 * @module
 * The trending score, ClearFlask's log-sum-exp form: score = ln(Σ weight·e^(t/τ)) over the votes,
 * with the item's creation counted as one vote. Adding a vote is
 * `max(s, x) + ln(1 + e^(min(s, x) − max(s, x)))` with x = t/τ + ln(weight); only differences are
 * exponentiated, so nothing overflows. Recent votes weigh e-fold more every τ.
 *
 * The vote triggers (migrations/0002) keep the score at write time with the same arithmetic;
 * this module has it for code: new items, recounts (reconciliation), the seed and tests.
 */
import { sql, type Expression } from 'kysely';

export const TREND_TAU_SECONDS = 7 * 24 * 3600;

/** Stored scores differing by more than this from a recount are drift (float noise is ~1e-12). */
export const TREND_TOLERANCE = 1e-6;

/** x = t/τ + ln(weight): one vote's term in log space (same operation order as the triggers). */
export function trendTerm(atMs: number, weight = 1): number {
  return atMs / 1000 / TREND_TAU_SECONDS + Math.log(weight);
}

export function initialTrend(createdAtMs: number): number {
  return trendTerm(createdAtMs);
}

/** ln(e^score + e^term) without overflow. */
export function addTrendTerm(score: number, term: number): number {
  const high = Math.max(score, term);
  return high + Math.log(1 + Math.exp(Math.min(score, term) - high));
}

/**
 * An item's score recomputed from its votes: max + ln(Σ e^(x − max)). Reads only
 * idx_votes_item_weight (feedback_id, weight, created_at).
 */
export function recomputedTrend(itemId: Expression<number>, itemCreatedAt: Expression<number>) {
  return sql<number>`(SELECT m + ln(sum(exp(x - m))) FROM (
    SELECT x, max(x) OVER () AS m FROM (
      SELECT ${itemCreatedAt} / 1000.0 / ${TREND_TAU_SECONDS} AS x
      UNION ALL
      SELECT tv.created_at / 1000.0 / ${TREND_TAU_SECONDS} + ln(tv.weight) FROM feedback_votes tv WHERE tv.feedback_id = ${itemId})))`;
}

/**
 * @module
 * The trending score, ClearFlask's log-sum-exp form: score = ln(Σ weight·e^(t/τ)) over the votes,
 * with the item's creation counted as one vote. Adding a vote is
 * `max(s, x) + ln(1 + e^(min(s, x) − max(s, x)))` with x = t/τ + ln(weight); only differences are
 * exponentiated, so nothing overflows. Recent votes weigh e-fold more every τ.
 */
export const TREND_TAU_SECONDS = 7 * 24 * 3600;

export function initialTrend(createdAtMs: number): number {
  return createdAtMs / 1000 / TREND_TAU_SECONDS;
}

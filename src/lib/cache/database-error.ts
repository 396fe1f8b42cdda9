/**
 * @module
 * Which handler failures mean "the database is unavailable", the only ones a stale entry may stand
 * in for. D1 reports its failures (network, overload, timeouts, storage) as errors whose message
 * starts with `D1_` (kysely-d1 passes them on); client errors (ApiError) never qualify.
 */
import { ApiError } from '../problem.ts';

const D1_FAILURE = /\bD1_[A-Z_]+\b|\bD1 DB\b/;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    if (current instanceof ApiError) return false;
    if (D1_FAILURE.test(current.message)) return true;
  }
  return false;
}

/**
 * @module
 * Which failures mean "the database is unavailable": D1 reports its outages, overload and timeouts
 * as errors whose message starts with `D1_` (kysely-d1 passes them on). They are not our fault and
 * not the client's: a cached read serves a stale copy if it may, anything else answers 503 with
 * Retry-After. Errors of the statement itself (a constraint, bad SQL) are faults of ours, never
 * unavailability; client errors (ApiError) never qualify.
 */
import { ApiError, unavailable } from './problem.ts';

const D1_FAILURE = /\bD1_[A-Z_]+\b|\bD1 DB\b/;
const STATEMENT_FAULT = /constraint failed|SQLITE_CONSTRAINT|no such (table|column)|syntax error/i;

/** What a client is told to wait when neither the database nor a stale copy can answer. */
export const RETRY_AFTER_SECONDS = 10;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    if (current instanceof ApiError) return false;
    if (D1_FAILURE.test(current.message)) return !STATEMENT_FAULT.test(current.message);
  }
  return false;
}

export function databaseUnavailable(detail = 'The database is unavailable; retry shortly'): ApiError {
  return unavailable(detail, RETRY_AFTER_SECONDS);
}

/**
 * @module
 * The time source of the cache and the queries. Tests move it forward to expire entries without
 * waiting; production never sets an offset.
 */
let offsetMs = 0;

export function now(): number {
  return Date.now() + offsetMs;
}

/** Test hook: shift the clock by `ms` (cumulative). */
export function advanceClock(ms: number): void {
  offsetMs += ms;
}

export function resetClock(): void {
  offsetMs = 0;
}

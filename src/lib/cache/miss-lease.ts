/**
 * @module
 * Coalescing misses of one key within an isolate without sharing a promise between requests. The
 * first request to miss takes a lease on the key and runs the handler; a request that misses while
 * the lease is held polls the memory tier for the entry the holder will store, for up to
 * LEASE_WAIT_MS, and runs the handler itself if none arrives. A lease expires after LEASE_MS even if
 * its holder never releases it (a cancelled request), so nothing ever waits on a request that is gone.
 */
const LEASE_MS = 2000;
export const LEASE_POLL_MS = 10;
export const LEASE_WAIT_MS = 1000;

const leases = new Map<string, number>();

/** Takes the lease on `key` unless another request holds a live one; returns whether it did. */
export function takeLease(key: string, at: number): boolean {
  const held = leases.get(key);
  if (held !== undefined && at - held < LEASE_MS) return false;
  leases.set(key, at);
  return true;
}

export function releaseLease(key: string): void {
  leases.delete(key);
}

/** Whether a live lease on `key` is held (by another request, when the caller did not take it). */
export function leaseHeld(key: string, at: number): boolean {
  const held = leases.get(key);
  return held !== undefined && at - held < LEASE_MS;
}

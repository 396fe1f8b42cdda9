/**
 * @module
 * How an entry of a given age may be used under its policy: fresh within ttl; stale-while-
 * revalidate up to ttl + staleWhileRevalidate; a stand-in for a failing database up to ttl +
 * staleIfError; beyond, not at all.
 */
import type { CachePolicy } from './policy.ts';

export type Freshness = 'fresh' | 'revalidate' | 'error-only' | 'expired';

export function freshness(ageMs: number, policy: CachePolicy): Freshness {
  const ttlMs = policy.ttl * 1000;
  if (ageMs < ttlMs) return 'fresh';
  if (ageMs < ttlMs + policy.staleWhileRevalidate * 1000) return 'revalidate';
  if (ageMs < ttlMs + policy.staleIfError * 1000) return 'error-only';
  return 'expired';
}

/** How long an entry is kept: as long as any use of it is allowed. */
export function storageSeconds(policy: CachePolicy): number {
  return policy.ttl + Math.max(policy.staleWhileRevalidate, policy.staleIfError);
}

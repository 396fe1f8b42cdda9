/** @module The shapes of generated cache policies and invalidations (generated/cache-policies.ts). */
import type { OperationId } from '../../../generated/routes.ts';

export interface CachePolicy {
  operationId: OperationId;
  /** Policy name, e.g. `feedback-list`; part of the cache key. */
  policy: string;
  /** Seconds an entry is fresh. */
  ttl: number;
  /** Seconds past ttl an entry may be served while one refresh runs in the background. */
  staleWhileRevalidate: number;
  /** Seconds past ttl an entry may stand in for a failing database. */
  staleIfError: number;
  /** Tag templates, `{param}` filled from the path. */
  tags: readonly string[];
}

export interface Invalidation {
  operationId: OperationId;
  /** Tag templates made stale when the mutation succeeds. */
  tags: readonly string[];
  /**
   * `immediate`: no entry from before the mutation is served once it answers. `bounded`: its
   * writer sees it at once (bookmark), other readers within FRESHNESS_BOUND_MS (see freshness-bound.ts).
   */
  freshness: 'immediate' | 'bounded';
}

/**
 * @module
 * What is recorded of every request. Operations are named by operationId, never by path, so the
 * number of distinct operations is bounded by the spec; requests no operation matched (static
 * pages, unknown paths) are recorded as `unrouted`.
 */
import type { D1Usage } from '../../db/d1-usage.ts';

/** `X-Cache` of the response; REVALIDATED is a stale-while-revalidate refresh; NONE for uncached operations. */
export const CACHE_STATUSES = ['HIT', 'STALE', 'MISS', 'BYPASS', 'REVALIDATED', 'NONE'] as const;
export type CacheStatus = (typeof CACHE_STATUSES)[number];

export const UNROUTED = 'unrouted';

export interface RequestMeasurement extends D1Usage {
  operation: string;
  method: string;
  status: number;
  cache: CacheStatus;
  /** Workspace slug from the path; '' when the operation names none. */
  workspace: string;
  /** The Cloudflare colo that served it ('local' outside Cloudflare). */
  colo: string;
  totalMs: number;
}

export function cacheStatusOf(xCache: string | null): CacheStatus {
  switch (xCache) {
    case 'HIT':
    case 'STALE':
    case 'MISS':
    case 'BYPASS':
      return xCache;
    default:
      return 'NONE';
  }
}

/** 1 to 5 for 1xx to 5xx. */
export function statusClass(status: number): number {
  return Math.min(5, Math.max(1, Math.floor(status / 100)));
}

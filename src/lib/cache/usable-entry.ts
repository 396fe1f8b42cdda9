/**
 * @module
 * When a stored entry may answer a request: the rules of cached.ts, shared with repeat-hits.ts.
 */
import { bookmarkAtLeast } from '../../db/session.ts';
import type { CacheEntry } from './entry.ts';
import { FRESHNESS_BOUND_MS } from './freshness-bound.ts';

/** The entry as the current request may use it, given the markers it read and the client's bookmark. */
export function usableEntry(
  entry: CacheEntry | undefined,
  seen: { markers: string; softMarkers: string },
  bookmark: string | undefined,
  at: number,
): CacheEntry | undefined {
  if (!entry || entry.markers !== seen.markers) return undefined;
  // Read-your-writes: a client that sent a bookmark gets nothing older than it.
  if (bookmark !== undefined && !bookmarkAtLeast(entry.bookmark, bookmark)) return undefined;
  // Bounded mutations since the entry's read: usable only within the freshness bound.
  if (entry.softMarkers !== seen.softMarkers && at - entry.producedAt >= FRESHNESS_BOUND_MS) return undefined;
  return entry;
}

/**
 * @module
 * An in-isolate tier in front of the Cache API: the entries this isolate last read or wrote, by
 * key, least recently used first out. It holds the same entries with the same bookkeeping, and
 * cached.ts applies the same usability rules (markers, freshness bound, bookmark) to them, so it
 * changes what a HIT costs (no Cache API lookup, no parsing of a stored response), never what may
 * be served. Entries are immutable once stored: the body is copied out per response.
 */
import type { CacheEntry } from './entry.ts';

const MAX_ENTRIES = 512;
const MAX_BYTES = 32 * 1024 * 1024;

const entries = new Map<string, CacheEntry>();
let bytes = 0;

function remove(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  bytes -= entry.body.byteLength;
}

export function memoryGet(key: string): CacheEntry | undefined {
  const entry = entries.get(key);
  if (entry) {
    // Most recently used last.
    entries.delete(key);
    entries.set(key, entry);
  }
  return entry;
}

export function memorySet(key: string, entry: CacheEntry): void {
  if (entry.body.byteLength > MAX_BYTES / 16) return;
  remove(key);
  entries.set(key, entry);
  bytes += entry.body.byteLength;
  while (entries.size > MAX_ENTRIES || bytes > MAX_BYTES) remove(entries.keys().next().value!);
}

export function memoryDelete(key: string): void {
  remove(key);
}

/**
 * @module
 * Reading and writing entries: the isolate's memory tier (memory-tier.ts) in front of the colo's
 * Cache API. Writes go to both and are awaited by the request that makes them (see cached.ts),
 * never by another request: a promise one request created and another awaited would leave the
 * second waiting forever if the first were cancelled.
 */
import { fromStoredResponse, toStoredResponse, type CacheEntry } from './entry.ts';
import { memoryDelete, memoryGet, memorySet } from './memory-tier.ts';

/** The entry this isolate holds, without any lookup. */
export function readMemoryEntry(key: string): CacheEntry | undefined {
  return memoryGet(key);
}

/** The colo's entry, which then also goes to the memory tier. */
export async function readColoEntry(key: string): Promise<CacheEntry | undefined> {
  const stored = await caches.default.match(key);
  const entry = stored ? await fromStoredResponse(stored) : undefined;
  if (entry) memorySet(key, entry);
  return entry;
}

export async function writeEntry(key: string, entry: CacheEntry, storage: { seconds: number; tags: readonly string[] }): Promise<void> {
  memorySet(key, entry);
  try {
    await caches.default.put(key, toStoredResponse(entry, storage));
  } catch (error) {
    console.warn(`cache: storing ${key} failed:`, error);
  }
}

/** Removes the entry of a resource that no longer exists from both tiers, so nothing can serve it again. */
export async function dropEntry(key: string): Promise<void> {
  memoryDelete(key);
  try {
    await caches.default.delete(key);
  } catch (error) {
    console.warn(`cache: dropping ${key} failed:`, error);
  }
}

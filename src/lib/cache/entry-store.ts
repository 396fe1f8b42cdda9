/**
 * @module
 * Reading and writing entries in the colo's Cache API. Writes are awaited by the request that
 * makes them (see cached.ts), never by another request: a promise one request created and another
 * awaited would leave the second waiting forever if the first were cancelled.
 */
import { fromStoredResponse, toStoredResponse, type CacheEntry } from './entry.ts';

export async function readEntry(key: string): Promise<CacheEntry | undefined> {
  const stored = await caches.default.match(key);
  return stored ? fromStoredResponse(stored) : undefined;
}

export async function writeEntry(key: string, entry: CacheEntry, storage: { seconds: number; tags: readonly string[] }): Promise<void> {
  try {
    await caches.default.put(key, toStoredResponse(entry, storage));
  } catch (error) {
    console.warn(`cache: storing ${key} failed:`, error);
  }
}

/** Removes the entry of a resource that no longer exists, so nothing can serve it again. */
export async function dropEntry(key: string): Promise<void> {
  try {
    await caches.default.delete(key);
  } catch (error) {
    console.warn(`cache: dropping ${key} failed:`, error);
  }
}

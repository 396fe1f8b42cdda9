/**
 * @module
 * Reading and writing entries in the colo's Cache API. A write still in flight from this isolate
 * is awaited by the next read of the same key, so a MISS followed by a read in the same isolate
 * finds the entry, without making the MISS response wait for the write.
 */
import { fromStoredResponse, toStoredResponse, type CacheEntry } from './entry.ts';

const pendingWrites = new Map<string, Promise<void>>();

export async function readEntry(key: string): Promise<CacheEntry | undefined> {
  await pendingWrites.get(key);
  const stored = await caches.default.match(key);
  return stored ? fromStoredResponse(stored) : undefined;
}

export function writeEntry(key: string, entry: CacheEntry, storage: { seconds: number; tags: readonly string[] }): Promise<void> {
  const write = caches.default
    .put(key, toStoredResponse(entry, storage))
    .catch((error: unknown) => console.warn(`cache: storing ${key} failed:`, error))
    .finally(() => {
      if (pendingWrites.get(key) === write) pendingWrites.delete(key);
    });
  pendingWrites.set(key, write);
  return write;
}

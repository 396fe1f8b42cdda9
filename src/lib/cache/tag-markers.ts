/**
 * @module
 * Tag markers: the Cache API cannot purge by tag within a colo, so every tag has a marker in the
 * colo's Cache API holding a random token, replaced by each invalidation of the tag. A read notes
 * the tokens of its tags before its query runs and stores them with its entry; the entry is usable
 * only while every token is still the same. Tokens compare by equality, not by time, so clock
 * skew between machines cannot make an old entry look new, and a marker evicted from the cache
 * invalidates its entries instead of resurrecting them (a read recreates a missing marker, with a
 * new token, before its query).
 */
import { now } from '../clock.ts';

/** Markers should outlive the entries that depend on them; an evicted one only costs misses. */
const MARKER_SECONDS = 7 * 24 * 3600;
const TOKEN_HEADER = 'X-Edge-Cache-Marker';

// Markers are not versioned with the API: a write through any version invalidates every version's entries.
function markerUrl(origin: string, tag: string): string {
  return `${origin}/__cache-marker/${encodeURIComponent(tag)}`;
}

function newToken(): string {
  return `${now().toString(36)}.${crypto.randomUUID()}`;
}

async function putMarker(url: string, token: string): Promise<void> {
  const marker = new Response(null, { headers: { [TOKEN_HEADER]: token, 'Cache-Control': `public, max-age=${MARKER_SECONDS}` } });
  await caches.default.put(url, marker);
}

async function currentToken(origin: string, tag: string): Promise<string> {
  const url = markerUrl(origin, tag);
  const token = (await caches.default.match(url))?.headers.get(TOKEN_HEADER);
  if (token) return token;
  // Concurrent reads may each create the missing marker; the last token wins and entries stored
  // under the others only miss once. Sharing one creation between requests is not an option: a
  // request must never await a promise of another (it hangs if that request is cancelled).
  const created = newToken();
  await putMarker(url, created);
  return created;
}

/**
 * The state of the given tags as one string, to store with an entry and compare on every read.
 * Must be read before the query whose result it will vouch for.
 */
export async function markerState(origin: string, tags: readonly string[]): Promise<string> {
  const tokens = await Promise.all(tags.map((tag) => currentToken(origin, tag)));
  return tokens.join(' ');
}

/** Makes every entry that depends on these tags unusable in this colo, once the promise resolves. */
export async function markInvalidated(origin: string, tags: readonly string[]): Promise<void> {
  await Promise.all(tags.map((tag) => putMarker(markerUrl(origin, tag), newToken())));
}

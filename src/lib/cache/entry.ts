/**
 * @module
 * A cached response as stored in the Cache API: the handler's status, headers and body, plus
 * bookkeeping in `X-Edge-Cache-*` headers (when the read that produced it started, the marker
 * states it saw, its D1 bookmark, its ETag), which never leave the Worker.
 */
const INTERNAL_PREFIX = 'x-edge-cache-';
const PRODUCED_AT = 'X-Edge-Cache-Produced-At';
const MARKERS = 'X-Edge-Cache-Markers';
const SOFT_MARKERS = 'X-Edge-Cache-Soft-Markers';
const BOOKMARK = 'X-Edge-Cache-Bookmark';
/** Headers the Cache API or this module set on a stored copy that are not the handler's. */
const STORAGE_HEADERS = ['cache-control', 'cf-cache-status', 'age', 'expires', 'etag', 'cache-tag'];

export interface RenderedResponse {
  status: number;
  /** The handler's headers, without storage or bookkeeping ones. */
  headers: Headers;
  body: ArrayBuffer;
  etag: string;
}

export interface CacheEntry extends RenderedResponse {
  /** Clock time at which the read that produced the body started. */
  producedAt: number;
  /** Marker state of the entry's tags seen before that read's query (see tag-markers.ts). */
  markers: string;
  /** The same for the soft markers, which bounded mutations move. */
  softMarkers: string;
  /** The D1 session bookmark after that read's statements (null: unknown), for read-your-writes. */
  bookmark: string | null;
}

export function handlerHeaders(headers: Headers): Headers {
  const kept = new Headers();
  for (const [name, value] of headers) {
    if (!name.startsWith(INTERNAL_PREFIX) && !STORAGE_HEADERS.includes(name)) kept.append(name, value);
  }
  return kept;
}

export function toStoredResponse(entry: CacheEntry, storage: { seconds: number; tags: readonly string[] }): Response {
  const headers = new Headers(entry.headers);
  headers.set('Cache-Control', `public, max-age=${storage.seconds}`);
  // The tags purge-by-tag matches against; the stored copy is what a purge removes.
  headers.set('Cache-Tag', storage.tags.join(','));
  headers.set('ETag', entry.etag);
  headers.set(PRODUCED_AT, String(entry.producedAt));
  headers.set(MARKERS, entry.markers);
  headers.set(SOFT_MARKERS, entry.softMarkers);
  if (entry.bookmark !== null) headers.set(BOOKMARK, entry.bookmark);
  return new Response(entry.body, { status: entry.status, headers });
}

export async function fromStoredResponse(stored: Response): Promise<CacheEntry | undefined> {
  const producedAt = Number(stored.headers.get(PRODUCED_AT));
  const markers = stored.headers.get(MARKERS);
  const softMarkers = stored.headers.get(SOFT_MARKERS);
  const etag = stored.headers.get('ETag');
  // Anything not written by toStoredResponse (an older format) is treated as absent.
  if (!Number.isFinite(producedAt) || producedAt <= 0 || markers === null || softMarkers === null || etag === null) return undefined;
  const bookmark = stored.headers.get(BOOKMARK);
  return { status: stored.status, headers: handlerHeaders(stored.headers), body: await stored.arrayBuffer(), etag, producedAt, markers, softMarkers, bookmark };
}

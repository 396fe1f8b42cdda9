/**
 * @module
 * The responses the cache wrapper sends: a rendered body with its cache headers (HIT, STALE,
 * MISS), or 304 when the client already has it; and the BYPASS marking of credentialed responses.
 */
import type { RenderedResponse } from './entry.ts';
import { cdnHeaders } from '../cdn.ts';
import { ifNoneMatchHits } from './etag.ts';

export type CacheState = 'HIT' | 'MISS' | 'STALE';

export interface CacheHeaders {
  state: CacheState;
  ageSeconds: number;
  /** The policy's `api` class headers (`Cache-Control`, `CDN-Cache-Control`). */
  caching: Record<string, string>;
  tags: readonly string[];
}

/** The headers `respond` sets besides the policy's caching ones (lower case). */
export const RESPONSE_CACHE_HEADERS = ['etag', 'age', 'x-cache', 'x-cache-age', 'cache-tag'] as const;

/** Sent with a 304 too (RFC 9110 15.4.5: those a 200 would carry that describe caching). */
function cacheHeaders(rendered: RenderedResponse, meta: CacheHeaders): Record<string, string> {
  return {
    ...meta.caching,
    ETag: rendered.etag,
    Age: String(meta.ageSeconds),
    'X-Cache': meta.state,
    'X-Cache-Age': String(meta.ageSeconds),
    'Cache-Tag': meta.tags.join(','),
  };
}

export function respond(rendered: RenderedResponse, meta: CacheHeaders, ifNoneMatch: string | undefined): Response {
  const extra = cacheHeaders(rendered, meta);
  if (ifNoneMatchHits(ifNoneMatch, rendered.etag)) return new Response(null, { status: 304, headers: extra });
  const headers = new Headers(rendered.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return new Response(rendered.body, { status: rendered.status, headers });
}

export function bypassed(response: Response): Response {
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(cdnHeaders({ class: 'dynamic' }))) copy.headers.set(name, value);
  copy.headers.set('X-Cache', 'BYPASS');
  return copy;
}

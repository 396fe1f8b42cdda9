/**
 * @module
 * The three classes of caching every response belongs to, and their headers. No other module sets
 * a response's `Cache-Control` (the Cache API's own stored copies aside):
 *
 * - `static`: content-hashed files; a new version has a new URL, so browsers and CDNs keep them a
 *   year and never revalidate (`immutable`).
 * - `api`: public, shared, short-lived: cached API reads (their ttl and stale-while-revalidate come
 *   from `x-cache`) and stable asset URLs such as `/widget.js`. `CDN-Cache-Control` tells a CDN in
 *   front of the Worker the same lifetime (RFC 9213).
 * - `dynamic`: everything else (writes, per-user and credentialed reads, admin, errors): private
 *   and never stored.
 */
import type { MiddlewareHandler } from 'hono';

export interface ApiCaching {
  maxAge: number;
  staleWhileRevalidate?: number;
}

export type CdnClass = { class: 'static' } | ({ class: 'api' } & ApiCaching) | { class: 'dynamic' };

const IMMUTABLE_SECONDS = 31_536_000;

export function cdnHeaders(kind: CdnClass): Record<string, string> {
  switch (kind.class) {
    case 'static':
      return { 'Cache-Control': `public, max-age=${IMMUTABLE_SECONDS}, immutable`, 'CDN-Cache-Control': `max-age=${IMMUTABLE_SECONDS}` };
    case 'api': {
      const swr = kind.staleWhileRevalidate ? `, stale-while-revalidate=${kind.staleWhileRevalidate}` : '';
      return { 'Cache-Control': `public, max-age=${kind.maxAge}${swr}`, 'CDN-Cache-Control': `max-age=${kind.maxAge}${swr}` };
    }
    case 'dynamic':
      return { 'Cache-Control': 'private, no-store' };
  }
}

/** Every response leaves with a class: one that set none (a write, an admin read) is `dynamic`. */
export const dynamicUnlessClassified: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', cdnHeaders({ class: 'dynamic' })['Cache-Control']!);
};

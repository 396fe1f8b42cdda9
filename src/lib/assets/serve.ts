/**
 * @module
 * Serves the built assets from the Worker's own bundle (`build/assets/manifest.ts`), so the same
 * headers hold under `npm start`, in tests and on Cloudflare: the encoding negotiated from
 * `Accept-Encoding` among the precompressed bodies (sent as they are, `encodeBody: 'manual'`),
 * `Vary: Accept-Encoding`, a strong ETag per encoding and 304 on `If-None-Match`, an exact
 * `Content-Length`, and the CDN class: `static` for content-hashed paths, `api` (five minutes,
 * a day stale-while-revalidate) for stable ones. An unknown version of a hashed entry is a 404
 * problem that names the current one.
 */
import type { Hono } from 'hono';
import { builtAssets } from '../../../build/assets/manifest.ts';
import type { AppEnv } from '../../app-env.ts';
import { ifNoneMatchHits } from '../cache/etag.ts';
import { cdnHeaders, type CdnClass } from '../cdn.ts';
import { ApiError, notFound, problemResponse } from '../problem.ts';
import type { BuiltAsset, EncodedBody } from './built-asset.ts';
import { negotiateEncoding } from './negotiate-encoding.ts';

/** Stable paths (loaders, pages) change on deploy; clients recheck after five minutes. */
export const STABLE_ASSET_CACHING: CdnClass = { class: 'api', maxAge: 300, staleWhileRevalidate: 86_400 };

const decoded = new WeakMap<EncodedBody, Uint8Array>();

function bytesOf(body: EncodedBody): Uint8Array {
  let bytes = decoded.get(body);
  if (bytes === undefined) {
    bytes = Uint8Array.from(atob(body.base64), (char) => char.charCodeAt(0));
    decoded.set(body, bytes);
  }
  return bytes;
}

export function assetResponse(asset: BuiltAsset, request: Request): Response {
  const coding = negotiateEncoding(request.headers.get('Accept-Encoding'));
  if (coding === undefined) {
    return problemResponse(
      new ApiError(406, 'not-acceptable', 'Not acceptable', 'Accept-Encoding excludes br, gzip and identity, the encodings this asset is served in'),
    );
  }
  const body = asset.encodings[coding];
  const headers: Record<string, string> = {
    'Content-Type': asset.contentType,
    ...cdnHeaders(asset.immutable ? { class: 'static' } : STABLE_ASSET_CACHING),
    ETag: body.etag,
    Vary: 'Accept-Encoding',
    'X-Content-Type-Options': 'nosniff',
    // Public files: readable cross-origin (a `crossorigin` script tag, subresource integrity).
    'Access-Control-Allow-Origin': '*',
  };
  if (ifNoneMatchHits(request.headers.get('If-None-Match') ?? undefined, body.etag)) return new Response(null, { status: 304, headers });
  if (coding !== 'identity') headers['Content-Encoding'] = coding;
  headers['Content-Length'] = String(body.bytes);
  // A copy per response: a body stream must not share its buffer with later responses.
  return new Response(bytesOf(body).slice(), { headers, encodeBody: 'manual' });
}

/** `/widget.0123456789abcdef.js`: a hashed entry's file name (name, 16 hex digits, extension). */
const HASHED_PATH = /^\/([a-z0-9-]+)\.[0-9a-f]{16}\.(js|css)$/;

export function registerAssets(app: Hono<AppEnv>, assets: readonly BuiltAsset[] = builtAssets): void {
  const current = new Map<string, string>();
  for (const asset of assets) {
    app.get(asset.path, (c) => assetResponse(asset, c.req.raw));
    const hashed = HASHED_PATH.exec(asset.path);
    if (asset.immutable && hashed) current.set(`${hashed[1]}.${hashed[2]}`, asset.path);
  }
  app.get('/:file{[a-z0-9-]+\\.[0-9a-f]{16}\\.(?:js|css)}', (c) => {
    const hashed = HASHED_PATH.exec(new URL(c.req.url).pathname);
    const now = hashed ? current.get(`${hashed[1]}.${hashed[2]}`) : undefined;
    if (now === undefined) return c.notFound();
    return problemResponse(notFound(`No such version of ${hashed![1]}.${hashed![2]}; the current one is ${now}`));
  });
}

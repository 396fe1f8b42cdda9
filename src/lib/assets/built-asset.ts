/** @module The shape of a built asset as the build writes it into the Worker (`build/assets/manifest.ts`). */

export type ContentCoding = 'br' | 'gzip' | 'identity';

export interface EncodedBody {
  /** The encoded bytes, base64 (a module of strings bundles the same in wrangler, vitest and esbuild). */
  base64: string;
  /** Strong ETag of these bytes: each encoding is its own representation (RFC 9110 8.8.3). */
  etag: string;
  bytes: number;
}

export interface BuiltAsset {
  /** The URL path it is served at, e.g. `/widget.3f2a9c0d41b7e655.js` or `/widget.js`. */
  path: string;
  /** The entry it was built from (`entryId` in scripts/build-assets/entries.ts). */
  entry: string;
  contentType: string;
  /** Content-hashed path: cached for a year as immutable; otherwise revalidated. */
  immutable: boolean;
  encodings: Record<ContentCoding, EncodedBody>;
}

/**
 * @module
 * Precompression and identities of a built file: brotli at quality 11 and gzip at level 9
 * (node:zlib, once at build time, so the Worker never compresses), a strong ETag per encoding,
 * and the content hash that versions a hashed entry's URL.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { ContentCoding, EncodedBody } from '../../src/lib/assets/built-asset.ts';

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

function encoded(bytes: Uint8Array): EncodedBody {
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  return { base64: Buffer.from(bytes).toString('base64'), etag: `"${digest}"`, bytes: bytes.byteLength };
}

export function encodings(bytes: Uint8Array, textual: boolean): Record<ContentCoding, EncodedBody> {
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: textual ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    },
  });
  const gzip = gzipSync(bytes, { level: 9 });
  return { identity: encoded(bytes), br: encoded(br), gzip: encoded(gzip) };
}

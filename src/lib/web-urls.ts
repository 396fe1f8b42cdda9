/**
 * @module
 * Checks for URLs a browser will use: widget origins (compared with a page's `Origin` header, so
 * they must be bare origins) and branding images. The spec's `format: uri` admits any scheme,
 * `javascript:` included; these admit http(s) only.
 */
function parseHttpUrl(value: string): URL | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

/** `https://Example.com:443/` → `https://example.com`; undefined when the value is not a bare http(s) origin. */
export function normalizeOrigin(value: string): string | undefined {
  const url = parseHttpUrl(value);
  if (!url || url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
  // URL keeps a lone "?" or "#" out of search/hash; the serialized form still shows them.
  if (/[?#]/.test(value)) return undefined;
  return url.origin;
}

export function isHttpUrl(value: string): boolean {
  return parseHttpUrl(value) !== undefined;
}

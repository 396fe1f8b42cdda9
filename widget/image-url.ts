/**
 * @module
 * Image URLs (logo, avatars) through Cloudflare's image resizing in production:
 * `{api}/cdn-cgi/image/width=N,format=auto/{source}`, resized to the width shown (doubled for
 * high-density screens) and in the best format the browser takes. Locally (an API on localhost
 * or 127.0.0.1, where no `/cdn-cgi/` exists) the original URL.
 */
export function imageUrl(source: string, width: number, apiOrigin: string): string {
  const { hostname } = new URL(apiOrigin);
  if (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]') return source;
  return `${apiOrigin}/cdn-cgi/image/width=${Math.round(width)},format=auto/${source}`;
}

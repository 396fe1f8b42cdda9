/**
 * @module
 * The headers every HTML page of the Worker sends: a Content Security Policy that allows only this
 * origin's scripts, styles, images and connections (the reference UI sets inline styles, so styles
 * allow 'unsafe-inline'; scripts never do), no MIME sniffing, and no framing by other sites.
 */
export const HTML_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function withHtmlSecurityHeaders(response: Response): Response {
  response.headers.set('Content-Security-Policy', HTML_CONTENT_SECURITY_POLICY);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('X-Frame-Options', 'DENY');
  response.headers.set('Referrer-Policy', 'no-referrer');
  return response;
}

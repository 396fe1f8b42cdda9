/** @module The `Link: <…>; rel="next"` header of a cursor-paginated list. */

/** The request's own URL with the next page's cursor (and no offset `page`), as a Link header value. */
export function nextPageLink(requestUrl: string, cursor: string): string {
  const next = new URL(requestUrl);
  next.searchParams.delete('page');
  next.searchParams.set('cursor', cursor);
  return `<${next.pathname}${next.search}>; rel="next"`;
}

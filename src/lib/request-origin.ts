/**
 * @module
 * The origin of a request's URL, read off the string: the runtime's `URL` is a native object, and
 * parsing one per request for its origin shows in profiles (allocation, and the garbage collection
 * that follows). A request URL reaching a Worker is absolute and already normalized (lowercase
 * scheme and host, default port dropped, no credentials), so its origin is everything before the
 * first `/` after `scheme://`.
 */
export function requestOrigin(url: string): string {
  const path = url.indexOf('/', url.indexOf('//') + 2);
  return path === -1 ? url : url.slice(0, path);
}

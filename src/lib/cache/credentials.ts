/**
 * @module
 * Requests whose body may depend on who asks: a workspace key (`Authorization`) or a signed end
 * user (`X-User-Token`). They never read or write the shared cache.
 */
export function hasCredentials(request: Request): boolean {
  return request.headers.has('Authorization') || request.headers.has('X-User-Token');
}

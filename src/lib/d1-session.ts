/**
 * @module
 * The per-operation D1 session (see src/db/session.ts): opened from the client's `X-D1-Bookmark`
 * when it sent a well-formed one (otherwise reads may start on any replica, writes on the primary).
 * A mutation returns its session's bookmark in `X-D1-Bookmark`, which the client sends back to read
 * its own writes (from D1 and from the cache). Reads return none: a client that kept the bookmark of
 * every read would ask for ever newer data, and no cached entry could answer it. A malformed
 * bookmark is ignored, as an unrecognized validator would be: it is a consistency hint.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { BOOKMARK_HEADER, BOOKMARK_PATTERN, currentBookmark, runInSession } from '../db/session.ts';

/** The bookmark a request sent, if it is one. */
export function sentBookmark(request: Request): string | undefined {
  const sent = request.headers.get(BOOKMARK_HEADER);
  return sent !== null && BOOKMARK_PATTERN.test(sent) ? sent : undefined;
}

export function d1Session(route: RouteConfig): MiddlewareHandler<AppEnv> {
  const reads = route.method === 'get';
  return (c, next) => {
    const sent = sentBookmark(c.req.raw);
    return runInSession(c.env.DB, sent ?? (reads ? 'first-unconstrained' : 'first-primary'), async () => {
      await next();
      const bookmark = reads ? null : (currentBookmark() ?? sent);
      if (bookmark) c.res.headers.set(BOOKMARK_HEADER, bookmark);
    });
  };
}

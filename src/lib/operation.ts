/**
 * @module
 * The per-operation middleware chain. The generated router registers every route through
 * `withOperation(route)`, so these run for a matched operation before the spec's validation and
 * before the cache wrapper: concerns that must precede validation (which operation this is,
 * who is calling, whether they may) belong here, each as one factory of the route.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { authentication } from './authentication.ts';
import { limitedBody } from './body-limit.ts';
import { corsPolicy } from './cors.ts';
import { d1Session } from './d1-session.ts';
import { rateLimit } from './rate-limit/limit.ts';
import { repeatableRoute } from './cache/repeat-hits.ts';

/** Names the matched operation for everything downstream (timing, logs, limits), and whether its HITs may be repeated. */
function operationContext(route: RouteConfig): MiddlewareHandler<AppEnv> {
  const operationId = route.operationId ?? `${route.method} ${route.path}`;
  const repeatable = repeatableRoute(route);
  return async (c, next) => {
    c.set('operationId', operationId);
    if (repeatable) c.set('repeatable', repeatable);
    await next();
  };
}

/** The middleware every operation runs before its validation, in order. */
export function operationMiddleware(route: RouteConfig): MiddlewareHandler<AppEnv>[] {
  return [
    operationContext(route),
    corsPolicy(route),
    d1Session(route),
    limitedBody(route),
    authentication(route),
    rateLimit(route),
  ];
}

export function withOperation<R extends RouteConfig>(route: R): R {
  return { ...route, middleware: operationMiddleware(route) };
}

/**
 * @module
 * Cross-origin rules, per operation from its `x-cors` (spec/openapi.yaml):
 *
 * - `public` reads answer `Access-Control-Allow-Origin: *` without credentials, the same for every
 *   Origin, so a cached copy serves every site.
 * - `allowed-origins` operations (end-user writes, per-user reads) accept a browser's Origin only
 *   when it is in the workspace's widget `allowedOrigins` (exact match) or is the API's own; the
 *   Origin is echoed with `Vary: Origin`. Any other Origin is refused with 403 before validation,
 *   so nothing changes, even for a request a browser sends without preflight. A request without
 *   Origin (a server, a load test) is not a browser's and is not affected.
 * - without `x-cors` (admin, platform): no CORS headers; a browser on another origin cannot read
 *   the answer, and cannot send the `Authorization` header that these need.
 *
 * Preflights (`OPTIONS`) of `allowed-origins` paths answer 204 with the methods and headers, or
 * 403 for an Origin not allowed.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { database } from '../db/client.ts';
import { findWidgetConfig } from '../queries/widget.ts';
import { forbidden, notFound } from './problem.ts';
import { requestOrigin } from './request-origin.ts';

export type CorsMode = 'public' | 'allowed-origins';

/** Headers a widget sends besides the CORS-safelisted ones (the typed client sends its D1 bookmark back). */
export const ALLOWED_REQUEST_HEADERS = 'Content-Type, X-User-Token, X-D1-Bookmark';
/** Seconds a browser may reuse a preflight (Chromium caps this at 7200). */
export const PREFLIGHT_MAX_AGE = 7200;
/** Response headers a page's script may read besides the safelisted ones: the next page, revalidation, the D1 bookmark. */
const EXPOSED_HEADERS = 'Link, ETag, X-D1-Bookmark';

export function corsModeOf(route: RouteConfig): CorsMode | undefined {
  return (route as RouteConfig & { 'x-cors'?: CorsMode })['x-cors'];
}

/** Throws 403 unless the request's Origin may call the workspace's `allowed-origins` operations. */
async function requireAllowedOrigin(c: Context<AppEnv>, origin: string): Promise<void> {
  if (origin === requestOrigin(c.req.url)) return;
  const slug = c.req.param('workspace');
  if (slug === undefined) throw new Error('an allowed-origins operation has a {workspace} path parameter');
  const config = await findWidgetConfig(database(c.env.DB), slug);
  if (config === undefined) throw notFound(`Workspace "${slug}" does not exist`);
  if (!config.allowed_origins.includes(origin)) {
    throw forbidden(`Origin ${origin} is not in the allowedOrigins of workspace "${slug}"`);
  }
}

function echoOrigin(headers: Headers, origin: string): void {
  headers.set('Access-Control-Allow-Origin', origin);
  headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/** The operation middleware (`src/lib/operation.ts`) for a route's `x-cors`. */
export function corsPolicy(route: RouteConfig): MiddlewareHandler<AppEnv> {
  const mode = corsModeOf(route);
  if (mode === 'public') {
    return async (c, next) => {
      await next();
      c.res.headers.set('Access-Control-Allow-Origin', '*');
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    };
  }
  if (mode === 'allowed-origins') {
    return async (c, next) => {
      const origin = c.req.header('Origin');
      if (origin !== undefined) await requireAllowedOrigin(c, origin);
      await next();
      c.res.headers.append('Vary', 'Origin');
      if (origin !== undefined) echoOrigin(c.res.headers, origin);
    };
  }
  return async (_c, next) => {
    await next();
  };
}

/** `/api/v1/{workspace}/votes` → `/api/v1/:workspace/votes` */
function honoPath(openApiPath: string): string {
  return openApiPath.replace(/\{([A-Za-z]+)\}/g, ':$1');
}

/** Registers `OPTIONS` for every path with `allowed-origins` operations, allowing those methods. */
export function registerPreflights(app: Hono<AppEnv>, routes: readonly RouteConfig[]): void {
  const methods = new Map<string, Set<string>>();
  for (const route of routes) {
    if (corsModeOf(route) !== 'allowed-origins') continue;
    const path = honoPath(route.path);
    methods.set(path, (methods.get(path) ?? new Set()).add(route.method.toUpperCase()));
  }
  for (const [path, allowed] of methods) {
    app.options(path, async (c) => {
      const origin = c.req.header('Origin');
      if (origin === undefined) return c.body(null, 204, { Allow: [...allowed, 'OPTIONS'].join(', ') });
      await requireAllowedOrigin(c, origin);
      const headers = new Headers({
        'Access-Control-Allow-Methods': [...allowed].join(', '),
        'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS,
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
        Vary: 'Origin',
      });
      echoOrigin(headers, origin);
      return new Response(null, { status: 204, headers });
    });
  }
}

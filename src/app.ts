/**
 * @module
 * The application: middleware, the generated routes with our handlers, the served contract and
 * reference, and the problem+json error and not-found handlers.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { registerRoutes } from '../generated/router.ts';
import { routes } from '../generated/routes.ts';
import spec from '../generated/spec.json';
import type { AppEnv } from './app-env.ts';
import { handlers } from './handlers/index.ts';
import { allowedMethods } from './lib/allowed-methods.ts';
import { apiReferenceAsset, apiReferencePage } from './lib/api-reference.ts';
import { registerAssets } from './lib/assets/serve.ts';
import { serveCacheRefreshesThrough } from './lib/cache/index.ts';
import { dynamicUnlessClassified } from './lib/cdn.ts';
import { registerPreflights } from './lib/cors.ts';
import { handleError } from './lib/errors.ts';
import { requestMetrics } from './lib/metrics.ts';
import { methodNotAllowed, notFound, problemResponse } from './lib/problem.ts';
import { validationHook } from './lib/validation-hook.ts';

export function createApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requestMetrics);
  app.use('*', dynamicUnlessClassified);

  registerRoutes(app, handlers);
  registerPreflights(app, Object.values(routes));
  serveCacheRefreshesThrough(app);

  // The spec itself, not a document rebuilt from the zod schemas (which drops what zod cannot say).
  app.get('/openapi.json', (c) => c.json(spec));
  app.get('/docs', apiReferencePage);
  app.get('/docs/:file', apiReferenceAsset);
  registerAssets(app);

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const allowed = allowedMethods(path);
    if (allowed.length > 0 && !allowed.includes(c.req.method)) return problemResponse(methodNotAllowed(c.req.method, allowed), path);
    return problemResponse(notFound(`No route for ${c.req.method} ${path}`), path);
  });
  app.onError(handleError);
  return app;
}

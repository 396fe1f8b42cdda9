/**
 * @module
 * The application: middleware, the generated routes with our handlers, the served contract and
 * reference, and the problem+json error and not-found handlers.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { registerRoutes } from '../generated/router.ts';
import { routes } from '../generated/routes.ts';
import spec from '../generated/spec.json';
import type { AppEnv } from './app-env.ts';
import { handlers } from './handlers/index.ts';
import { apiReferenceHtml } from './lib/api-reference.ts';
import { registerAssets } from './lib/assets/serve.ts';
import { serveCacheRefreshesThrough } from './lib/cache/index.ts';
import { dynamicUnlessClassified } from './lib/cdn.ts';
import { registerPreflights } from './lib/cors.ts';
import { handleError } from './lib/errors.ts';
import { serverTiming } from './lib/metrics.ts';
import { notFound, payloadTooLarge, problemResponse } from './lib/problem.ts';
import { validationHook } from './lib/validation-hook.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export function createApp(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', serverTiming);
  app.use('*', dynamicUnlessClassified);
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => problemResponse(payloadTooLarge(MAX_BODY_BYTES)) }));

  registerRoutes(app, handlers);
  registerPreflights(app, Object.values(routes));
  serveCacheRefreshesThrough(app);

  for (const [name, scheme] of Object.entries(spec.components.securitySchemes)) {
    app.openAPIRegistry.registerComponent('securitySchemes', name, scheme as { type: 'http'; scheme: string });
  }
  app.doc31('/openapi.json', {
    openapi: spec.openapi,
    info: spec.info,
    servers: spec.servers,
    tags: spec.tags,
    'x-slo': spec['x-slo'],
  });
  app.get('/docs', (c) => c.html(apiReferenceHtml));
  registerAssets(app);

  app.notFound((c) => problemResponse(notFound(`No route for ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.onError(handleError);
  return app;
}

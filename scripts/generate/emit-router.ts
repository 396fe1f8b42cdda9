/**
 * @module
 * Emits `generated/router.ts`: registers every route on the app with its handler, wrapped by the
 * cache (GETs with `x-cache`) or by invalidation (mutations with a non-empty `x-invalidates`).
 */
import { generatedHeader } from './header.ts';
import type { Operation, SpecModel } from './spec-model.ts';

function registration(op: Operation): string {
  const route = `routes.${op.operationId}`;
  const handler = `handlers.${op.operationId}`;
  if (op.cache) return `  app.openapi(${route}, cached(cachePolicies.${op.operationId}, ${handler}));`;
  if (op.invalidates?.length) return `  app.openapi(${route}, invalidating(invalidations.${op.operationId}, ${handler}));`;
  return `  app.openapi(${route}, ${handler});`;
}

export function emitRouter(model: SpecModel): string {
  return [
    generatedHeader('route registration'),
    "import type { OpenAPIHono } from '@hono/zod-openapi';",
    "import type { AppEnv } from '../src/app-env.ts';",
    "import { cached, invalidating } from '../src/lib/cache/index.ts';",
    "import { cachePolicies, invalidations } from './cache-policies.ts';",
    "import type { Handlers } from './handlers.ts';",
    "import { routes } from './routes.ts';",
    '',
    'export function registerRoutes(app: OpenAPIHono<AppEnv>, handlers: Handlers): void {',
    ...model.operations.map(registration),
    '}',
    '',
  ].join('\n');
}

/**
 * @module
 * Emits `generated/router.ts`: registers every route on the app with its handler, wrapped by the
 * cache (GETs with `x-cache`) or by invalidation (mutations with a non-empty `x-invalidates`),
 * behind the per-operation middleware chain of `src/lib/operation.ts`.
 */
import { generatedHeader } from './header.ts';
import type { Operation, SpecModel } from './spec-model.ts';

function registration(op: Operation): string {
  const route = `withOperation(routes.${op.operationId})`;
  const handler = `handlers.${op.operationId}`;
  if (op.cache) return `  app.openapi(${route}, cached(cachePolicies.${op.operationId}, ${handler}));`;
  if (op.invalidates?.length) return `  app.openapi(${route}, invalidating(invalidations.${op.operationId}, ${handler}));`;
  return `  app.openapi(${route}, ${handler});`;
}

/** Per path segment: 0 for a literal, 1 for a {parameter}. */
function segmentKinds(path: string): number[] {
  return path.split('/').filter(Boolean).map((segment) => (segment.startsWith('{') ? 1 : 0));
}

/**
 * Hono runs the first registered route that matches, so where two paths differ first by a literal
 * against a parameter (`/{workspace}/admin/feedback` and `/{workspace}/{board}/feedback`), the
 * literal must be registered first. Otherwise the spec's order is kept (the sort is stable).
 */
export function byLiteralsFirst(a: Operation, b: Operation): number {
  const kindsA = segmentKinds(a.path);
  const kindsB = segmentKinds(b.path);
  for (let i = 0; i < Math.min(kindsA.length, kindsB.length); i++) {
    if (kindsA[i] !== kindsB[i]) return kindsA[i]! - kindsB[i]!;
  }
  // A consistent order for the rest (a prefix before its extensions), so the sort is well defined.
  return kindsA.length - kindsB.length;
}

export function emitRouter(model: SpecModel): string {
  return [
    generatedHeader('route registration'),
    "import type { OpenAPIHono } from '@hono/zod-openapi';",
    "import type { AppEnv } from '../src/app-env.ts';",
    "import { cached, invalidating } from '../src/lib/cache/index.ts';",
    "import { withOperation } from '../src/lib/operation.ts';",
    "import { cachePolicies, invalidations } from './cache-policies.ts';",
    "import type { Handlers } from './handlers.ts';",
    "import { routes } from './routes.ts';",
    '',
    'export function registerRoutes(app: OpenAPIHono<AppEnv>, handlers: Handlers): void {',
    ...[...model.operations].sort(byLiteralsFirst).map(registration),
    '}',
    '',
  ].join('\n');
}

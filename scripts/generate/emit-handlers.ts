/**
 * @module
 * Emits `generated/handlers.ts`: the `Handlers` type `src/handlers` must implement (one handler
 * per operation, typed from its route, so a missing or mistyped handler does not compile), and
 * `TagParams`: the invalidation-template values a handler supplies because its path does not.
 */
import { generatedHeader } from './header.ts';
import { handlerTagParams, type SpecModel } from './spec-model.ts';

export function emitHandlers(model: SpecModel): string {
  const tagParams = model.operations
    .map((op) => ({ op, names: handlerTagParams(op) }))
    .filter(({ names }) => names.length > 0)
    .map(({ op, names }) => `  ${op.operationId}: { ${names.map((n) => `${n}: string | number`).join('; ')} };`);
  return [
    generatedHeader('the handler contract'),
    "import type { RouteHandler } from '@hono/zod-openapi';",
    "import type { AppEnv } from '../src/app-env.ts';",
    "import type { routes } from './routes.ts';",
    '',
    'export type Handlers = { [K in keyof typeof routes]: RouteHandler<(typeof routes)[K], AppEnv> };',
    '',
    '/** Values of x-invalidates templates that the request path does not supply. */',
    `export interface TagParams {\n${tagParams.join('\n')}\n}`,
    '',
  ].join('\n');
}

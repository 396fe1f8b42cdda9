/**
 * @module
 * Emits `generated/cache-policies.ts`: the cache policy of every GET with `x-cache` and the tag
 * templates of every mutation's `x-invalidates` with its `x-freshness`, with defaults filled in.
 */
import { generatedHeader } from './header.ts';
import type { SpecModel } from './spec-model.ts';

export function emitCachePolicies(model: SpecModel): string {
  const policies = model.operations
    .filter((op) => op.cache)
    .map((op) => `  ${op.operationId}: ${JSON.stringify({ operationId: op.operationId, ...op.cache })},`);
  const invalidations = model.operations
    .filter((op) => op.invalidates)
    .map((op) => `  ${op.operationId}: ${JSON.stringify({ operationId: op.operationId, tags: op.invalidates, freshness: op.freshness ?? 'immediate' })},`);
  return [
    generatedHeader('cache policies (x-cache) and invalidations (x-invalidates)'),
    "import type { CachePolicy, Invalidation } from '../src/lib/cache/policy.ts';",
    '',
    `export const cachePolicies = {\n${policies.join('\n')}\n} as const satisfies Record<string, CachePolicy>;`,
    '',
    `export const invalidations = {\n${invalidations.join('\n')}\n} as const satisfies Record<string, Invalidation>;`,
    '',
  ].join('\n');
}

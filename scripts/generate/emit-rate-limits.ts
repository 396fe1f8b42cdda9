/**
 * @module
 * Emits `generated/rate-limits.ts`: the `x-rate-limit` rules of every operation with the bindings
 * of their standard and raised tiers, and the bindings' types for the Worker's `Env`.
 */
import { generatedHeader } from './header.ts';
import { requiredBindings, tierBindings } from './rate-limit-bindings.ts';
import type { SpecModel } from './spec-model.ts';

export function emitRateLimits(model: SpecModel): string {
  const policies = model.operations
    .filter((op) => op.rateLimits)
    .map((op) => {
      const rules = op.rateLimits!.map((rule) => {
        const { standard, raised } = tierBindings(rule);
        return { ...rule, binding: standard.name, raisedBinding: raised.name, raisedLimit: raised.limit };
      });
      return `  ${op.operationId}: ${JSON.stringify(rules)},`;
    });
  const bindings = requiredBindings(model).map((b) => `  /** ${b.limit} requests per ${b.period} s */\n  ${b.name}: RateLimit;`);
  return [
    generatedHeader('rate limits (x-rate-limit) and their Workers Rate Limiting bindings'),
    "import type { RateLimitRule } from '../src/lib/rate-limit/rule.ts';",
    '',
    `export const rateLimitRules: Partial<Record<string, readonly RateLimitRule[]>> = {\n${policies.join('\n')}\n};`,
    '',
    `export interface RateLimitBindings {\n${bindings.join('\n')}\n}`,
    '',
  ].join('\n');
}

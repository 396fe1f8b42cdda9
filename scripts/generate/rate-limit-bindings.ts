/**
 * @module
 * The Workers Rate Limiting bindings the `x-rate-limit` rules need, and the check that
 * wrangler.toml declares each of them. A binding has one fixed limit and a period of 10 or 60 s,
 * so every distinct limit is its own binding, and a workspace's `raised` tier is another binding
 * at ten times the limit.
 */
import { SpecError, type RateLimitRule, type SpecModel } from './spec-model.ts';

/** How much a workspace with the `raised` tier may do, relative to the spec's limit. */
export const RAISED_FACTOR = 10;

export interface RateLimitBinding {
  name: string;
  limit: number;
  period: number;
}

export function bindingFor(limit: number, period: number): RateLimitBinding {
  return { name: `RATE_LIMIT_${limit}_PER_${period}S`, limit, period };
}

export function tierBindings(rule: RateLimitRule): { standard: RateLimitBinding; raised: RateLimitBinding } {
  return { standard: bindingFor(rule.limit, rule.period), raised: bindingFor(rule.limit * RAISED_FACTOR, rule.period) };
}

/** Every binding the spec's rules use, sorted by name. */
export function requiredBindings(model: SpecModel): RateLimitBinding[] {
  const byName = new Map<string, RateLimitBinding>();
  for (const rule of model.operations.flatMap((op) => op.rateLimits ?? [])) {
    const { standard, raised } = tierBindings(rule);
    byName.set(standard.name, standard).set(raised.name, raised);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** `[[ratelimits]]` entries of wrangler.toml: name and `simple = { limit = N, period = P }`. */
export function declaredBindings(wranglerToml: string): RateLimitBinding[] {
  return wranglerToml.split(/^\[\[ratelimits\]\]\s*$/m).slice(1).map((block) => {
    const section = block.split(/^\[/m)[0]!;
    const name = /^name\s*=\s*"([^"]+)"/m.exec(section)?.[1];
    const simple = /^simple\s*=\s*\{\s*limit\s*=\s*(\d+)\s*,\s*period\s*=\s*(\d+)\s*\}/m.exec(section);
    if (!name || !simple) throw new SpecError('wrangler.toml', `a [[ratelimits]] entry needs name and simple = { limit = N, period = P }:\n${section}`);
    return { name, limit: Number(simple[1]), period: Number(simple[2]) };
  });
}

export function checkBindingsDeclared(model: SpecModel, wranglerToml: string): void {
  const declared = new Map(declaredBindings(wranglerToml).map((b) => [b.name, b]));
  for (const needed of requiredBindings(model)) {
    const found = declared.get(needed.name);
    if (!found || found.limit !== needed.limit || found.period !== needed.period) {
      throw new SpecError('wrangler.toml', `x-rate-limit needs [[ratelimits]] name = "${needed.name}" with simple = { limit = ${needed.limit}, period = ${needed.period} }`);
    }
  }
}

/**
 * @module
 * The rate-limit step of the per-operation chain: every `x-rate-limit` rule of the operation whose
 * subject the request carries is counted on its Workers Rate Limiting binding, under a key of
 * operation, workspace, kind and subject. When one is exhausted the answer is 429 before
 * validation and the handler, so the request changes nothing.
 *
 * The binding tells only whether a request is within its limit: it has no remaining count and no
 * reset time. So `Retry-After` and the `RateLimit` reset are the rule's whole period, an upper
 * bound. A binding that is missing or fails lets the request through, logged.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimitRules } from '../../../generated/rate-limits.ts';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../problem.ts';
import type { RateLimitRule, RateLimitTier } from './rule.ts';
import { subjectOf } from './subject.ts';
import { workspaceTiers } from './tiers.ts';

const subjectNames = { ip: 'client IP', user: 'end user', apiKey: 'API key' } as const;

function tooManyRequests(rule: RateLimitRule, limit: number): ApiError {
  return new ApiError(
    429,
    'rate-limited',
    'Too many requests',
    `More than ${limit} requests in ${rule.period} s from this ${subjectNames[rule.key]}; retry after ${rule.period} s`,
    undefined,
    {
      'Retry-After': String(rule.period),
      'RateLimit-Policy': `"${rule.key}";q=${limit};w=${rule.period}`,
      RateLimit: `"${rule.key}";r=0;t=${rule.period}`,
    },
  );
}

/** Whether the rule lets the request through (it does when it does not apply to this request). */
async function withinLimit(c: Context<AppEnv>, operationId: string, workspace: string, rule: RateLimitRule, tier: RateLimitTier): Promise<boolean> {
  if (tier === 'exempt') return true;
  const subject = await subjectOf(c, rule.key);
  if (subject === undefined) return true;
  const name = tier === 'raised' ? rule.raisedBinding : rule.binding;
  const binding = (c.env as unknown as Record<string, RateLimit | undefined>)[name];
  if (!binding) {
    console.error(`rate limits: binding ${name} is not configured; ${operationId} is not limited`);
    return true;
  }
  try {
    const { success } = await binding.limit({ key: `${operationId}:${workspace}:${rule.key}:${subject}` });
    return success;
  } catch (error) {
    console.warn(`rate limits: ${name} failed, letting ${operationId} through: ${String(error)}`);
    return true;
  }
}

/** The route's rate-limit middleware; a pass-through for operations without `x-rate-limit`. */
export function rateLimit(route: RouteConfig): MiddlewareHandler<AppEnv> {
  const operationId = route.operationId ?? '';
  const rules = rateLimitRules[operationId] ?? [];
  return async (c, next) => {
    if (rules.length === 0) return next();
    const workspace = c.req.param('workspace') ?? '';
    const tiers = await workspaceTiers(c.env.DB, workspace);
    const outcomes = await Promise.all(rules.map((rule) => withinLimit(c, operationId, workspace, rule, tiers[rule.key])));
    const exhausted = rules.find((_, i) => !outcomes[i]);
    if (exhausted) throw tooManyRequests(exhausted, tiers[exhausted.key] === 'raised' ? exhausted.raisedLimit : exhausted.limit);
    await next();
  };
}

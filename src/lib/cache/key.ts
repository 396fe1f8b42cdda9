/**
 * @module
 * The cache key of a cacheable GET: API version, policy, every path parameter and the validated
 * query (defaults filled, keys sorted, cursor included). Unknown query parameters never get here:
 * validation rejects them.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { CachePolicy } from './policy.ts';

export function cacheKey(c: Context<AppEnv>, policy: CachePolicy): string {
  const url = new URL(c.req.url);
  const params = c.req.param() as Record<string, string>;
  const path = Object.keys(params)
    .sort()
    .map((name) => `${name}=${encodeURIComponent(params[name]!)}`)
    .join('/');
  const validated = (c.req.valid as (target: 'query') => Record<string, unknown> | undefined)('query') ?? {};
  const query = new URLSearchParams();
  for (const name of Object.keys(validated).sort()) {
    const value = validated[name];
    if (value !== undefined) query.set(name, String(value));
  }
  return `${url.origin}/__cache/v${c.env.API_VERSION}/${policy.policy}/${path}?${query}`;
}

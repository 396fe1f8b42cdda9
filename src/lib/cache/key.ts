/**
 * @module
 * The cache key of a cacheable GET: everything that changes the body, and nothing else. API
 * version, policy, the workspace first, every other path parameter, and the validated query
 * (defaults filled, coerced, keys sorted, the cursor included). Unknown query parameters never get
 * here: validation rejects them. Values are the validated ones, so `?limit=020` and `?limit=20`
 * share an entry while different workspaces, boards, sorts, cursors and pages never do.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { CachePolicy } from './policy.ts';
import { requestOrigin } from '../request-origin.ts';

type Validated = Record<string, unknown>;

function validated(c: Context<AppEnv>, target: 'param' | 'query'): Validated | undefined {
  return (c.req.valid as (t: 'param' | 'query') => Validated | undefined)(target);
}

/** Validated path parameters (falling back to the raw ones for a route without a param schema). */
export function pathParams(c: Context<AppEnv>): Validated {
  return validated(c, 'param') ?? (c.req.param() as Validated);
}

function encodeValue(value: unknown): string {
  return encodeURIComponent(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function encodeSorted(values: Validated, separator: string): string {
  return Object.keys(values)
    .filter((name) => values[name] !== undefined)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeValue(values[name])}`)
    .join(separator);
}

export function cacheKey(c: Context<AppEnv>, policy: CachePolicy): string {
  const { workspace, ...otherParams } = pathParams(c);
  const scope = workspace === undefined ? '_' : encodeValue(workspace);
  const query = encodeSorted(validated(c, 'query') ?? {}, '&');
  return `${requestOrigin(c.req.url)}/__cache/v${c.env.API_VERSION}/${policy.policy}/${scope}/${encodeSorted(otherParams, '/')}?${query}`;
}

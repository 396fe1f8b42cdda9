/**
 * @module
 * `cached(policy, handler)`: serves a GET from the Cache API when a fresh entry exists and no
 * invalidation of its tags happened after the read that produced it; otherwise runs the handler
 * and stores a successful JSON response. Requests with credentials bypass the shared cache.
 */
import type { Context, Handler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { now } from '../clock.ts';
import { cacheKey } from './key.ts';
import type { CachePolicy } from './policy.ts';
import { fillTag } from './tags.ts';
import { latestInvalidation } from './tag-markers.ts';

const STORED_AT = 'X-Cache-Stored-At';

function hasCredentials(c: Context<AppEnv>): boolean {
  return c.req.header('Authorization') !== undefined || c.req.header('X-User-Token') !== undefined;
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
  return copy;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors hono's own Handler generics
export function cached<H extends Handler<AppEnv, any, any, any>>(policy: CachePolicy, handler: H): H {
  const wrapped = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    if (hasCredentials(c)) {
      const response = await handler(c, next);
      return withHeaders(response as Response, { 'Cache-Control': 'private, no-store', 'X-Cache': 'BYPASS' });
    }
    // Clients and downstream caches get the policy's lifetime; the longer one under which the entry
    // is stored (for stale-if-error) is this cache's own business, as is its storage time.
    const cacheControl = `public, max-age=${policy.ttl}${policy.staleWhileRevalidate ? `, stale-while-revalidate=${policy.staleWhileRevalidate}` : ''}`;
    const params = c.req.param() as Record<string, string>;
    const tags = policy.tags.map((t) => fillTag(t, params));
    const key = cacheKey(c, policy);
    const cache = caches.default;
    const readStartedAt = now();

    const hit = await cache.match(key);
    if (hit) {
      const storedAt = Number(hit.headers.get(STORED_AT));
      const ageMs = readStartedAt - storedAt;
      const invalidatedAt = await latestInvalidation(c, tags);
      if (ageMs < policy.ttl * 1000 && storedAt > invalidatedAt) {
        const served = withHeaders(hit, { 'Cache-Control': cacheControl, 'X-Cache': 'HIT', 'X-Cache-Age': String(Math.floor(ageMs / 1000)) });
        served.headers.delete(STORED_AT);
        return served;
      }
    }

    const response = (await handler(c, next)) as Response;
    const headers = {
      'Cache-Control': cacheControl,
      'Cache-Tag': tags.join(','),
      'X-Cache': 'MISS',
      'X-Cache-Age': '0',
    };
    const fresh = withHeaders(response, headers);
    if (fresh.status === 200) {
      const stored = fresh.clone();
      stored.headers.set(STORED_AT, String(readStartedAt));
      stored.headers.set('Cache-Control', `public, max-age=${policy.ttl + Math.max(policy.staleWhileRevalidate, policy.staleIfError)}`);
      c.executionCtx.waitUntil(cache.put(key, stored));
    }
    return fresh;
  };
  return wrapped as unknown as H;
}

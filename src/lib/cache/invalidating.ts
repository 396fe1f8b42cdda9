/**
 * @module
 * `invalidating(invalidation, handler)`: after a mutation succeeds (2xx), marks the tags of its
 * `x-invalidates` stale, before the response leaves, so the next read through this colo sees the
 * write. Template values come from the path and from what the handler set as `tagParams`.
 */
import type { Context, Handler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Invalidation } from './policy.ts';
import { fillTag } from './tags.ts';
import { markInvalidated } from './tag-markers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors hono's own Handler generics
export function invalidating<H extends Handler<AppEnv, any, any, any>>(invalidation: Invalidation, handler: H): H {
  const wrapped = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    const response = (await handler(c, next)) as Response;
    if (response.status >= 200 && response.status < 300) {
      const values = { ...(c.req.param() as Record<string, string>), ...c.get('tagParams') };
      await markInvalidated(c, invalidation.tags.map((t) => fillTag(t, values)));
    }
    return response;
  };
  return wrapped as unknown as H;
}

/**
 * @module
 * `cached(policy, handler)`, the wrapper the generated router puts around every GET with `x-cache`.
 *
 * - Credentialed requests run the handler and are marked `private, no-store` / BYPASS.
 * - The entry and the marker state of its tags are read together. An entry is usable only when
 *   its marker state is still current (no invalidation of its tags since its read began). Then:
 *   fresh → HIT; within stale-while-revalidate → STALE at once and one background refresh;
 *   otherwise the handler runs (MISS) and a 200 is stored before the response leaves.
 * - When the handler fails because the database is unavailable, a usable entry within
 *   staleIfError is served as STALE; without one the answer is 503 with Retry-After.
 *   Every other error (client errors included) passes through untouched.
 * - A 404 or 410 where an entry was stored drops the entry: what is gone is never served again.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { now } from '../clock.ts';
import { databaseUnavailable, isDatabaseUnavailable } from '../database-unavailable.ts';
import { ApiError } from '../problem.ts';
import { hasCredentials } from './credentials.ts';
import { handlerHeaders, type CacheEntry, type RenderedResponse } from './entry.ts';
import { dropEntry, readEntry, writeEntry } from './entry-store.ts';
import { strongEtag } from './etag.ts';
import { cdnHeaders } from '../cdn.ts';
import { freshness, storageSeconds } from './freshness.ts';
import { cacheKey, pathParams } from './key.ts';
import type { CachePolicy } from './policy.ts';
import { isRefreshRequest, refreshInBackground } from './refresh.ts';
import { runHandler, type AnyRouteHandler } from './route-handler.ts';
import { bypassed, respond, type CacheState } from './respond.ts';
import { entryTags } from './tags.ts';
import { markerState } from './tag-markers.ts';

/** The resource is gone: a stored copy of it must never stand in for it again, not even stale-if-error. */
const isGone = (status: number) => status === 404 || status === 410;

async function render(response: Response): Promise<RenderedResponse> {
  const body = await response.arrayBuffer();
  return { status: response.status, headers: handlerHeaders(response.headers), body, etag: await strongEtag(body) };
}

export function cached<H extends AnyRouteHandler>(policy: CachePolicy, handler: H): H {
  // What clients and downstream caches are told: the policy, never the storage lifetime.
  const caching = cdnHeaders({ class: 'api', maxAge: policy.ttl, staleWhileRevalidate: policy.staleWhileRevalidate });

  const wrapped = async (c: Context<AppEnv>, next: () => Promise<void>): Promise<Response> => {
    if (hasCredentials(c.req.raw)) return bypassed(await runHandler(handler, c, next));

    const origin = new URL(c.req.url).origin;
    const key = cacheKey(c, policy);
    const tags = entryTags(policy.tags, pathParams(c));
    const ifNoneMatch = c.req.header('If-None-Match');
    const refreshing = isRefreshRequest(c.req.raw);
    const send = (rendered: RenderedResponse, state: CacheState, ageMs: number) =>
      respond(rendered, { state, ageSeconds: Math.max(0, Math.floor(ageMs / 1000)), caching, tags }, ifNoneMatch);

    // Markers are read before the query below, so an invalidation that lands during it is noticed.
    const [stored, markers] = await Promise.all([refreshing ? undefined : readEntry(key), markerState(origin, tags)]);
    const readStartedAt = now();
    const usable: CacheEntry | undefined = stored?.markers === markers ? stored : undefined;
    const usableAge = usable ? readStartedAt - usable.producedAt : Infinity;
    const usableFreshness = usable ? freshness(usableAge, policy) : 'expired';

    if (usable && usableFreshness === 'fresh') return send(usable, 'HIT', usableAge);
    if (usable && usableFreshness === 'revalidate') {
      refreshInBackground(key, c.req.raw, c.env, c.executionCtx);
      return send(usable, 'STALE', usableAge);
    }

    let rendered: RenderedResponse;
    try {
      rendered = await render(await runHandler(handler, c, next));
    } catch (error) {
      if (error instanceof ApiError && isGone(error.status) && (refreshing || stored)) await dropEntry(key);
      if (!isDatabaseUnavailable(error)) throw error;
      if (usable && usableFreshness === 'error-only') {
        console.warn(`cache: database unavailable, serving a stale ${policy.policy} entry aged ${Math.round(usableAge / 1000)}s: ${String(error)}`);
        return send(usable, 'STALE', usableAge);
      }
      console.error(`cache: database unavailable and no usable ${policy.policy} entry: ${String(error)}`);
      throw databaseUnavailable('The database is unavailable and no cached copy can stand in; retry shortly');
    }

    if (isGone(rendered.status) && (refreshing || stored)) await dropEntry(key);
    if (rendered.status !== 200) {
      // Only 200s are stored or carry the public policy (the app makes the others `dynamic`).
      const passed = new Response(rendered.body, { status: rendered.status, headers: rendered.headers });
      passed.headers.set('X-Cache', 'MISS');
      return passed;
    }
    // Stored before the MISS leaves, so the next read anywhere in the colo finds it; a local put
    // costs far less than the query it saves.
    await writeEntry(key, { ...rendered, producedAt: readStartedAt, markers }, { seconds: storageSeconds(policy), tags });
    return send(rendered, 'MISS', 0);
  };
  return wrapped as unknown as H;
}

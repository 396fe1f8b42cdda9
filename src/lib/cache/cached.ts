/**
 * @module
 * `cached(policy, handler)`, the wrapper the generated router puts around every GET with `x-cache`.
 *
 * - Credentialed requests run the handler and are marked `private, no-store` / BYPASS.
 * - The entry (memory tier first, then the colo's Cache API) and the marker states of its tags are
 *   read together. An entry is usable only when its hard markers are still current (no immediate
 *   invalidation of its tags since its read began), its D1 bookmark is at least the one the client
 *   sent (read-your-writes), and either its soft markers are current or it is younger than the
 *   freshness bound (bounded mutations; see freshness-bound.ts). Then:
 *   fresh → HIT (refreshed ahead in the background when soft markers moved); within
 *   stale-while-revalidate → STALE at once and one background refresh;
 *   otherwise the handler runs (MISS) and a 200 is stored before the response leaves.
 * - When the handler fails because the database is unavailable, a usable entry within
 *   staleIfError is served as STALE; without one the answer is 503 with Retry-After.
 *   Every other error (client errors included) passes through untouched.
 * - A 404 or 410 where an entry was stored drops the entry from both tiers: what is gone is never
 *   served again.
 * - Misses of one key in an isolate coalesce on a lease (miss-lease.ts).
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { now } from '../clock.ts';
import { currentBookmark } from '../../db/session.ts';
import { sentBookmark } from '../d1-session.ts';
import { databaseUnavailable, isDatabaseUnavailable } from '../database-unavailable.ts';
import { ApiError } from '../problem.ts';
import { hasCredentials } from './credentials.ts';
import { handlerHeaders, type CacheEntry, type RenderedResponse } from './entry.ts';
import { dropEntry, readColoEntry, readMemoryEntry, writeEntry } from './entry-store.ts';
import { strongEtag } from './etag.ts';
import { cdnHeaders } from '../cdn.ts';
import { freshness, storageSeconds } from './freshness.ts';
import { REFRESH_AHEAD_MS } from './freshness-bound.ts';
import { cacheKey, pathParams } from './key.ts';
import type { CachePolicy } from './policy.ts';
import { isRefreshRequest, refreshInBackground } from './refresh.ts';
import { offerRepeatHit } from './repeat-hits.ts';
import { runHandler, type AnyRouteHandler } from './route-handler.ts';
import { bypassed, respond, type CacheState } from './respond.ts';
import { entryTags } from './tags.ts';
import { usableEntry } from './usable-entry.ts';
import { markerState } from './tag-markers.ts';
import { LEASE_POLL_MS, LEASE_WAIT_MS, leaseHeld, releaseLease, takeLease } from './miss-lease.ts';
import { requestOrigin } from '../request-origin.ts';

/** The resource is gone: a stored copy of it must never stand in for it again, not even stale-if-error. */
const isGone = (status: number) => status === 404 || status === 410;

async function render(response: Response): Promise<RenderedResponse> {
  const body = await response.arrayBuffer();
  return { status: response.status, headers: handlerHeaders(response.headers), body, etag: await strongEtag(body) };
}

/**
 * Polls the memory tier (own timers, no promise of the lease holder) for an entry this request may
 * use, stored after it looked; undefined once the lease is gone or LEASE_WAIT_MS passed.
 */
async function awaitLeasedEntry(key: string, seen: { markers: string; softMarkers: string }, bookmark: string | undefined): Promise<CacheEntry | undefined> {
  for (let waited = 0; waited < LEASE_WAIT_MS; waited += LEASE_POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
    const entry = usableEntry(readMemoryEntry(key), seen, bookmark, now());
    if (entry) return entry;
    if (!leaseHeld(key, now())) return undefined;
  }
  return undefined;
}

export function cached<H extends AnyRouteHandler>(policy: CachePolicy, handler: H): H {
  // What clients and downstream caches are told: the policy, never the storage lifetime.
  const caching = cdnHeaders({ class: 'api', maxAge: policy.ttl, staleWhileRevalidate: policy.staleWhileRevalidate });

  const wrapped = async (c: Context<AppEnv>, next: () => Promise<void>): Promise<Response> => {
    if (hasCredentials(c.req.raw)) return bypassed(await runHandler(handler, c, next));

    const origin = requestOrigin(c.req.url);
    const key = cacheKey(c, policy);
    const tags = entryTags(policy.tags, pathParams(c));
    const ifNoneMatch = c.req.header('If-None-Match');
    const bookmark = sentBookmark(c.req.raw);
    const refreshing = isRefreshRequest(c.req.raw);
    const send = (rendered: RenderedResponse, state: CacheState, ageMs: number) =>
      respond(rendered, { state, ageSeconds: Math.max(0, Math.floor(ageMs / 1000)), caching, tags }, ifNoneMatch);
    // This URL's next HITs may skip the app (repeat-hits.ts), when its operation allows.
    const repeatable = refreshing ? undefined : c.get('repeatable');
    const offerRepeat = (entry: CacheEntry) => {
      if (repeatable) offerRepeatHit(c.req.raw, { key, tags, policy, caching, operationId: policy.operationId, workspace: String(pathParams(c).workspace ?? ''), validatedHeaders: repeatable }, entry);
    };

    // Markers are read before the query below, so an invalidation that lands during it is noticed.
    // The memory tier answers first; the colo's Cache API is asked when it has nothing usable.
    const inMemory = refreshing ? undefined : readMemoryEntry(key);
    const [markers, softMarkers, fromColo] = await Promise.all([
      markerState(origin, tags, 'hard'),
      markerState(origin, tags, 'soft'),
      refreshing || inMemory ? undefined : readColoEntry(key),
    ]);
    const readStartedAt = now();
    const seen = { markers, softMarkers };
    let usable = usableEntry(inMemory ?? fromColo, seen, bookmark, readStartedAt);
    if (!usable && inMemory) usable = usableEntry(await readColoEntry(key), seen, bookmark, readStartedAt);
    const usableAge = usable ? readStartedAt - usable.producedAt : Infinity;
    const usableFreshness = usable ? freshness(usableAge, policy) : 'expired';

    if (usable && usableFreshness === 'fresh') {
      // Bounded mutations moved its soft markers: refresh before the bound runs out, while serving it.
      if (usable.softMarkers !== softMarkers && usableAge >= REFRESH_AHEAD_MS) refreshInBackground(key, c.req.raw, c.env, c.executionCtx);
      else offerRepeat(usable);
      return send(usable, 'HIT', usableAge);
    }
    if (usable && usableFreshness === 'revalidate') {
      refreshInBackground(key, c.req.raw, c.env, c.executionCtx);
      return send(usable, 'STALE', usableAge);
    }

    // Another request of this isolate is producing this entry: wait for it rather than query too.
    if (!refreshing && !takeLease(key, readStartedAt)) {
      const arrived = await awaitLeasedEntry(key, seen, bookmark);
      if (arrived) return send(arrived, 'HIT', now() - arrived.producedAt);
      takeLease(key, now());
    }

    let rendered: RenderedResponse;
    try {
      rendered = await render(await runHandler(handler, c, next));
    } catch (error) {
      releaseLease(key);
      if (error instanceof ApiError && isGone(error.status) && (refreshing || inMemory || fromColo)) await dropEntry(key);
      if (!isDatabaseUnavailable(error)) throw error;
      if (usable && usableFreshness === 'error-only') {
        console.warn(`cache: database unavailable, serving a stale ${policy.policy} entry aged ${Math.round(usableAge / 1000)}s: ${String(error)}`);
        return send(usable, 'STALE', usableAge);
      }
      console.error(`cache: database unavailable and no usable ${policy.policy} entry: ${String(error)}`);
      throw databaseUnavailable('The database is unavailable and no cached copy can stand in; retry shortly');
    }

    if (isGone(rendered.status) && (refreshing || inMemory || fromColo)) await dropEntry(key);
    if (rendered.status !== 200) {
      releaseLease(key);
      // Only 200s are stored or carry the public policy (the app makes the others `dynamic`).
      const passed = new Response(rendered.body, { status: rendered.status, headers: rendered.headers });
      passed.headers.set('X-Cache', 'MISS');
      return passed;
    }
    // Stored before the MISS leaves, so the next read anywhere in the colo finds it; a local put
    // costs far less than the query it saves.
    const entry: CacheEntry = { ...rendered, producedAt: readStartedAt, markers, softMarkers, bookmark: currentBookmark() };
    await writeEntry(key, entry, { seconds: storageSeconds(policy), tags });
    releaseLease(key);
    offerRepeat(entry);
    return send(rendered, 'MISS', 0);
  };
  return wrapped as unknown as H;
}

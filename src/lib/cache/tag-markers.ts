/**
 * @module
 * Tag invalidation markers. The Cache API cannot purge by tag, so each invalidated tag gets a
 * marker (the time of the invalidation) in this isolate's memory and in the colo's Cache API;
 * an entry produced by a read that started before a marker of one of its tags is not served.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { now } from '../clock.ts';

/** Markers must outlive any entry they can invalidate (longest ttl + stale window). */
const MARKER_TTL_SECONDS = 7 * 24 * 3600;
const local = new Map<string, number>();

function markerKey(c: Context<AppEnv>, tag: string): string {
  return `${new URL(c.req.url).origin}/__cache-tag/v${c.env.API_VERSION}/${encodeURIComponent(tag)}`;
}

export async function latestInvalidation(c: Context<AppEnv>, tags: string[]): Promise<number> {
  const times = await Promise.all(
    tags.map(async (tag) => {
      const remembered = local.get(tag) ?? 0;
      const marker = await caches.default.match(markerKey(c, tag));
      const stored = marker ? Number(await marker.text()) : 0;
      return Math.max(remembered, stored);
    }),
  );
  return Math.max(0, ...times);
}

export async function markInvalidated(c: Context<AppEnv>, tags: string[]): Promise<void> {
  const at = now();
  await Promise.all(
    tags.map((tag) => {
      local.set(tag, at);
      return caches.default.put(
        markerKey(c, tag),
        new Response(String(at), { headers: { 'Cache-Control': `public, max-age=${MARKER_TTL_SECONDS}` } }),
      );
    }),
  );
}

/**
 * @module
 * Global purge by tag through Cloudflare's API: removes the tagged entries from every colo's cache,
 * where the markers of this colo cannot reach. Needs `CF_ZONE_ID` and `CF_API_TOKEN` (a token with
 * Cache Purge permission); without them it is skipped with one note per isolate. Runs after the
 * response (waitUntil); failures are logged, never surfaced to the writer.
 */
import type { Env } from '../../env.ts';

/** The API accepts at most 30 tags per call. */
const TAGS_PER_CALL = 30;
let notedUnconfigured = false;

export async function purgeTags(env: Pick<Env, 'CF_ZONE_ID' | 'CF_API_TOKEN'>, tags: readonly string[], fetcher: typeof fetch = fetch): Promise<void> {
  if (tags.length === 0) return;
  if (!env.CF_ZONE_ID || !env.CF_API_TOKEN) {
    if (!notedUnconfigured) console.log('cache: purge-by-tag skipped (CF_ZONE_ID / CF_API_TOKEN unset); invalidation is per colo');
    notedUnconfigured = true;
    return;
  }
  const url = `https://api.cloudflare.com/client/v4/zones/${encodeURIComponent(env.CF_ZONE_ID)}/purge_cache`;
  for (let start = 0; start < tags.length; start += TAGS_PER_CALL) {
    const batch = tags.slice(start, start + TAGS_PER_CALL);
    try {
      const response = await fetcher(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${env.CF_API_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ tags: batch }),
      });
      if (!response.ok) console.error(`cache: purge of ${batch.join(',')} answered ${response.status}: ${await response.text()}`);
    } catch (error) {
      console.error(`cache: purge of ${batch.join(',')} failed:`, error);
    }
  }
}

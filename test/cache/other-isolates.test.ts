/**
 * Invalidations made by another isolate of the colo arrive through the colo's Cache API markers;
 * this isolate trusts a marker it read for MARKER_TRUST_MS, so such an invalidation is seen within
 * that bound (its own invalidations at once: see invalidation.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../../src/lib/clock.ts';
import { MARKER_TRUST_MS } from '../../src/lib/cache/tag-markers.ts';
import { createFeedback, createWorkspace } from '../support/api.ts';
import { read } from './support.ts';

/** What another isolate's invalidation of `tag` leaves in the colo's cache: a new marker token. */
async function invalidateElsewhere(tag: string): Promise<void> {
  await caches.default.put(
    `https://api.test/__cache-marker/${encodeURIComponent(tag)}`,
    new Response(null, { headers: { 'X-Edge-Cache-Marker': `elsewhere.${crypto.randomUUID()}`, 'Cache-Control': 'public, max-age=3600' } }),
  );
}

describe('invalidations from other isolates', () => {
  afterEach(() => resetClock());

  it('are seen once the trusted marker is older than MARKER_TRUST_MS', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    expect((await read(path)).cache).toBe('MISS');
    expect((await read(path)).cache).toBe('HIT');

    await invalidateElsewhere(`board:${ws.slug}:${ws.board}`);
    // Within the trust window this isolate has not looked at the marker again.
    expect((await read(path)).cache).toBe('HIT');
    advanceClock(MARKER_TRUST_MS);
    expect((await read(path)).cache).toBe('MISS');
    expect((await read(path)).cache).toBe('HIT');
  });
});

/**
 * What an isolate trusts of its own marker replacements: the new token from the moment the
 * replacement starts, for as long as its put takes (even past the trust period: a lookup then could
 * still read the old token and vouch for entries from before the write), and for a trust period
 * after the put landed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../../src/lib/clock.ts';
import { SOFT_MARKER_DELAY_MS, SOFT_MARKER_TRUST_MS } from '../../src/lib/cache/freshness-bound.ts';
import { markChanged, markerState, markInvalidated } from '../../src/lib/cache/tag-markers.ts';

const origin = 'https://marker-tokens.test';
const noWaitUntil = { waitUntil: () => undefined };

afterEach(() => resetClock());

describe('marker tokens of this isolate’s own replacements', () => {
  it('a soft replacement’s token is current at once, and while its put is in flight past the trust period', async () => {
    const tag = `soft-${crypto.randomUUID()}`;
    const before = await markerState(origin, [tag], 'soft');
    const replacing = markChanged(origin, [tag], noWaitUntil, async () => undefined);
    const atOnce = await markerState(origin, [tag], 'soft');
    advanceClock(10 * SOFT_MARKER_TRUST_MS);
    const duringPut = await markerState(origin, [tag], 'soft');
    await replacing;
    const after = await markerState(origin, [tag], 'soft');
    expect(atOnce).not.toBe(before);
    expect(duringPut).toBe(atOnce);
    expect(after).toBe(atOnce);
  });

  it('a hard invalidation’s token is current at once, and stays current after its put', async () => {
    const tag = `hard-${crypto.randomUUID()}`;
    const before = await markerState(origin, [tag], 'hard');
    const invalidating = markInvalidated(origin, [tag]);
    const atOnce = await markerState(origin, [tag], 'hard');
    await invalidating;
    advanceClock(60_000);
    expect(atOnce).not.toBe(before);
    expect(await markerState(origin, [tag], 'hard')).toBe(atOnce);
  });

  it('a scheduled soft replacement that is due by the clock is made by the next read, even before its timer fires', async () => {
    const tag = `due-${crypto.randomUUID()}`;
    await markerState(origin, [tag], 'soft');
    await markChanged(origin, [tag], noWaitUntil, async () => undefined);
    const afterFirst = await markerState(origin, [tag], 'soft');
    // A second write within the delay is coalesced into a replacement scheduled for its end.
    await markChanged(origin, [tag], noWaitUntil, async () => undefined);
    expect(await markerState(origin, [tag], 'soft')).toBe(afterFirst);
    advanceClock(SOFT_MARKER_DELAY_MS);
    expect(await markerState(origin, [tag], 'soft')).not.toBe(afterFirst);
  });
});

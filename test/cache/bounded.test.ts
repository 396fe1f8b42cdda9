/**
 * Bounded mutations (votes, comments, new items): their writer reads them at once through its D1
 * bookmark; every other reader within FRESHNESS_BOUND_MS. Immediate mutations (moderation) stay
 * immediate for everyone. And the memory tier in front of the Cache API serves what the Cache API
 * would, under the same rules.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FRESHNESS_BOUND_MS } from '../../src/lib/cache/freshness-bound.ts';
import { advanceClock, resetClock } from '../../src/lib/clock.ts';
import { api, createFeedback, createWorkspace } from '../support/api.ts';
import { read } from './support.ts';

afterEach(() => resetClock());

type Item = { id: number; voteCount: number };
const other = { otherReader: true };

describe('bounded freshness', () => {
  it('a vote: its writer sees it at once, another reader within the bound', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    expect((await read(path, {}, other)).cache).toBe('MISS');

    const vote = await api(`${path}/${item.id}/votes`, { body: { externalUserId: 'voter' } });
    expect(vote.status).toBe(200);
    expect(vote.headers.get('X-D1-Bookmark')).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);

    // Another reader may still get the entry from before the vote, while it is younger than the bound…
    const early = await read<Item[]>(path, {}, other);
    expect(early).toMatchObject({ cache: 'HIT' });
    expect(early.body[0]!.voteCount).toBe(0);
    // …while the writer, sending its bookmark, never does.
    const own = await read<Item[]>(path);
    expect(own.cache).toBe('MISS');
    expect(own.body[0]!.voteCount).toBe(1);

    // Past the bound, every reader sees the vote.
    advanceClock(FRESHNESS_BOUND_MS);
    const later = await read<Item[]>(path, {}, other);
    expect(later.body[0]!.voteCount).toBe(1);
  });

  it('an entry older than the bound is not served to another reader after a vote', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    await read(path, {}, other);
    advanceClock(FRESHNESS_BOUND_MS);
    expect((await api(`${path}/${item.id}/votes`, { body: { externalUserId: 'voter' } })).status).toBe(200);
    const after = await read<Item[]>(path, {}, other);
    expect(after.cache).toBe('MISS');
    expect(after.body[0]!.voteCount).toBe(1);
  });

  it('a moderation delete is immediate for every reader, within the bound too', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    expect((await read<Item[]>(path, {}, other)).body).toHaveLength(1);
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${item.id}`, { method: 'DELETE', key: ws.key })).status).toBe(204);
    const after = await read<Item[]>(path, {}, other);
    expect(after.cache).toBe('MISS');
    expect(after.body).toEqual([]);
  });

  it('reads return no bookmark; a malformed one is ignored', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    expect((await api(path)).headers.get('X-D1-Bookmark')).toBeNull();
    const res = await api(path, { headers: { 'X-D1-Bookmark': 'not a bookmark' } });
    expect(res.status).toBe(200);
  });
});

describe('the memory tier', () => {
  it('serves a HIT without the Cache API, and never what an immediate mutation invalidated', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const miss = await read(path, {}, other);
    expect(miss.cache).toBe('MISS');
    // Remove the colo's copy (key as in src/lib/cache/key.ts): the isolate still holds it.
    expect(await caches.default.delete(`https://api.test/__cache/v1/feedback-list/${ws.slug}/board=${ws.board}?limit=20`)).toBe(true);
    expect(await read(path, {}, other)).toMatchObject({ cache: 'HIT', etag: miss.etag });

    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${item.id}`, { method: 'PATCH', key: ws.key, body: { title: 'Renamed by a moderator' } })).status).toBe(200);
    const after = await read<{ title: string }[]>(path, {}, other);
    expect(after.cache).toBe('MISS');
    expect(after.body[0]!.title).toBe('Renamed by a moderator');
  });
});

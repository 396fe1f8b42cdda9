import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../../src/lib/clock.ts';
import { api, createFeedback, createWorkspace } from '../support/api.ts';
import { read, withDatabaseDown } from './support.ts';

afterEach(() => resetClock());

const list = (ws: { slug: string; board: string }, query = '') => `/api/v1/${ws.slug}/${ws.board}/feedback${query}`;

describe('cached reads', () => {
  it('MISS then HIT with the same status, body and headers, and the policy’s cache headers', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws, 'First');
    await createFeedback(ws, 'Second');
    const path = list(ws, '?limit=1');

    const miss = await read(path);
    expect(miss).toMatchObject({ status: 200, cache: 'MISS', age: 0 });
    const hit = await read(path);
    expect(hit).toMatchObject({ status: 200, cache: 'HIT', body: miss.body });

    for (const response of [miss, hit]) {
      expect(response.headers.get('Cache-Control')).toBe('public, max-age=60, stale-while-revalidate=300');
      expect(response.headers.get('Cache-Tag')).toBe(`board:${ws.slug}:main,workspace:${ws.slug}`);
      expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(response.etag).toMatch(/^"[0-9a-f]{32}"$/);
      // The next-page link the handler set survives the cache.
      expect(response.headers.get('Link')).toMatch(/rel="next"/);
      // Bookkeeping stays inside the Worker.
      expect([...response.headers.keys()].filter((name) => name.startsWith('x-edge-cache'))).toEqual([]);
    }
    expect(hit.etag).toBe(miss.etag);
    expect(hit.headers.get('Link')).toBe(miss.headers.get('Link'));
  });

  it('reports the age from the cache’s clock, which the tests share with the Worker', async () => {
    const ws = await createWorkspace();
    const path = `/api/v1/${ws.slug}/branding`;
    expect((await read(path)).cache).toBe('MISS');
    advanceClock(42_000);
    const hit = await read(path);
    expect(hit).toMatchObject({ cache: 'HIT', age: 42 });
    expect(hit.headers.get('Age')).toBe('42');
  });

  it('answers If-None-Match with 304 on a HIT without running the handler', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws);
    const path = list(ws);
    const miss = await read(path);
    // With the database down, only a response that never reaches the handler can succeed.
    const notModified = await withDatabaseDown(() => read(path, { 'If-None-Match': miss.etag! }));
    expect(notModified).toMatchObject({ status: 304, cache: 'HIT', etag: miss.etag, body: null });
    expect(notModified.headers.get('Cache-Control')).toBe('public, max-age=60, stale-while-revalidate=300');
    // Weak comparison and lists, as RFC 9110 asks of If-None-Match.
    expect((await read(path, { 'If-None-Match': `"other", W/${miss.etag}` })).status).toBe(304);
    expect((await read(path, { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('answers 304 on a MISS whose freshly produced body has the client’s ETag', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`;
    const first = await read(path);
    // A write that is undone invalidates the entry but leaves the body as it was.
    const votes = `${path}/votes`;
    expect((await api(votes, { body: { externalUserId: 'u1' } })).status).toBe(200);
    expect((await api(`${votes}?externalUserId=u1`, { method: 'DELETE' })).status).toBe(204);
    const again = await read(path, { 'If-None-Match': first.etag! });
    expect(again).toMatchObject({ status: 304, cache: 'MISS', etag: first.etag });
  });

  it('stores only 200s: a 404 is never cached', async () => {
    const ws = await createWorkspace();
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback/987654321`;
    const first = await read(path);
    const second = await read(path);
    expect([first.status, second.status]).toEqual([404, 404]);
    expect(second.cache).not.toBe('HIT');
    expect(second.headers.get('Cache-Control')).toBe('private, no-store');
  });
});

import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../../src/lib/clock.ts';
import { api, createFeedback, createWorkspace, expectProblem } from '../support/api.ts';
import { read, readUntil, withDatabaseDown } from './support.ts';

afterEach(() => resetClock());

type Item = { id: number; title: string; voteCount: number };
const seconds = (s: number) => s * 1000;
// feedback-list: ttl 60, staleWhileRevalidate 300, staleIfError 86400 (spec defaults).

describe('stale-while-revalidate', () => {
  it('fresh within ttl, STALE at once past it while one refresh runs, a MISS past the window', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    expect((await read(path)).cache).toBe('MISS');

    advanceClock(seconds(59));
    expect(await read(path)).toMatchObject({ cache: 'HIT', age: 59 });

    advanceClock(seconds(2));
    const stale = await read(path);
    expect(stale).toMatchObject({ status: 200, cache: 'STALE', age: 61 });
    expect(stale.headers.get('Cache-Control')).toBe('public, max-age=60, stale-while-revalidate=300');
    // The background refresh replaces the entry with a new one.
    expect(await readUntil(path, 'HIT')).toMatchObject({ cache: 'HIT', age: 0 });

    advanceClock(seconds(60 + 300));
    expect((await read(path)).cache).toBe('MISS');
  });

  it('never serves an invalidated entry as STALE: the read after a write is fresh', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    await read(path);
    advanceClock(seconds(120));
    expect((await api(`${path}/${item.id}/votes`, { body: { externalUserId: 'voter' } })).status).toBe(200);
    const after = await read<Item[]>(path);
    expect(after.cache).toBe('MISS');
    expect(after.body[0]!.voteCount).toBe(1);
  });
});

describe('stale-if-error', () => {
  it('D1 down with a usable entry past the revalidation window: 200 STALE with the stored body', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws, 'Kept through the outage');
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const miss = await read<Item[]>(path);
    advanceClock(seconds(60 + 300 + 3600));
    const served = await withDatabaseDown(() => read<Item[]>(path));
    expect(served).toMatchObject({ status: 200, cache: 'STALE', age: 60 + 300 + 3600, body: miss.body });
  });

  it('D1 down without an entry: 503 problem+json with Retry-After', async () => {
    const ws = await createWorkspace();
    const res = await withDatabaseDown(() => api(`/api/v1/${ws.slug}/${ws.board}/feedback`));
    expect(res.headers.get('Retry-After')).toBe('10');
    expect((await expectProblem(res, 503)).type).toBe('/problems/unavailable');
  });

  it('D1 down with an entry older than staleIfError: 503', async () => {
    const ws = await createWorkspace();
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    await read(path);
    advanceClock(seconds(60 + 86_400));
    await expectProblem(await withDatabaseDown(() => api(path)), 503);
  });

  it('D1 down after a write: the invalidated entry is not served, 503 instead', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    await read(path);
    expect((await api(`${path}/${item.id}/votes`, { body: { externalUserId: 'voter' } })).status).toBe(200);
    await expectProblem(await withDatabaseDown(() => api(path)), 503);
  });

  it('a client error passes through unchanged, never replaced by a stale copy', async () => {
    const ws = await createWorkspace();
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    await read(path);
    advanceClock(seconds(60 + 300 + 1));
    // The board disappears without going through the API (so nothing is invalidated).
    await env.DB.prepare('DELETE FROM boards WHERE slug = ? AND workspace_id = (SELECT id FROM workspaces WHERE slug = ?)').bind(ws.board, ws.slug).run();
    const res = await api(path);
    expect((await expectProblem(res, 404)).type).toBe('/problems/not-found');
    expect(res.headers.get('X-Cache')).toBeNull();
  });
});

import { createExecutionContext, env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { repeatHit } from '../../src/lib/cache/repeat-hits.ts';
import { advanceClock, resetClock } from '../../src/lib/clock.ts';
import { api, createFeedback, createWorkspace, userToken } from '../support/api.ts';
import { read } from './support.ts';

afterEach(() => resetClock());

const origin = 'https://api.test';
const list = (ws: { slug: string; board: string }) => `/api/v1/${ws.slug}/${ws.board}/feedback`;
/** What the Worker answers before routing, if it can (the test shares the Worker's isolate). */
const repeated = (path: string, headers: Record<string, string> = {}) => repeatHit(new Request(`${origin}${path}`, { headers }), env, createExecutionContext());
/** Headers that differ per response whatever answers. */
const perResponse = new Set(['x-request-id', 'server-timing', 'age', 'x-cache-age']);
const stable = (headers: Headers) => [...headers].filter(([name]) => !perResponse.has(name));

describe('repeat hits: a URL answered before is answered before routing', () => {
  it('exactly as the app answers it: status, body, every header, measured as a HIT of its operation', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws, 'First');
    const path = list(ws);
    expect(repeated(path)).toBeUndefined();
    expect((await read(path, {}, { otherReader: true })).cache).toBe('MISS');

    const fast = repeated(path);
    expect(fast).toBeDefined();
    const app = await read(path, { 'If-None-Match': '"none"' }, { otherReader: true });
    expect(app.cache).toBe('HIT');
    expect(fast!.status).toBe(200);
    expect(await fast!.json()).toEqual(app.body);
    expect(stable(fast!.headers)).toEqual(stable(app.headers));
    expect(fast!.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(fast!.headers.get('Server-Timing')).toMatch(/db;desc="0 statements".*cache;desc="HIT"/);
    expect(fast!.headers.get('X-Request-Id')).toMatch(/.+-[0-9a-z]+$/);
  });

  it('not for requests that carry what the operation validates or credentials', async () => {
    const ws = await createWorkspace();
    const path = list(ws);
    await read(path, {}, { otherReader: true });
    expect(repeated(path)).toBeDefined();
    expect(repeated(path, { 'If-None-Match': '"x"' })).toBeUndefined();
    expect(repeated(path, { 'X-User-Token': await userToken(ws, 'u1') })).toBeUndefined();
    expect(repeated(path, { Authorization: `Bearer ${ws.key}` })).toBeUndefined();
    expect(repeated(`${path}?limit=5`)).toBeUndefined();
  });

  it('not once the entry may not be served: an immediate invalidation, a newer bookmark, past the ttl', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws, 'Soon hidden');
    const path = list(ws);
    await read(path, {}, { otherReader: true });
    expect(repeated(path)).toBeDefined();

    // A vote's bookmark is newer than the entry: its writer must read its own write.
    const vote = await api(`${path}/${id}/votes`, { body: { externalUserId: 'voter' } });
    const bookmark = vote.headers.get('X-D1-Bookmark')!;
    expect(repeated(path, { 'X-D1-Bookmark': bookmark })).toBeUndefined();

    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${id}`, { method: 'PATCH', body: { isHidden: true }, key: ws.key })).status).toBe(200);
    expect(repeated(path)).toBeUndefined();
    const after = await read<{ id: number }[]>(path, {}, { otherReader: true });
    expect(after.cache).toBe('MISS');
    expect(after.body.map((item) => item.id)).not.toContain(id);

    expect(repeated(path)).toBeDefined();
    advanceClock(61_000);
    expect(repeated(path)).toBeUndefined();
  });
});

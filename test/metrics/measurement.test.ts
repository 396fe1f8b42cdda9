import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../../src/lib/clock.ts';
import { api, createFeedback, createWorkspace } from '../support/api.ts';
import { byOperation, stats, statsWhen } from './support.ts';

afterEach(() => resetClock());

describe('request measurement', () => {
  it('records exactly N requests per operation, with status, cache and D1 figures', async () => {
    const ws = await createWorkspace();
    const list = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const created = 3;
    for (let i = 0; i < created; i++) await createFeedback(ws, `Item ${i}`);
    const lists = 7; // the first a MISS, the rest HITs
    for (let i = 0; i < lists; i++) expect((await api(list)).status).toBe(200);
    const missing = 4;
    for (let i = 0; i < missing; i++) expect((await api(`/api/v1/${ws.slug}/${ws.board}/feedback/999999${i}`)).status).toBe(404);
    const invalid = 2;
    for (let i = 0; i < invalid; i++) expect((await api(`${list}?limit=0`)).status).toBe(400);
    const admin = 5;
    for (let i = 0; i < admin; i++) expect((await api(`/api/v1/${ws.slug}/admin/boards`, { key: ws.key })).status).toBe(200);

    const query = `workspace=${ws.slug}`;
    const expected: Record<string, number> = { createFeedback: created, listFeedback: lists + invalid, getFeedback: missing, listBoards: admin };
    const s = await statsWhen(query, (r) => Object.entries(expected).every(([op, n]) => byOperation(r).get(op)?.requests === n));
    const ops = byOperation(s);
    // createBoard ran once, when the fixture was made.
    expect(Object.fromEntries(s.operations.map((o) => [o.operation, o.requests]))).toEqual({ ...expected, createBoard: 1 });

    const listFeedback = ops.get('listFeedback')!;
    expect(listFeedback.rate4xx).toBeCloseTo(invalid / (lists + invalid));
    expect(listFeedback.cacheable).toBe(lists);
    expect(listFeedback.cacheHitRatio).toBeCloseTo((lists - 1) / lists);
    expect(ops.get('getFeedback')!.rate4xx).toBe(1);
    expect(ops.get('createFeedback')!.d1StatementsPerRequest).toBe(4);
    expect(ops.get('createFeedback')!.rowsWrittenPerRequest).toBeGreaterThan(0);
    expect(ops.get('createFeedback')!.cacheHitRatio).toBeNull();

    // Reading stats is not recorded against the workspace, and a second read changes nothing.
    const again = await stats(query);
    expect(byOperation(again).get('listFeedback')!.requests).toBe(lists + invalid);
  });

  it('answers every response with Server-Timing and a unique X-Request-Id', async () => {
    const ws = await createWorkspace();
    const responses = [
      await api(`/api/v1/${ws.slug}/${ws.board}/feedback`),
      await api(`/api/v1/${ws.slug}/${ws.board}/feedback`),
      await api('/healthz'),
      await api('/no/such/path'),
    ];
    const ids = responses.map((r) => r.headers.get('X-Request-Id'));
    expect(new Set(ids).size).toBe(responses.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}-[0-9a-z]+$/);
    const timing = responses.map((r) => r.headers.get('Server-Timing') ?? '');
    expect(timing[0]).toMatch(/^total;dur=[\d.]+, db;desc="2 statements";dur=[\d.]+, cache;desc="MISS"$/);
    expect(timing[1]).toMatch(/db;desc="0 statements";dur=0\.0, cache;desc="HIT"$/);
    expect(timing[2]).toContain('cache;desc="NONE"');
    expect(responses[3]!.status).toBe(404);
    expect(timing[3]).toMatch(/^total;dur=/);
  });

  it('counts a stale-while-revalidate refresh as REVALIDATED, apart from client requests', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws);
    const list = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    expect((await api(list)).headers.get('X-Cache')).toBe('MISS');
    advanceClock(61_000); // past the list's ttl of 60 s, within stale-while-revalidate
    const stale = await api(list);
    expect(stale.headers.get('X-Cache')).toBe('STALE');
    expect(stale.headers.get('Server-Timing')).toContain('cache;desc="STALE"');

    const s = await statsWhen(`workspace=${ws.slug}&operation=listFeedback`, (r) => r.operations[0]?.refreshes === 1);
    expect(s.operations[0]).toMatchObject({ operation: 'listFeedback', requests: 2, refreshes: 1, cacheable: 2, cacheHitRatio: 0.5 });
  });
});

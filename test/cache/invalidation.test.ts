import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../src/app-env.ts';
import { cachePolicies } from '../../generated/cache-policies.ts';
import { cached, invalidating } from '../../src/lib/cache/index.ts';
import { handleError } from '../../src/lib/errors.ts';
import { notFound } from '../../src/lib/problem.ts';
import { api, castVote, createFeedback, createWorkspace, type WorkspaceFixture } from '../support/api.ts';
import { read } from './support.ts';

type Item = { id: number; title: string; voteCount: number; commentCount: number };

afterEach(() => vi.restoreAllMocks());

/** Warms `path` (MISS then HIT), runs the write, and returns the next read, which must be a fresh MISS. */
async function readAfterWrite<T>(path: string, write: () => Promise<Response>, expectedStatus = 200): Promise<T> {
  await read(path);
  expect((await read(path)).cache).toBe('HIT');
  const written = await write();
  expect(written.status).toBeLessThan(300);
  const after = await read<T>(path);
  expect(after.status).toBe(expectedStatus);
  if (expectedStatus === 200) expect(after.cache).toBe('MISS');
  return after.body;
}

describe('after each kind of mutation the next read is fresh', () => {
  let ws: WorkspaceFixture;
  const list = () => `/api/v1/${ws.slug}/${ws.board}/feedback`;
  const item = (id: number) => `${list()}/${id}`;

  it('create feedback: the board list shows the new item', async () => {
    ws = await createWorkspace();
    const body = await readAfterWrite<Item[]>(list(), () => api(list(), { body: { title: 'Fresh item', externalUserId: 'u' } }));
    expect(body.map((i) => i.title)).toEqual(['Fresh item']);
  });

  it('vote and unvote: the list and the item show the new count', async () => {
    ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    const vote = () => castVote(ws, id, 'v1', 3);
    const unvote = () => api(`${item(id)}/votes?externalUserId=v1`, { method: 'DELETE' });
    expect((await readAfterWrite<Item[]>(list(), vote))[0]!.voteCount).toBe(3);
    expect((await readAfterWrite<Item>(item(id), unvote)).voteCount).toBe(0);
    expect((await readAfterWrite<Item[]>(list(), () => api(`${item(id)}/votes`, { body: { externalUserId: 'v2' } })))[0]!.voteCount).toBe(1);
    expect((await readAfterWrite<Item[]>(list(), unvote))[0]!.voteCount).toBe(1);
  });

  it('comment: the comments, the item and the list show it', async () => {
    ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    const comment = (text: string) => () => api(`${item(id)}/comments`, { body: { body: text, externalUserId: 'c' } });
    expect((await readAfterWrite<{ body: string }[]>(`${item(id)}/comments`, comment('first'))).map((c) => c.body)).toEqual(['first']);
    expect((await readAfterWrite<Item>(item(id), comment('second'))).commentCount).toBe(2);
    expect((await readAfterWrite<Item[]>(list(), comment('third')))[0]!.commentCount).toBe(3);
  });

  it('widget configuration and branding replacement', async () => {
    ws = await createWorkspace();
    const config = { defaultBoard: null, position: 'top-left', theme: 'dark', showRoadmap: false, locale: 'de', allowedOrigins: [] };
    const putConfig = () => api(`/api/v1/${ws.slug}/admin/widget-config`, { method: 'PUT', body: config, key: ws.key });
    expect(await readAfterWrite(`/api/v1/${ws.slug}/widget-config`, putConfig)).toEqual(config);
    const branding = { name: 'Acme', logoUrl: null, primaryColor: '#112233', accentColor: '#445566', fontFamily: 'serif' };
    const putBranding = () => api(`/api/v1/${ws.slug}/admin/branding`, { method: 'PUT', body: branding, key: ws.key });
    expect(await readAfterWrite(`/api/v1/${ws.slug}/branding`, putBranding)).toEqual(branding);
  });

  it('board deletion: its list and its items are gone rather than served from the cache', async () => {
    ws = await createWorkspace();
    const item = await createFeedback(ws);
    const itemPath = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`;
    await api(itemPath);
    expect((await api(itemPath)).headers.get('X-Cache')).toBe('HIT');
    await readAfterWrite(list(), () => api(`/api/v1/${ws.slug}/admin/boards/${ws.board}?confirm=true`, { method: 'DELETE', key: ws.key }), 404);
    expect((await api(itemPath)).status).toBe(404);
  });
});

describe('after each kind of admin mutation the next public read is fresh', () => {
  const admin = (ws: WorkspaceFixture, rest: string) => `/api/v1/${ws.slug}/admin${rest}`;

  it('moderation: update and delete', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws, 'Before moderation');
    const item = `/api/v1/${ws.slug}/${ws.board}/feedback/${id}`;
    const list = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const update = () => api(admin(ws, `/feedback/${id}`), { method: 'PATCH', body: { title: 'After moderation', status: 'planned' }, key: ws.key });
    expect(await readAfterWrite<Item & { status: string }>(item, update)).toMatchObject({ title: 'After moderation', status: 'planned' });
    const remove = () => api(admin(ws, `/feedback/${id}`), { method: 'DELETE', key: ws.key });
    expect(await readAfterWrite<Item[]>(list, remove)).toEqual([]);
  });

  it('merge and unmerge: both items and the list', async () => {
    const ws = await createWorkspace();
    const parent = await createFeedback(ws, 'Parent item');
    const duplicate = await createFeedback(ws, 'Duplicate item');
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${duplicate.id}/votes`, { body: { externalUserId: 'dup-voter' } });
    const parentPath = `/api/v1/${ws.slug}/${ws.board}/feedback/${parent.id}`;
    const merge = () => api(admin(ws, `/feedback/${parent.id}/merge`), { body: { duplicateId: duplicate.id }, key: ws.key });
    let group = 0;
    const merged = await readAfterWrite<Item>(parentPath, async () => {
      const res = await merge();
      group = (await res.clone().json<{ id: number }>()).id;
      return res;
    });
    expect(merged.voteCount).toBe(1);
    const unmerge = () => api(admin(ws, `/duplicates/${group}`), { method: 'DELETE', key: ws.key });
    expect((await readAfterWrite<Item>(parentPath, unmerge)).voteCount).toBe(0);
  });

  it('roadmaps: the roadmap, its phases and its items', async () => {
    const ws = await createWorkspace();
    expect((await api(admin(ws, '/roadmaps'), { body: { slug: 'public', name: 'Plans', phases: ['Now'] }, key: ws.key })).status).toBe(201);
    const path = `/api/v1/${ws.slug}/roadmaps/public`;
    type Roadmap = { name: string; phases: { id: number; name: string; items: { id: number; title: string }[] }[] };
    const phaseId = (await read<Roadmap>(path)).body.phases[0]!.id;
    const addItem = () => api(admin(ws, '/roadmaps/public/items'), { body: { phaseId, title: 'Ship it' }, key: ws.key });
    const withItem = await readAfterWrite<Roadmap>(path, addItem);
    expect(withItem.phases[0]!.items.map((i) => i.title)).toEqual(['Ship it']);
    const itemId = withItem.phases[0]!.items[0]!.id;
    const renameItem = () => api(admin(ws, `/roadmaps/public/items/${itemId}`), { method: 'PATCH', body: { title: 'Shipped' }, key: ws.key });
    expect((await readAfterWrite<Roadmap>(path, renameItem)).phases[0]!.items[0]!.title).toBe('Shipped');
    const renamePhase = () => api(admin(ws, `/roadmaps/public/phases/${phaseId}`), { method: 'PATCH', body: { name: 'Today' }, key: ws.key });
    expect((await readAfterWrite<Roadmap>(path, renamePhase)).phases[0]!.name).toBe('Today');
    const addPhase = () => api(admin(ws, '/roadmaps/public/phases'), { body: { name: 'Later' }, key: ws.key });
    expect((await readAfterWrite<Roadmap>(path, addPhase)).phases.map((p) => p.name)).toEqual(['Today', 'Later']);
    const renameRoadmap = () => api(admin(ws, '/roadmaps/public'), { method: 'PATCH', body: { name: 'Our plans' }, key: ws.key });
    expect((await readAfterWrite<Roadmap>(path, renameRoadmap)).name).toBe('Our plans');
    const deleteItem = () => api(admin(ws, `/roadmaps/public/items/${itemId}`), { method: 'DELETE', key: ws.key });
    expect((await readAfterWrite<Roadmap>(path, deleteItem)).phases[0]!.items).toEqual([]);
    const deleteRoadmap = () => api(admin(ws, '/roadmaps/public'), { method: 'DELETE', key: ws.key });
    await readAfterWrite(path, deleteRoadmap, 404);
  });
});

describe('races and fallbacks', () => {
  it('a read that started before a write never stores its pre-write result as usable', async () => {
    // The real wrappers around a test-controlled source, so the read can be paused between its
    // query and its response (a paused Worker request would also pause D1 for every other one here).
    let source = 'before the write';
    let paused: Promise<void> | undefined;
    const policy = { ...cachePolicies.getBranding, policy: 'race-test', tags: ['thing:{workspace}'] };
    const app = new Hono<AppEnv>();
    app.get('/api/v1/:workspace/thing', cached(policy, async (c) => {
      const seen = source;
      await paused;
      return c.json({ seen }, 200);
    }));
    app.put('/api/v1/:workspace/thing', invalidating({ operationId: 'updateBranding', tags: ['thing:{workspace}'], freshness: 'immediate' }, (c) => {
      source = 'after the write';
      return c.json({}, 200);
    }));
    const call = async (method: string) => {
      const ctx = createExecutionContext();
      const response = await app.fetch(new Request('https://race.test/api/v1/ws/thing', { method }), env, ctx);
      const body = method === 'GET' ? await response.json() : undefined;
      await waitOnExecutionContext(ctx);
      return { cache: response.headers.get('X-Cache'), body };
    };

    let resume!: () => void;
    paused = new Promise((resolve) => (resume = resolve));
    const slowRead = call('GET');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await call('PUT');
    paused = undefined;
    resume();
    // It began before the write, so it may miss it; what it stores must not outlive the write.
    expect(await slowRead).toEqual({ cache: 'MISS', body: { seen: 'before the write' } });
    expect(await call('GET')).toEqual({ cache: 'MISS', body: { seen: 'after the write' } });
    expect(await call('GET')).toEqual({ cache: 'HIT', body: { seen: 'after the write' } });
  });

  describe('a mutation wrapper run directly', () => {
    const invalidation = { operationId: 'updateFeedback', tags: ['board:{workspace}:{board}', 'item:{workspace}:{id}'], freshness: 'immediate' } as const;

    async function run(handler: (c: import('hono').Context<AppEnv>) => Response | Promise<Response>, ws: WorkspaceFixture, id: number): Promise<Response> {
      const app = new Hono<AppEnv>();
      app.patch('/api/v1/:workspace/admin/feedback/:id', invalidating(invalidation, handler));
      app.onError(handleError);
      const ctx = createExecutionContext();
      const response = await app.fetch(new Request(`https://api.test/api/v1/${ws.slug}/admin/feedback/${id}`, { method: 'PATCH' }), env, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    }

    it('a handler that forgets a tag parameter still answers 200 and invalidates the whole workspace', async () => {
      const ws = await createWorkspace();
      const { id } = await createFeedback(ws);
      const list = `/api/v1/${ws.slug}/${ws.board}/feedback`;
      const branding = `/api/v1/${ws.slug}/branding`;
      for (const path of [list, branding]) await read(path);
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      // No setTagParams: {board} cannot be filled.
      expect((await run((c) => c.json({ ok: true }, 200), ws, id)).status).toBe(200);
      expect(logged.mock.calls.join(' ')).toMatch(/needs \{board\}.*whole workspace/);
      expect((await read(list)).cache).toBe('MISS');
      expect((await read(branding)).cache).toBe('MISS');
    });

    it('a server error invalidates (the write may have committed); a client error does not', async () => {
      const ws = await createWorkspace();
      const { id } = await createFeedback(ws);
      const path = `/api/v1/${ws.slug}/${ws.board}/feedback/${id}`;
      await read(path);
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      expect((await run(() => { throw notFound('no such item'); }, ws, id)).status).toBe(404);
      expect((await read(path)).cache).toBe('HIT');
      expect((await run(() => { throw new Error('failed after commit'); }, ws, id)).status).toBe(500);
      expect((await read(path)).cache).toBe('MISS');
    });
  });
});

import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, resetClock } from '../../src/lib/clock.ts';
import { api, createFeedback, createWorkspace, expectProblem, json, type WorkspaceFixture } from '../support/api.ts';
import { read, withDatabaseDown } from './support.ts';

afterEach(() => resetClock());

const seconds = (s: number) => s * 1000;
const itemPath = (ws: WorkspaceFixture, id: number, board = ws.board) => `/api/v1/${ws.slug}/${board}/feedback/${id}`;

/** Reads `path` twice so the second read is a HIT: anything later can only change through invalidation. */
async function primed(path: string): Promise<void> {
  expect((await read(path)).status).toBe(200);
  expect((await read(path)).cache).toBe('HIT');
}

async function createBoard(ws: WorkspaceFixture, slug: string): Promise<void> {
  expect((await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug, name: slug }, key: ws.key })).status).toBe(201);
}

describe('a deleted board takes every cached page of it down at once', () => {
  it('item and comment pages of a deleted board are 404 right after the delete, and never served stale', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws, 'On a board about to go');
    expect((await api(`${itemPath(ws, id)}/comments`, { body: { body: 'A comment', externalUserId: 'c1' } })).status).toBe(201);
    const pages = [itemPath(ws, id), `${itemPath(ws, id)}/comments`, `/api/v1/${ws.slug}/${ws.board}/feedback`];
    for (const page of pages) await primed(page);

    expect((await api(`/api/v1/${ws.slug}/admin/boards/${ws.board}?confirm=true`, { method: 'DELETE', key: ws.key })).status).toBe(204);

    for (const page of pages) await expectProblem(await api(page), 404);
    // With the database down, nothing of the deleted board comes back from the cache.
    for (const page of pages) await expectProblem(await withDatabaseDown(() => api(page)), 503);
  });

  it('a duplicate on another board, un-merged because its parent’s board was deleted, reappears in its cached list', async () => {
    const ws = await createWorkspace();
    await createBoard(ws, 'other');
    const parent = await createFeedback(ws, 'Parent');
    const dupRes = await api(`/api/v1/${ws.slug}/other/feedback`, { body: { title: 'Duplicate', externalUserId: 'd1' } });
    const duplicate = await json<{ id: number }>(dupRes);
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${parent.id}/merge`, { body: { duplicateId: duplicate.id, allowCrossBoard: true }, key: ws.key })).status).toBe(201);
    const otherList = `/api/v1/${ws.slug}/other/feedback`;
    await primed(otherList);
    await primed(itemPath(ws, duplicate.id, 'other'));
    expect((await read<{ id: number }[]>(otherList)).body.map((i) => i.id)).not.toContain(duplicate.id);

    expect((await api(`/api/v1/${ws.slug}/admin/boards/${ws.board}?confirm=true`, { method: 'DELETE', key: ws.key })).status).toBe(204);

    const list = await read<{ id: number }[]>(otherList);
    expect(list.cache).toBe('MISS');
    expect(list.body.map((i) => i.id)).toContain(duplicate.id);
    expect((await read<{ mergedIntoId: number | null }>(itemPath(ws, duplicate.id, 'other'))).body.mergedIntoId).toBeNull();
  });
});

describe('content removed without an invalidation reaching this colo', () => {
  it('a refresh answering 404 drops the stale entry: not served again, not even while the database is down', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws, 'Removed behind the cache’s back');
    const path = itemPath(ws, id);
    await primed(path);
    // As if deleted through another colo whose purge never arrived here.
    await env.DB.prepare('DELETE FROM feedback_items WHERE id = ?').bind(id).run();

    advanceClock(seconds(301)); // feedback-item: ttl 300, stale-while-revalidate 600
    expect((await read(path)).cache).toBe('STALE');
    // The background refresh gets 404 and drops the entry; on a busy machine it may take a while.
    let after = await read(path);
    for (let attempt = 0; after.cache === 'STALE' && attempt < 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await read(path);
    }
    expect(after.status).toBe(404);
    await expectProblem(await withDatabaseDown(() => api(path)), 503);
  });
});

describe('the public roadmap follows its feedback’s visibility', () => {
  const admin = (ws: WorkspaceFixture, rest = '') => `/api/v1/${ws.slug}/admin/roadmaps${rest}`;
  type PublicRoadmap = { phases: { items: { feedbackId: number | null; title: string }[] }[] };

  async function roadmapWith(ws: WorkspaceFixture, feedbackIds: number[]): Promise<string> {
    expect((await api(admin(ws), { body: { slug: 'public', name: 'Public', isPublic: true }, key: ws.key })).status).toBe(201);
    const phase = await json<{ id: number }>(await api(admin(ws, '/public/phases'), { body: { name: 'Now' }, key: ws.key }));
    for (const feedbackId of feedbackIds) {
      expect((await api(admin(ws, '/public/items'), { body: { phaseId: phase.id, feedbackId }, key: ws.key })).status).toBe(201);
    }
    expect((await api(admin(ws, '/public/items'), { body: { phaseId: phase.id, title: 'Standalone' }, key: ws.key })).status).toBe(201);
    return `/api/v1/${ws.slug}/roadmaps/public`;
  }

  const titles = async (path: string) =>
    (await read<PublicRoadmap>(path)).body.phases.flatMap((p) => p.items.map((i) => i.title)).sort();

  it('hidden, rejected, pending, deleted and merged feedback leaves the public roadmap at once; the rest stays', async () => {
    const ws = await createWorkspace();
    const names = ['Visible', 'Hidden', 'Rejected', 'Pending', 'Deleted', 'Merged'];
    const ids: Record<string, number> = {};
    for (const name of names) ids[name] = (await createFeedback(ws, name)).id;
    const path = await roadmapWith(ws, names.map((n) => ids[n]!));
    await primed(path);
    expect(await titles(path)).toEqual([...names, 'Standalone'].sort());

    const moderate = (id: number, body: Record<string, unknown>) =>
      api(`/api/v1/${ws.slug}/admin/feedback/${id}`, { method: 'PATCH', body, key: ws.key });
    expect((await moderate(ids.Hidden!, { isHidden: true })).status).toBe(200);
    expect((await moderate(ids.Rejected!, { moderationState: 'rejected' })).status).toBe(200);
    expect((await moderate(ids.Pending!, { moderationState: 'pending' })).status).toBe(200);
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${ids.Deleted}`, { method: 'DELETE', key: ws.key })).status).toBe(204);
    expect(await titles(path)).toEqual(['Merged', 'Standalone', 'Visible']);

    await primed(path);
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${ids.Visible}/merge`, { body: { duplicateId: ids.Merged }, key: ws.key })).status).toBe(201);
    expect(await titles(path)).toEqual(['Standalone', 'Visible']);

    // Approving again brings an item back; a deleted one stays off (its roadmap item is no longer public).
    expect((await moderate(ids.Rejected!, { moderationState: 'approved' })).status).toBe(200);
    expect(await titles(path)).toEqual(['Rejected', 'Standalone', 'Visible']);
    const deleted = await env.DB.prepare("SELECT is_public, feedback_id FROM roadmap_items WHERE title = 'Deleted'").first();
    expect(deleted).toEqual({ is_public: 0, feedback_id: null });
  });
});

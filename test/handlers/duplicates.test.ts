import { describe, expect, it } from 'vitest';
import { api, castVote, createFeedback, createWorkspace, expectProblem, json, type WorkspaceFixture } from '../support/api.ts';

type Group = { id: number; parentId: number; duplicateId: number; isActive: boolean; movedVotes: number; createdAt: string };
type Item = { id: number; voteCount: number; voterCount: number; mergedIntoId: number | null };

const itemUrl = (ws: WorkspaceFixture, id: number, board = ws.board) => `/api/v1/${ws.slug}/${board}/feedback/${id}`;
const listUrl = (ws: WorkspaceFixture, board = ws.board) => `/api/v1/${ws.slug}/${board}/feedback`;

function vote(ws: WorkspaceFixture, id: number, externalUserId: string, weight = 1, board = ws.board): Promise<Response> {
  return castVote(ws, id, externalUserId, weight, board);
}

function merge(ws: WorkspaceFixture, parentId: number, duplicateId: unknown, key = ws.key, extra: Record<string, unknown> = {}): Promise<Response> {
  return api(`/api/v1/${ws.slug}/admin/feedback/${parentId}/merge`, { body: { duplicateId, ...extra }, key });
}

function unmerge(ws: WorkspaceFixture, groupId: number | string, key = ws.key): Promise<Response> {
  return api(`/api/v1/${ws.slug}/admin/duplicates/${groupId}`, { method: 'DELETE', key });
}

async function counts(ws: WorkspaceFixture, id: number, board = ws.board): Promise<Pick<Item, 'voteCount' | 'voterCount' | 'mergedIntoId'>> {
  const { voteCount, voterCount, mergedIntoId } = await json<Item>(await api(itemUrl(ws, id, board)));
  return { voteCount, voterCount, mergedIntoId };
}

async function listedIds(ws: WorkspaceFixture, board = ws.board): Promise<number[]> {
  return (await json<Item[]>(await api(listUrl(ws, board)))).map((i) => i.id);
}

/** Reads twice and proves the second read is a cache hit, so a later change can only show through invalidation. */
async function prime(path: string): Promise<void> {
  await api(path);
  expect((await api(path)).headers.get('X-Cache')).toBe('HIT');
}

async function mergedGroup(ws: WorkspaceFixture, parentId: number, duplicateId: number, extra: Record<string, unknown> = {}): Promise<Group> {
  const res = await merge(ws, parentId, duplicateId, ws.key, extra);
  expect(res.status).toBe(201);
  return json<Group>(res);
}

describe('mergeFeedback and unmergeFeedback', () => {
  it('voters of both count once on the parent; unmerging restores both items exactly', async () => {
    const ws = await createWorkspace();
    const parent = await createFeedback(ws, 'Dark mode');
    const duplicate = await createFeedback(ws, 'Night theme');
    await vote(ws, parent.id, 'alice', 2);
    await vote(ws, parent.id, 'bob', 1);
    await vote(ws, duplicate.id, 'bob', 3);
    await vote(ws, duplicate.id, 'carol', 1);
    const parentBefore = await counts(ws, parent.id);
    const duplicateBefore = await counts(ws, duplicate.id);
    expect(parentBefore).toEqual({ voteCount: 3, voterCount: 2, mergedIntoId: null });
    expect(duplicateBefore).toEqual({ voteCount: 4, voterCount: 2, mergedIntoId: null });
    await prime(listUrl(ws));
    await prime(itemUrl(ws, parent.id));
    await prime(itemUrl(ws, duplicate.id));

    const group = await mergedGroup(ws, parent.id, duplicate.id);
    // Only carol moves: bob already voted on the parent and keeps that vote.
    expect(group).toMatchObject({ parentId: parent.id, duplicateId: duplicate.id, isActive: true, movedVotes: 1 });
    expect(await counts(ws, parent.id)).toEqual({ voteCount: 4, voterCount: 3, mergedIntoId: null });
    expect(await counts(ws, duplicate.id)).toEqual({ ...duplicateBefore, mergedIntoId: parent.id });
    expect(await listedIds(ws)).toEqual([parent.id]);
    await expectProblem(await vote(ws, duplicate.id, 'dave'), 409);

    await prime(listUrl(ws));
    await prime(itemUrl(ws, parent.id));
    await prime(itemUrl(ws, duplicate.id));
    const res = await unmerge(ws, group.id);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: group.id, isActive: false, movedVotes: 1 });
    expect(await counts(ws, parent.id)).toEqual(parentBefore);
    expect(await counts(ws, duplicate.id)).toEqual(duplicateBefore);
    expect((await listedIds(ws)).sort()).toEqual([parent.id, duplicate.id].sort());
    expect((await vote(ws, duplicate.id, 'dave')).status).toBe(200);
  });

  it('a vote cast on the parent after the merge stays after unmerging, also from a voter whose vote had been copied', async () => {
    const ws = await createWorkspace();
    const parent = await createFeedback(ws, 'Export to CSV');
    const duplicate = await createFeedback(ws, 'CSV download');
    await vote(ws, parent.id, 'alice');
    await vote(ws, duplicate.id, 'carol', 2);
    await vote(ws, duplicate.id, 'erin');
    const group = await mergedGroup(ws, parent.id, duplicate.id);
    expect(group.movedVotes).toBe(2);
    expect(await counts(ws, parent.id)).toMatchObject({ voteCount: 4, voterCount: 3 });

    // carol re-casts the vote that was copied; frank is new.
    expect(await json(await vote(ws, parent.id, 'carol', 2))).toMatchObject({ voteCount: 4, voterCount: 3 });
    await vote(ws, parent.id, 'frank', 5);
    expect((await unmerge(ws, group.id)).status).toBe(200);
    // alice, carol and frank remain; only erin's copy left.
    expect(await counts(ws, parent.id)).toEqual({ voteCount: 8, voterCount: 3, mergedIntoId: null });
    expect(await counts(ws, duplicate.id)).toEqual({ voteCount: 3, voterCount: 2, mergedIntoId: null });
  });

  it('merges across boards only with allowCrossBoard, and then invalidates both boards’ lists', async () => {
    const ws = await createWorkspace();
    await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'bugs', name: 'Bugs' }, key: ws.key });
    const parent = await createFeedback(ws, 'Crash on save');
    const duplicate = await createFeedback({ ...ws, board: 'bugs' }, 'Saving crashes');
    await vote(ws, duplicate.id, 'gina', 1, 'bugs');
    await prime(listUrl(ws, 'bugs'));
    await prime(itemUrl(ws, parent.id));

    const refused = await expectProblem(await merge(ws, parent.id, duplicate.id), 409);
    expect(refused.detail).toMatch(/allowCrossBoard/);
    expect(await listedIds(ws, 'bugs')).toEqual([duplicate.id]);
    const group = await mergedGroup(ws, parent.id, duplicate.id, { allowCrossBoard: true });
    expect(await listedIds(ws, 'bugs')).toEqual([]);
    expect(await counts(ws, parent.id)).toMatchObject({ voteCount: 1, voterCount: 1 });

    await prime(listUrl(ws, 'bugs'));
    await prime(itemUrl(ws, parent.id));
    await unmerge(ws, group.id);
    expect(await listedIds(ws, 'bugs')).toEqual([duplicate.id]);
    expect(await counts(ws, parent.id)).toMatchObject({ voteCount: 0, voterCount: 0 });
  });

  it('an unmerged item can be merged again', async () => {
    const ws = await createWorkspace();
    const parent = await createFeedback(ws, 'Parent item');
    const duplicate = await createFeedback(ws, 'Duplicate item');
    await vote(ws, duplicate.id, 'hal');
    const first = await mergedGroup(ws, parent.id, duplicate.id);
    await unmerge(ws, first.id);
    const second = await mergedGroup(ws, parent.id, duplicate.id);
    expect(second.id).not.toBe(first.id);
    expect(await counts(ws, parent.id)).toMatchObject({ voteCount: 1, voterCount: 1 });
  });
});

describe('mergeFeedback errors', () => {
  it('400 naming the field; 404 for items outside the workspace; 409 for merged items and chains', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const a = await createFeedback(ws, 'Item A');
    const b = await createFeedback(ws, 'Item B');
    const c = await createFeedback(ws, 'Item C');
    const foreign = await createFeedback(other, 'Foreign item');

    expect((await expectProblem(await merge(ws, a.id, a.id), 400)).errors?.[0]?.path).toBe('body.duplicateId');
    expect((await expectProblem(await merge(ws, a.id, 'two'), 400)).errors?.[0]?.path).toBe('body.duplicateId');
    expect((await expectProblem(await api(`/api/v1/${ws.slug}/admin/feedback/${a.id}/merge`, { body: {}, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.duplicateId');
    expect((await expectProblem(await merge(ws, 0, b.id), 400)).errors?.[0]?.path).toBe('path.id');
    await expectProblem(await merge(ws, 99999999, b.id), 404);
    await expectProblem(await merge(ws, a.id, 99999999), 404);
    await expectProblem(await merge(ws, a.id, foreign.id), 404);
    await expectProblem(await merge(ws, foreign.id, a.id), 404);

    await mergedGroup(ws, a.id, b.id);
    await expectProblem(await merge(ws, a.id, b.id), 409); // already merged
    await expectProblem(await merge(ws, c.id, b.id), 409); // already merged elsewhere
    await expectProblem(await merge(ws, b.id, c.id), 409); // the parent is itself merged
    await expectProblem(await merge(ws, c.id, a.id), 409); // a has duplicates of its own
    await expectProblem(await merge(ws, b.id, a.id), 409); // would make a cycle

    await expectProblem(await merge(ws, a.id, c.id, ''), 401);
    await expectProblem(await merge(ws, a.id, c.id, 'fpk_not-a-key'), 401);
    await expectProblem(await merge(ws, a.id, c.id, other.key), 403);
    expect(await counts(ws, c.id)).toMatchObject({ mergedIntoId: null });
  });
});

describe('unmergeFeedback errors', () => {
  it('404 for an unknown or foreign group; 409 when already unmerged; 400 for a bad id; 401 and 403 for keys', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const group = await mergedGroup(ws, (await createFeedback(ws, 'Parent item')).id, (await createFeedback(ws, 'Duplicate item')).id);
    const foreignGroup = await mergedGroup(other, (await createFeedback(other, 'Their parent')).id, (await createFeedback(other, 'Their duplicate')).id);

    await expectProblem(await unmerge(ws, 99999999), 404);
    await expectProblem(await unmerge(ws, foreignGroup.id), 404);
    expect((await expectProblem(await unmerge(ws, 'abc'), 400)).errors?.[0]?.path).toBe('path.groupId');
    await expectProblem(await unmerge(ws, group.id, ''), 401);
    await expectProblem(await unmerge(ws, group.id, 'fpk_not-a-key'), 401);
    await expectProblem(await unmerge(ws, group.id, other.key), 403);
    expect((await unmerge(ws, group.id)).status).toBe(200);
    await expectProblem(await unmerge(ws, group.id), 409);
  });
});

describe('deleting merged items', () => {
  it('an item with merged duplicates answers 409 until they are unmerged', async () => {
    const ws = await createWorkspace();
    const parent = await createFeedback(ws, 'Parent item');
    const duplicate = await createFeedback(ws, 'Duplicate item');
    const group = await mergedGroup(ws, parent.id, duplicate.id);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/feedback/${parent.id}`, { method: 'DELETE', key: ws.key }), 409);
    await unmerge(ws, group.id);
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${parent.id}`, { method: 'DELETE', key: ws.key })).status).toBe(204);
    expect(await counts(ws, duplicate.id)).toMatchObject({ mergedIntoId: null });
  });

  it('deleting a merged duplicate leaves its voters on the parent', async () => {
    const ws = await createWorkspace();
    const parent = await createFeedback(ws, 'Parent item');
    const duplicate = await createFeedback(ws, 'Duplicate item');
    await vote(ws, duplicate.id, 'ivan', 3);
    await mergedGroup(ws, parent.id, duplicate.id);
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${duplicate.id}`, { method: 'DELETE', key: ws.key })).status).toBe(204);
    // The parent's first read (not cached): without the copy's marker cleared, the cascade from the duplicate would take the vote.
    expect(await counts(ws, parent.id)).toEqual({ voteCount: 3, voterCount: 1, mergedIntoId: null });
  });
});

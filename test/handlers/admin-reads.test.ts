import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json, nextLink, type WorkspaceFixture } from '../support/api.ts';

type Detail = {
  id: number;
  moderationState: string;
  isHidden: boolean;
  internalCommentCount: number;
  duplicates: { groupId: number; id: number; board: string; title: string; voteCount: number; mergedAt: string }[];
  moderation: { submittedAt: string; approvedAt: string | null; rejectedAt: string | null; hiddenAt: string | null; mergedAt: string | null };
};
type Group = { id: number; parentId: number; duplicateId: number; isActive: boolean };

const detailPath = (ws: WorkspaceFixture, id: number | string) => `/api/v1/${ws.slug}/admin/feedback/${id}`;
const groupsPath = (ws: WorkspaceFixture, query = '') => `/api/v1/${ws.slug}/admin/duplicates${query}`;

function moderate(ws: WorkspaceFixture, id: number, body: unknown): Promise<Response> {
  return api(detailPath(ws, id), { method: 'PATCH', body, key: ws.key });
}

async function merge(ws: WorkspaceFixture, parentId: number, duplicateId: number): Promise<Group> {
  const res = await api(`${detailPath(ws, parentId)}/merge`, { body: { duplicateId }, key: ws.key });
  expect(res.status).toBe(201);
  return json<Group>(res);
}

describe('getAdminFeedback', () => {
  it('reads an item in any state, with its duplicates, internal comment count and moderation history', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws, 'Export to csv');
    const duplicate = await createFeedback(ws, 'CSV export please');
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${duplicate.id}/votes`, { body: { externalUserId: 'voter' } });
    const group = await merge(ws, item.id, duplicate.id);
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`, { body: { body: 'Internal note', isInternal: true }, key: ws.key });
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`, { body: { body: 'Public', externalUserId: 'ann' } });
    await moderate(ws, item.id, { moderationState: 'rejected' });
    await moderate(ws, item.id, { isHidden: true });

    const res = await api(detailPath(ws, item.id), { key: ws.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const detail = await json<Detail>(res);
    expect(detail).toMatchObject({ id: item.id, moderationState: 'rejected', isHidden: true, internalCommentCount: 1 });
    expect(detail.duplicates).toEqual([
      { groupId: group.id, id: duplicate.id, board: 'main', title: 'CSV export please', voteCount: 1, mergedAt: expect.any(String) },
    ]);
    expect(detail.moderation.approvedAt).not.toBeNull();
    expect(detail.moderation.rejectedAt).not.toBeNull();
    expect(detail.moderation.hiddenAt).not.toBeNull();
    expect(detail.moderation.mergedAt).toBeNull();
    expect(Date.parse(detail.moderation.rejectedAt!)).toBeGreaterThanOrEqual(Date.parse(detail.moderation.submittedAt));

    const merged = await json<Detail>(await api(detailPath(ws, duplicate.id), { key: ws.key }));
    expect(merged.moderation.mergedAt).not.toBeNull();
    await moderate(ws, item.id, { isHidden: false });
    expect((await json<Detail>(await api(detailPath(ws, item.id), { key: ws.key }))).moderation.hiddenAt).toBeNull();
  });

  it('404 for an item of another workspace or none; 401 and 403 for keys; 400 for a bad id', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createFeedback(other);
    await expectProblem(await api(detailPath(ws, foreign.id), { key: ws.key }), 404);
    await expectProblem(await api(detailPath(ws, 99999999), { key: ws.key }), 404);
    expect((await expectProblem(await api(detailPath(ws, 'abc'), { key: ws.key }), 400)).errors?.[0]?.path).toBe('path.id');
    await expectProblem(await api(detailPath(ws, foreign.id)), 401);
    await expectProblem(await api(detailPath(ws, foreign.id), { key: other.key }), 403);
  });
});

describe('listDuplicateGroups', () => {
  it('lists merges newest first, filtered by state and parent, a page at a time', async () => {
    const ws = await createWorkspace();
    const parent = await createFeedback(ws, 'Parent');
    const other = await createFeedback(ws, 'Other parent');
    const a = await createFeedback(ws, 'Dup a');
    const b = await createFeedback(ws, 'Dup b');
    const c = await createFeedback(ws, 'Dup c');
    const ga = await merge(ws, parent.id, a.id);
    const gb = await merge(ws, parent.id, b.id);
    const gc = await merge(ws, other.id, c.id);
    expect((await api(`/api/v1/${ws.slug}/admin/duplicates/${ga.id}`, { method: 'DELETE', key: ws.key })).status).toBe(200);

    const ids = async (query: string) => (await json<Group[]>(await api(groupsPath(ws, query), { key: ws.key }))).map((g) => g.id);
    expect(await ids('')).toEqual([gc.id, gb.id, ga.id]);
    expect(await ids('?active=true')).toEqual([gc.id, gb.id]);
    expect(await ids('?active=false')).toEqual([ga.id]);
    expect(await ids(`?parentId=${parent.id}`)).toEqual([gb.id, ga.id]);
    const first = await api(groupsPath(ws, '?limit=2'), { key: ws.key });
    const walked = (await json<Group[]>(first)).map((g) => g.id);
    walked.push(...(await json<Group[]>(await api(nextLink(first)!, { key: ws.key }))).map((g) => g.id));
    expect(walked).toEqual([gc.id, gb.id, ga.id]);
  });

  it('400 naming the field, 401 and 403 for keys', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    expect((await expectProblem(await api(groupsPath(ws, '?active=maybe'), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.active');
    expect((await expectProblem(await api(groupsPath(ws, '?parentId=0'), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.parentId');
    await expectProblem(await api(groupsPath(ws)), 401);
    await expectProblem(await api(groupsPath(ws), { key: other.key }), 403);
  });
});

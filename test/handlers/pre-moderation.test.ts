import { describe, expect, it } from 'vitest';
import { api, createWorkspace, expectProblem, json, userToken, type WorkspaceFixture } from '../support/api.ts';

type Item = { id: number; moderationState: string; title: string };

async function vettedBoard(): Promise<WorkspaceFixture> {
  const ws = await createWorkspace();
  const res = await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'vetted', name: 'Vetted', requireApproval: true }, key: ws.key });
  expect(res.status).toBe(201);
  return { ...ws, board: 'vetted' };
}

const listPath = (ws: WorkspaceFixture) => `/api/v1/${ws.slug}/${ws.board}/feedback`;
const itemPath = (ws: WorkspaceFixture, id: number) => `${listPath(ws)}/${id}`;

async function listed(ws: WorkspaceFixture, query = ''): Promise<number[]> {
  return (await json<Item[]>(await api(`${listPath(ws)}${query}`))).map((i) => i.id);
}

describe('boards that require approval', () => {
  it('new items wait: absent from lists, search and reads until approved, then visible at once', async () => {
    const ws = await vettedBoard();
    const approvedFirst = await json<Item>(await api(listPath(ws), { body: { title: 'Already here', externalUserId: 'old' } }));
    await api(`/api/v1/${ws.slug}/admin/feedback/${approvedFirst.id}`, { method: 'PATCH', body: { moderationState: 'approved' }, key: ws.key });
    // Cached before the submission, so the approval can only show through invalidation.
    await api(listPath(ws));
    expect((await api(listPath(ws))).headers.get('X-Cache')).toBe('HIT');

    const res = await api(listPath(ws), { body: { title: 'Dark mode waits', externalUserId: 'ann' } });
    expect(res.status).toBe(201);
    const item = await json<Item>(res);
    expect(item.moderationState).toBe('pending');
    expect(await listed(ws)).toEqual([approvedFirst.id]);
    expect(await listed(ws, '?q=dark')).toEqual([]);
    await expectProblem(await api(itemPath(ws, item.id)), 404);
    await expectProblem(await api(`${itemPath(ws, item.id)}/votes`, { body: { externalUserId: 'bob' } }), 404);
    const queue = await json<Item[]>(await api(`/api/v1/${ws.slug}/admin/feedback?moderationState=pending`, { key: ws.key }));
    expect(queue.map((i) => i.id)).toEqual([item.id]);

    const approved = await api(`/api/v1/${ws.slug}/admin/feedback/${item.id}`, { method: 'PATCH', body: { moderationState: 'approved' }, key: ws.key });
    expect(await json(approved)).toMatchObject({ moderationState: 'approved' });
    expect((await listed(ws)).sort()).toEqual([approvedFirst.id, item.id].sort());
    expect(await listed(ws, '?q=dark')).toEqual([item.id]);
    expect(await json(await api(itemPath(ws, item.id)))).toMatchObject({ id: item.id, moderationState: 'approved' });
  });

  it('the submitter reads their pending item with their identity token; nobody else does', async () => {
    const ws = await vettedBoard();
    const item = await json<Item>(await api(listPath(ws), { body: { title: 'Mine to see', externalUserId: 'ann' } }));
    const own = await api(itemPath(ws, item.id), { headers: { 'X-User-Token': await userToken(ws, 'ann') } });
    expect(own.status).toBe(200);
    expect(own.headers.get('Cache-Control')).toContain('no-store');
    expect(await json(own)).toMatchObject({ id: item.id, title: 'Mine to see', moderationState: 'pending' });
    await expectProblem(await api(itemPath(ws, item.id), { headers: { 'X-User-Token': await userToken(ws, 'bob') } }), 404);
    await expectProblem(await api(itemPath(ws, item.id), { headers: { 'X-User-Token': 'forged.token' } }), 401);
    await expectProblem(await api(itemPath(ws, item.id)), 404);
    // Rejected or hidden: no longer shown to its submitter either.
    await api(`/api/v1/${ws.slug}/admin/feedback/${item.id}`, { method: 'PATCH', body: { moderationState: 'rejected' }, key: ws.key });
    await expectProblem(await api(itemPath(ws, item.id), { headers: { 'X-User-Token': await userToken(ws, 'ann') } }), 404);
  });

  it('turning approval off lets new items straight through', async () => {
    const ws = await vettedBoard();
    await api(`/api/v1/${ws.slug}/admin/boards/vetted`, { method: 'PATCH', body: { requireApproval: false }, key: ws.key });
    const item = await json<Item>(await api(listPath(ws), { body: { title: 'Straight in', externalUserId: 'ann' } }));
    expect(item.moderationState).toBe('approved');
    expect(await listed(ws)).toEqual([item.id]);
  });
});

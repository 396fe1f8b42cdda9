import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json } from '../support/api.ts';

type Comment = { id: number; parentId: number | null; body: string; isInternal: boolean; isAdmin: boolean; authorName: string | null };

describe('comments', () => {
  it('threads replies, hides internal comments from the public, counts public ones', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const url = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`;
    const root = await json<Comment>(await api(url, { body: { body: 'First!', externalUserId: 'u1', userName: 'Ada' } }));
    expect(root).toMatchObject({ parentId: null, authorName: 'Ada', isInternal: false, isAdmin: false });
    const reply = await api(url, { body: { body: 'A reply', externalUserId: 'u2', parentId: root.id } });
    expect(reply.status).toBe(201);
    const internal = await api(url, { body: { body: 'Team only', isInternal: true }, key: ws.key });
    expect(await json(internal)).toMatchObject({ isInternal: true, isAdmin: true });

    const publicList = await json<Comment[]>(await api(url));
    expect(publicList.map((c) => c.body)).toEqual(['First!', 'A reply']);
    expect(publicList[1]!.parentId).toBe(root.id);
    const adminList = await api(url, { key: ws.key });
    expect(adminList.headers.get('X-Cache')).toBe('BYPASS');
    expect((await json<Comment[]>(adminList)).map((c) => c.body)).toEqual(['First!', 'A reply', 'Team only']);
    const counted = await json<{ commentCount: number }>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`));
    expect(counted.commentCount).toBe(2);
  });

  it('403 for an internal comment without a key; 401 with a bad key', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const url = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`;
    await expectProblem(await api(url, { body: { body: 'x', externalUserId: 'u', isInternal: true } }), 403);
    await expectProblem(await api(url, { body: { body: 'x' }, key: 'fpk_wrong' }), 401);
    await expectProblem(await api(url, { key: 'fpk_wrong' }), 401);
  });

  it('400 for an empty body, a missing author or a parent from another item; 404 for a missing item', async () => {
    const ws = await createWorkspace();
    const a = await createFeedback(ws, 'Item A');
    const b = await createFeedback(ws, 'Item B');
    const urlA = `/api/v1/${ws.slug}/${ws.board}/feedback/${a.id}/comments`;
    const urlB = `/api/v1/${ws.slug}/${ws.board}/feedback/${b.id}/comments`;
    expect((await expectProblem(await api(urlA, { body: { body: '', externalUserId: 'u' } }), 400)).errors?.[0]?.path).toBe('body.body');
    expect((await expectProblem(await api(urlA, { body: { body: 'hi' } }), 400)).errors?.[0]?.path).toBe('body.externalUserId');
    const onB = await json<Comment>(await api(urlB, { body: { body: 'on B', externalUserId: 'u' } }));
    expect((await expectProblem(await api(urlA, { body: { body: 'hi', externalUserId: 'u', parentId: onB.id } }), 400)).errors?.[0]?.path).toBe('body.parentId');
    const internal = await json<Comment>(await api(urlA, { body: { body: 'secret' , isInternal: true }, key: ws.key }));
    await expectProblem(await api(urlA, { body: { body: 'reply', externalUserId: 'u', parentId: internal.id } }), 400);
    await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/99999999/comments`), 404);
    await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/99999999/comments`, { body: { body: 'x', externalUserId: 'u' } }), 404);
  });
});

import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json, nextLink, userToken, type WorkspaceFixture } from '../support/api.ts';

type Comment = {
  id: number;
  feedbackId: number;
  parentId: number | null;
  body: string;
  authorName: string | null;
  isInternal: boolean;
  isHidden: boolean;
  isDeleted: boolean;
  editedAt: string | null;
  board?: string;
};

const commentsPath = (ws: WorkspaceFixture, itemId: number) => `/api/v1/${ws.slug}/${ws.board}/feedback/${itemId}/comments`;
const commentPath = (ws: WorkspaceFixture, itemId: number, commentId: number) => `${commentsPath(ws, itemId)}/${commentId}`;
const adminComments = (ws: WorkspaceFixture, query = '') => `/api/v1/${ws.slug}/admin/comments${query}`;

async function comment(ws: WorkspaceFixture, itemId: number, body: Record<string, unknown>, key?: string): Promise<Comment> {
  const res = await api(commentsPath(ws, itemId), { body, key });
  expect(res.status).toBe(201);
  return json<Comment>(res);
}

async function tokenFor(ws: WorkspaceFixture, sub: string): Promise<Record<string, string>> {
  return { 'X-User-Token': await userToken(ws, sub) };
}

async function publicThread(ws: WorkspaceFixture, itemId: number): Promise<Comment[]> {
  return json<Comment[]>(await api(commentsPath(ws, itemId)));
}

async function commentCount(ws: WorkspaceFixture, itemId: number): Promise<number> {
  return (await json<{ commentCount: number }>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${itemId}`))).commentCount;
}

/** Reads twice and proves the second read is a cache hit, so a later change can only show through invalidation. */
async function primed(path: string): Promise<void> {
  await api(path);
  expect((await api(path)).headers.get('X-Cache')).toBe('HIT');
}

describe('updateComment', () => {
  it('its author edits it with an identity token; the edit shows at once and is stamped', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const mine = await comment(ws, item.id, { body: 'Frist!', externalUserId: 'ann', userName: 'Ann' });
    await primed(commentsPath(ws, item.id));
    const res = await api(commentPath(ws, item.id, mine.id), { method: 'PATCH', body: { body: 'First!' }, headers: await tokenFor(ws, 'ann') });
    expect(res.status).toBe(200);
    const edited = await json<Comment>(res);
    expect(edited).toMatchObject({ id: mine.id, body: 'First!', authorName: 'Ann', isHidden: false, isDeleted: false });
    expect(edited.editedAt).not.toBeNull();
    expect((await publicThread(ws, item.id)).map((c) => c.body)).toEqual(['First!']);
  });

  it('401 without or with a bad token, 403 for somebody else or for hiding; 409 once hidden or deleted', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const item = await createFeedback(ws);
    const mine = await comment(ws, item.id, { body: 'Mine', externalUserId: 'ann' });
    const path = commentPath(ws, item.id, mine.id);
    await expectProblem(await api(path, { method: 'PATCH', body: { body: 'x' } }), 401);
    await expectProblem(await api(path, { method: 'PATCH', body: { body: 'x' }, headers: { 'X-User-Token': 'not.valid' } }), 401);
    await expectProblem(await api(path, { method: 'PATCH', body: { body: 'x' }, headers: { 'X-User-Token': await userToken(other, 'ann') } }), 401);
    await expectProblem(await api(path, { method: 'PATCH', body: { body: 'x' }, headers: await tokenFor(ws, 'bob') }), 403);
    await expectProblem(await api(path, { method: 'PATCH', body: { isHidden: true }, headers: await tokenFor(ws, 'ann') }), 403);
    await expectProblem(await api(path, { method: 'PATCH', body: { body: 'x' }, key: other.key }), 403);
    const adminWritten = await comment(ws, item.id, { body: 'From the team' }, ws.key);
    await expectProblem(await api(commentPath(ws, item.id, adminWritten.id), { method: 'PATCH', body: { body: 'x' }, headers: await tokenFor(ws, 'ann') }), 403);

    expect((await api(path, { method: 'PATCH', body: { isHidden: true }, key: ws.key })).status).toBe(200);
    await expectProblem(await api(path, { method: 'PATCH', body: { body: 'x' }, headers: await tokenFor(ws, 'ann') }), 409);
    expect((await api(path, { method: 'DELETE', key: ws.key })).status).toBe(204);
    await expectProblem(await api(path, { method: 'PATCH', body: { body: 'x' }, key: ws.key }), 409);
  });

  it('400 naming the field for an empty or unknown change; 404 for a comment of another item, an internal one, or a hidden item', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const second = await createFeedback(ws, 'Second item');
    const mine = await comment(ws, item.id, { body: 'Mine', externalUserId: 'ann' });
    const internal = await comment(ws, item.id, { body: 'Team only', isInternal: true }, ws.key);
    const headers = await tokenFor(ws, 'ann');
    const path = commentPath(ws, item.id, mine.id);
    expect((await expectProblem(await api(path, { method: 'PATCH', body: { body: '' }, headers }), 400)).errors?.[0]?.path).toBe('body.body');
    expect((await expectProblem(await api(path, { method: 'PATCH', body: {}, headers }), 400)).errors?.[0]?.path).toBe('body');
    expect((await expectProblem(await api(path, { method: 'PATCH', body: { author: 'x' }, headers }), 400)).errors?.[0]?.path).toBe('body.author');
    await expectProblem(await api(commentPath(ws, second.id, mine.id), { method: 'PATCH', body: { body: 'x' }, headers }), 404);
    await expectProblem(await api(commentPath(ws, item.id, internal.id), { method: 'PATCH', body: { body: 'x' }, headers }), 404);
    await expectProblem(await api(commentPath(ws, item.id, 999999), { method: 'PATCH', body: { body: 'x' }, key: ws.key }), 404);
    await api(`/api/v1/${ws.slug}/admin/feedback/${item.id}`, { method: 'PATCH', body: { isHidden: true }, key: ws.key });
    await expectProblem(await api(path, { method: 'PATCH', body: { body: 'x' }, headers }), 404);
    // An admin still moderates comments of a hidden item.
    expect((await api(path, { method: 'PATCH', body: { body: 'Redacted' }, key: ws.key })).status).toBe(200);
  });

  it('an admin hides a comment: the public sees a placeholder, the count drops, cached reads change at once; unhiding restores it', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const rude = await comment(ws, item.id, { body: 'Rude words', externalUserId: 'troll', userName: 'Troll' });
    const reply = await comment(ws, item.id, { body: 'Please be kind', externalUserId: 'ann', parentId: rude.id });
    expect(await commentCount(ws, item.id)).toBe(2);
    await primed(commentsPath(ws, item.id));
    await primed(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`);

    const hidden = await api(commentPath(ws, item.id, rude.id), { method: 'PATCH', body: { isHidden: true }, key: ws.key });
    expect(await json(hidden)).toMatchObject({ isHidden: true, body: 'Rude words' });
    const thread = await publicThread(ws, item.id);
    expect(thread.map((c) => [c.id, c.body, c.authorName, c.isHidden])).toEqual([[rude.id, '', null, true], [reply.id, 'Please be kind', null, false]]);
    expect(thread[1]!.parentId).toBe(rude.id);
    expect(await commentCount(ws, item.id)).toBe(1);
    expect((await json<Comment[]>(await api(commentsPath(ws, item.id), { key: ws.key })))[0]!.body).toBe('Rude words');

    await api(commentPath(ws, item.id, rude.id), { method: 'PATCH', body: { isHidden: false }, key: ws.key });
    expect((await publicThread(ws, item.id))[0]).toMatchObject({ body: 'Rude words', isHidden: false });
    expect(await commentCount(ws, item.id)).toBe(2);
  });
});

describe('deleteComment', () => {
  it('soft: the thread keeps its shape, the comment shows as deleted, the count drops; repeating changes nothing', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const parent = await comment(ws, item.id, { body: 'Original', externalUserId: 'ann', userName: 'Ann' });
    const reply = await comment(ws, item.id, { body: 'Reply', externalUserId: 'bob', parentId: parent.id });
    await primed(commentsPath(ws, item.id));
    const headers = await tokenFor(ws, 'ann');
    expect((await api(commentPath(ws, item.id, parent.id), { method: 'DELETE', headers })).status).toBe(204);
    const thread = await publicThread(ws, item.id);
    expect(thread.map((c) => [c.id, c.body, c.authorName, c.isDeleted, c.parentId])).toEqual([
      [parent.id, '', null, true, null],
      [reply.id, 'Reply', null, false, parent.id],
    ]);
    expect(await commentCount(ws, item.id)).toBe(1);
    expect((await api(commentPath(ws, item.id, parent.id), { method: 'DELETE', headers })).status).toBe(204);
    expect(await commentCount(ws, item.id)).toBe(1);
    // An admin deletes anyone's.
    expect((await api(commentPath(ws, item.id, reply.id), { method: 'DELETE', key: ws.key })).status).toBe(204);
    expect(await commentCount(ws, item.id)).toBe(0);
  });

  it('401 without credentials, 403 for somebody else, 404 for a missing comment', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const mine = await comment(ws, item.id, { body: 'Mine', externalUserId: 'ann' });
    await expectProblem(await api(commentPath(ws, item.id, mine.id), { method: 'DELETE' }), 401);
    await expectProblem(await api(commentPath(ws, item.id, mine.id), { method: 'DELETE', headers: await tokenFor(ws, 'bob') }), 403);
    await expectProblem(await api(commentPath(ws, item.id, 999999), { method: 'DELETE', key: ws.key }), 404);
    expect((await expectProblem(await api(commentPath(ws, item.id, 0), { method: 'DELETE', key: ws.key }), 400)).errors?.[0]?.path).toBe('path.commentId');
    expect((await publicThread(ws, item.id))[0]).toMatchObject({ body: 'Mine', isDeleted: false });
  });
});

describe('listAdminComments', () => {
  it('every comment of the workspace newest first, with filters, a page at a time', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'bugs', name: 'Bugs' }, key: ws.key });
    const item = await createFeedback(ws);
    const bug = await createFeedback({ ...ws, board: 'bugs' }, 'A bug');
    const pub = await comment(ws, item.id, { body: 'Public one', externalUserId: 'ann' });
    const internal = await comment(ws, item.id, { body: 'Internal one', isInternal: true }, ws.key);
    const onBug = await comment({ ...ws, board: 'bugs' }, bug.id, { body: 'On the bug', externalUserId: 'bob' });
    const hidden = await comment(ws, item.id, { body: 'To hide', externalUserId: 'carl' });
    await api(commentPath(ws, item.id, hidden.id), { method: 'PATCH', body: { isHidden: true }, key: ws.key });
    await comment(other, (await createFeedback(other)).id, { body: 'Elsewhere', externalUserId: 'ann' });

    const list = async (query: string) => (await json<Comment[]>(await api(adminComments(ws, query), { key: ws.key }))).map((c) => c.id);
    expect(await list('')).toEqual([hidden.id, onBug.id, internal.id, pub.id]);
    expect(await list('?internal=true')).toEqual([internal.id]);
    expect(await list('?internal=false')).toEqual([hidden.id, onBug.id, pub.id]);
    expect(await list('?hidden=true')).toEqual([hidden.id]);
    expect(await list('?board=bugs')).toEqual([onBug.id]);
    expect(await list(`?feedbackId=${item.id}&hidden=false`)).toEqual([internal.id, pub.id]);
    const all = await json<Comment[]>(await api(adminComments(ws), { key: ws.key }));
    expect(all.find((c) => c.id === hidden.id)).toMatchObject({ body: 'To hide', isHidden: true, board: 'main' });
    expect(all.find((c) => c.id === onBug.id)).toMatchObject({ board: 'bugs' });

    const first = await api(adminComments(ws, '?limit=3'), { key: ws.key });
    expect(first.headers.get('Cache-Control')).toBe('private, no-store');
    const walked = (await json<Comment[]>(first)).map((c) => c.id);
    const second = await api(nextLink(first)!, { key: ws.key });
    walked.push(...(await json<Comment[]>(second)).map((c) => c.id));
    expect(nextLink(second)).toBeUndefined();
    expect(walked).toEqual([hidden.id, onBug.id, internal.id, pub.id]);
  });

  it('400 naming the field for bad filters and foreign cursors; 404 for an unknown board; 401 and 403 for keys', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const item = await createFeedback(ws);
    for (let i = 0; i < 2; i++) await comment(ws, item.id, { body: `Comment ${i}`, externalUserId: 'ann' });
    for (const [query, path] of [['?internal=yes', 'query.internal'], ['?hidden=1', 'query.hidden'], ['?feedbackId=x', 'query.feedbackId'], ['?limit=101', 'query.limit'], ['?sort=new', 'query.sort']] as const) {
      expect((await expectProblem(await api(adminComments(ws, query), { key: ws.key }), 400)).errors?.[0]?.path).toBe(path);
    }
    const cursor = new URL(nextLink(await api(adminComments(ws, '?limit=1'), { key: ws.key }))!, 'https://x').searchParams.get('cursor')!;
    expect((await expectProblem(await api(adminComments(ws, `?internal=true&cursor=${cursor}`), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.cursor');
    await expectProblem(await api(adminComments(ws, '?board=nope'), { key: ws.key }), 404);
    await expectProblem(await api(adminComments(ws)), 401);
    await expectProblem(await api(adminComments(ws), { key: other.key }), 403);
  });
});

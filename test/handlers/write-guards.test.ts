/**
 * Votes, submissions and comments without an identity token look up what they write to inside their own
 * batch (src/queries/write-path.ts): every way the path can name nothing writable must answer as a
 * lookup first would have, and leave every row as it was (no end user, item or vote created).
 */
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../fuzz/fingerprint.ts';
import { api, createFeedback, createWorkspace, expectProblem, json, userToken, type WorkspaceFixture } from '../support/api.ts';

async function unchangedBy(ws: WorkspaceFixture, request: () => Promise<Response>, status: number): Promise<void> {
  const before = await fingerprint([ws.slug]);
  await expectProblem(await request(), status);
  expect(await fingerprint([ws.slug])).toBe(before);
}

const vote = (ws: WorkspaceFixture, id: number, board = ws.board, headers: Record<string, string> = {}) =>
  api(`/api/v1/${ws.slug}/${board}/feedback/${id}/votes`, { body: { externalUserId: 'newcomer' }, headers });
const submit = (ws: WorkspaceFixture, board = ws.board) =>
  api(`/api/v1/${ws.slug}/${board}/feedback`, { body: { title: 'Guarded submission', externalUserId: 'newcomer', userName: 'New' } });

describe('guarded writes (lookup and write in one batch)', () => {
  it('a vote for a missing board, a missing, hidden or merged item, or another board’s item changes nothing', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'other', name: 'Other' }, key: ws.key });
    const visible = await createFeedback(ws, 'Visible item');
    const hidden = await createFeedback(ws, 'Hidden item');
    const merged = await createFeedback(ws, 'Merged item');
    const elsewhere = await json<{ id: number }>(await api(`/api/v1/${ws.slug}/other/feedback`, { body: { title: 'On the other board', externalUserId: 'author-1' } }));
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${hidden.id}`, { method: 'PATCH', body: { isHidden: true }, key: ws.key })).status).toBe(200);
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${visible.id}/merge`, { body: { duplicateId: merged.id }, key: ws.key })).status).toBe(201);

    await unchangedBy(ws, () => vote(ws, visible.id, 'nope'), 404);
    await unchangedBy(ws, () => vote(ws, 999_999_999), 404);
    await unchangedBy(ws, () => vote(ws, hidden.id), 404);
    await unchangedBy(ws, () => vote(ws, visible.id, 'other'), 404);
    await unchangedBy(ws, () => vote(ws, elsewhere.id), 404);
    const problem = await expectProblem(await vote(ws, merged.id), 409);
    expect(problem.detail).toContain(`merged into ${visible.id}`);
    await unchangedBy(ws, () => vote(ws, merged.id), 409);
  });

  it('an unsigned vote or submission where the workspace requires signed identity is 401 and changes nothing; a signed one goes through', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const item = await createFeedback(ws, 'Before signing was required');
    expect((await api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body: { requireSignedIdentity: true }, key: ws.key })).status).toBe(200);

    await unchangedBy(ws, () => vote(ws, item.id), 401);
    await unchangedBy(ws, () => submit(ws), 401);
    // The board is still checked first, as before: 404 for a missing one, signed or not.
    await unchangedBy(ws, () => submit(ws, 'nope'), 404);

    const token = await userToken(ws, 'newcomer');
    const voted = await vote(ws, item.id, ws.board, { 'X-User-Token': token });
    expect(voted.status).toBe(200);
    expect(await json(voted)).toMatchObject({ feedbackId: item.id, externalUserId: 'newcomer', weight: 1, voteCount: 1, voterCount: 1 });
    const created = await api(`/api/v1/${ws.slug}/${ws.board}/feedback`, { body: { title: 'Signed submission', externalUserId: 'newcomer' }, headers: { 'X-User-Token': token } });
    expect(created.status).toBe(201);
  });

  it('a submission to a missing workspace or board changes nothing; one to a board that requires approval is pending', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    await unchangedBy(ws, () => submit(ws, 'nope'), 404);
    await unchangedBy(ws, () => api(`/api/v1/${ws.slug}-gone/${ws.board}/feedback`, { body: { title: 'Guarded submission', externalUserId: 'newcomer' } }), 404);

    await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'moderated', name: 'Moderated', requireApproval: true }, key: ws.key });
    const res = await submit(ws, 'moderated');
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ board: 'moderated', moderationState: 'pending', authorName: 'New', voteCount: 0 });
  });

  it('a comment on a missing or hidden item, an unsigned one where signing is required, or a reply to a parent it may not have changes nothing', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const item = await createFeedback(ws, 'Commented item');
    const other = await createFeedback(ws, 'Another item');
    const hidden = await createFeedback(ws, 'Hidden item');
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${hidden.id}`, { method: 'PATCH', body: { isHidden: true }, key: ws.key })).status).toBe(200);
    const comments = (id: number) => `/api/v1/${ws.slug}/${ws.board}/feedback/${id}/comments`;
    const onOther = await json<{ id: number }>(await api(comments(other.id), { body: { body: 'On the other item', externalUserId: 'a' } }));
    const internal = await json<{ id: number }>(await api(comments(item.id), { body: { body: 'Team only', isInternal: true }, key: ws.key }));
    const comment = (id: number, extra: Record<string, unknown> = {}) => api(comments(id), { body: { body: 'Hello', externalUserId: 'newcomer', ...extra } });

    await unchangedBy(ws, () => comment(999_999_999), 404);
    await unchangedBy(ws, () => comment(hidden.id), 404);
    await unchangedBy(ws, () => comment(item.id, { parentId: onOther.id }), 400);
    await unchangedBy(ws, () => comment(item.id, { parentId: internal.id }), 400);
    await unchangedBy(ws, () => comment(item.id, { parentId: 999_999_999 }), 400);
    // A workspace key may reply to an internal comment.
    expect((await api(comments(item.id), { body: { body: 'Reply', parentId: internal.id, isInternal: true }, key: ws.key })).status).toBe(201);

    expect((await api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body: { requireSignedIdentity: true }, key: ws.key })).status).toBe(200);
    await unchangedBy(ws, () => comment(item.id), 401);
    const signed = await api(comments(item.id), { body: { body: 'Signed', externalUserId: 'newcomer' }, headers: { 'X-User-Token': await userToken(ws, 'newcomer', { name: 'Nia' }) } });
    expect(signed.status).toBe(201);
    expect(await json(signed)).toMatchObject({ body: 'Signed', authorName: 'Nia', parentId: null, isAdmin: false });
  });
});

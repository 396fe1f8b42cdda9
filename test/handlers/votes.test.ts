import { describe, expect, it } from 'vitest';
import { signIdentity } from '../../src/lib/identity.ts';
import { api, castVote, createFeedback, createWorkspace, expectProblem, json, userToken } from '../support/api.ts';

type Vote = { feedbackId: number; weight: number; voteCount: number; voterCount: number };

describe('voteFeedback', () => {
  it('counts a user once; a new weight (signed) replaces the old', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const url = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/votes`;
    const first = await json<Vote>(await api(url, { body: { externalUserId: 'u1' } }));
    expect(first).toMatchObject({ weight: 1, voteCount: 1, voterCount: 1 });
    expect(await json<Vote>(await api(url, { body: { externalUserId: 'u1' } }))).toMatchObject({ voteCount: 1, voterCount: 1 });
    expect(await json<Vote>(await castVote(ws, item.id, 'u1', 5))).toMatchObject({ weight: 5, voteCount: 5, voterCount: 1 });
    expect(await json<Vote>(await castVote(ws, item.id, 'u2', 2))).toMatchObject({ voteCount: 7, voterCount: 2 });
  });

  it('50 concurrent duplicate votes from one user count one', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const item = await createFeedback(ws);
    const url = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/votes`;
    const responses = await Promise.all(Array.from({ length: 50 }, () => api(url, { body: { externalUserId: 'same-user' } })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const read = await json<{ voteCount: number; voterCount: number }>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`));
    expect(read).toMatchObject({ voteCount: 1, voterCount: 1 });
  });

  it('400 for a weight in the body or a missing user; 404 for a missing item', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const url = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/votes`;
    expect((await expectProblem(await api(url, { body: { externalUserId: 'u', weight: 2 } }), 400)).errors?.[0]?.path).toBe('body.weight');
    expect((await expectProblem(await api(url, { body: {} }), 400)).errors?.[0]?.path).toBe('body.externalUserId');
    await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/99999999/votes`, { body: { externalUserId: 'u' } }), 404);
  });

  it('requires a valid signed identity when the workspace says so', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    await api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body: { requireSignedIdentity: true }, key: ws.key });
    const url = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/votes`;
    await expectProblem(await api(url, { body: { externalUserId: 'alice' } }), 401);
    const bobToken = await userToken(ws, 'bob');
    await expectProblem(await api(url, { body: { externalUserId: 'alice' }, headers: { 'X-User-Token': bobToken } }), 401);
    const forged = await signIdentity('not-the-secret', { sub: 'alice', kid: ws.identityKeyId, exp: Math.floor(Date.now() / 1000) + 600 });
    await expectProblem(await api(url, { body: { externalUserId: 'alice' }, headers: { 'X-User-Token': forged } }), 401);
    const expired = await signIdentity(ws.identitySecret, { sub: 'alice', kid: ws.identityKeyId, exp: 1 });
    await expectProblem(await api(url, { body: { externalUserId: 'alice' }, headers: { 'X-User-Token': expired } }), 401);
    const alice = await userToken(ws, 'alice', { name: 'Alice' });
    const ok = await api(url, { body: { externalUserId: 'alice' }, headers: { 'X-User-Token': alice } });
    expect(ok.status).toBe(200);
  });
});

describe('unvoteFeedback', () => {
  it('removes the vote, idempotently', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const url = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/votes`;
    await castVote(ws, item.id, 'u1', 4);
    expect((await api(`${url}?externalUserId=u1`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`${url}?externalUserId=u1`, { method: 'DELETE' })).status).toBe(204);
    const read = await json<{ voteCount: number; voterCount: number }>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`));
    expect(read).toMatchObject({ voteCount: 0, voterCount: 0 });
  });

  it('400 without externalUserId; 404 for a missing item; 401 without a required token', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    const url = `/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/votes`;
    expect((await expectProblem(await api(url, { method: 'DELETE' }), 400)).errors?.[0]?.path).toBe('query.externalUserId');
    await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/99999999/votes?externalUserId=u`, { method: 'DELETE' }), 404);
    await api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body: { requireSignedIdentity: true }, key: ws.key });
    await expectProblem(await api(`${url}?externalUserId=u`, { method: 'DELETE' }), 401);
  });
});

describe('getUserVotes', () => {
  it('returns one user’s votes for many items in one call', async () => {
    const ws = await createWorkspace();
    const a = await createFeedback(ws, 'Item A');
    const b = await createFeedback(ws, 'Item B');
    const c = await createFeedback(ws, 'Item C');
    await castVote(ws, a.id, 'u1', 2);
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${c.id}/votes`, { body: { externalUserId: 'u1' } });
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${b.id}/votes`, { body: { externalUserId: 'u2' } });
    const res = await api(`/api/v1/${ws.slug}/votes?externalUserId=u1&ids=${a.id},${b.id},${c.id},999999`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    expect(await json(res)).toEqual({ externalUserId: 'u1', votes: [{ feedbackId: a.id, weight: 2 }, { feedbackId: c.id, weight: 1 }] });
  });

  it('400 for malformed ids or a missing user; 404 for an unknown workspace', async () => {
    const ws = await createWorkspace();
    expect((await expectProblem(await api(`/api/v1/${ws.slug}/votes?externalUserId=u&ids=1,,2`), 400)).errors?.[0]?.path).toBe('query.ids');
    expect((await expectProblem(await api(`/api/v1/${ws.slug}/votes?ids=1`), 400)).errors?.[0]?.path).toBe('query.externalUserId');
    await expectProblem(await api(`/api/v1/no-such-workspace-x/votes?externalUserId=u&ids=1`), 404);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock, now, resetClock } from '../../src/lib/clock.ts';
import { signIdentity, type IdentityClaims } from '../../src/lib/identity.ts';
import { expectAdminAuthProblems } from '../support/admin-auth.ts';
import { api, createFeedback, createWorkspace, expectProblem, json, type WorkspaceFixture } from '../support/api.ts';

afterEach(() => resetClock());

type Vote = { weight: number; voteCount: number };
const inMinutes = (minutes: number) => Math.floor(now() / 1000) + minutes * 60;

function token(ws: WorkspaceFixture, claims: Partial<IdentityClaims> & { sub: string }, secret = { keyId: ws.identityKeyId, secret: ws.identitySecret }): Promise<string> {
  return signIdentity(secret.secret, { kid: secret.keyId, exp: inMinutes(10), ...claims });
}

function vote(ws: WorkspaceFixture, id: number, body: Record<string, unknown>, userToken?: string): Promise<Response> {
  return api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}/votes`, { body, headers: userToken ? { 'X-User-Token': userToken } : {} });
}

const updateWorkspace = (ws: WorkspaceFixture, body: Record<string, unknown>) =>
  api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body, key: ws.key });

describe('vote weight is never the end user’s choice', () => {
  it('a weight in the body is rejected, with or without a valid token, and counts nothing', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    const unsigned = await expectProblem(await vote(ws, id, { externalUserId: 'mallory', weight: 100 }), 400);
    expect(unsigned.errors?.[0]?.path).toBe('body.weight');
    await expectProblem(await vote(ws, id, { externalUserId: 'alice', weight: 100 }, await token(ws, { sub: 'alice' })), 400);
    const item = await json<{ voteCount: number }>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}`));
    expect(item.voteCount).toBe(0);
  });

  it('unsigned votes weigh 1; a signed weight claim counts, bounded by the workspace maximum', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'anon' }))).toMatchObject({ weight: 1, voteCount: 1 });
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'alice' }, await token(ws, { sub: 'alice', weight: 5 })))).toMatchObject({ weight: 5, voteCount: 6 });
    // Above the default maximum of 10: counted as 10.
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'bob' }, await token(ws, { sub: 'bob', weight: 80 })))).toMatchObject({ weight: 10, voteCount: 16 });
    const raised = await json<{ maxVoteWeight: number }>(await updateWorkspace(ws, { maxVoteWeight: 50 }));
    expect(raised.maxVoteWeight).toBe(50);
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'bob' }, await token(ws, { sub: 'bob', weight: 80 })))).toMatchObject({ weight: 50, voteCount: 56 });
    // A claim outside 1..100 makes the token invalid.
    await expectProblem(await vote(ws, id, { externalUserId: 'carol' }, await token(ws, { sub: 'carol', weight: 0 })), 401);
    await expectProblem(await vote(ws, id, { externalUserId: 'carol' }, await token(ws, { sub: 'carol', weight: 2.5 })), 401);
  });

  it('an admin sets an end user’s weight; it applies to that user’s signed votes, never to unsigned ones', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    const set = await api(`/api/v1/${ws.slug}/admin/end-users/vip/vote-weight`, { method: 'PUT', body: { voteWeight: 7 }, key: ws.key });
    expect(set.status).toBe(200);
    expect(await json(set)).toEqual({ externalUserId: 'vip', voteWeight: 7 });
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'vip' }))).toMatchObject({ weight: 1, voteCount: 1 });
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'vip' }, await token(ws, { sub: 'vip' })))).toMatchObject({ weight: 7, voteCount: 7 });
    // A claim in the token takes precedence over the stored weight.
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'vip' }, await token(ws, { sub: 'vip', weight: 3 })))).toMatchObject({ weight: 3, voteCount: 3 });

    await expectProblem(await api(`/api/v1/${ws.slug}/admin/end-users/vip/vote-weight`, { method: 'PUT', body: { voteWeight: 101 }, key: ws.key }), 400);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/end-users/vip/vote-weight`, { method: 'PUT', body: { voteWeight: 7 } }), 401);
    const cleared = await api(`/api/v1/${ws.slug}/admin/end-users/vip/vote-weight`, { method: 'PUT', body: { voteWeight: null }, key: ws.key });
    expect(await json(cleared)).toEqual({ externalUserId: 'vip', voteWeight: null });
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'vip' }, await token(ws, { sub: 'vip' })))).toMatchObject({ weight: 1, voteCount: 1 });
  });

  it('an unsigned vote under a verified user’s id cannot change the weight of that user’s vote', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'alice' }, await token(ws, { sub: 'alice', weight: 8 })))).toMatchObject({ voteCount: 8 });
    expect(await json<Vote>(await vote(ws, id, { externalUserId: 'alice' }))).toMatchObject({ weight: 8, voteCount: 8 });
  });
});

describe('signed tokens expire and their secrets rotate', () => {
  it('a token must carry exp, not be expired, and expire within the workspace’s maximum lifetime', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    const withoutExp = await signIdentity(ws.identitySecret, { sub: 'alice', kid: ws.identityKeyId } as IdentityClaims);
    expect((await expectProblem(await vote(ws, id, { externalUserId: 'alice' }, withoutExp), 401)).detail).toMatch(/exp/);
    await expectProblem(await vote(ws, id, { externalUserId: 'alice' }, await token(ws, { sub: 'alice', exp: inMinutes(-1) })), 401);
    // The default maximum lifetime is one day.
    const tooLong = await expectProblem(await vote(ws, id, { externalUserId: 'alice' }, await token(ws, { sub: 'alice', exp: inMinutes(25 * 60) })), 401);
    expect(tooLong.detail).toMatch(/86400/);
    expect((await vote(ws, id, { externalUserId: 'alice' }, await token(ws, { sub: 'alice', exp: inMinutes(23 * 60) }))).status).toBe(200);
    expect((await json<{ maxIdentityTokenLifetimeSeconds: number }>(await updateWorkspace(ws, { maxIdentityTokenLifetimeSeconds: 600 }))).maxIdentityTokenLifetimeSeconds).toBe(600);
    await expectProblem(await vote(ws, id, { externalUserId: 'alice' }, await token(ws, { sub: 'alice', exp: inMinutes(20) })), 401);
    expect((await vote(ws, id, { externalUserId: 'alice' }, await token(ws, { sub: 'alice', exp: inMinutes(9) }))).status).toBe(200);
  });

  it('rotation: a new key id and secret at once, the previous one valid for the overlap window only', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    const previous = { keyId: ws.identityKeyId, secret: ws.identitySecret };
    const rotated = await api(`/api/v1/${ws.slug}/admin/identity-secrets`, { body: { overlapSeconds: 3600 }, key: ws.key });
    expect(rotated.status).toBe(201);
    const next = await json<{ keyId: string; secret: string; previousKeyId: string; previousValidUntil: string }>(rotated);
    expect(next.keyId).not.toBe(previous.keyId);
    expect(next.previousKeyId).toBe(previous.keyId);
    expect(Date.parse(next.previousValidUntil) - now()).toBeGreaterThan(3590_000);
    const workspace = await json<{ identityKeyId: string }>(await api(`/api/v1/${ws.slug}/admin/workspace`, { key: ws.key }));
    expect(workspace.identityKeyId).toBe(next.keyId);

    expect((await vote(ws, id, { externalUserId: 'old' }, await token(ws, { sub: 'old' }, previous))).status).toBe(200);
    expect((await vote(ws, id, { externalUserId: 'new' }, await token(ws, { sub: 'new' }, next))).status).toBe(200);
    // A token naming one key id but signed with another secret is invalid.
    await expectProblem(await vote(ws, id, { externalUserId: 'mix' }, await token(ws, { sub: 'mix' }, { keyId: next.keyId, secret: previous.secret })), 401);
    await expectProblem(await vote(ws, id, { externalUserId: 'x' }, await token(ws, { sub: 'x' }, { keyId: 'unknown', secret: previous.secret })), 401);

    advanceClock(3601_000);
    await expectProblem(await vote(ws, id, { externalUserId: 'old' }, await token(ws, { sub: 'old' }, previous)), 401);
    expect((await vote(ws, id, { externalUserId: 'new' }, await token(ws, { sub: 'new' }, next))).status).toBe(200);
  });

  it('rotation without overlap revokes the previous secret at once; rotation needs a workspace key', async () => {
    const ws = await createWorkspace();
    const { id } = await createFeedback(ws);
    const previous = { keyId: ws.identityKeyId, secret: ws.identitySecret };
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/identity-secrets`, { body: {} }), 401);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/identity-secrets`, { body: { overlapSeconds: -1 }, key: ws.key }), 400);
    expect((await api(`/api/v1/${ws.slug}/admin/identity-secrets`, { body: { overlapSeconds: 0 }, key: ws.key })).status).toBe(201);
    await expectProblem(await vote(ws, id, { externalUserId: 'old' }, await token(ws, { sub: 'old' }, previous)), 401);
  });
});

describe('a verified end user’s profile changes only with a valid token', () => {
  it('unsigned requests under the id of a user seen with a token cannot change the name shown for them', async () => {
    const ws = await createWorkspace();
    const alice = await token(ws, { sub: 'alice', name: 'Alice' });
    const base = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const first = await json<{ id: number; authorName: string | null }>(
      await api(base, { body: { title: 'Signed', externalUserId: 'alice' }, headers: { 'X-User-Token': alice } }),
    );
    expect(first.authorName).toBe('Alice');

    const forged = await api(base, { body: { title: 'Forged', externalUserId: 'alice', userName: 'Mallory' } });
    expect(forged.status).toBe(201);
    expect((await json<{ authorName: string | null }>(forged)).authorName).toBe('Alice');
    expect((await json<{ authorName: string | null }>(await api(`${base}/${first.id}`))).authorName).toBe('Alice');
    const comment = await api(`${base}/${first.id}/comments`, { body: { body: 'Forged comment', externalUserId: 'alice', userName: 'Mallory' } });
    expect((await json<{ authorName: string | null }>(comment)).authorName).toBe('Alice');

    // With a valid token the user renames themself.
    const renamed = await api(base, { body: { title: 'Renamed', externalUserId: 'alice' }, headers: { 'X-User-Token': await token(ws, { sub: 'alice', name: 'Alice B.' }) } });
    expect((await json<{ authorName: string | null }>(renamed)).authorName).toBe('Alice B.');
  });

  it('a user never seen with a token keeps naming themself without one', async () => {
    const ws = await createWorkspace();
    const base = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    await api(base, { body: { title: 'One', externalUserId: 'bob', userName: 'Bob' } });
    const second = await api(base, { body: { title: 'Two', externalUserId: 'bob', userName: 'Robert' } });
    expect((await json<{ authorName: string | null }>(second)).authorName).toBe('Robert');
  });
});

describe('identity administration needs the workspace’s key', () => {
  it('rotateIdentitySecret and setEndUserVoteWeight: 401, 403 and 404 like every admin operation', async () => {
    await expectAdminAuthProblems((w) => `/api/v1/${w}/admin/identity-secrets`, { body: { overlapSeconds: 60 } });
    await expectAdminAuthProblems((w) => `/api/v1/${w}/admin/end-users/u1/vote-weight`, { method: 'PUT', body: { voteWeight: 2 } });
  });
});

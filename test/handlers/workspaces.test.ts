import { describe, expect, it } from 'vitest';
import { api, createWorkspace, expectProblem, json, PLATFORM_TOKEN, uniqueSlug } from '../support/api.ts';

describe('createWorkspace', () => {
  it('creates a workspace with a key that works once and is stored hashed', async () => {
    const slug = uniqueSlug('ws');
    const res = await api('/api/v1/workspaces', { body: { slug, name: 'Acme' }, key: PLATFORM_TOKEN });
    expect(res.status).toBe(201);
    const body = await json<{ workspace: { slug: string; requireSignedIdentity: boolean }; apiKey: { key: string; prefix: string }; identitySecret: string; identityKeyId: string }>(res);
    expect(body.workspace.slug).toBe(slug);
    expect(body.workspace).toMatchObject({ requireSignedIdentity: false, identityKeyId: body.identityKeyId, maxVoteWeight: 10, maxIdentityTokenLifetimeSeconds: 86400 });
    expect(body.identitySecret.length).toBeGreaterThanOrEqual(43);
    expect(body.apiKey.key.startsWith(body.apiKey.prefix)).toBe(true);
    const me = await api(`/api/v1/${slug}/admin/workspace`, { key: body.apiKey.key });
    expect(me.status).toBe(200);
  });

  it('409 on a taken slug', async () => {
    const ws = await createWorkspace();
    await expectProblem(await api('/api/v1/workspaces', { body: { slug: ws.slug, name: 'x' }, key: PLATFORM_TOKEN }), 409);
  });

  it('401 without or with a wrong platform token', async () => {
    await expectProblem(await api('/api/v1/workspaces', { body: { slug: uniqueSlug('ws'), name: 'x' } }), 401);
    await expectProblem(await api('/api/v1/workspaces', { body: { slug: uniqueSlug('ws'), name: 'x' }, key: 'wrong' }), 401);
  });

  it('400 naming each bad field', async () => {
    const problem = await expectProblem(await api('/api/v1/workspaces', { body: { slug: 'Not A Slug', extra: 1 }, key: PLATFORM_TOKEN }), 400);
    const paths = problem.errors!.map((e) => e.path).sort();
    expect(paths).toEqual(['body.extra', 'body.name', 'body.slug']);
  });

  it('400 on malformed JSON, 413 on an oversized body', async () => {
    await expectProblem(await api('/api/v1/workspaces', { body: '{"slug":', key: PLATFORM_TOKEN }), 400);
    await expectProblem(await api('/api/v1/workspaces', { body: { slug: 'big', name: 'x'.repeat(70 * 1024) }, key: PLATFORM_TOKEN }), 413);
  });
});

describe('getWorkspace / updateWorkspace', () => {
  it('reads and updates the workspace', async () => {
    const ws = await createWorkspace();
    const res = await api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body: { name: 'Renamed', requireSignedIdentity: true }, key: ws.key });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ slug: ws.slug, name: 'Renamed', requireSignedIdentity: true });
    const read = await json(await api(`/api/v1/${ws.slug}/admin/workspace`, { key: ws.key }));
    expect(read).toMatchObject({ name: 'Renamed', requireSignedIdentity: true });
  });

  it('401 without a key, 401 with an unknown key, 403 with another workspace’s key or for an unknown workspace', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/workspace`), 401);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/workspace`, { key: 'fpk_unknown' }), 401);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/workspace`, { key: other.key }), 403);
    await expectProblem(await api(`/api/v1/${uniqueSlug('missing')}/admin/workspace`, { key: ws.key }), 403);
  });

  it('400 for identity bounds out of range, naming the field', async () => {
    const ws = await createWorkspace();
    const patch = (body: Record<string, unknown>) => api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body, key: ws.key });
    for (const maxVoteWeight of [0, 101, 2.5]) {
      expect((await expectProblem(await patch({ maxVoteWeight }), 400)).errors?.[0]?.path).toBe('body.maxVoteWeight');
    }
    for (const seconds of [59, 2592001]) {
      expect((await expectProblem(await patch({ maxIdentityTokenLifetimeSeconds: seconds }), 400)).errors?.[0]?.path).toBe('body.maxIdentityTokenLifetimeSeconds');
    }
    expect(await json(await patch({ maxVoteWeight: 100, maxIdentityTokenLifetimeSeconds: 60 }))).toMatchObject({ maxVoteWeight: 100, maxIdentityTokenLifetimeSeconds: 60 });
  });

  it('400 on an empty or unknown update', async () => {
    const ws = await createWorkspace();
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body: {}, key: ws.key }), 400);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/workspace`, { method: 'PATCH', body: { nmae: 'typo' }, key: ws.key }), 400);
  });
});

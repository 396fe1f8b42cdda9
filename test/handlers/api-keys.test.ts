import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/crypto.ts';
import { expectAdminAuthProblems } from '../support/admin-auth.ts';
import { api, createWorkspace, expectProblem, json, type WorkspaceFixture } from '../support/api.ts';

interface ApiKey { id: number; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; key?: string }

const keysPath = (workspace: string) => `/api/v1/${workspace}/admin/api-keys`;

async function createKey(ws: WorkspaceFixture, name: string): Promise<ApiKey & { key: string }> {
  const res = await api(keysPath(ws.slug), { body: { name }, key: ws.key });
  expect(res.status).toBe(201);
  return json(res);
}

async function listKeys(ws: WorkspaceFixture, key = ws.key): Promise<ApiKey[]> {
  const res = await api(keysPath(ws.slug), { key });
  expect(res.status).toBe(200);
  return json(res);
}

function revoke(ws: WorkspaceFixture, id: number | string, key = ws.key): Promise<Response> {
  return api(`${keysPath(ws.slug)}/${id}`, { method: 'DELETE', key });
}

describe('createApiKey / listApiKeys', () => {
  it('shows the secret once, stores only its SHA-256 hash, and lists keys without secrets', async () => {
    const ws = await createWorkspace();
    const created = await createKey(ws, 'ci');
    expect(created).toMatchObject({ name: 'ci', lastUsedAt: null });
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const stored = await env.DB.prepare('SELECT * FROM api_keys WHERE id = ?').bind(created.id).first<Record<string, unknown>>();
    expect(stored?.key_hash).toBe(await sha256Hex(created.key));
    expect(Object.values(stored ?? {})).not.toContain(created.key);

    const listed = await listKeys(ws, created.key);
    expect(listed.map((k) => k.name)).toEqual(['default', 'ci']);
    for (const key of listed) expect(Object.keys(key).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix']);
  });

  it('400 naming the field', async () => {
    const ws = await createWorkspace();
    const missing = await expectProblem(await api(keysPath(ws.slug), { body: {}, key: ws.key }), 400);
    expect(missing.errors?.map((e) => e.path)).toEqual(['body.name']);
    const empty = await expectProblem(await api(keysPath(ws.slug), { body: { name: '' }, key: ws.key }), 400);
    expect(empty.errors?.map((e) => e.path)).toEqual(['body.name']);
    const unknown = await expectProblem(await api(keysPath(ws.slug), { body: { name: 'x', scope: 'all' }, key: ws.key }), 400);
    expect(unknown.errors?.map((e) => e.path)).toEqual(['body.scope']);
  });

  it('401 without or with a bad key; 403 with another workspace’s key or for an unknown workspace', async () => {
    await expectAdminAuthProblems(keysPath);
    await expectAdminAuthProblems(keysPath, { body: { name: 'x' } });
  });
});

describe('revokeApiKey', () => {
  it('revokes a key: it disappears from the list and then gets 401', async () => {
    const ws = await createWorkspace();
    const second = await createKey(ws, 'second');
    const [first] = await listKeys(ws);
    expect((await revoke(ws, first!.id, second.key)).status).toBe(204);
    expect((await listKeys(ws, second.key)).map((k) => k.id)).toEqual([second.id]);
    await expectProblem(await api(keysPath(ws.slug), { key: ws.key }), 401);
    await expectProblem(await revoke(ws, first!.id, second.key), 404);
  });

  it('a key can revoke itself while another stays active', async () => {
    const ws = await createWorkspace();
    const second = await createKey(ws, 'second');
    expect((await revoke(ws, second.id, second.key)).status).toBe(204);
    await expectProblem(await api(keysPath(ws.slug), { key: second.key }), 401);
    expect((await listKeys(ws)).map((k) => k.name)).toEqual(['default']);
  });

  it('409 when it would revoke the workspace’s last active key', async () => {
    const ws = await createWorkspace();
    const [only] = await listKeys(ws);
    await expectProblem(await revoke(ws, only!.id), 409);
    expect(await listKeys(ws)).toHaveLength(1);
  });

  it('concurrent revocations of the last two keys leave one active', async () => {
    const ws = await createWorkspace();
    const second = await createKey(ws, 'second');
    const [first] = await listKeys(ws);
    const statuses = (await Promise.all([revoke(ws, first!.id, second.key), revoke(ws, second.id, ws.key)])).map((r) => r.status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 204).every((s) => s === 409 || s === 401)).toBe(true);
    const active = await env.DB.prepare('SELECT count(*) AS n FROM api_keys WHERE id IN (?, ?) AND revoked_at IS NULL').bind(first!.id, second.id).first<{ n: number }>();
    expect(active?.n).toBe(1);
  });

  it('404 for an unknown key and for another workspace’s key', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await createKey(other, 'spare');
    const [otherKey] = await listKeys(other);
    await expectProblem(await revoke(ws, 999_999_999), 404);
    await expectProblem(await revoke(ws, otherKey!.id), 404);
    expect(await listKeys(other)).toHaveLength(2);
  });

  it('400 for a key id that is not a positive integer', async () => {
    const ws = await createWorkspace();
    const problem = await expectProblem(await revoke(ws, 'abc'), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['path.keyId']);
    await expectProblem(await revoke(ws, 0), 400);
  });

  it('401 without or with a bad key; 403 with another workspace’s key or for an unknown workspace', async () => {
    await expectAdminAuthProblems((workspace) => `${keysPath(workspace)}/1`, { method: 'DELETE' });
  });
});

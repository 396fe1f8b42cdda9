import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { expectAdminAuthProblems } from '../support/admin-auth.ts';
import { api, createWorkspace, expectProblem, json, type WorkspaceFixture } from '../support/api.ts';

interface Theme { id: number; name: string; description: string; isActive: boolean; itemCount: number; createdAt: string }

const themesPath = (workspace: string) => `/api/v1/${workspace}/admin/themes`;

async function createTheme(ws: WorkspaceFixture, name: string, description?: string): Promise<Theme> {
  const res = await api(themesPath(ws.slug), { body: { name, ...(description !== undefined && { description }) }, key: ws.key });
  expect(res.status).toBe(201);
  return json(res);
}

async function listThemes(ws: WorkspaceFixture): Promise<Theme[]> {
  const res = await api(themesPath(ws.slug), { key: ws.key });
  expect(res.status).toBe(200);
  return json(res);
}

function patchTheme(ws: WorkspaceFixture, id: number | string, body: unknown, key = ws.key): Promise<Response> {
  return api(`${themesPath(ws.slug)}/${id}`, { method: 'PATCH', body, key });
}

function deleteTheme(ws: WorkspaceFixture, id: number | string, key = ws.key): Promise<Response> {
  return api(`${themesPath(ws.slug)}/${id}`, { method: 'DELETE', key });
}

/**
 * Feedback items written straight into D1: createFeedback and updateFeedback (which assigns
 * themes) are not implemented on this branch yet. The item_count triggers run all the same.
 */
async function insertItems(ws: WorkspaceFixture, themeId: number | null, count: number): Promise<number[]> {
  const board = await env.DB.prepare('SELECT b.id AS board_id, b.workspace_id FROM boards b JOIN workspaces w ON w.id = b.workspace_id WHERE w.slug = ? AND b.slug = ?')
    .bind(ws.slug, ws.board).first<{ board_id: number; workspace_id: number }>();
  const insert = env.DB.prepare('INSERT INTO feedback_items (workspace_id, board_id, title, theme_id, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0) RETURNING id');
  const results = await env.DB.batch<{ id: number }>(Array.from({ length: count }, (_, i) => insert.bind(board!.workspace_id, board!.board_id, `Item ${i}`, themeId)));
  return results.map((r) => r.results[0]!.id);
}

describe('createTheme / listThemes', () => {
  it('creates a theme with defaults', async () => {
    const ws = await createWorkspace();
    const theme = await createTheme(ws, 'Performance');
    expect(theme).toMatchObject({ name: 'Performance', description: '', isActive: true, itemCount: 0 });
    expect(Date.parse(theme.createdAt)).not.toBeNaN();
    expect(await listThemes(ws)).toEqual([theme]);
  });

  it('lists active themes first, each group by item count', async () => {
    const ws = await createWorkspace();
    const few = await createTheme(ws, 'Few');
    const many = await createTheme(ws, 'Many');
    const none = await createTheme(ws, 'None');
    const retired = await createTheme(ws, 'Retired');
    await insertItems(ws, few.id, 1);
    await insertItems(ws, many.id, 3);
    await insertItems(ws, retired.id, 5);
    expect((await patchTheme(ws, retired.id, { isActive: false })).status).toBe(200);
    const listed = await listThemes(ws);
    expect(listed.map((t) => [t.name, t.itemCount, t.isActive])).toEqual([
      ['Many', 3, true],
      ['Few', 1, true],
      ['None', 0, true],
      ['Retired', 5, false],
    ]);
    expect(listed.map((t) => t.id)).toEqual([many.id, few.id, none.id, retired.id]);
  });

  it('lists only the workspace’s own themes', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await createTheme(other, 'Elsewhere');
    expect(await listThemes(ws)).toEqual([]);
  });

  it('409 on a duplicate name; the same name is fine in another workspace', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await createTheme(ws, 'Billing');
    await expectProblem(await api(themesPath(ws.slug), { body: { name: 'Billing' }, key: ws.key }), 409);
    await createTheme(other, 'Billing');
  });

  it('400 naming the field', async () => {
    const ws = await createWorkspace();
    const missing = await expectProblem(await api(themesPath(ws.slug), { body: { description: 'x' }, key: ws.key }), 400);
    expect(missing.errors?.map((e) => e.path)).toEqual(['body.name']);
    const tooLong = await expectProblem(await api(themesPath(ws.slug), { body: { name: 'x', description: 'd'.repeat(2001) }, key: ws.key }), 400);
    expect(tooLong.errors?.map((e) => e.path)).toEqual(['body.description']);
  });

  it('401 without or with a bad key; 403 with another workspace’s key or for an unknown workspace', async () => {
    await expectAdminAuthProblems(themesPath);
    await expectAdminAuthProblems(themesPath, { body: { name: 'x' } });
  });
});

describe('updateTheme', () => {
  it('changes the given fields only', async () => {
    const ws = await createWorkspace();
    const theme = await createTheme(ws, 'Mobile', 'Phone apps');
    const res = await patchTheme(ws, theme.id, { name: 'Mobile apps', isActive: false });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ...theme, name: 'Mobile apps', isActive: false });
    expect(await listThemes(ws)).toEqual([{ ...theme, name: 'Mobile apps', isActive: false }]);
  });

  it('409 renaming to a taken name', async () => {
    const ws = await createWorkspace();
    await createTheme(ws, 'Taken');
    const theme = await createTheme(ws, 'Free');
    await expectProblem(await patchTheme(ws, theme.id, { name: 'Taken' }), 409);
    expect((await listThemes(ws)).map((t) => t.name).sort()).toEqual(['Free', 'Taken']);
  });

  it('404 for an unknown theme and for another workspace’s theme', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTheme(other, 'Theirs');
    await expectProblem(await patchTheme(ws, 999_999_999, { name: 'x' }), 404);
    await expectProblem(await patchTheme(ws, foreign.id, { name: 'Mine now' }), 404);
    expect((await listThemes(other)).map((t) => t.name)).toEqual(['Theirs']);
  });

  it('400 naming the field, for an empty update and for a bad theme id', async () => {
    const ws = await createWorkspace();
    const theme = await createTheme(ws, 'T');
    const wrongType = await expectProblem(await patchTheme(ws, theme.id, { isActive: 'no' }), 400);
    expect(wrongType.errors?.map((e) => e.path)).toEqual(['body.isActive']);
    const unknown = await expectProblem(await patchTheme(ws, theme.id, { colour: 'red' }), 400);
    expect(unknown.errors?.map((e) => e.path)).toContain('body.colour');
    const empty = await expectProblem(await patchTheme(ws, theme.id, {}), 400);
    expect(empty.errors?.map((e) => e.path)).toEqual(['body']);
    const badId = await expectProblem(await patchTheme(ws, 'first', { name: 'x' }), 400);
    expect(badId.errors?.map((e) => e.path)).toEqual(['path.themeId']);
  });

  it('401 without or with a bad key; 403 with another workspace’s key or for an unknown workspace', async () => {
    await expectAdminAuthProblems((workspace) => `${themesPath(workspace)}/1`, { method: 'PATCH', body: { name: 'x' } });
  });
});

describe('deleteTheme', () => {
  it('deletes the theme; its items stay, without a theme', async () => {
    const ws = await createWorkspace();
    const doomed = await createTheme(ws, 'Doomed');
    const kept = await createTheme(ws, 'Kept');
    const doomedItems = await insertItems(ws, doomed.id, 2);
    await insertItems(ws, kept.id, 1);
    expect((await deleteTheme(ws, doomed.id)).status).toBe(204);
    expect(await listThemes(ws)).toEqual([{ ...kept, itemCount: 1 }]);
    const { results } = await env.DB.prepare('SELECT id, theme_id FROM feedback_items WHERE id IN (?, ?) ORDER BY id').bind(...doomedItems).all();
    expect(results).toEqual(doomedItems.map((id) => ({ id, theme_id: null })));
    await expectProblem(await deleteTheme(ws, doomed.id), 404);
  });

  it('404 for an unknown theme and for another workspace’s theme', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTheme(other, 'Theirs');
    await expectProblem(await deleteTheme(ws, 999_999_999), 404);
    await expectProblem(await deleteTheme(ws, foreign.id), 404);
    expect(await listThemes(other)).toHaveLength(1);
  });

  it('400 for a theme id that is not a positive integer', async () => {
    const ws = await createWorkspace();
    const problem = await expectProblem(await deleteTheme(ws, -1), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['path.themeId']);
  });

  it('401 without or with a bad key; 403 with another workspace’s key or for an unknown workspace', async () => {
    await expectAdminAuthProblems((workspace) => `${themesPath(workspace)}/1`, { method: 'DELETE' });
  });
});

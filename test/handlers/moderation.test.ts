import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json, nextLink, type WorkspaceFixture } from '../support/api.ts';

type AdminItem = {
  id: number;
  board: string;
  title: string;
  status: string;
  category: string | null;
  moderationState: string;
  isHidden: boolean;
  themeId: number | null;
  trendScore: number;
  updatedAt: string;
};

const adminList = (ws: WorkspaceFixture, query = '') => `/api/v1/${ws.slug}/admin/feedback${query}`;
const adminItem = (ws: WorkspaceFixture, id: number) => `/api/v1/${ws.slug}/admin/feedback/${id}`;
const publicList = (ws: WorkspaceFixture, query = '') => `/api/v1/${ws.slug}/${ws.board}/feedback${query}`;
const publicItem = (ws: WorkspaceFixture, id: number) => `/api/v1/${ws.slug}/${ws.board}/feedback/${id}`;

function update(ws: WorkspaceFixture, id: number, body: unknown): Promise<Response> {
  return api(adminItem(ws, id), { method: 'PATCH', body, key: ws.key });
}

/** Reads twice and proves the second read is a cache hit, so a later change can only show through invalidation. */
async function primed(path: string): Promise<Response> {
  await api(path);
  const res = await api(path);
  expect(res.headers.get('X-Cache')).toBe('HIT');
  return res;
}

async function publicIds(ws: WorkspaceFixture, query = ''): Promise<number[]> {
  return (await json<{ id: number }[]>(await api(publicList(ws, query)))).map((i) => i.id);
}

/** Themes are inserted directly: this suite tests assignment, not theme administration. */
async function insertTheme(ws: WorkspaceFixture, name: string): Promise<number> {
  const workspace = await json<{ id: number }>(await api(`/api/v1/${ws.slug}/admin/workspace`, { key: ws.key }));
  const row = await env.DB.prepare('INSERT INTO themes (workspace_id, name, created_at) VALUES (?, ?, ?) RETURNING id')
    .bind(workspace.id, name, Date.now())
    .first<{ id: number }>();
  return row!.id;
}

async function themeItemCount(themeId: number): Promise<number> {
  return (await env.DB.prepare('SELECT item_count FROM themes WHERE id = ?').bind(themeId).first<{ item_count: number }>())!.item_count;
}

describe('listAdminFeedback', () => {
  it('lists every item newest first, hidden and unapproved ones included, a page at a time', async () => {
    const ws = await createWorkspace();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createFeedback(ws, `Item number ${i}`)).id);
    await update(ws, ids[1]!, { isHidden: true });
    await update(ws, ids[3]!, { moderationState: 'pending' });

    const first = await api(adminList(ws, '?limit=2'), { key: ws.key });
    expect(first.status).toBe(200);
    expect(first.headers.get('Cache-Control')).toBe('private, no-store');
    const page1 = await json<AdminItem[]>(first);
    expect(page1.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    expect(page1[1]).toMatchObject({ moderationState: 'pending', isHidden: false, themeId: null, board: 'main' });
    expect(typeof page1[1]!.trendScore).toBe('number');
    const seen = page1.map((i) => i.id);
    let link = nextLink(first);
    while (link) {
      const res = await api(link, { key: ws.key });
      seen.push(...(await json<AdminItem[]>(res)).map((i) => i.id));
      link = nextLink(res);
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by board and moderation state', async () => {
    const ws = await createWorkspace();
    await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'other', name: 'Other' }, key: ws.key });
    const onMain = await createFeedback(ws, 'On main');
    const pending = await createFeedback(ws, 'Pending on main');
    await update(ws, pending.id, { moderationState: 'pending' });
    const onOther = await createFeedback({ ...ws, board: 'other' }, 'On other');
    const ids = async (query: string) => (await json<AdminItem[]>(await api(adminList(ws, query), { key: ws.key }))).map((i) => i.id);
    expect(await ids('?board=main')).toEqual([pending.id, onMain.id]);
    expect(await ids('?board=other')).toEqual([onOther.id]);
    expect(await ids('?moderationState=pending')).toEqual([pending.id]);
    expect(await ids('?board=other&moderationState=pending')).toEqual([]);
    expect(await ids('?moderationState=approved')).toEqual([onOther.id, onMain.id]);
  });

  it('400 for bad query values and foreign cursors; 404 for an unknown board; 401 and 403 for keys and unknown workspaces', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    for (let i = 0; i < 3; i++) await createFeedback(ws, `Item number ${i}`);
    expect((await expectProblem(await api(adminList(ws, '?limit=0'), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.limit');
    expect((await expectProblem(await api(adminList(ws, '?moderationState=spam'), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.moderationState');
    expect((await expectProblem(await api(adminList(ws, '?board=Not_A_Slug'), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.board');
    expect((await expectProblem(await api(adminList(ws, '?status=open'), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.status');
    const adminCursor = new URL(nextLink(await api(adminList(ws, '?limit=1'), { key: ws.key }))!, 'https://x').searchParams.get('cursor')!;
    const tampered = adminCursor.slice(0, -2) + (adminCursor.endsWith('AA') ? 'BB' : 'AA');
    expect((await expectProblem(await api(adminList(ws, `?cursor=${tampered}`), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.cursor');
    const publicCursor = new URL(nextLink(await api(publicList(ws, '?limit=1')))!, 'https://x').searchParams.get('cursor')!;
    expect((await expectProblem(await api(adminList(ws, `?cursor=${publicCursor}`), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.cursor');
    // A cursor is bound to its list: other filters, or another workspace with its own key.
    expect((await expectProblem(await api(adminList(ws, `?moderationState=approved&cursor=${adminCursor}`), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.cursor');
    for (let i = 0; i < 2; i++) await createFeedback(other, `Other item ${i}`);
    expect((await expectProblem(await api(adminList(other, `?cursor=${adminCursor}`), { key: other.key }), 400)).errors?.[0]?.path).toBe('query.cursor');
    await expectProblem(await api(adminList(ws, '?board=nope'), { key: ws.key }), 404);
    await expectProblem(await api('/api/v1/no-such-workspace-m/admin/feedback', { key: ws.key }), 403);
    await expectProblem(await api(adminList(ws)), 401);
    await expectProblem(await api(adminList(ws), { key: 'fpk_not-a-key' }), 401);
    await expectProblem(await api(adminList(ws), { key: other.key }), 403);
  });
});

describe('updateFeedback', () => {
  it('hiding, unapproving and rejecting take an item out of the public list and read; approving brings it back', async () => {
    const ws = await createWorkspace();
    const kept = await createFeedback(ws, 'Stays visible');
    const item = await createFeedback(ws, 'Moderated item');
    const transitions: [Record<string, unknown>, boolean][] = [
      [{ isHidden: true }, false],
      [{ isHidden: false }, true],
      [{ moderationState: 'pending' }, false],
      [{ moderationState: 'approved' }, true],
      [{ moderationState: 'rejected' }, false],
      [{ moderationState: 'approved' }, true],
    ];
    for (const [change, visible] of transitions) {
      await primed(publicList(ws));
      if (visible) await expectProblem(await api(publicItem(ws, item.id)), 404);
      else await primed(publicItem(ws, item.id));
      const res = await update(ws, item.id, change);
      expect(res.status).toBe(200);
      expect(await publicIds(ws)).toEqual(visible ? [item.id, kept.id] : [kept.id]);
      const read = await api(publicItem(ws, item.id));
      if (visible) expect(read.status).toBe(200);
      else await expectProblem(read, 404);
    }
  });

  it('status, category and text changes show in the public list; updatedAt moves', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws, 'Needs triage', { category: 'ui' });
    const before = await json<{ updatedAt: string }>(await primed(publicItem(ws, item.id)));
    await primed(publicList(ws, '?status=planned'));
    await primed(publicList(ws, '?category=api'));

    const res = await update(ws, item.id, { status: 'planned', category: 'api', title: 'Triaged', description: 'Now with details' });
    expect(res.status).toBe(200);
    const updated = await json<AdminItem>(res);
    expect(updated).toMatchObject({ id: item.id, status: 'planned', category: 'api', title: 'Triaged', moderationState: 'approved', isHidden: false });
    expect(updated.updatedAt >= before.updatedAt).toBe(true);
    expect(await publicIds(ws, '?status=planned')).toEqual([item.id]);
    expect(await publicIds(ws, '?category=api')).toEqual([item.id]);
    expect(await publicIds(ws, '?category=ui')).toEqual([]);
    expect(await json(await api(publicItem(ws, item.id)))).toMatchObject({ title: 'Triaged', description: 'Now with details', status: 'planned' });

    expect(await json(await update(ws, item.id, { category: null }))).toMatchObject({ category: null });
    expect(await publicIds(ws, '?category=api')).toEqual([]);
  });

  it('assigns themes of the workspace; the themes’ item counts follow', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const item = await createFeedback(ws, 'Themed item');
    const second = await createFeedback(ws, 'Another themed item');
    const speed = await insertTheme(ws, 'Speed');
    const looks = await insertTheme(ws, 'Looks');
    const foreign = await insertTheme(other, 'Elsewhere');

    expect(await json(await update(ws, item.id, { themeId: speed }))).toMatchObject({ themeId: speed });
    await update(ws, second.id, { themeId: speed });
    expect(await themeItemCount(speed)).toBe(2);
    await update(ws, item.id, { themeId: looks });
    expect([await themeItemCount(speed), await themeItemCount(looks)]).toEqual([1, 1]);
    expect(await json(await update(ws, item.id, { themeId: null }))).toMatchObject({ themeId: null });
    expect([await themeItemCount(speed), await themeItemCount(looks)]).toEqual([1, 0]);

    expect((await expectProblem(await update(ws, item.id, { themeId: foreign }), 400)).errors?.[0]?.path).toBe('body.themeId');
    expect((await expectProblem(await update(ws, item.id, { themeId: 99999999 }), 400)).errors?.[0]?.path).toBe('body.themeId');
    expect(await themeItemCount(foreign)).toBe(0);
  });

  it('400 naming bad fields; 404 for a missing or foreign item; 401 and 403 for keys', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const item = await createFeedback(ws, 'Some item');
    const foreignItem = await createFeedback(other, 'Not yours');
    await expectProblem(await update(ws, item.id, {}), 400);
    expect((await expectProblem(await update(ws, item.id, { status: 'done' }), 400)).errors?.[0]?.path).toBe('body.status');
    expect((await expectProblem(await update(ws, item.id, { title: 'x' }), 400)).errors?.[0]?.path).toBe('body.title');
    expect((await expectProblem(await update(ws, item.id, { moderationState: 'spam' }), 400)).errors?.[0]?.path).toBe('body.moderationState');
    expect((await expectProblem(await update(ws, item.id, { themeId: 0 }), 400)).errors?.[0]?.path).toBe('body.themeId');
    expect((await expectProblem(await update(ws, item.id, { votes: 100 }), 400)).errors?.[0]?.path).toBe('body.votes');
    expect((await expectProblem(await api(`/api/v1/${ws.slug}/admin/feedback/abc`, { method: 'PATCH', body: { status: 'open' }, key: ws.key }), 400)).errors?.[0]?.path).toBe('path.id');
    await expectProblem(await update(ws, 99999999, { status: 'open' }), 404);
    await expectProblem(await update(ws, foreignItem.id, { status: 'closed' }), 404);
    await expectProblem(await api(adminItem(ws, item.id), { method: 'PATCH', body: { status: 'closed' } }), 401);
    await expectProblem(await api(adminItem(ws, item.id), { method: 'PATCH', body: { status: 'closed' }, key: 'fpk_not-a-key' }), 401);
    await expectProblem(await api(adminItem(ws, item.id), { method: 'PATCH', body: { status: 'closed' }, key: other.key }), 403);
    expect(await json(await api(publicItem(ws, item.id)))).toMatchObject({ status: 'open', title: 'Some item' });
    expect(await json(await api(publicItem(other, foreignItem.id)))).toMatchObject({ status: 'open' });
  });
});

describe('deleteFeedback', () => {
  it('deletes the item: its read 404s, it leaves the list and the public roadmap', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws, 'Doomed item');
    const kept = await createFeedback(ws, 'Kept item');
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/votes`, { body: { externalUserId: 'voter' } });
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`, { body: { body: 'Me too', externalUserId: 'voter' } });
    await api(`/api/v1/${ws.slug}/admin/roadmaps`, { body: { slug: 'plan', name: 'Plan', phases: ['Now'] }, key: ws.key });
    const phase = (await json<{ phases: { id: number }[] }>(await api(`/api/v1/${ws.slug}/roadmaps/plan`))).phases[0]!;
    await api(`/api/v1/${ws.slug}/admin/roadmaps/plan/items`, { body: { phaseId: phase.id, feedbackId: item.id }, key: ws.key });
    await primed(publicList(ws));
    await primed(publicItem(ws, item.id));
    await primed(`/api/v1/${ws.slug}/roadmaps/plan`);

    expect((await api(adminItem(ws, item.id), { method: 'DELETE', key: ws.key })).status).toBe(204);
    await expectProblem(await api(publicItem(ws, item.id)), 404);
    expect(await publicIds(ws)).toEqual([kept.id]);
    const roadmap = await json<{ phases: { items: { title: string; feedbackId: number | null }[] }[] }>(await api(`/api/v1/${ws.slug}/roadmaps/plan`));
    expect(roadmap.phases[0]!.items).toEqual([]);
    await expectProblem(await api(adminItem(ws, item.id), { method: 'DELETE', key: ws.key }), 404);
    await expectProblem(await update(ws, item.id, { status: 'open' }), 404);
  });

  it('400 for a bad id; 404 for a foreign item; 401 and 403 for keys', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const item = await createFeedback(ws, 'Some item');
    const foreignItem = await createFeedback(other, 'Not yours');
    expect((await expectProblem(await api(`/api/v1/${ws.slug}/admin/feedback/0`, { method: 'DELETE', key: ws.key }), 400)).errors?.[0]?.path).toBe('path.id');
    await expectProblem(await api(adminItem(ws, foreignItem.id), { method: 'DELETE', key: ws.key }), 404);
    await expectProblem(await api(adminItem(ws, item.id), { method: 'DELETE' }), 401);
    await expectProblem(await api(adminItem(ws, item.id), { method: 'DELETE', key: 'fpk_not-a-key' }), 401);
    await expectProblem(await api(adminItem(ws, item.id), { method: 'DELETE', key: other.key }), 403);
    expect((await api(publicItem(ws, item.id))).status).toBe(200);
    expect((await api(publicItem(other, foreignItem.id))).status).toBe(200);
  });
});

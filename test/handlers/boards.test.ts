import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json } from '../support/api.ts';

describe('boards', () => {
  it('lists, creates, updates and deletes boards', async () => {
    const ws = await createWorkspace();
    const created = await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'ideas', name: 'Ideas' }, key: ws.key });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ slug: 'ideas', name: 'Ideas', description: '' });
    const list = await json<{ slug: string }[]>(await api(`/api/v1/${ws.slug}/admin/boards`, { key: ws.key }));
    expect(list.map((b) => b.slug)).toEqual(['ideas', 'main']);
    const updated = await api(`/api/v1/${ws.slug}/admin/boards/ideas`, { method: 'PATCH', body: { description: 'New ideas' }, key: ws.key });
    expect(await json(updated)).toMatchObject({ slug: 'ideas', description: 'New ideas' });
    expect((await api(`/api/v1/${ws.slug}/admin/boards/ideas`, { method: 'DELETE', key: ws.key })).status).toBe(204);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards/ideas`, { method: 'DELETE', key: ws.key }), 404);
  });

  it('deleting a board with feedback needs confirm=true; without it, 409 naming what would go and nothing changes', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/votes`, { body: { externalUserId: 'voter-1' } });
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}/comments`, { body: { body: 'Yes', externalUserId: 'voter-1' } });
    const refused = await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards/${ws.board}`, { method: 'DELETE', key: ws.key }), 409);
    expect(refused.detail).toMatch(/1 feedback items with 1 votes and 1 comments/);
    expect((await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`)).status).toBe(200);
    const badConfirm = await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards/${ws.board}?confirm=yes`, { method: 'DELETE', key: ws.key }), 400);
    expect(badConfirm.errors?.[0]?.path).toBe('query.confirm');
    expect((await api(`/api/v1/${ws.slug}/admin/boards/${ws.board}?confirm=true`, { method: 'DELETE', key: ws.key })).status).toBe(204);
    await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`), 404);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards/${ws.board}?confirm=true`, { method: 'DELETE', key: ws.key }), 404);
  });

  it('an empty board is deleted without confirmation; requireApproval is stored and changed', async () => {
    const ws = await createWorkspace();
    const created = await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'vetted', name: 'Vetted', requireApproval: true }, key: ws.key });
    expect(await json(created)).toMatchObject({ slug: 'vetted', requireApproval: true });
    const updated = await api(`/api/v1/${ws.slug}/admin/boards/vetted`, { method: 'PATCH', body: { requireApproval: false }, key: ws.key });
    expect(await json(updated)).toMatchObject({ requireApproval: false });
    expect((await api(`/api/v1/${ws.slug}/admin/boards/vetted`, { method: 'DELETE', key: ws.key })).status).toBe(204);
  });

  it('409 on a duplicate slug, 400 on a reserved or malformed one, 404 updating a missing board', async () => {
    const ws = await createWorkspace();
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'main', name: 'Again' }, key: ws.key }), 409);
    const reserved = await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'admin', name: 'x' }, key: ws.key }), 400);
    expect(reserved.errors?.[0]?.path).toBe('body.slug');
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: '-bad', name: 'x' }, key: ws.key }), 400);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards/nope`, { method: 'PATCH', body: { name: 'x' }, key: ws.key }), 404);
  });

  it('401 without a key', async () => {
    const ws = await createWorkspace();
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards`), 401);
    await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'x', name: 'x' } }), 401);
  });
});

describe('deleteBoard and the widget', () => {
  it('a widget defaulting to a deleted board falls back to none, visibly at once', async () => {
    const ws = await createWorkspace();
    await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'ideas', name: 'Ideas' }, key: ws.key });
    const config = { defaultBoard: 'ideas', position: 'bottom-left', theme: 'dark', showRoadmap: true, locale: 'en', allowedOrigins: [] };
    expect((await api(`/api/v1/${ws.slug}/admin/widget-config`, { method: 'PUT', body: config, key: ws.key })).status).toBe(200);
    expect(await json(await api(`/api/v1/${ws.slug}/widget-config`))).toMatchObject({ defaultBoard: 'ideas' });
    expect((await api(`/api/v1/${ws.slug}/admin/boards/ideas`, { method: 'DELETE', key: ws.key })).status).toBe(204);
    expect(await json(await api(`/api/v1/${ws.slug}/widget-config`))).toMatchObject({ defaultBoard: null, position: 'bottom-left' });
  });
});

/**
 * Input that used to be accepted: integers in other spellings (which named a resource), titles
 * without visible text or with control characters, and branding values that break out of the CSS
 * they become.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json } from './support/api.ts';

async function itemExists(id: number): Promise<boolean> {
  return (await env.DB.prepare('SELECT 1 AS found FROM feedback_items WHERE id = ?').bind(id).first()) !== null;
}

describe('integers in paths and queries are canonical decimal only', () => {
  it('DELETE of an item by another spelling of its id is a 400 and deletes nothing', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    for (const spelling of [`${item.id}e0`, `0x${item.id.toString(16)}`, `+${item.id}`, `0${item.id}`, `${item.id}.0`, ` ${item.id}`]) {
      const problem = await expectProblem(await api(`/api/v1/${ws.slug}/admin/feedback/${encodeURIComponent(spelling)}`, { method: 'DELETE', key: ws.key }), 400);
      expect(problem.errors?.map((e) => e.path)).toEqual(['path.id']);
    }
    expect(await itemExists(item.id)).toBe(true);
    expect((await api(`/api/v1/${ws.slug}/admin/feedback/${item.id}`, { method: 'DELETE', key: ws.key })).status).toBe(204);
  });

  it('limits in the query are canonical too', async () => {
    const ws = await createWorkspace();
    for (const limit of ['1e1', '0x10', '+5', '05', '5.0', '']) {
      const problem = await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback?limit=${limit}`), 400);
      expect(problem.errors?.map((e) => e.path)).toEqual(['query.limit']);
    }
    expect((await api(`/api/v1/${ws.slug}/${ws.board}/feedback?limit=5`)).status).toBe(200);
  });
});

describe('titles and names are trimmed visible text without control characters', () => {
  it('blank, invisible or control-character titles are 400 and store nothing; others are stored trimmed', async () => {
    const ws = await createWorkspace();
    const path = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    for (const title of ['     ', '\u200b\u200b\u200b\u200b', 'Bell\u0007 ring', 'Line\nbreak title', '\u0000\u0000\u0000']) {
      const problem = await expectProblem(await api(path, { body: { title, externalUserId: 'u1' } }), 400);
      expect(problem.errors?.map((e) => e.path)).toEqual(['body.title']);
    }
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM feedback_items f JOIN workspaces w ON w.id = f.workspace_id WHERE w.slug = ?').bind(ws.slug).first<{ n: number }>();
    expect(count!.n).toBe(0);
    const created = await api(path, { body: { title: '   Keyboard shortcuts  ', externalUserId: 'u1' } });
    expect(created.status).toBe(201);
    expect((await json<{ title: string }>(created)).title).toBe('Keyboard shortcuts');
  });

  it('a board name of spaces is refused', async () => {
    const ws = await createWorkspace();
    const problem = await expectProblem(await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'blank', name: '   ' }, key: ws.key }), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['body.name']);
  });
});

describe('branding values are validated as the CSS they become', () => {
  const branding = { name: 'Acme', logoUrl: null, primaryColor: '#112233', accentColor: '#445566', fontFamily: 'Inter, sans-serif' };

  it('a font family or logo URL that would break out of CSS is a 400 and nothing changes', async () => {
    const ws = await createWorkspace();
    const put = (body: object) => api(`/api/v1/${ws.slug}/admin/branding`, { method: 'PUT', body, key: ws.key });
    expect((await put(branding)).status).toBe(200);
    for (const fontFamily of ['Inter</style><script>alert(1)</script>', 'Inter; color: red', 'x}body{display:none', '"Inter', 'url(https://evil.test/x)']) {
      const problem = await expectProblem(await put({ ...branding, fontFamily }), 400);
      expect(problem.errors?.map((e) => e.path)).toEqual(['body.fontFamily']);
    }
    for (const logoUrl of ['https://cdn.test/logo.png);background:url(https://evil.test/', 'http://cdn.test/logo.png', 'https://cdn.test/a b.png', "https://cdn.test/'x'"]) {
      const problem = await expectProblem(await put({ ...branding, logoUrl }), 400);
      expect(problem.errors?.map((e) => e.path)).toEqual(['body.logoUrl']);
    }
    const stored = await json<{ fontFamily: string }>(await api(`/api/v1/${ws.slug}/branding`));
    expect(stored.fontFamily).toBe('Inter, sans-serif');
    expect((await put({ ...branding, fontFamily: "'Open Sans', \"Helvetica Neue\", sans-serif", logoUrl: 'https://cdn.test/logo.png' })).status).toBe(200);
  });
});

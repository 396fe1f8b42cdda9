import { describe, expect, it } from 'vitest';
import { api, castVote, createFeedback, createWorkspace, expectProblem, json, nextLink, uniqueSlug } from '../support/api.ts';

type Item = { id: number; title: string; voteCount: number; authorName: string | null; board: string; status: string };

describe('createFeedback', () => {
  it('answers 201 with the item and its id, as the seed’s load test expects', async () => {
    const ws = await createWorkspace();
    const res = await api(`/api/v1/${ws.slug}/${ws.board}/feedback`, {
      body: { title: 'Dark mode', description: 'Please', externalUserId: 'u-1', userName: 'Ada' },
    });
    expect(res.status).toBe(201);
    const item = await json<Item>(res);
    expect(item).toMatchObject({ title: 'Dark mode', board: 'main', status: 'open', voteCount: 0, authorName: 'Ada' });
    expect(item.id).toBeGreaterThan(0);
  });

  it('400 naming bad and unknown fields; 404 for unknown workspace or board', async () => {
    const ws = await createWorkspace();
    const problem = await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback`, { body: { title: 'x', bogus: 1 } }), 400);
    expect(problem.errors!.map((e) => e.path).sort()).toEqual(['body.bogus', 'body.externalUserId', 'body.title']);
    await expectProblem(await api(`/api/v1/${uniqueSlug('nows')}/main/feedback`, { body: { title: 'Valid title', externalUserId: 'u' } }), 404);
    await expectProblem(await api(`/api/v1/${ws.slug}/nope/feedback`, { body: { title: 'Valid title', externalUserId: 'u' } }), 404);
    await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback`, { body: 'not json' }), 400);
  });

  it('413 for an oversized body, and nothing is written', async () => {
    const ws = await createWorkspace();
    await expectProblem(
      await api(`/api/v1/${ws.slug}/${ws.board}/feedback`, { body: { title: 'Big', description: 'x'.repeat(80_000), externalUserId: 'u' } }),
      413,
    );
    expect(await json<Item[]>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback`))).toEqual([]);
  });
});

describe('listFeedback', () => {
  it('returns a JSON array, most votes first, with a Link to the next page', async () => {
    const ws = await createWorkspace();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createFeedback(ws, `Item number ${i}`)).id);
    await castVote(ws, ids[2]!, 'v1', 3);

    const first = await api(`/api/v1/${ws.slug}/${ws.board}/feedback?limit=2`);
    expect(first.status).toBe(200);
    const page1 = await json<Item[]>(first);
    expect(Array.isArray(page1)).toBe(true);
    expect(page1.map((i) => i.id)).toEqual([ids[2], ids[4]]);
    const seen = [...page1.map((i) => i.id)];
    let link = nextLink(first);
    while (link) {
      const res = await api(link);
      seen.push(...(await json<Item[]>(res)).map((i) => i.id));
      link = nextLink(res);
    }
    expect(seen).toEqual([ids[2], ids[4], ids[3], ids[1], ids[0]]);
  });

  it('sorts by created_at, filters by status and category, and accepts page', async () => {
    const ws = await createWorkspace();
    const a = await createFeedback(ws, 'First item', { category: 'ui' });
    const b = await createFeedback(ws, 'Second item', { category: 'api' });
    const byDate = await json<Item[]>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback?sort=created_at`));
    expect(byDate.map((i) => i.id)).toEqual([b.id, a.id]);
    const ui = await json<Item[]>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback?category=ui`));
    expect(ui.map((i) => i.id)).toEqual([a.id]);
    const closed = await json<Item[]>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback?status=closed`));
    expect(closed).toEqual([]);
    const page2 = await json<Item[]>(await api(`/api/v1/${ws.slug}/${ws.board}/feedback?sort=created_at&limit=1&page=2`));
    expect(page2.map((i) => i.id)).toEqual([a.id]);
  });

  it('400 for bad query values, unknown parameters, tampered or foreign cursors', async () => {
    const ws = await createWorkspace();
    for (let i = 0; i < 3; i++) await createFeedback(ws, `Item number ${i}`);
    const base = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    expect((await expectProblem(await api(`${base}?limit=0`), 400)).errors?.[0]?.path).toBe('query.limit');
    expect((await expectProblem(await api(`${base}?sort=random`), 400)).errors?.[0]?.path).toBe('query.sort');
    expect((await expectProblem(await api(`${base}?pgae=2`), 400)).errors?.[0]?.path).toBe('query.pgae');
    const link = nextLink(await api(`${base}?limit=1`))!;
    const cursor = new URL(link, 'https://x').searchParams.get('cursor')!;
    const tampered = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
    expect((await expectProblem(await api(`${base}?limit=1&cursor=${tampered}`), 400)).errors?.[0]?.path).toBe('query.cursor');
    await expectProblem(await api(`${base}?limit=1&sort=created_at&cursor=${cursor}`), 400);
    await expectProblem(await api(`${base}?cursor=${cursor}&page=2`), 400);
  });

  it('404 for an unknown board', async () => {
    const ws = await createWorkspace();
    await expectProblem(await api(`/api/v1/${ws.slug}/nope/feedback`), 404);
  });
});

describe('getFeedback', () => {
  it('returns a visible item; 404 for another board’s or a missing item; 400 for a bad id', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws, 'Visible item');
    const res = await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item.id}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ id: item.id, title: 'Visible item' });
    await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'other', name: 'Other' }, key: ws.key });
    await expectProblem(await api(`/api/v1/${ws.slug}/other/feedback/${item.id}`), 404);
    await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/999999999`), 404);
    expect((await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback/abc`), 400)).errors?.[0]?.path).toBe('path.id');
  });
});

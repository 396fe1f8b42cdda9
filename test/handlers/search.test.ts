import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json, nextLink, type WorkspaceFixture } from '../support/api.ts';

type Item = { id: number; title: string; moderationState: string };

const list = (ws: WorkspaceFixture, query: string, board = ws.board) => `/api/v1/${ws.slug}/${board}/feedback${query}`;
const adminList = (ws: WorkspaceFixture, query: string) => `/api/v1/${ws.slug}/admin/feedback${query}`;
const similar = (ws: WorkspaceFixture, query: string) => `/api/v1/${ws.slug}/${ws.board}/feedback/similar${query}`;
const search = (q: string) => `?q=${encodeURIComponent(q)}`;

async function ids(path: string, key?: string): Promise<number[]> {
  const res = await api(path, { key });
  expect(res.status).toBe(200);
  return (await json<Item[]>(res)).map((i) => i.id);
}

function moderate(ws: WorkspaceFixture, id: number, body: unknown): Promise<Response> {
  return api(`/api/v1/${ws.slug}/admin/feedback/${id}`, { method: 'PATCH', body, key: ws.key });
}

function vote(ws: WorkspaceFixture, id: number, user: string): Promise<Response> {
  return api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}/votes`, { body: { externalUserId: user } });
}

describe('listFeedback with q', () => {
  it('ranks a title match above a description match, and breaks ties by the trend score', async () => {
    const ws = await createWorkspace();
    const inDescription = await createFeedback(ws, 'Theme support', { description: 'A calendar view would help' });
    const quiet = await createFeedback(ws, 'Calendar sync');
    const popular = await createFeedback(ws, 'Calendar sync');
    await createFeedback(ws, 'Unrelated idea');
    await vote(ws, popular.id, 'v1');
    await vote(ws, popular.id, 'v2');
    expect(await ids(list(ws, search('calendar')))).toEqual([popular.id, quiet.id, inDescription.id]);
  });

  it('needs every word; the last one also matches as a prefix and, when nothing starts with it, with a typo', async () => {
    const ws = await createWorkspace();
    const shortcuts = await createFeedback(ws, 'Keyboard shortcuts everywhere');
    const keyboard = await createFeedback(ws, 'Keyboard layout');
    await createFeedback(ws, 'Shortcuts for the mobile app');
    expect(await ids(list(ws, search('keyboard shortcuts')))).toEqual([shortcuts.id]);
    expect((await ids(list(ws, search('keyb')))).sort()).toEqual([shortcuts.id, keyboard.id].sort());
    expect(await ids(list(ws, search('keyboard shortc')))).toEqual([shortcuts.id]);
    // A swapped pair, a missing letter, a wrong letter in the last word.
    expect(await ids(list(ws, search('keyboard shrotcuts')))).toEqual([shortcuts.id]);
    expect(await ids(list(ws, search('keyboard shortuts')))).toEqual([shortcuts.id]);
    expect((await ids(list(ws, search('keybaord')))).sort()).toEqual([shortcuts.id, keyboard.id].sort());
    // Diacritics and case fold; operators are plain separators.
    expect((await ids(list(ws, search('KÉYBOARD')))).sort()).toEqual([shortcuts.id, keyboard.id].sort());
    expect(await ids(list(ws, search('keyboard AND "shortcuts" NOT*')))).toEqual([]);
    expect(await ids(list(ws, search('keyboard -shortcuts)')))).toEqual([shortcuts.id]);
    expect(await ids(list(ws, search('zebra')))).toEqual([]);
  });

  it('matches the last word to the terms it starts, a few or many, within what the search may see', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const mode = await createFeedback(ws, 'Dark mode');
    const mobile = await createFeedback(ws, 'Dark mobile app');
    await createFeedback(ws, 'Dark theme');
    expect((await ids(list(ws, search('dark mo')))).sort()).toEqual([mode.id, mobile.id].sort());
    // More terms start with "pa" than stand for a last word one by one: it stays a prefix.
    const words = ['page', 'pay', 'paste', 'path', 'patch', 'pause', 'panel', 'palette', 'pack'];
    const many = [];
    for (const word of words) many.push((await createFeedback(ws, `Improve ${word}`)).id);
    expect((await ids(list(ws, search('improve pa')))).sort()).toEqual(many.sort());
    // The vocabulary is the scope's: a misspelling that only a hidden item holds still gets near spellings.
    const calendar = await createFeedback(ws, 'Calendar sync');
    const typo = await createFeedback(ws, 'Calender import');
    await moderate(ws, typo.id, { isHidden: true });
    expect(await ids(list(ws, search('calender')))).toEqual([calendar.id]);
    expect((await ids(adminList(ws, search('calender')), ws.key)).sort()).toEqual([typo.id]);
    // A cursor is bound to the words, not to the terms they stood for: a new term keeps it valid.
    const first = await api(list(ws, `${search('dark mo')}&limit=1`));
    await createFeedback(ws, 'Dark models');
    const next = await api(nextLink(first)!);
    expect(next.status).toBe(200);
    expect((await json<Item[]>(next)).length).toBe(1);
  });

  it('finds only what the public may see: not hidden, pending, rejected or merged items, nor other boards', async () => {
    const ws = await createWorkspace();
    await api(`/api/v1/${ws.slug}/admin/boards`, { body: { slug: 'other', name: 'Other' }, key: ws.key });
    const visible = await createFeedback(ws, 'Export reports to csv');
    const hidden = await createFeedback(ws, 'Export reports hidden');
    const pending = await createFeedback(ws, 'Export reports pending');
    const rejected = await createFeedback(ws, 'Export reports rejected');
    const merged = await createFeedback(ws, 'Export reports twice');
    await createFeedback({ ...ws, board: 'other' }, 'Export reports elsewhere');
    await moderate(ws, hidden.id, { isHidden: true });
    await moderate(ws, pending.id, { moderationState: 'pending' });
    await moderate(ws, rejected.id, { moderationState: 'rejected' });
    await api(`/api/v1/${ws.slug}/admin/feedback/${visible.id}/merge`, { body: { duplicateId: merged.id }, key: ws.key });
    expect(await ids(list(ws, search('export reports')))).toEqual([visible.id]);
    expect((await ids(adminList(ws, search('export reports')), ws.key)).length).toBe(6);
  });

  it('pages through the ranked results with a signed cursor bound to the query', async () => {
    const ws = await createWorkspace();
    const created: number[] = [];
    for (let i = 0; i < 7; i++) created.push((await createFeedback(ws, `Webhooks retry ${i}`)).id);
    await createFeedback(ws, 'Nothing to see');
    const all = await ids(list(ws, search('webhooks')));
    expect(all.sort()).toEqual([...created].sort());
    const first = await api(list(ws, `${search('webhooks')}&limit=3`));
    const walked = (await json<Item[]>(first)).map((i) => i.id);
    let link = nextLink(first);
    const cursor = new URL(link!, 'https://x').searchParams.get('cursor')!;
    while (link) {
      const res = await api(link);
      walked.push(...(await json<Item[]>(res)).map((i) => i.id));
      link = nextLink(res);
    }
    expect(walked).toEqual(await ids(list(ws, `${search('webhooks')}&limit=100`)));
    expect(new Set(walked).size).toBe(7);
    // The cursor is bound to its query, its filters and ranked order.
    expect((await expectProblem(await api(list(ws, `${search('retry')}&cursor=${cursor}`)), 400)).errors?.[0]?.path).toBe('query.cursor');
    expect((await expectProblem(await api(list(ws, `${search('webhooks')}&status=open&cursor=${cursor}`)), 400)).errors?.[0]?.path).toBe('query.cursor');
    expect((await expectProblem(await api(list(ws, `?cursor=${cursor}`)), 400)).errors?.[0]?.path).toBe('query.cursor');
  });

  it('filters by status and category; 400 naming the field for an empty or wordless q, or sort and page with q', async () => {
    const ws = await createWorkspace();
    const planned = await createFeedback(ws, 'Audit log export', { category: 'security' });
    await createFeedback(ws, 'Audit log retention', { category: 'data' });
    await moderate(ws, planned.id, { status: 'planned' });
    expect(await ids(list(ws, `${search('audit')}&status=planned`))).toEqual([planned.id]);
    expect(await ids(list(ws, `${search('audit')}&category=security`))).toEqual([planned.id]);
    for (const [query, path] of [
      ['?q=', 'query.q'],
      [search('?!'), 'query.q'],
      [search('x'.repeat(201)), 'query.q'],
      [`${search('audit')}&sort=vote_count`, 'query.sort'],
      [`${search('audit')}&page=2`, 'query.page'],
    ] as const) {
      expect((await expectProblem(await api(list(ws, query)), 400)).errors?.[0]?.path).toBe(path);
    }
    await expectProblem(await api(list(ws, search('audit'), 'nope')), 404);
  });

  it('is cached like any list, and an edit, a hide or a new item shows on the next search', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws, 'Offline mode');
    const path = list(ws, search('offline'));
    await api(path);
    const cached = await api(path);
    expect(cached.headers.get('X-Cache')).toBe('HIT');
    expect((await json<Item[]>(cached)).map((i) => i.id)).toEqual([item.id]);

    await moderate(ws, item.id, { title: 'Work without a network' });
    expect(await ids(path)).toEqual([]);
    expect(await ids(list(ws, search('network')))).toEqual([item.id]);
    const second = await createFeedback(ws, 'Offline sync');
    expect(await ids(path)).toEqual([second.id]);
    await moderate(ws, second.id, { isHidden: true });
    expect(await ids(path)).toEqual([]);
  });
});

describe('listAdminFeedback with q', () => {
  it('finds items in any state, filtered by board and moderation state, a ranked page at a time', async () => {
    const ws = await createWorkspace();
    const hidden = await createFeedback(ws, 'Slack alerts hidden');
    const pending = await createFeedback(ws, 'Slack alerts pending');
    const plain = await createFeedback(ws, 'Slack alerts');
    await moderate(ws, hidden.id, { isHidden: true });
    await moderate(ws, pending.id, { moderationState: 'pending' });
    expect((await ids(adminList(ws, search('slack')), ws.key)).sort()).toEqual([hidden.id, pending.id, plain.id].sort());
    expect(await ids(adminList(ws, `${search('slack')}&moderationState=pending`), ws.key)).toEqual([pending.id]);
    expect((await ids(adminList(ws, `${search('slack')}&board=main`), ws.key)).length).toBe(3);
    const first = await api(adminList(ws, `${search('slack alerts')}&limit=2`), { key: ws.key });
    const seen = (await json<Item[]>(first)).map((i) => i.id);
    const next = await api(nextLink(first)!, { key: ws.key });
    seen.push(...(await json<Item[]>(next)).map((i) => i.id));
    expect(nextLink(next)).toBeUndefined();
    expect(seen.sort()).toEqual([hidden.id, pending.id, plain.id].sort());
    expect((await expectProblem(await api(adminList(ws, search('!!')), { key: ws.key }), 400)).errors?.[0]?.path).toBe('query.q');
    await expectProblem(await api(adminList(ws, search('slack'))), 401);
  });
});

describe('findSimilarFeedback', () => {
  it('returns the closest visible items for a draft title, best first, any word matching', async () => {
    const ws = await createWorkspace();
    const dark = await createFeedback(ws, 'Dark mode for the dashboard');
    const theme = await createFeedback(ws, 'Custom theme colors');
    const hidden = await createFeedback(ws, 'Dark theme please');
    await createFeedback(ws, 'Billing in euros');
    await moderate(ws, hidden.id, { isHidden: true });
    const found = await ids(similar(ws, `?title=${encodeURIComponent('Please add a dark theme')}`));
    expect(found.sort()).toEqual([dark.id, theme.id].sort());
    expect(await ids(similar(ws, `?title=${encodeURIComponent('dark mode dashboard')}&limit=1`))).toEqual([dark.id]);
    // While typing: the last word as a prefix.
    expect(await ids(similar(ws, '?title=dashb'))).toEqual([dark.id]);
    expect(await ids(similar(ws, '?title=%3F%3F'))).toEqual([]);
  });

  it('is cached per board and sees a new item at once; 400 naming the field, 404 for a missing board', async () => {
    const ws = await createWorkspace();
    const path = similar(ws, '?title=calendar');
    expect(await ids(path)).toEqual([]);
    expect((await api(path)).headers.get('X-Cache')).toBe('HIT');
    const item = await createFeedback(ws, 'Calendar integration');
    expect(await ids(path)).toEqual([item.id]);
    expect((await expectProblem(await api(similar(ws, '')), 400)).errors?.[0]?.path).toBe('query.title');
    expect((await expectProblem(await api(similar(ws, '?title=a&limit=21')), 400)).errors?.[0]?.path).toBe('query.limit');
    await expectProblem(await api(`/api/v1/${ws.slug}/nope/feedback/similar?title=calendar`), 404);
  });
});

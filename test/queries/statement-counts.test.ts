import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, json, type WorkspaceFixture } from '../support/api.ts';

/** The D1 statements a request ran, from its Server-Timing header. */
function statements(res: Response): number {
  const match = /db;desc="(\d+) statements"/.exec(res.headers.get('Server-Timing') ?? '');
  if (!match) throw new Error(`no db statement count in Server-Timing: ${res.headers.get('Server-Timing')}`);
  return Number(match[1]);
}

async function seedItems(ws: WorkspaceFixture, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push((await createFeedback(ws, `Counted item ${i}`)).id);
  return ids;
}

describe('statements per request (no N+1)', () => {
  it('listFeedback runs one statement for a page of 1 or of 30, with votes and comments; an empty page adds the board lookup', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const ids = await seedItems(ws, 30);
    for (const id of ids.slice(0, 10)) {
      await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}/votes`, { body: { externalUserId: 'v' } });
      await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}/comments`, { body: { externalUserId: 'v', body: 'c' } });
    }
    const base = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const one = await api(`${base}?limit=1&sort=created_at`);
    const thirty = await api(`${base}?limit=30&sort=trending`);
    expect((await json<unknown[]>(thirty)).length).toBe(30);
    expect(statements(one)).toBe(1); // the page, the board looked up inside it
    expect(statements(thirty)).toBe(1);
    const link = /<([^>]+)>;\s*rel="next"/.exec(one.headers.get('Link') ?? '')![1]!;
    expect(statements(await api(link))).toBe(1); // cursor page: still one statement
    // Nothing on the page: the board is looked up to answer [] or 404.
    expect(statements(await api(`${base}?status=completed`))).toBe(2);
  }, 30_000);

  it('a search is 3 statements for a page of 1 or of 30 (board, the last word as a prefix, the ranked page); near spellings add 1', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    await seedItems(ws, 30);
    const base = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const thirty = await api(`${base}?q=counted&limit=30`);
    expect((await json<unknown[]>(thirty)).length).toBe(30);
    expect(statements(thirty)).toBe(3);
    const one = await api(`${base}?q=counted+item&limit=1`);
    expect(statements(one)).toBe(3);
    const link = /<([^>]+)>;\s*rel="next"/.exec(one.headers.get('Link') ?? '')![1]!;
    expect(statements(await api(link))).toBe(3);
    expect(statements(await api(`${base}?q=countde`))).toBe(4);
    expect(statements(await api(`${base}/similar?title=counted`))).toBe(3);
  }, 30_000);

  it('getUserVotes is one lookup for 1 id or 30', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const ids = await seedItems(ws, 30);
    for (const id of ids) await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}/votes`, { body: { externalUserId: 'reader' } });
    const path = (list: number[]) => `/api/v1/${ws.slug}/votes?externalUserId=reader&ids=${list.join(',')}`;
    const single = await api(path(ids.slice(0, 1)));
    const many = await api(path(ids));
    expect((await json<{ votes: unknown[] }>(many)).votes.length).toBe(30);
    expect(statements(single)).toBe(2); // workspace, votes
    expect(statements(many)).toBe(2);
  });

  it('each write and read runs a fixed number of statements', async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const board = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    const created = await api(board, { body: { title: 'Counted', externalUserId: 'author' } });
    expect(statements(created)).toBe(4); // board; batch: user, item, read back
    const id = (await json<{ id: number }>(created)).id;
    expect(statements(await api(`${board}/${id}`))).toBe(1); // item by its board's and workspace's slugs
    expect(statements(await api(`${board}/${id}/votes`, { body: { externalUserId: 'v1' } }))).toBe(3); // one batch: voter, vote, item state (guarded by the board and item)
    expect(statements(await api(`${board}/${id}/votes?externalUserId=v1`, { method: 'DELETE' }))).toBe(2); // board with item; delete
    const comment = await api(`${board}/${id}/comments`, { body: { externalUserId: 'v1', body: 'hello' } });
    expect(statements(comment)).toBe(3); // board with item; batch: user, comment
    expect(statements(await api(`${board}/${id}/comments`))).toBe(2); // board with item; comments
  });
});

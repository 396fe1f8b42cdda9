import { describe, expect, it } from 'vitest';
import { createFeedback, createWorkspace, expectProblem, api } from '../support/api.ts';
import { read } from './support.ts';

type Item = { id: number; title: string };
const titles = (items: Item[]) => items.map((i) => i.title);

describe('cache keys', () => {
  it('two workspaces never share an entry, even with the same board slug and query', async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    await createFeedback(a, 'Only in A');
    await createFeedback(b, 'Only in B');
    const inA = await read<Item[]>(`/api/v1/${a.slug}/main/feedback`);
    const inB = await read<Item[]>(`/api/v1/${b.slug}/main/feedback`);
    expect([inA.cache, inB.cache]).toEqual(['MISS', 'MISS']);
    expect([titles(inA.body), titles(inB.body)]).toEqual([['Only in A'], ['Only in B']]);
    expect(titles((await read<Item[]>(`/api/v1/${b.slug}/main/feedback`)).body)).toEqual(['Only in B']);
  });

  it('sorts, pages and cursors each have their own entry', async () => {
    const ws = await createWorkspace();
    for (const title of ['one', 'two', 'three']) await createFeedback(ws, title);
    const base = `/api/v1/${ws.slug}/${ws.board}/feedback`;

    const byVotes = await read<Item[]>(`${base}?sort=vote_count`);
    const byNewest = await read<Item[]>(`${base}?sort=created_at`);
    expect([byVotes.cache, byNewest.cache]).toEqual(['MISS', 'MISS']);

    const page1 = await read<Item[]>(`${base}?sort=created_at&limit=2&page=1`);
    const page2 = await read<Item[]>(`${base}?sort=created_at&limit=2&page=2`);
    expect([page1.cache, page2.cache]).toEqual(['MISS', 'MISS']);
    expect(titles(page1.body)).toEqual(['three', 'two']);
    expect(titles(page2.body)).toEqual(['one']);

    const first = await read<Item[]>(`${base}?sort=created_at&limit=2`);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('Link') ?? '')![1]!;
    const second = await read<Item[]>(next);
    expect(second.cache).toBe('MISS');
    expect(titles(second.body)).toEqual(['one']);
    expect((await read<Item[]>(next)).cache).toBe('HIT');
    expect(titles((await read<Item[]>(`${base}?sort=created_at&limit=2`)).body)).toEqual(['three', 'two']);
  });

  it('the normalized query is the key: defaults filled, order irrelevant; numbers have one spelling', async () => {
    const ws = await createWorkspace();
    await createFeedback(ws);
    const base = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    expect((await read(base)).cache).toBe('MISS');
    expect((await read(`${base}?limit=20`)).cache).toBe('HIT');
    expect((await read(`${base}?limit=5&sort=created_at`)).cache).toBe('MISS');
    expect((await read(`${base}?sort=created_at&limit=5`)).cache).toBe('HIT');
    for (const spelling of ['05', '5.0', '5e0', '+5', '0x5']) {
      await expectProblem(await api(`${base}?sort=created_at&limit=${spelling}`), 400);
    }
  });

  it('unknown query parameters are rejected before the cache, so they cannot split it', async () => {
    const ws = await createWorkspace();
    await expectProblem(await api(`/api/v1/${ws.slug}/${ws.board}/feedback?utm_source=x`), 400);
  });
});

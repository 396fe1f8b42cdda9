import { describe, expect, it } from 'vitest';
import { createWorkspace, json, nextLink, userToken, type WorkspaceFixture } from '../support/api.ts';
import { direct as api } from '../support/direct.ts';

const SORTS = ['vote_count', 'created_at', 'updated_at', 'trending'] as const;

async function newItem(ws: WorkspaceFixture, title: string): Promise<number> {
  const res = await api(`/api/v1/${ws.slug}/${ws.board}/feedback`, { body: { title, externalUserId: 'walk-author' } });
  return (await json<{ id: number }>(res)).id;
}

async function vote(ws: WorkspaceFixture, id: number, user: string, weight = 1): Promise<Response> {
  const headers = { 'X-User-Token': await userToken(ws, user, { weight }) };
  return api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}/votes`, { body: { externalUserId: user }, headers });
}

describe('cursor walk under concurrent writes', () => {
  it.each(SORTS)('sort=%s: no item twice; every item that existed throughout and kept its key is returned', { timeout: 60_000 }, async (sort) => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const existing: number[] = [];
    for (let i = 0; i < 36; i++) existing.push(await newItem(ws, `Walked item ${i}`));
    // Ties on purpose: many items share a vote count, so pages end inside a tie.
    await Promise.all(existing.map((id, i) => (i % 3 === 0 ? vote(ws, id, 'seed-voter', 1 + (i % 2)) : Promise.resolve(undefined))));

    const touched = new Set<number>();
    let writes = 0;
    const writeBurst = async () => {
      writes += 1;
      const newVoter = existing[(writes * 7) % existing.length]!;
      const weightChange = existing[(writes * 11) % existing.length]!;
      touched.add(newVoter).add(weightChange);
      await Promise.all([
        newItem(ws, `Inserted during the walk ${writes}`),
        vote(ws, newVoter, `walker-${writes}`, 1 + (writes % 3)),
        vote(ws, weightChange, 'seed-voter', 3),
      ]);
    };

    const seen: number[] = [];
    let res = await api(`/api/v1/${ws.slug}/${ws.board}/feedback?sort=${sort}&limit=5`);
    for (;;) {
      expect(res.status).toBe(200);
      seen.push(...(await json<{ id: number }[]>(res)).map((item) => item.id));
      const link = nextLink(res);
      if (!link) break;
      [res] = await Promise.all([api(link), writeBurst()]);
    }

    expect(writes).toBeGreaterThan(3);
    expect(seen.length).toBe(new Set(seen).size);
    // created_at never changes and updated_at does not move on votes: every item that existed is walked.
    const mustAppear = sort === 'created_at' || sort === 'updated_at' ? existing : existing.filter((id) => !touched.has(id));
    expect(mustAppear.filter((id) => !seen.includes(id))).toEqual([]);
  });
});

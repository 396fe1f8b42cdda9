import { describe, expect, it } from 'vitest';
import { createFeedback, createWorkspace, userToken, type WorkspaceFixture } from '../support/api.ts';
import { direct as api } from '../support/direct.ts';
import { drift, recountItems } from '../support/recount.ts';

describe('concurrent votes', () => {
  it('200 users voting on the same items at once leave every counter equal to the recount', { timeout: 60_000 }, async () => {
    const ws = await createWorkspace({ exemptFromRateLimits: true });
    const items = [await createFeedback(ws, 'Hot one'), await createFeedback(ws, 'Hot two'), await createFeedback(ws, 'Hot three')];
    const url = (id: number) => `/api/v1/${ws.slug}/${ws.board}/feedback/${id}/votes`;
    const vote = async (id: number, user: string, weight: number) =>
      api(url(id), { body: { externalUserId: user }, headers: { 'X-User-Token': await userToken(ws, user, { weight }) } });
    // One wave per item: 200 requests in flight at once on the same row.
    for (const [i, item] of items.entries()) {
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, u) => vote(item.id, `crowd-${u}`, 1 + ((u + i) % 5))),
      );
      expect(responses.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    }

    // A second wave at once: weight changes, removals and repeats on the same rows.
    const wave = Array.from({ length: 200 }, (_, u) => {
      const id = items[u % 3]!.id;
      if (u % 4 === 0) return api(`${url(id)}?externalUserId=crowd-${u}`, { method: 'DELETE' });
      if (u % 4 === 1) return vote(id, `crowd-${u}`, 7);
      return vote(id, `crowd-${u}`, 1 + ((u + (u % 3)) % 5));
    });
    expect((await Promise.all(wave)).filter((r) => r.status >= 300).map((r) => r.status)).toEqual([]);

    const checks = await recountItems(items.map((i) => i.id));
    expect(drift(checks)).toEqual([]);
    expect(checks.reduce((sum, c) => sum + c.stored.voter_count, 0)).toBe(600 - 50);
  });
});

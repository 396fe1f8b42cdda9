import { describe, expect, it } from 'vitest';
import { addTrendTerm, trendTerm } from '../../src/queries/trend.ts';
import { recountItems, drift } from '../support/recount.ts';
import { api, castVote, createFeedback, createWorkspace } from '../support/api.ts';

describe('trend score', () => {
  it('log-sum-exp addition neither overflows nor loses a small term', () => {
    const now = trendTerm(Date.UTC(2026, 0, 1));
    expect(Math.exp(now)).toBe(Infinity); // why the score is kept in log space
    const two = addTrendTerm(now, now);
    expect(two - now).toBeCloseTo(Math.log(2), 12);
    // A vote a τ older weighs 1/e of a new one.
    expect(addTrendTerm(now, now - 1) - now).toBeCloseTo(Math.log(1 + Math.exp(-1)), 12);
  });

  it('follows votes, weight changes and removals exactly (triggers against a recount in JS)', async () => {
    const ws = await createWorkspace();
    const items = [await createFeedback(ws, 'Trend one'), await createFeedback(ws, 'Trend two')];
    const vote = (id: number, user: string, weight: number) =>
      castVote(ws, id, user, weight);
    const unvote = (id: number, user: string) =>
      api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}/votes?externalUserId=${user}`, { method: 'DELETE' });

    for (let u = 0; u < 12; u++) await vote(items[0]!.id, `u${u}`, 1 + (u % 4));
    await vote(items[1]!.id, 'solo', 3);
    await vote(items[0]!.id, 'u3', 9); // weight up
    await vote(items[0]!.id, 'u5', 1); // weight down
    await unvote(items[0]!.id, 'u7');
    await unvote(items[0]!.id, 'u11'); // the newest vote: removal by subtraction
    await unvote(items[1]!.id, 'solo'); // the dominant term: the trigger recomputes
    const checks = await recountItems(items.map((i) => i.id));
    expect(drift(checks)).toEqual([]);
    expect(checks[0]!.stored.voter_count).toBe(10);
    expect(checks[1]!.stored).toMatchObject({ vote_count: 0, voter_count: 0 });
  });
});

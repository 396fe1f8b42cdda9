import { describe, expect, it } from 'vitest';
import { appendPage, confirmVote, nextCursor, rollbackVote, threadComments, toggleVote, type Comment, type Feedback, type ListState } from './state.ts';

const item = (id: number, voteCount = 0): Feedback => ({
  id, board: 'main', title: `Item ${id}`, description: '', status: 'open', moderationState: 'approved', category: null, voteCount, voterCount: voteCount,
  commentCount: 0, authorName: null, mergedIntoId: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});
const comment = (id: number, parentId: number | null): Comment => ({
  id, feedbackId: 1, parentId, body: `c${id}`, authorName: null, isInternal: false, isAdmin: false, isHidden: false, isDeleted: false, editedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('nextCursor', () => {
  it('reads the cursor of rel="next" and nothing else', () => {
    expect(nextCursor('</api/v1/w/b/feedback?limit=20&cursor=abc.def%2B>; rel="next"')).toBe('abc.def+');
    expect(nextCursor('<https://x.test/a?cursor=z>; rel="prev"')).toBeUndefined();
    expect(nextCursor(null)).toBeUndefined();
  });
});

describe('votes', () => {
  const state: ListState = { items: [item(1, 3), item(2, 0)], voted: new Set([2]) };

  it('a vote shows at once; a removed vote too', () => {
    const { next, voting } = toggleVote(state, 1);
    expect(voting).toBe(true);
    expect(next.items[0]!.voteCount).toBe(4);
    expect(next.voted.has(1)).toBe(true);
    const removed = toggleVote(state, 2);
    expect(removed.voting).toBe(false);
    expect(removed.next.items[1]!.voteCount).toBe(0);
    expect(removed.next.voted.has(2)).toBe(false);
  });

  it('a failed toggle rolls back to the state before it, keeping other changes', () => {
    const { next } = toggleVote(state, 1);
    const meanwhile = appendPage(next, [item(3)], undefined);
    const rolled = rollbackVote(meanwhile, 1, true);
    expect(rolled.items[0]!.voteCount).toBe(3);
    expect(rolled.voted.has(1)).toBe(false);
    expect(rolled.items.map((i) => i.id)).toEqual([1, 2, 3]);
    expect(rollbackVote(toggleVote(state, 2).next, 2, false).voted.has(2)).toBe(true);
  });

  it('takes the server’s count after a vote', () => {
    expect(confirmVote(state, 1, 10).items[0]!.voteCount).toBe(10);
    expect(confirmVote(state, 1, undefined)).toBe(state);
  });
});

describe('appendPage', () => {
  it('adds a page without repeating items and keeps the new cursor', () => {
    const next = appendPage({ items: [item(1), item(2)], voted: new Set() }, [item(2), item(3)], 'c2');
    expect(next.items.map((i) => i.id)).toEqual([1, 2, 3]);
    expect(next.cursor).toBe('c2');
  });
});

describe('threadComments', () => {
  it('nests replies under their parent, oldest first; an orphan reply becomes a root', () => {
    const threads = threadComments([comment(1, null), comment(2, 1), comment(3, null), comment(4, 2), comment(5, 99)]);
    expect(threads.map((t) => t.comment.id)).toEqual([1, 3, 5]);
    expect(threads[0]!.replies[0]!.comment.id).toBe(2);
    expect(threads[0]!.replies[0]!.replies[0]!.comment.id).toBe(4);
  });
});

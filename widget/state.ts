/**
 * @module
 * The widget's logic without the DOM: the list and the user's votes, optimistic votes and their
 * rollback, the next page's cursor from a `Link` header, comments threaded by `parentId`.
 */
import type { components } from '../generated/api-types.ts';

export type Feedback = components['schemas']['Feedback'];
export type Comment = components['schemas']['Comment'];
export type Sort = 'trending' | 'vote_count' | 'created_at';

export interface ListState {
  items: Feedback[];
  /** Ids the user voted for. */
  voted: Set<number>;
  /** The next page's cursor, when there is one. */
  cursor?: string;
}

/** The `cursor` of the `rel="next"` link, if any. */
export function nextCursor(link: string | null): string | undefined {
  const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link ?? '')?.[1];
  if (next === undefined) return undefined;
  return new URL(next, 'http://base.invalid').searchParams.get('cursor') ?? undefined;
}

/** Appends a page, skipping items already shown (an item can move between pages while paging). */
export function appendPage(state: ListState, page: Feedback[], cursor: string | undefined): ListState {
  const shown = new Set(state.items.map((i) => i.id));
  return { ...state, items: [...state.items, ...page.filter((i) => !shown.has(i.id))], cursor };
}

/** The state as it will be if the toggle succeeds: shown at once, kept or rolled back. */
export function toggleVote(state: ListState, id: number): { next: ListState; voting: boolean } {
  const voting = !state.voted.has(id);
  const voted = new Set(state.voted);
  if (voting) voted.add(id);
  else voted.delete(id);
  const items = state.items.map((item) =>
    item.id === id ? { ...item, voteCount: Math.max(0, item.voteCount + (voting ? 1 : -1)) } : item,
  );
  return { next: { ...state, items, voted }, voting };
}

/** Takes the server's count after a vote or an unvote (other users may have voted meanwhile). */
export function confirmVote(state: ListState, id: number, voteCount: number | undefined): ListState {
  if (voteCount === undefined) return state;
  return { ...state, items: state.items.map((item) => (item.id === id ? { ...item, voteCount } : item)) };
}

/** Undoes an optimistic toggle of `id` that failed, whatever else changed meanwhile. */
export function rollbackVote(state: ListState, id: number, wasVoting: boolean): ListState {
  const voted = new Set(state.voted);
  if (wasVoting) voted.delete(id);
  else voted.add(id);
  const items = state.items.map((item) =>
    item.id === id ? { ...item, voteCount: Math.max(0, item.voteCount + (wasVoting ? -1 : 1)) } : item,
  );
  return { ...state, items, voted };
}

export interface Thread {
  comment: Comment;
  replies: Thread[];
}

/** Comments (oldest first) as a tree; a reply whose parent is not shown becomes a root. */
export function threadComments(comments: Comment[]): Thread[] {
  const nodes = new Map(comments.map((comment) => [comment.id, { comment, replies: [] as Thread[] }]));
  const roots: Thread[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parentId === null ? undefined : nodes.get(node.comment.parentId);
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}

/**
 * @module
 * Full-text search over feedback_search (FTS5, migrations/0008): ranked by bm25 with the title
 * weighing ten times the description, ties broken by the trend score, then the newest id. A
 * search's words are its scope's terms (a board's visible items, or a workspace), so the index
 * itself narrows to the scope; matches are joined to their items by id, and ranking needs one sort
 * of the matches (no index can hold an order that depends on the query).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Database, FeedbackStatus, ModerationState } from '../db/schema.ts';
import type { SearchScope } from '../lib/search-expression.ts';
import { feedbackColumns, isVisible } from './feedback-read.ts';

/**
 * How many matches a search ranks, at most: the newest ones of its scope. Ranking costs per match
 * (bm25), so a word held by a large part of a board would otherwise cost as much as the board is
 * large; within the newest 1000 it stays bounded.
 */
export const MAX_RANKED_MATCHES = 1000;

/** Keyset position in ranked order: strictly after (relevance asc, trend desc, id desc). */
export interface RankedPosition {
  relevance: number;
  trend: number;
  id: number;
}

/** The scope of a board's visible items, and of all a workspace's items (search_scope, migrations/0005). */
export const visibleOnBoard = (boardId: number): SearchScope => `v${boardId}`;
export const ofWorkspace = (workspaceId: number): SearchScope => `w${workspaceId}`;

type RankedScope = ExpressionBuilder<Database & { f: Database['feedback_items']; m: { relevance: number } }, 'f' | 'm'>;

function afterPosition(eb: RankedScope, after: RankedPosition) {
  return eb.or([
    eb('m.relevance', '>', after.relevance),
    eb.and([
      eb('m.relevance', '=', after.relevance),
      eb.or([
        eb('f.trend_score', '<', after.trend),
        eb.and([eb('f.trend_score', '=', after.trend), eb('f.id', '<', after.id)]),
      ]),
    ]),
  ]);
}

interface RankedSearch {
  /** The FTS5 expression in the search's scope (matchExpression). */
  match: string;
  /** Rows to read: a page and one more, to know whether there is a next page. */
  rows: number;
  after?: RankedPosition;
  /**
   * Whether every match of the scope passes the caller's filters (those only repeat the scope):
   * then only the matches that can reach the page are joined to their items (see rankedMatches).
   */
  unfiltered: boolean;
}

/**
 * The newest matches of the scope with their bm25 (title ten times the description), each joined
 * to its item by id, with every column a public or admin item needs, best first.
 *
 * Unfiltered, the join is cut to the matches no worse than the page's last relevance: the
 * `rows`-th best relevance among the matches after the cursor's (ties at it all kept, since the
 * trend score that orders them is on the item). A page of 20 then joins a few dozen items instead
 * of up to 1000. Filtered (status, category, board, moderation state), a match may fail a filter
 * that only its item shows, so every match is joined.
 */
function rankedMatches(db: Db, search: RankedSearch) {
  const { match, rows, after } = search;
  let query = db
    .with('m', (qb) =>
      qb
        .selectFrom('feedback_search')
        .select(['feedback_search.rowid as id', sql<number>`bm25(feedback_search, 10.0, 1.0)`.as('relevance')])
        .where(sql<boolean>`feedback_search MATCH ${match}`)
        .orderBy('feedback_search.rowid', 'desc')
        .limit(MAX_RANKED_MATCHES),
    )
    .selectFrom('m')
    // CROSS JOIN keeps the matches as the outer loop: each item is one lookup by id.
    .crossJoin('feedback_items as f')
    .innerJoin('boards as b', 'b.id', 'f.board_id')
    .leftJoin('end_users as u', 'u.id', 'f.user_id')
    .select([...feedbackColumns, 'u.name as author_name', 'f.is_hidden', 'f.theme_id', 'f.trend_score', 'm.relevance'])
    .whereRef('f.id', '=', 'm.id');
  if (search.unfiltered) {
    query = query.where('m.relevance', '<=', (eb) => {
      // The page's last relevance (null when fewer matches than rows: then every match is kept).
      let pageEnd = eb.selectFrom('m as c').select('c.relevance').orderBy('c.relevance').limit(1).offset(rows - 1);
      if (after) pageEnd = pageEnd.where('c.relevance', '>', after.relevance);
      return eb.fn.coalesce(pageEnd, eb.ref('m.relevance'));
    });
  }
  if (after) query = query.where((eb) => afterPosition(eb as unknown as RankedScope, after));
  return query.orderBy('m.relevance').orderBy('f.trend_score', 'desc').orderBy('f.id', 'desc').limit(rows);
}

export type RankedRow = NonNullable<Awaited<ReturnType<ReturnType<typeof rankedMatches>['executeTakeFirst']>>>;

export interface PublicSearch {
  boardId: number;
  /** The FTS5 expression in the board's visible scope (matchExpression with visibleOnBoard). */
  match: string;
  /** Rows to read: a page and one more, to know whether there is a next page. */
  rows: number;
  status?: FeedbackStatus;
  category?: string;
  after?: RankedPosition;
}

/** What the public may see of one board that matches. */
export function searchVisibleFeedbackQuery(db: Db, search: PublicSearch) {
  const unfiltered = search.status === undefined && search.category === undefined;
  let query = rankedMatches(db, { match: search.match, rows: search.rows, after: search.after, unfiltered })
    // Already what the index's scope terms say; stated again so no index lag could ever leak an item.
    .where('f.board_id', '=', search.boardId)
    .where(isVisible)
    .where('f.merged_into_id', 'is', null);
  if (search.status) query = query.where('f.status', '=', search.status);
  if (search.category) query = query.where('f.category', '=', search.category);
  return query;
}

export interface AdminSearch {
  workspaceId: number;
  /** The FTS5 expression in the workspace's scope (matchExpression with ofWorkspace). */
  match: string;
  /** Rows to read: a page and one more, to know whether there is a next page. */
  rows: number;
  boardId?: number;
  moderationState?: ModerationState;
  after?: RankedPosition;
}

/** Every item of the workspace that matches, in any state. */
export function searchAdminFeedbackQuery(db: Db, search: AdminSearch) {
  const unfiltered = search.boardId === undefined && search.moderationState === undefined;
  let query = rankedMatches(db, { match: search.match, rows: search.rows, after: search.after, unfiltered }).where(
    'f.workspace_id',
    '=',
    search.workspaceId,
  );
  if (search.boardId !== undefined) query = query.where('f.board_id', '=', search.boardId);
  if (search.moderationState) query = query.where('f.moderation_state', '=', search.moderationState);
  return query;
}

/**
 * Indexed terms in a range, in order, with the number of items holding each: the terms a last word
 * starts, or candidates for its near spellings (fts5vocab serves the term range directly).
 */
export function termsInRangeQuery(db: Db, range: { from: string; to: string }, limit: number) {
  return db
    .selectFrom('feedback_search_terms')
    .select(['term', 'doc'])
    .where('term', '>=', range.from)
    .where('term', '<', range.to)
    .limit(limit);
}

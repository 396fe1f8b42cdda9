/**
 * @module
 * Full-text search over feedback_search (FTS5, migrations/0005): ranked by bm25 with the title
 * weighing ten times the description, ties broken by the trend score, then the newest id. The
 * search reads the index first, narrowed to its scope (a board's visible items, or a workspace),
 * and joins each match to its item by id; ranking needs one sort of the matches (no index can hold
 * an order that depends on the query).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Database, FeedbackStatus, ModerationState } from '../db/schema.ts';
import { feedbackColumns, isVisible } from './feedback-read.ts';

/**
 * How many matches a search ranks, at most: the newest ones of its scope. Ranking costs per match
 * (bm25, then the item's trend score), so a word held by a large part of a board would otherwise
 * cost as much as the board is large; within the newest 1000 it stays bounded.
 */
export const MAX_RANKED_MATCHES = 1000;

/** Keyset position in ranked order: strictly after (relevance asc, trend desc, id desc). */
export interface RankedPosition {
  relevance: number;
  trend: number;
  id: number;
}

/** The index term of a board's visible items, and of all a workspace's items (migrations/0005). */
const visibleOnBoard = (boardId: number) => `v${boardId}`;
const ofWorkspace = (workspaceId: number) => `w${workspaceId}`;

/** The words' expression, on the text columns only, within a scope term of search_scope. */
function scopedMatch(scope: string, words: string): string {
  return `search_scope:${scope} AND {title description}:(${words})`;
}

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

/**
 * The newest matches of the scope with their bm25 (title ten times the description; the scope
 * column weighs nothing), each joined to its item by id, with every column a public or admin
 * item needs, best first.
 */
function rankedMatches(db: Db, match: string, rows: number, after?: RankedPosition) {
  const matches = db
    .selectFrom('feedback_search')
    .select(['feedback_search.rowid as id', sql<number>`bm25(feedback_search, 10.0, 1.0, 0.0)`.as('relevance')])
    .where(sql<boolean>`feedback_search MATCH ${match}`)
    .orderBy('feedback_search.rowid', 'desc')
    .limit(MAX_RANKED_MATCHES);
  let query = db
    .selectFrom(matches.as('m'))
    // CROSS JOIN keeps the matches as the outer loop: each item is one lookup by id.
    .crossJoin('feedback_items as f')
    .innerJoin('boards as b', 'b.id', 'f.board_id')
    .leftJoin('end_users as u', 'u.id', 'f.user_id')
    .select([...feedbackColumns, 'u.name as author_name', 'f.is_hidden', 'f.theme_id', 'f.trend_score', 'm.relevance'])
    .whereRef('f.id', '=', 'm.id');
  if (after) query = query.where((eb) => afterPosition(eb as unknown as RankedScope, after));
  return query.orderBy('m.relevance').orderBy('f.trend_score', 'desc').orderBy('f.id', 'desc').limit(rows);
}

export type RankedRow = NonNullable<Awaited<ReturnType<ReturnType<typeof rankedMatches>['executeTakeFirst']>>>;

export interface PublicSearch {
  boardId: number;
  /** The words' FTS5 expression (see matchExpression); the scope is added here. */
  match: string;
  /** Rows to read: a page and one more, to know whether there is a next page. */
  rows: number;
  status?: FeedbackStatus;
  category?: string;
  after?: RankedPosition;
}

/** What the public may see of one board that matches. */
export function searchVisibleFeedbackQuery(db: Db, search: PublicSearch) {
  let query = rankedMatches(db, scopedMatch(visibleOnBoard(search.boardId), search.match), search.rows, search.after)
    // Already what the index's scope term says; stated again so no index lag could ever leak an item.
    .where('f.board_id', '=', search.boardId)
    .where(isVisible)
    .where('f.merged_into_id', 'is', null);
  if (search.status) query = query.where('f.status', '=', search.status);
  if (search.category) query = query.where('f.category', '=', search.category);
  return query;
}

export interface AdminSearch {
  workspaceId: number;
  /** The words' FTS5 expression (see matchExpression); the scope is added here. */
  match: string;
  /** Rows to read: a page and one more, to know whether there is a next page. */
  rows: number;
  boardId?: number;
  moderationState?: ModerationState;
  after?: RankedPosition;
}

/** Every item of the workspace that matches, in any state. */
export function searchAdminFeedbackQuery(db: Db, search: AdminSearch) {
  let query = rankedMatches(db, scopedMatch(ofWorkspace(search.workspaceId), search.match), search.rows, search.after).where(
    'f.workspace_id',
    '=',
    search.workspaceId,
  );
  if (search.boardId !== undefined) query = query.where('f.board_id', '=', search.boardId);
  if (search.moderationState) query = query.where('f.moderation_state', '=', search.moderationState);
  return query;
}

/** Whether any indexed term starts with the prefix (fts5vocab serves the term range directly). */
export function termWithPrefixQuery(db: Db, range: { from: string; to: string }) {
  return db.selectFrom('feedback_search_terms').select('term').where('term', '>=', range.from).where('term', '<', range.to).limit(1);
}

/** Indexed terms in a range with the number of items holding each: candidates for near spellings. */
export function termsInRangeQuery(db: Db, range: { from: string; to: string }, limit: number) {
  return db
    .selectFrom('feedback_search_terms')
    .select(['term', 'doc'])
    .where('term', '>=', range.from)
    .where('term', '<', range.to)
    .limit(limit);
}

/**
 * @module
 * Full-text search over feedback_search (FTS5, migrations/0005): ranked by bm25 with the title
 * weighing ten times the description, ties broken by the trend score, then the newest id. The
 * search reads the index first and joins each match to its item by id; ranking every match needs
 * one sort of the matches (no index can hold an order that depends on the query).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Database, FeedbackStatus, ModerationState } from '../db/schema.ts';
import { feedbackColumns, isVisible } from './feedback-read.ts';

/** bm25 with per-column weights (title, description): lower is more relevant. */
const relevance = sql<number>`bm25(feedback_search, 10.0, 1.0)`;

/** Keyset position in ranked order: strictly after (relevance asc, trend desc, id desc). */
export interface RankedPosition {
  relevance: number;
  trend: number;
  id: number;
}

type SearchScope = ExpressionBuilder<Database & { f: Database['feedback_items'] }, 'f' | 'feedback_search'>;

function afterPosition(eb: SearchScope, after: RankedPosition) {
  return eb.or([
    eb(relevance, '>', after.relevance),
    eb.and([
      eb(relevance, '=', after.relevance),
      eb.or([
        eb('f.trend_score', '<', after.trend),
        eb.and([eb('f.trend_score', '=', after.trend), eb('f.id', '<', after.id)]),
      ]),
    ]),
  ]);
}

/** Matches with every column a public or admin item needs, best first. */
function rankedMatches(db: Db, match: string, rows: number, after?: RankedPosition) {
  let query = db
    .selectFrom('feedback_search')
    // CROSS JOIN keeps the index as the outer loop: the matches drive, each item is a rowid lookup.
    .crossJoin('feedback_items as f')
    .innerJoin('boards as b', 'b.id', 'f.board_id')
    .leftJoin('end_users as u', 'u.id', 'f.user_id')
    .select([...feedbackColumns, 'u.name as author_name', 'f.is_hidden', 'f.theme_id', 'f.trend_score', relevance.as('relevance')])
    .whereRef('f.id', '=', 'feedback_search.rowid')
    .where(sql<boolean>`feedback_search MATCH ${match}`);
  if (after) query = query.where((eb) => afterPosition(eb as SearchScope, after));
  return query.orderBy('relevance').orderBy('f.trend_score', 'desc').orderBy('f.id', 'desc').limit(rows);
}

export type RankedRow = NonNullable<Awaited<ReturnType<ReturnType<typeof rankedMatches>['executeTakeFirst']>>>;

export interface PublicSearch {
  boardId: number;
  match: string;
  /** Rows to read: a page and one more, to know whether there is a next page. */
  rows: number;
  status?: FeedbackStatus;
  category?: string;
  after?: RankedPosition;
}

/** What the public may see of one board that matches. */
export function searchVisibleFeedbackQuery(db: Db, search: PublicSearch) {
  let query = rankedMatches(db, search.match, search.rows, search.after)
    .where('f.board_id', '=', search.boardId)
    .where(isVisible)
    .where('f.merged_into_id', 'is', null);
  if (search.status) query = query.where('f.status', '=', search.status);
  if (search.category) query = query.where('f.category', '=', search.category);
  return query;
}

export interface AdminSearch {
  workspaceId: number;
  match: string;
  /** Rows to read: a page and one more, to know whether there is a next page. */
  rows: number;
  boardId?: number;
  moderationState?: ModerationState;
  after?: RankedPosition;
}

/** Every item of the workspace that matches, in any state. */
export function searchAdminFeedbackQuery(db: Db, search: AdminSearch) {
  let query = rankedMatches(db, search.match, search.rows, search.after).where('f.workspace_id', '=', search.workspaceId);
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

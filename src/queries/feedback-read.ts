/**
 * @module
 * Reading feedback: one item, and a board's visible items one page at a time. Counters live on the
 * row, so no read aggregates votes or comments; authors come in the same statement (no N+1).
 */
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Database, FeedbackStatus } from '../db/schema.ts';

export type FeedbackSort = 'vote_count' | 'created_at' | 'updated_at' | 'trending';

/** The column behind each sort: a fixed map, so request input never reaches the SQL text. */
export const sortColumns = {
  vote_count: 'f.vote_count',
  created_at: 'f.created_at',
  updated_at: 'f.updated_at',
  trending: 'f.trend_score',
} as const satisfies Record<FeedbackSort, string>;

export const feedbackColumns = [
  'f.id',
  'b.slug as board',
  'f.title',
  'f.description',
  'f.status',
  'f.category',
  'f.vote_count',
  'f.voter_count',
  'f.comment_count',
  'f.merged_into_id',
  'f.created_at',
  'f.updated_at',
] as const;

export function selectFeedback(db: Db) {
  return db
    .selectFrom('feedback_items as f')
    .innerJoin('boards as b', 'b.id', 'f.board_id')
    .leftJoin('end_users as u', 'u.id', 'f.user_id')
    .select([...feedbackColumns, 'u.name as author_name']);
}

export type FeedbackRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectFeedback>['executeTakeFirst']>>>;

/** Approved and not hidden: what the public may see. */
export function isVisible(eb: ExpressionBuilder<Database & { f: Database['feedback_items'] }, 'f'>) {
  return eb.and([eb('f.is_hidden', '=', 0), eb('f.moderation_state', '=', 'approved')]);
}

export function visibleFeedbackQuery(db: Db, boardId: number, id: number) {
  return selectFeedback(db).where('f.id', '=', id).where('f.board_id', '=', boardId).where(isVisible);
}

export interface ListOptions {
  boardId: number;
  sort: FeedbackSort;
  limit: number;
  status?: FeedbackStatus;
  category?: string;
  /** Keyset position: items strictly after it in (sort key desc, id desc) order. */
  after?: { key: number; id: number };
  offset?: number;
}

/** One page plus one row, so the caller knows whether a next page exists. */
export function listVisibleFeedbackQuery(db: Db, options: ListOptions) {
  const column = sortColumns[options.sort];
  let query = selectFeedback(db)
    .select(`${column} as sort_key`)
    .where('f.board_id', '=', options.boardId)
    .where(isVisible)
    .where('f.merged_into_id', 'is', null);
  if (options.status) query = query.where('f.status', '=', options.status);
  if (options.category) query = query.where('f.category', '=', options.category);
  if (options.after) {
    const { key, id } = options.after;
    query = query.where((eb) => eb(eb.refTuple(column, 'f.id'), '<', eb.tuple(key, id)));
  }
  query = query.orderBy(column, 'desc').orderBy('f.id', 'desc').limit(options.limit + 1);
  if (options.offset) query = query.offset(options.offset);
  return query;
}

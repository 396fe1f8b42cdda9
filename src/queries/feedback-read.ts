/**
 * @module
 * Reading feedback: one item, and a board's visible items one page at a time. Counters live on the
 * row, so no read aggregates votes or comments; authors come in the same statement (no N+1).
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/client.ts';
import { compiledShapes } from '../db/compiled-shapes.ts';
import { queryBuilder } from '../db/query-builder.ts';
import type { Database, FeedbackStatus } from '../db/schema.ts';
import { identityPolicyColumns } from './workspaces.ts';

export type FeedbackSort = 'vote_count' | 'created_at' | 'updated_at' | 'trending';

/** The column behind each sort: a fixed map, so request input never reaches the SQL text. */
export const sortColumns = {
  vote_count: 'f.vote_count',
  created_at: 'f.created_at',
  updated_at: 'f.updated_at',
  trending: 'f.trend_score',
} as const satisfies Record<FeedbackSort, string>;

export const feedbackColumns = [
  // Aliased: a compound SELECT's ORDER BY (the cursor page) names result columns by alias only.
  'f.id as id',
  'b.slug as board',
  'f.title',
  'f.description',
  'f.status',
  'f.moderation_state',
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

/**
 * Approved and not hidden: what the public may see. Literals, not bound parameters: only a
 * literal predicate lets SQLite prove the list indexes' `WHERE is_hidden = 0 AND moderation_state =
 * 'approved'` (migrations/0002) and use them.
 */
export function isVisible(eb: ExpressionBuilder<Database & { f: Database['feedback_items'] }, 'f'>) {
  return eb.and([eb('f.is_hidden', '=', eb.lit(0)), eb('f.moderation_state', '=', sql<'approved'>`'approved'`)]);
}

/** The id of the workspace a slug names, as a scalar subquery (evaluated once; NULL matches nothing). */
function workspaceIdOfSlug(db: Db, slug: string) {
  return db.selectFrom('workspaces').select('id').where('slug', '=', slug).$asScalar();
}

/** One visible item of a board named by slugs: one statement, nothing when any part is missing. */
export function visibleFeedbackQuery(db: Db, workspaceSlug: string, boardSlug: string, id: number) {
  return selectFeedback(db)
    .innerJoin('workspaces as w', 'w.id', 'b.workspace_id')
    .where('f.id', '=', id)
    .where('w.slug', '=', workspaceSlug)
    .where('b.slug', '=', boardSlug)
    .where(isVisible);
}

/** A pending, not hidden item of a board, with what proves its author: the secret and their external id. */
export function pendingFeedbackQuery(db: Db, workspaceSlug: string, boardSlug: string, id: number) {
  return selectFeedback(db)
    .innerJoin('workspaces as w', 'w.id', 'b.workspace_id')
    .select([
      ...identityPolicyColumns,
      'u.external_id as author_external_id',
    ])
    .where('f.id', '=', id)
    .where('w.slug', '=', workspaceSlug)
    .where('b.slug', '=', boardSlug)
    .where('f.moderation_state', '=', 'pending')
    .where('f.is_hidden', '=', 0);
}

export interface ListOptions {
  /** The board by its path: its id is looked up inside the query, so a page is one round trip. */
  board: { workspace: string; board: string };
  sort: FeedbackSort;
  /** Rows to read: the page size plus one, so the caller knows whether a next page exists. */
  rows: number;
  status?: FeedbackStatus;
  category?: string;
  /** Keyset position: items strictly after it in (sort key desc, id desc) order. */
  after?: { key: number; id: number };
  offset?: number;
}

/**
 * One page plus one row (`rows`), so the caller knows whether a next page exists. Every combination of sort
 * and filter walks one partial index of migrations/0002 in order, so a deep page costs what the
 * first does; `offset` still walks the rows it skips (compatibility only).
 *
 * After a cursor (k, i) the page is two seeks merged in order: the rest of the tie `key = k AND
 * id < i`, then `key < k`. SQLite seeks a row value `(key, id) < (k, i)` on its first column only,
 * so with the many ties a vote count has (thousands of items at 0 or 1) a deep page would walk the
 * whole tie; the two arms each start exactly at the cursor.
 */
export function listVisibleFeedbackQuery(db: Db, options: ListOptions) {
  const column = sortColumns[options.sort];
  const visibleOnBoard = () => {
    let query = selectFeedback(db)
      .select(`${column} as sort_key`)
      .where('b.slug', '=', options.board.board)
      .where('b.workspace_id', '=', workspaceIdOfSlug(db, options.board.workspace))
      .where(isVisible)
      .where('f.merged_into_id', 'is', null);
    if (options.status) query = query.where('f.status', '=', options.status);
    if (options.category) query = query.where('f.category', '=', options.category);
    return query;
  };
  if (options.after) {
    const { key, id } = options.after;
    return visibleOnBoard()
      .where(column, '=', key)
      .where('f.id', '<', id)
      .unionAll(visibleOnBoard().where(column, '<', key))
      .orderBy('sort_key', 'desc')
      .orderBy('id', 'desc')
      .limit(options.rows);
  }
  const query = visibleOnBoard().orderBy(column, 'desc').orderBy('f.id', 'desc').limit(options.rows);
  return options.offset === undefined ? query : query.offset(options.offset);
}

/** listVisibleFeedbackQuery compiled once per shape (compiled-shapes.ts); the sort picks the SQL. */
export const compiledListPage = compiledShapes('listPage', (options: ListOptions) => [listVisibleFeedbackQuery(queryBuilder, options)], ['sort']);

/**
 * @module
 * The dashboard's feedback-activity panel: items, votes and comments per UTC day since a time, and
 * a workspace's visible items by trend score. Items are a range of idx_feedback_workspace_admin;
 * votes and comments are a range per item of the workspace (idx_votes_item_created,
 * idx_comments_thread); the top items walk idx_feedback_workspace_trending (all checked by the
 * plan check).
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.ts';

// The day is computed in SQL from a literal: D1 binds JS numbers as REAL, and a REAL divisor
// would turn the integer division into a fractional one.
export function itemsPerDayQuery(db: Db, workspaceId: number, since: number) {
  const day = sql<number>`f.created_at / 86400000`;
  return db
    .selectFrom('feedback_items as f')
    .select((eb) => [day.as('day'), eb.fn.countAll<number>().as('count')])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.created_at', '>=', since)
    .groupBy(day);
}

/**
 * Votes or comments per day: both tables have the columns read here (feedback_id, created_at), so
 * one query serves both; the table name is one of two constants, never input.
 */
function childrenPerDayQuery(db: Db, table: 'feedback_votes' | 'feedback_comments', workspaceId: number, since: number) {
  const day = sql<number>`x.created_at / 86400000`;
  return db
    .selectFrom(`${table} as x` as 'feedback_votes as x')
    .innerJoin('feedback_items as f', 'f.id', 'x.feedback_id')
    .select((eb) => [day.as('day'), eb.fn.countAll<number>().as('count')])
    .where('x.created_at', '>=', since)
    .where('f.workspace_id', '=', workspaceId)
    .groupBy(day);
}

export const votesPerDayQuery = (db: Db, workspaceId: number, since: number) => childrenPerDayQuery(db, 'feedback_votes', workspaceId, since);
export const commentsPerDayQuery = (db: Db, workspaceId: number, since: number) => childrenPerDayQuery(db, 'feedback_comments', workspaceId, since);

export function trendingItemsQuery(db: Db, workspaceId: number, limit: number) {
  return db
    .selectFrom('feedback_items as f')
    .innerJoin('boards as b', 'b.id', 'f.board_id')
    .select(['f.id', 'b.slug as board', 'f.title', 'f.status', 'f.vote_count', 'f.comment_count', 'f.trend_score'])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.is_hidden', '=', 0)
    .where('f.moderation_state', '=', 'approved')
    .where('f.merged_into_id', 'is', null)
    .orderBy('f.trend_score', 'desc')
    .orderBy('f.id', 'desc')
    .limit(limit);
}

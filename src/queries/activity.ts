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

export function votesPerDayQuery(db: Db, workspaceId: number, since: number) {
  const day = sql<number>`v.created_at / 86400000`;
  return db
    .selectFrom('feedback_votes as v')
    .innerJoin('feedback_items as f', 'f.id', 'v.feedback_id')
    .select((eb) => [day.as('day'), eb.fn.countAll<number>().as('count')])
    .where('v.created_at', '>=', since)
    .where('f.workspace_id', '=', workspaceId)
    .groupBy(day);
}

export function commentsPerDayQuery(db: Db, workspaceId: number, since: number) {
  const day = sql<number>`c.created_at / 86400000`;
  return db
    .selectFrom('feedback_comments as c')
    .innerJoin('feedback_items as f', 'f.id', 'c.feedback_id')
    .select((eb) => [day.as('day'), eb.fn.countAll<number>().as('count')])
    .where('c.created_at', '>=', since)
    .where('f.workspace_id', '=', workspaceId)
    .groupBy(day);
}

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

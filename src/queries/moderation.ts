/**
 * @module
 * Moderation: every item of a workspace (hidden, pending, rejected and merged ones included),
 * newest first, and the admin's edits and deletions.
 */
import type { Db } from '../db/client.ts';
import type { FeedbackStatus, ModerationState } from '../db/schema.ts';
import { selectFeedback } from './feedback-read.ts';

export function selectAdminFeedback(db: Db) {
  return selectFeedback(db).select(['f.is_hidden', 'f.theme_id', 'f.trend_score']);
}

export type AdminFeedbackRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectAdminFeedback>['executeTakeFirst']>>>;

/**
 * One item of the workspace in any state, with its moderation history, when it was merged (if it
 * is) and how many internal comments it has.
 */
export function adminFeedbackDetailQuery(db: Db, workspaceId: number, id: number) {
  return selectAdminFeedback(db)
    .select((eb) => [
      'f.approved_at',
      'f.rejected_at',
      'f.hidden_at',
      eb
        .selectFrom('duplicate_groups as g')
        .select('g.created_at')
        .whereRef('g.duplicate_id', '=', 'f.id')
        .where('g.is_active', '=', 1)
        .as('merged_at'),
      eb
        .selectFrom('feedback_comments as c')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('c.feedback_id', '=', 'f.id')
        .where('c.is_internal', '=', 1)
        .as('internal_comment_count'),
    ])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.id', '=', id);
}

/** The items merged into a parent, with their groups, in merge order. */
export function mergedDuplicatesQuery(db: Db, workspaceId: number, parentId: number) {
  return db
    .selectFrom('duplicate_groups as g')
    .innerJoin('feedback_items as d', 'd.id', 'g.duplicate_id')
    .innerJoin('boards as b', 'b.id', 'd.board_id')
    .select(['g.id as group_id', 'd.id', 'b.slug as board', 'd.title', 'd.vote_count', 'g.created_at as merged_at'])
    // The workspace is checked on the duplicate (found by id), so the groups come from the parent's index.
    .where('d.workspace_id', '=', workspaceId)
    .where('g.parent_id', '=', parentId)
    .where('g.is_active', '=', 1)
    // Ids grow with time: merge order without a sort.
    .orderBy('g.id');
}

export interface AdminListOptions {
  workspaceId: number;
  boardId?: number;
  moderationState?: ModerationState;
  limit: number;
  /** Keyset position: items strictly after it in (created_at desc, id desc) order. */
  after?: { key: number; id: number };
}

/** One page plus one row, so the caller knows whether a next page exists (idx_feedback_workspace_admin). */
export function listAdminFeedbackQuery(db: Db, options: AdminListOptions) {
  let query = selectAdminFeedback(db).where('f.workspace_id', '=', options.workspaceId);
  if (options.boardId !== undefined) query = query.where('f.board_id', '=', options.boardId);
  if (options.moderationState) query = query.where('f.moderation_state', '=', options.moderationState);
  if (options.after) {
    const { key, id } = options.after;
    query = query.where((eb) => eb(eb.refTuple('f.created_at', 'f.id'), '<', eb.tuple(key, id)));
  }
  return query.orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').limit(options.limit + 1);
}

export function themeOfWorkspace(db: Db, workspaceId: number, themeId: number) {
  return db.selectFrom('themes').select('id').where('workspace_id', '=', workspaceId).where('id', '=', themeId).executeTakeFirst();
}

export interface FeedbackChanges {
  title?: string;
  description?: string;
  status?: FeedbackStatus;
  category?: string | null;
  moderation_state?: ModerationState;
  is_hidden?: 0 | 1;
  theme_id?: number | null;
}

/** The update and the updated row, for one batch; the row is missing when the item is. */
export function updateFeedbackStatements(db: Db, workspaceId: number, id: number, changes: FeedbackChanges, at: number) {
  return [
    db.updateTable('feedback_items').set({ ...changes, updated_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id),
    selectAdminFeedback(db).where('f.workspace_id', '=', workspaceId).where('f.id', '=', id),
  ] as const;
}

/**
 * Deletes an item that no duplicate is merged into (the guard is part of each statement, so a
 * concurrent merge cannot slip between check and delete). Votes copied from the item into the
 * parent it was merged into stay there as the voters' own: with the item gone the merge cannot be
 * undone, and the parent's counts do not change. Votes, comments and duplicate groups cascade;
 * roadmap items keep their place without the link. The last statement returns the deleted id.
 */
export function deleteFeedbackStatements(db: Db, workspaceId: number, id: number) {
  const mergedDuplicates = db.selectFrom('feedback_items').select('id').where('merged_into_id', '=', id);
  return [
    db
      .updateTable('feedback_votes')
      .set({ source_feedback_id: null })
      .where('source_feedback_id', '=', id)
      .where((eb) => eb.not(eb.exists(mergedDuplicates))),
    db
      .deleteFrom('feedback_items')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where((eb) => eb.not(eb.exists(mergedDuplicates)))
      .returning('id'),
  ] as const;
}

/**
 * @module
 * Comments of an item, threaded by parent_id; internal ones only for the workspace. Moderation:
 * edits, soft deletion (the row keeps its place in the thread), hiding, and the workspace's list.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/client.ts';
import { compiledShapes } from '../db/compiled-shapes.ts';
import { queryBuilder } from '../db/query-builder.ts';
import { endUserColumn, endUserId, upsertEndUser } from './end-users.ts';
import { findBoardItemQuery, identityPolicyColumns } from './workspaces.ts';
import { itemOfPath, workspaceIdOf, type ItemPath } from './write-path.ts';

const commentFields = [
  'id',
  'feedback_id',
  'parent_id',
  'body',
  'author_name',
  'is_internal',
  'is_admin',
  'is_hidden',
  'deleted_at',
  'edited_at',
  'created_at',
] as const;
/** The same, qualified, for statements that join other tables with columns of these names. */
const commentColumns = commentFields.map((field) => `c.${field}` as const);

export function listCommentsQuery(db: Db, feedbackId: number, includeInternal: boolean) {
  let query = db.selectFrom('feedback_comments as c').select(commentColumns).where('c.feedback_id', '=', feedbackId);
  if (!includeInternal) query = query.where('c.is_internal', '=', 0);
  return query.orderBy('c.created_at').orderBy('c.id');
}

export type CommentRow = NonNullable<Awaited<ReturnType<ReturnType<typeof listCommentsQuery>['executeTakeFirst']>>>;

export interface NewComment {
  /** The item commented on, as the request names it: looked up by the comment's own statements. */
  path: ItemPath;
  parentId: number | null;
  body: string;
  isInternal: boolean;
  at: number;
  /** Absent for comments written with a workspace key. */
  author?: { externalUserId: string; name?: string; verified: boolean };
  /** The name shown for a comment written with a workspace key. */
  authorName: string | null;
}

/**
 * A reply's parent is a comment of the same item; only a workspace key (no author) replies to an
 * internal one, since a public reply would reveal the thread it hangs from.
 */
function parentAllowed(db: Db, comment: NewComment): RawBuilder<SqlBool> {
  if (comment.parentId === null) return sql<SqlBool>`1`;
  let parent = db.selectFrom('feedback_comments as p').select('p.id').where('p.id', '=', comment.parentId).where('p.feedback_id', '=', comment.path.feedbackId);
  if (comment.author) parent = parent.where('p.is_internal', '=', 0);
  return sql<SqlBool>`exists ${parent}`;
}

/**
 * One batch (see write-path.ts): the author's upsert (for an end user), the comment's insert with
 * its row returned, and the board and item of the path with whether the parent is allowed. The
 * writes are guarded by all of it, so a comment on a missing or hidden item, an unsigned one where
 * the workspace requires signed identity, or a reply to a parent it may not have, changes nothing,
 * and the last statement tells which.
 */
export function createCommentStatements(db: Db, comment: NewComment) {
  const author = comment.author;
  const workspaceId = workspaceIdOf(db, comment.path.workspace);
  const guard = sql<SqlBool>`${sql`exists ${itemOfPath(db, comment.path, author !== undefined && !author.verified).select('f.id')}`} and ${parentAllowed(db, comment)}`;
  const insert = db
    .insertInto('feedback_comments')
    .columns(['workspace_id', 'feedback_id', 'parent_id', 'user_id', 'author_name', 'is_admin', 'is_internal', 'body', 'created_at'])
    .expression(
      db
        .selectNoFrom((eb) => [
          workspaceId.as('workspace_id'),
          eb.val(comment.path.feedbackId).as('feedback_id'),
          eb.val(comment.parentId).as('parent_id'),
          (author ? endUserId(db, workspaceId, author.externalUserId) : eb.val(null)).as('user_id'),
          // An end user's comment shows their profile's name, which only they can change once verified.
          (author ? endUserColumn(db, workspaceId, author.externalUserId, 'name') : eb.val(comment.authorName)).as('author_name'),
          eb.lit(author ? 0 : 1).as('is_admin'),
          eb.lit(comment.isInternal ? 1 : 0).as('is_internal'),
          eb.val(comment.body).as('body'),
          eb.val(comment.at).as('created_at'),
        ])
        .where(guard),
    )
    .returning(commentFields);
  const state = findBoardItemQuery(db, comment.path.workspace, comment.path.board, comment.path.feedbackId).select(parentAllowed(db, comment).as('parent_allowed'));
  return author
    ? [upsertEndUser(db, { workspaceId, externalUserId: author.externalUserId, name: author.name, verified: author.verified, at: comment.at }, guard), insert, state]
    : [insert, state];
}

/** createCommentStatements compiled once per shape (see compiled-shapes.ts). */
export const compiledCreateComment = compiledShapes('createComment', (comment: NewComment) => createCommentStatements(queryBuilder, comment));

/**
 * One comment named by its path (workspace, board, item), with what deciding who may change it
 * needs: the author's external id, the workspace's identity secret and whether the public sees the item.
 */
export function commentInContextQuery(db: Db, path: { workspace: string; board: string; feedbackId: number; commentId: number }) {
  return db
    .selectFrom('feedback_comments as c')
    .innerJoin('feedback_items as f', 'f.id', 'c.feedback_id')
    .innerJoin('boards as b', 'b.id', 'f.board_id')
    .innerJoin('workspaces as w', 'w.id', 'b.workspace_id')
    .leftJoin('end_users as u', 'u.id', 'c.user_id')
    .select(commentColumns)
    .select((eb) => [
      'u.external_id as author_external_id',
      ...identityPolicyColumns,
      eb.and([eb('f.is_hidden', '=', 0), eb('f.moderation_state', '=', 'approved')]).as('item_visible'),
    ])
    .where('c.id', '=', path.commentId)
    .where('c.feedback_id', '=', path.feedbackId)
    .where('b.slug', '=', path.board)
    .where('w.slug', '=', path.workspace);
}

export interface CommentChanges {
  body?: string;
  is_hidden?: 0 | 1;
}

/** Edits a comment that is not deleted; a new body stamps edited_at. Returns the row, or nothing. */
export function updateCommentQuery(db: Db, commentId: number, changes: CommentChanges, at: number) {
  return db
    .updateTable('feedback_comments')
    .set({ ...changes, ...(changes.body !== undefined && { edited_at: at }) })
    .where('id', '=', commentId)
    .where('deleted_at', 'is', null)
    .returning(commentFields);
}

/** Soft deletion: the row stays (replies keep their parent) and the public sees a placeholder. */
export function softDeleteCommentQuery(db: Db, commentId: number, at: number) {
  return db.updateTable('feedback_comments').set({ deleted_at: at }).where('id', '=', commentId).where('deleted_at', 'is', null);
}

export interface AdminCommentFilters {
  workspaceId: number;
  internal?: boolean;
  hidden?: boolean;
  boardId?: number;
  feedbackId?: number;
  limit: number;
  /** Keyset position: comments strictly after it in (created_at desc, id desc) order. */
  after?: { key: number; id: number };
}

/** The workspace's comments newest first (idx_comments_admin), one more than the page. */
export function listAdminCommentsQuery(db: Db, filters: AdminCommentFilters) {
  let query = db
    .selectFrom('feedback_comments as c')
    .innerJoin('feedback_items as f', 'f.id', 'c.feedback_id')
    .innerJoin('boards as b', 'b.id', 'f.board_id')
    .select([...commentColumns, 'b.slug as board']);
  // One item's comments are read through its thread index (its workspace checked on the item);
  // otherwise the workspace's comments are walked newest first.
  query =
    filters.feedbackId === undefined
      ? query.where('c.workspace_id', '=', filters.workspaceId)
      : query.where('c.feedback_id', '=', filters.feedbackId).where('f.workspace_id', '=', filters.workspaceId);
  if (filters.internal !== undefined) query = query.where('c.is_internal', '=', filters.internal ? 1 : 0);
  if (filters.hidden !== undefined) query = query.where('c.is_hidden', '=', filters.hidden ? 1 : 0);
  if (filters.boardId !== undefined) query = query.where('f.board_id', '=', filters.boardId);
  if (filters.after) {
    const { key, id } = filters.after;
    query = query.where((eb) => eb(eb.refTuple('c.created_at', 'c.id'), '<', eb.tuple(key, id)));
  }
  return query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(filters.limit + 1);
}

export type AdminCommentRow = NonNullable<Awaited<ReturnType<ReturnType<typeof listAdminCommentsQuery>['executeTakeFirst']>>>;

/** @module Comments of an item, threaded by parent_id; internal ones only for the workspace. */
import type { Db } from '../db/client.ts';
import { endUserColumn, endUserId, upsertEndUser } from './end-users.ts';

const commentColumns = [
  'c.id',
  'c.feedback_id',
  'c.parent_id',
  'c.body',
  'c.author_name',
  'c.is_internal',
  'c.is_admin',
  'c.created_at',
] as const;

export function listCommentsQuery(db: Db, feedbackId: number, includeInternal: boolean) {
  let query = db.selectFrom('feedback_comments as c').select(commentColumns).where('c.feedback_id', '=', feedbackId);
  if (!includeInternal) query = query.where('c.is_internal', '=', 0);
  return query.orderBy('c.created_at').orderBy('c.id');
}

export type CommentRow = NonNullable<Awaited<ReturnType<ReturnType<typeof listCommentsQuery>['executeTakeFirst']>>>;

export function commentParentQuery(db: Db, parentId: number) {
  return db.selectFrom('feedback_comments').select(['id', 'feedback_id', 'is_internal']).where('id', '=', parentId);
}

export interface NewComment {
  workspaceId: number;
  feedbackId: number;
  parentId: number | null;
  body: string;
  isInternal: boolean;
  at: number;
  /** Absent for comments written with a workspace key. */
  author?: { externalUserId: string; name?: string; verified: boolean };
  /** The name shown for a comment written with a workspace key. */
  authorName: string | null;
}

export function createCommentStatements(db: Db, comment: NewComment) {
  const author = comment.author;
  const insert = db.insertInto('feedback_comments').values({
    feedback_id: comment.feedbackId,
    parent_id: comment.parentId,
    user_id: author ? endUserId(db, comment.workspaceId, author.externalUserId) : null,
    // An end user's comment shows their profile's name, which only they can change once verified.
    author_name: author ? endUserColumn(db, comment.workspaceId, author.externalUserId, 'name') : comment.authorName,
    is_admin: author ? 0 : 1,
    is_internal: comment.isInternal ? 1 : 0,
    body: comment.body,
    created_at: comment.at,
  }).returning(['id', 'feedback_id', 'parent_id', 'body', 'author_name', 'is_internal', 'is_admin', 'created_at']);
  return author
    ? [upsertEndUser(db, { workspaceId: comment.workspaceId, externalUserId: author.externalUserId, name: author.name, verified: author.verified, at: comment.at }), insert]
    : [insert];
}

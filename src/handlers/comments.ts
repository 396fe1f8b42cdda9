/**
 * @module
 * Comments: public ones for everybody; internal ones read and written only with a workspace key.
 * A reply's parent must be a comment of the same item. Moderation: the author (proven by a signed
 * identity) edits or deletes their comment; a workspace key edits, hides or deletes any. Deletion
 * is soft, so replies keep their place; the public sees hidden and deleted comments as
 * placeholders without text or author.
 */
import type { Context } from 'hono';
import type { Handlers } from '../../generated/handlers.ts';
import type { Comment } from '../../generated/schemas.ts';
import type { AppEnv } from '../app-env.ts';
import { database, runBatch } from '../db/client.ts';
import { now } from '../lib/clock.ts';
import { resolveEndUser, verifiedClaims } from '../lib/end-user.ts';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import {
  commentInContextQuery,
  commentParentQuery,
  createCommentStatements,
  listCommentsQuery,
  softDeleteCommentQuery,
  updateCommentQuery,
  type CommentRow,
} from '../queries/comments.ts';
import { requireBoardItem } from './feedback-view.ts';

/** A comment as the API shows it; `reveal` (a workspace key) shows hidden and deleted text too. */
export function toComment(row: CommentRow, reveal: boolean): Comment {
  const withheld = !reveal && (row.is_hidden === 1 || row.deleted_at !== null);
  return {
    id: row.id,
    feedbackId: row.feedback_id,
    parentId: row.parent_id,
    body: withheld ? '' : row.body,
    authorName: withheld ? null : row.author_name,
    isInternal: row.is_internal === 1,
    isAdmin: row.is_admin === 1,
    isHidden: row.is_hidden === 1,
    isDeleted: row.deleted_at !== null,
    editedAt: row.edited_at === null ? null : iso(row.edited_at),
    createdAt: iso(row.created_at),
  };
}

interface CommentPath {
  workspace: string;
  board: string;
  id: number;
  commentId: number;
}

/**
 * The comment named by the path and who is changing it: an admin (workspace key) or its author
 * (X-User-Token whose subject wrote it). Anyone else gets 401 or 403; what they may not see, 404.
 */
async function authorizeCommentChange(c: Context<AppEnv>, path: CommentPath, token: string | undefined) {
  const admin = c.get('keyWorkspace');
  const db = database(c.env.DB);
  const row = await commentInContextQuery(db, { workspace: path.workspace, board: path.board, feedbackId: path.id, commentId: path.commentId }).executeTakeFirst();
  if (!row || (!admin && (row.is_internal === 1 || !row.item_visible))) {
    throw notFound(`Comment ${path.commentId} does not exist on feedback item ${path.id}`);
  }
  if (admin) return { db, row, admin: true };
  if (token === undefined) throw unauthorized('Changing a comment needs a workspace API key or its author\'s identity token (X-User-Token)');
  const claims = await verifiedClaims(db, row, token);
  if (row.author_external_id === null || claims.sub !== row.author_external_id) throw forbidden('Only its author or a workspace key may change this comment');
  return { db, row, admin: false };
}

const deletedComment = (commentId: number) => conflict(`Comment ${commentId} is deleted`);

export const commentsHandlers: Pick<Handlers, 'listComments' | 'createComment' | 'updateComment' | 'deleteComment'> = {
  listComments: async (c) => {
    const { workspace, board, id } = c.req.valid('param');
    const admin = c.get('keyWorkspace');
    const db = database(c.env.DB);
    await requireBoardItem(db, workspace, board, id);
    const rows = await listCommentsQuery(db, id, admin !== undefined).execute();
    return c.json(rows.map((row) => toComment(row, admin !== undefined)), 200);
  },

  createComment: async (c) => {
    const { workspace, board, id } = c.req.valid('param');
    const body = c.req.valid('json');
    const admin = c.get('keyWorkspace');
    if (body.isInternal && !admin) throw forbidden('Internal comments need a workspace API key');
    const db = database(c.env.DB);
    const { board: found } = await requireBoardItem(db, workspace, board, id);

    let author: { externalUserId: string; name?: string; verified: boolean } | undefined;
    if (!admin) {
      if (body.externalUserId === undefined) {
        throw badRequest('externalUserId is required without a workspace key', [{ path: 'body.externalUserId', message: 'required' }]);
      }
      const user = await resolveEndUser(db, found, body.externalUserId, c.req.valid('header')['x-user-token']);
      author = { externalUserId: user.externalUserId, name: user.name ?? body.userName, verified: user.verified };
    }
    if (body.parentId !== undefined) {
      const parent = await commentParentQuery(db, body.parentId).executeTakeFirst();
      // A public reply to an internal comment would reveal the thread it hangs from.
      if (!parent || parent.feedback_id !== id || (parent.is_internal === 1 && !admin)) {
        throw badRequest(`Comment ${body.parentId} is not a comment of item ${id}`, [{ path: 'body.parentId', message: 'not a comment of this item' }]);
      }
    }
    const results = await runBatch<CommentRow>(
      c.env.DB,
      createCommentStatements(db, {
        workspaceId: found.workspace_id,
        feedbackId: id,
        parentId: body.parentId ?? null,
        body: body.body,
        isInternal: body.isInternal,
        at: now(),
        author,
        authorName: author ? null : (body.userName ?? null),
      }),
    );
    return c.json(toComment(results.at(-1)![0]!, admin !== undefined), 201);
  },

  updateComment: async (c) => {
    const path = c.req.valid('param');
    const body = c.req.valid('json');
    const { db, row, admin } = await authorizeCommentChange(c, path, c.req.valid('header')['x-user-token']);
    if (!admin && body.isHidden !== undefined) throw forbidden('Only a workspace key may hide or unhide a comment');
    if (row.deleted_at !== null) throw deletedComment(path.commentId);
    if (!admin && row.is_hidden === 1) throw conflict(`Comment ${path.commentId} was hidden by a moderator and cannot be edited`);
    const updated = await updateCommentQuery(
      db,
      path.commentId,
      {
        ...(body.body !== undefined && { body: body.body }),
        ...(body.isHidden !== undefined && { is_hidden: body.isHidden ? 1 : 0 }),
      },
      now(),
    ).executeTakeFirst();
    // Deleted between the read and the update.
    if (!updated) throw deletedComment(path.commentId);
    return c.json(toComment(updated, admin), 200);
  },

  deleteComment: async (c) => {
    const path = c.req.valid('param');
    const { db } = await authorizeCommentChange(c, path, c.req.valid('header')['x-user-token']);
    // Deleting a deleted comment changes nothing: idempotent.
    await softDeleteCommentQuery(db, path.commentId, now()).execute();
    return c.body(null, 204);
  },
};

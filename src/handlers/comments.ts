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
import { database } from '../db/client.ts';
import { groupCommit } from '../db/group-commit.ts';
import { now } from '../lib/clock.ts';
import { resolveEndUser, verifiedClaims } from '../lib/end-user.ts';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import {
  commentInContextQuery,
  compiledCreateComment,
  listCommentsQuery,
  softDeleteCommentQuery,
  updateCommentQuery,
  type CommentRow,
} from '../queries/comments.ts';
import type { BoardItemRow } from '../queries/workspaces.ts';
import { boardItemOf, requireBoardItem } from './feedback-view.ts';

type CommentStateRow = BoardItemRow & { parent_allowed: 0 | 1 };

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
    const token = c.req.valid('header')['x-user-token'];
    const admin = c.get('keyWorkspace');
    if (body.isInternal && !admin) throw forbidden('Internal comments need a workspace API key');
    if (!admin && body.externalUserId === undefined) {
      throw badRequest('externalUserId is required without a workspace key', [{ path: 'body.externalUserId', message: 'required' }]);
    }
    const db = database(c.env.DB);
    // As votes: an end user's token is checked first; otherwise the lookup of the item (and the
    // parent) is part of the comment's batch, one round trip, and answered after it.
    let author: { externalUserId: string; name?: string; verified: boolean } | undefined;
    if (!admin) {
      const user = token === undefined
        ? { externalUserId: body.externalUserId!, verified: false }
        : await resolveEndUser(db, (await requireBoardItem(db, workspace, board, id)).board, body.externalUserId!, token);
      author = { externalUserId: user.externalUserId, name: user.name ?? body.userName, verified: user.verified };
    }
    const results = await groupCommit<CommentRow & CommentStateRow>(
      c.env.DB,
      compiledCreateComment({
        path: { workspace, board, feedbackId: id },
        parentId: body.parentId ?? null,
        body: body.body,
        isInternal: body.isInternal,
        at: now(),
        author,
        authorName: author ? null : (body.userName ?? null),
      }),
      (running) => c.executionCtx.waitUntil(running),
    );
    const [created] = results.at(-2)!;
    const found = boardItemOf(results.at(-1)![0], workspace, board, id);
    if (!created) {
      if (author && !author.verified) await resolveEndUser(db, found.board, author.externalUserId, undefined);
      if (!found.row.parent_allowed) {
        throw badRequest(`Comment ${body.parentId} is not a comment of item ${id}`, [{ path: 'body.parentId', message: 'not a comment of this item' }]);
      }
      throw new Error(`createComment: item ${id} of ${workspace}/${board} is visible but nothing was inserted`);
    }
    return c.json(toComment(created, admin !== undefined), 201);
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

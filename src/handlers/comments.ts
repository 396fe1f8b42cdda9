/**
 * @module
 * Comments: public ones for everybody; internal ones read and written only with a workspace key.
 * A reply's parent must be a comment of the same item.
 */
import type { Handlers } from '../../generated/handlers.ts';
import type { Comment } from '../../generated/schemas.ts';
import { database, runBatch } from '../db/client.ts';
import { now } from '../lib/clock.ts';
import { resolveEndUser } from '../lib/end-user.ts';
import { badRequest, forbidden } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { commentParentQuery, createCommentStatements, listCommentsQuery, type CommentRow } from '../queries/comments.ts';
import { requireBoardItem } from './feedback-view.ts';

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    feedbackId: row.feedback_id,
    parentId: row.parent_id,
    body: row.body,
    authorName: row.author_name,
    isInternal: row.is_internal === 1,
    isAdmin: row.is_admin === 1,
    createdAt: iso(row.created_at),
  };
}

export const commentsHandlers: Pick<Handlers, 'listComments' | 'createComment'> = {
  listComments: async (c) => {
    const { workspace, board, id } = c.req.valid('param');
    const admin = c.get('keyWorkspace');
    const db = database(c.env.DB);
    await requireBoardItem(db, workspace, board, id);
    const rows = await listCommentsQuery(db, id, admin !== undefined).execute();
    return c.json(rows.map(toComment), 200);
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
    return c.json(toComment(results.at(-1)![0]!), 201);
  },
};

/**
 * @module
 * Admin reads of what the public may not see: one item in any state with its duplicates and
 * moderation history, and the workspace's comments across boards (internal, hidden and deleted ones
 * included). Like every admin answer they leave as private, never stored (src/lib/cdn.ts).
 */
import type { Handlers } from '../../generated/handlers.ts';
import type { AdminComment } from '../../generated/schemas.ts';
import { database } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { decodeCursor, listScope } from '../lib/cursor.ts';
import { keysetPage } from '../lib/keyset-page.ts';
import { notFound } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { listAdminCommentsQuery, type AdminCommentRow } from '../queries/comments.ts';
import { adminFeedbackDetailQuery, mergedDuplicatesQuery } from '../queries/moderation.ts';
import { toComment } from './comments.ts';
import { requireBoard } from './feedback-view.ts';
import { toAdminFeedback } from './moderation.ts';

/** Binds admin comment cursors to this list's order. */
const COMMENTS_ORDER = 'admin-comments:created_at';

const isoOrNull = (at: number | null) => (at === null ? null : iso(at));
const flag = (value: 'true' | 'false' | undefined) => (value === undefined ? undefined : value === 'true');

function toAdminComment(row: AdminCommentRow): AdminComment {
  return { ...toComment(row, true), board: row.board };
}

export const adminReadsHandlers: Pick<Handlers, 'getAdminFeedback' | 'listAdminComments'> = {
  getAdminFeedback: async (c) => {
    const { id } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const [row, duplicates] = await Promise.all([
      adminFeedbackDetailQuery(db, workspace.id, id).executeTakeFirst(),
      mergedDuplicatesQuery(db, workspace.id, id).execute(),
    ]);
    if (!row) throw notFound(`Feedback item ${id} does not exist in this workspace`);
    return c.json(
      {
        ...toAdminFeedback(row),
        internalCommentCount: row.internal_comment_count ?? 0,
        duplicates: duplicates.map((d) => ({
          groupId: d.group_id,
          id: d.id,
          board: d.board,
          title: d.title,
          voteCount: d.vote_count,
          mergedAt: iso(d.merged_at),
        })),
        moderation: {
          submittedAt: iso(row.created_at),
          approvedAt: isoOrNull(row.approved_at),
          rejectedAt: isoOrNull(row.rejected_at),
          hiddenAt: isoOrNull(row.hidden_at),
          mergedAt: isoOrNull(row.merged_at),
        },
      },
      200,
    );
  },

  listAdminComments: async (c) => {
    const { workspace: slug } = c.req.valid('param');
    const query = c.req.valid('query');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const boardId = query.board === undefined ? undefined : (await requireBoard(db, slug, query.board)).board_id;
    const scope = listScope(workspace.id, {
      internal: query.internal,
      hidden: query.hidden,
      board: query.board,
      feedbackId: query.feedbackId === undefined ? undefined : String(query.feedbackId),
    });
    const after = query.cursor === undefined ? undefined : await decodeCursor(c.env.CURSOR_SECRET, query.cursor, COMMENTS_ORDER, scope);
    const rows = await listAdminCommentsQuery(db, {
      workspaceId: workspace.id,
      internal: flag(query.internal),
      hidden: flag(query.hidden),
      boardId,
      feedbackId: query.feedbackId,
      limit: query.limit,
      after,
    }).execute();
    const page = await keysetPage(c, rows, query.limit, (last) => ({ sort: COMMENTS_ORDER, scope, key: last.created_at, id: last.id }));
    return c.json(page.map(toAdminComment), 200);
  },
};

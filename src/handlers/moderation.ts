/**
 * @module
 * Moderation with a workspace key: the list of every item (newest first, cursor pages), edits
 * (status, category, approval, hiding, theme) and deletion. The item's board is not in the path,
 * so the handlers supply it for the invalidation of the board's list.
 */
import type { Handlers } from '../../generated/handlers.ts';
import type { AdminFeedback } from '../../generated/schemas.ts';
import { database, runBatch } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { decodeCursor, listScope } from '../lib/cursor.ts';
import { isForeignKeyViolation } from '../lib/errors.ts';
import { keysetPage } from '../lib/keyset-page.ts';
import { badRequest, conflict, notFound } from '../lib/problem.ts';
import { setTagParams } from '../lib/tag-params.ts';
import { itemsWithMergeStateQuery } from '../queries/duplicates.ts';
import {
  deleteFeedbackStatements,
  listAdminFeedbackQuery,
  themeOfWorkspace,
  updateFeedbackStatements,
  type AdminFeedbackRow,
  type FeedbackChanges,
} from '../queries/moderation.ts';
import { ofWorkspace, searchAdminFeedbackQuery } from '../queries/search.ts';
import { requireBoard, toFeedback } from './feedback-view.ts';
import { rankedAfter, rankedPage, requireSearchMatch, searchCursorKey } from './search.ts';

/** Binds admin cursors to this list's order, so a public list's cursor is rejected here. */
const ADMIN_ORDER = 'admin:created_at';

export function toAdminFeedback(row: AdminFeedbackRow): AdminFeedback {
  return {
    ...toFeedback(row),
    isHidden: row.is_hidden === 1,
    themeId: row.theme_id,
    trendScore: row.trend_score,
  };
}

const itemNotFound = (id: number) => notFound(`Feedback item ${id} does not exist in this workspace`);
const foreignTheme = (themeId: number) =>
  badRequest(`Theme ${themeId} does not exist in this workspace`, [{ path: 'body.themeId', message: 'not a theme of this workspace' }]);

export const moderationHandlers: Pick<Handlers, 'listAdminFeedback' | 'updateFeedback' | 'deleteFeedback'> = {
  listAdminFeedback: async (c) => {
    const { workspace: slug } = c.req.valid('param');
    const query = c.req.valid('query');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const boardId = query.board === undefined ? undefined : (await requireBoard(db, slug, query.board)).board_id;
    if (query.q !== undefined) {
      const match = await requireSearchMatch(db, ofWorkspace(workspace.id), query.q);
      const scope = listScope(workspace.id, { q: searchCursorKey(query.q), board: query.board, moderationState: query.moderationState });
      const rows = await searchAdminFeedbackQuery(db, {
        workspaceId: workspace.id,
        match,
        rows: query.limit + 1,
        boardId,
        moderationState: query.moderationState,
        after: await rankedAfter(c, query.cursor, scope),
      }).execute();
      return c.json((await rankedPage(c, rows, query.limit, scope)).map(toAdminFeedback), 200);
    }
    const scope = listScope(workspace.id, { board: query.board, moderationState: query.moderationState });
    const after = query.cursor === undefined ? undefined : await decodeCursor(c.env.CURSOR_SECRET, query.cursor, ADMIN_ORDER, scope);
    const rows = await listAdminFeedbackQuery(db, {
      workspaceId: workspace.id,
      boardId,
      moderationState: query.moderationState,
      limit: query.limit,
      after,
    }).execute();

    const page = await keysetPage(c, rows, query.limit, (last) => ({ sort: ADMIN_ORDER, scope, key: last.created_at, id: last.id }));
    return c.json(page.map(toAdminFeedback), 200);
  },

  updateFeedback: async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    if (typeof body.themeId === 'number' && !(await themeOfWorkspace(db, workspace.id, body.themeId))) throw foreignTheme(body.themeId);
    const changes: FeedbackChanges = {
      ...(body.title !== undefined && { title: body.title }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.status !== undefined && { status: body.status }),
      ...(body.category !== undefined && { category: body.category }),
      ...(body.moderationState !== undefined && { moderation_state: body.moderationState }),
      ...(body.isHidden !== undefined && { is_hidden: body.isHidden ? 1 : 0 }),
      ...(body.themeId !== undefined && { theme_id: body.themeId }),
    };
    let results: AdminFeedbackRow[][];
    try {
      results = await runBatch<AdminFeedbackRow>(c.env.DB, [...updateFeedbackStatements(db, workspace.id, id, changes, now())]);
    } catch (error) {
      // The theme was deleted between the check and the update.
      if (isForeignKeyViolation(error) && typeof body.themeId === 'number') throw foreignTheme(body.themeId);
      throw error;
    }
    const row = results.at(-1)![0];
    if (!row) throw itemNotFound(id);
    setTagParams(c, 'updateFeedback', { board: row.board });
    return c.json(toAdminFeedback(row), 200);
  },

  deleteFeedback: async (c) => {
    const { id } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const target = await itemsWithMergeStateQuery(db, workspace.id, [id]).executeTakeFirst();
    if (!target) throw itemNotFound(id);
    const hasDuplicates = () => conflict(`Duplicates are merged into feedback item ${id}; unmerge them before deleting it`);
    if (target.has_duplicates) throw hasDuplicates();
    const results = await runBatch<{ id: number }>(c.env.DB, [...deleteFeedbackStatements(db, workspace.id, id)]);
    if (results.at(-1)!.length === 0) {
      // Changed since the check: deleted by another request, or a duplicate was merged into it.
      if (await itemsWithMergeStateQuery(db, workspace.id, [id]).executeTakeFirst()) throw hasDuplicates();
      throw itemNotFound(id);
    }
    setTagParams(c, 'deleteFeedback', { board: target.board });
    return c.body(null, 204);
  },
};

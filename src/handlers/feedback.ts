/** @module A board's public feedback: list (cursor pages), submit, read one. */
import type { Handlers } from '../../generated/handlers.ts';
import { database, runBatch } from '../db/client.ts';
import { now } from '../lib/clock.ts';
import { decodeCursor, encodeCursor, listScope } from '../lib/cursor.ts';
import { resolveEndUser } from '../lib/end-user.ts';
import { nextPageLink } from '../lib/next-link.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import { listVisibleFeedbackQuery, visibleFeedbackQuery, type FeedbackRow } from '../queries/feedback-read.ts';
import { createFeedbackStatements } from '../queries/feedback-write.ts';
import { requireBoard, toFeedback } from './feedback-view.ts';

const DEFAULT_SORT = 'vote_count';

export const feedbackHandlers: Pick<Handlers, 'listFeedback' | 'createFeedback' | 'getFeedback'> = {
  listFeedback: async (c) => {
    const { workspace, board } = c.req.valid('param');
    const query = c.req.valid('query');
    const sort = query.sort ?? DEFAULT_SORT;
    if (query.cursor !== undefined && query.page !== undefined) {
      throw badRequest('cursor and page cannot be combined', [{ path: 'query.page', message: 'not allowed with cursor' }]);
    }
    const db = database(c.env.DB);
    const found = await requireBoard(db, workspace, board);
    const scope = listScope(found.board_id, { status: query.status, category: query.category });
    const after = query.cursor === undefined ? undefined : await decodeCursor(c.env.CURSOR_SECRET, query.cursor, sort, scope);
    const rows = (await listVisibleFeedbackQuery(db, {
      boardId: found.board_id,
      sort,
      limit: query.limit,
      status: query.status,
      category: query.category,
      after,
      offset: query.page === undefined ? undefined : (query.page - 1) * query.limit,
    }).execute()) as (FeedbackRow & { sort_key: number })[];

    const page = rows.slice(0, query.limit);
    if (rows.length > query.limit) {
      const last = page.at(-1)!;
      c.header('Link', nextPageLink(c.req.url, await encodeCursor(c.env.CURSOR_SECRET, { sort, scope, key: last.sort_key, id: last.id })));
    }
    return c.json(page.map(toFeedback), 200);
  },

  createFeedback: async (c) => {
    const { workspace, board } = c.req.valid('param');
    const body = c.req.valid('json');
    const db = database(c.env.DB);
    const found = await requireBoard(db, workspace, board);
    const user = await resolveEndUser(db, found, body.externalUserId, c.req.valid('header')['x-user-token']);
    const results = await runBatch<FeedbackRow>(
      c.env.DB,
      [...createFeedbackStatements(db, {
        workspaceId: found.workspace_id,
        boardId: found.board_id,
        externalUserId: user.externalUserId,
        userName: user.name ?? body.userName,
        verified: user.verified,
        title: body.title,
        description: body.description,
        category: body.category,
        at: now(),
      })],
    );
    return c.json(toFeedback(results.at(-1)![0]!), 201);
  },

  getFeedback: async (c) => {
    const { workspace, board, id } = c.req.valid('param');
    const row = await visibleFeedbackQuery(database(c.env.DB), workspace, board, id).executeTakeFirst();
    if (!row) throw notFound(`Feedback item ${id} does not exist on board "${board}" of workspace "${workspace}"`);
    return c.json(toFeedback(row), 200);
  },
};

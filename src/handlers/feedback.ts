/** @module A board's public feedback: list (cursor pages), submit, read one. */
import type { Handlers } from '../../generated/handlers.ts';
import { database } from '../db/client.ts';
import { groupCommit } from '../db/group-commit.ts';
import { now } from '../lib/clock.ts';
import { decodeCursor, encodeCursor, listScope } from '../lib/cursor.ts';
import { resolveEndUser, verifiedClaims } from '../lib/end-user.ts';
import { nextPageLink } from '../lib/next-link.ts';
import { badRequest, notFound } from '../lib/problem.ts';
import { compiledListPage, pendingFeedbackQuery, visibleFeedbackQuery, type FeedbackRow } from '../queries/feedback-read.ts';
import { compiledCreateFeedback } from '../queries/feedback-write.ts';
import { searchVisibleFeedbackQuery, visibleOnBoard } from '../queries/search.ts';
import type { BoardRow } from '../queries/workspaces.ts';
import { boardNotFound, requireBoard, toFeedback } from './feedback-view.ts';
import { rankedAfter, rankedPage, requireSearchMatch, searchCursorKey } from './search.ts';

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
    if (query.q !== undefined) {
      for (const name of ['sort', 'page'] as const) {
        if (query[name] !== undefined) throw badRequest(`${name} does not apply to a search`, [{ path: `query.${name}`, message: 'not allowed with q (results are ranked)' }]);
      }
      const found = await requireBoard(db, workspace, board);
      const match = await requireSearchMatch(db, visibleOnBoard(found.board_id), query.q);
      const scope = listScope(found.board_id, { q: searchCursorKey(query.q), status: query.status, category: query.category });
      const after = await rankedAfter(c, query.cursor, scope);
      const rows = await searchVisibleFeedbackQuery(db, {
        boardId: found.board_id,
        match,
        rows: query.limit + 1,
        status: query.status,
        category: query.category,
        after,
      }).execute();
      return c.json((await rankedPage(c, rows, query.limit, scope)).map(toFeedback), 200);
    }
    // The board is named by its path inside the list query (one round trip), and the cursor is
    // bound to the path; an empty page then tells "no items" from "no such board" (404).
    const scope = listScope(`${workspace}/${board}`, { status: query.status, category: query.category });
    const after = query.cursor === undefined ? undefined : await decodeCursor(c.env.CURSOR_SECRET, query.cursor, sort, scope);
    const [pageQuery] = compiledListPage({
      board: { workspace, board },
      sort,
      rows: query.limit + 1,
      status: query.status,
      category: query.category,
      after,
      offset: query.page === undefined ? undefined : (query.page - 1) * query.limit,
    });
    const { rows } = await db.executeQuery<FeedbackRow & { sort_key: number }>(pageQuery!.compile());
    if (rows.length === 0) await requireBoard(db, workspace, board);

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
    const token = c.req.valid('header')['x-user-token'];
    const db = database(c.env.DB);
    // As votes: a token is checked first; without one, the board lookup is part of the batch.
    const signed = token === undefined ? undefined : await resolveEndUser(db, await requireBoard(db, workspace, board), body.externalUserId, token);
    const results = await groupCommit<FeedbackRow & BoardRow>(
      c.env.DB,
      compiledCreateFeedback({
        path: { workspace, board },
        externalUserId: body.externalUserId,
        userName: signed?.name ?? body.userName,
        verified: signed !== undefined,
        title: body.title,
        description: body.description,
        category: body.category,
        at: now(),
      }),
      (running) => c.executionCtx.waitUntil(running),
    );
    const [created] = results[2]!;
    const [found] = results[3]!;
    if (!found) throw boardNotFound(workspace, board);
    if (!created) {
      // The board exists, so only an unsigned request to a workspace that requires signing was refused.
      await resolveEndUser(db, found, body.externalUserId, undefined);
      throw new Error(`createFeedback: board ${workspace}/${board} exists but nothing was inserted`);
    }
    return c.json(toFeedback(created), 201);
  },

  getFeedback: async (c) => {
    const { workspace, board, id } = c.req.valid('param');
    const token = c.req.valid('header')['x-user-token'];
    const db = database(c.env.DB);
    const missing = () => notFound(`Feedback item ${id} does not exist on board "${board}" of workspace "${workspace}"`);
    if (token === undefined) {
      const row = await visibleFeedbackQuery(db, workspace, board, id).executeTakeFirst();
      if (!row) throw missing();
      return c.json(toFeedback(row), 200);
    }
    // A token is verified whenever it is sent (a bad one is a 401, never ignored); its holder also
    // sees their own item while it awaits approval.
    const claims = await verifiedClaims(db, await requireBoard(db, workspace, board), token);
    const row = await visibleFeedbackQuery(db, workspace, board, id).executeTakeFirst();
    if (row) return c.json(toFeedback(row), 200);
    const pending = await pendingFeedbackQuery(db, workspace, board, id).executeTakeFirst();
    if (!pending || claims.sub !== pending.author_external_id) throw missing();
    return c.json(toFeedback(pending), 200);
  },
};

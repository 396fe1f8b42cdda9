/** @module Boards, administered with a workspace key. */
import type { Handlers } from '../../generated/handlers.ts';
import type { Board } from '../../generated/schemas.ts';
import { database } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { isUniqueViolation } from '../lib/errors.ts';
import { badRequest, conflict, notFound } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { boardContentsQuery, deleteBoard, insertBoard, listBoards, updateBoard } from '../queries/boards.ts';

/** Board slugs that would shadow other routes under /api/v1/{workspace}/. */
export const RESERVED_BOARD_SLUGS = new Set(['admin', 'roadmaps', 'votes', 'widget-config', 'branding']);

function toBoard(row: { id: number; slug: string; name: string; description: string; require_approval: 0 | 1; created_at: number }): Board {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    requireApproval: row.require_approval === 1,
    createdAt: iso(row.created_at),
  };
}

export const boardsHandlers: Pick<Handlers, 'listBoards' | 'createBoard' | 'updateBoard' | 'deleteBoard'> = {
  listBoards: async (c) => {
    const workspace = keyWorkspace(c);
    const rows = await listBoards(database(c.env.DB), workspace.id);
    return c.json(rows.map(toBoard), 200);
  },

  createBoard: async (c) => {
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    if (RESERVED_BOARD_SLUGS.has(body.slug)) {
      throw badRequest(`"${body.slug}" is reserved`, [{ path: 'body.slug', message: `"${body.slug}" is reserved` }]);
    }
    try {
      const row = await insertBoard(database(c.env.DB), {
        workspaceId: workspace.id,
        slug: body.slug,
        name: body.name,
        description: body.description,
        requireApproval: body.requireApproval,
        at: now(),
      });
      return c.json(toBoard(row), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Board "${body.slug}" already exists`);
      throw error;
    }
  },

  updateBoard: async (c) => {
    const { board } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    const row = await updateBoard(database(c.env.DB), workspace.id, board, {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.requireApproval !== undefined && { require_approval: body.requireApproval ? 1 : 0 }),
    });
    if (!row) throw notFound(`Board "${board}" does not exist`);
    return c.json(toBoard(row), 200);
  },

  deleteBoard: async (c) => {
    const { board } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const db = database(c.env.DB);
    const confirmed = c.req.valid('query').confirm === 'true';
    if (await deleteBoard(c.env.DB, db, workspace.id, board, !confirmed)) return c.body(null, 204);
    const contents = await boardContentsQuery(db, workspace.id, board).executeTakeFirst();
    if (!contents) throw notFound(`Board "${board}" does not exist`);
    throw conflict(
      `Board "${board}" holds ${contents.items} feedback items with ${contents.votes} votes and ${contents.comments} comments; ` +
        'delete it with confirm=true to delete them too',
    );
  },
};

/** @module Boards, administered with a workspace key. */
import type { Handlers } from '../../generated/handlers.ts';
import type { Board } from '../../generated/schemas.ts';
import { database } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { isUniqueViolation } from '../lib/errors.ts';
import { badRequest, conflict, notFound } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { deleteBoard, insertBoard, listBoards, updateBoard } from '../queries/boards.ts';

/** Board slugs that would shadow other routes under /api/v1/{workspace}/. */
export const RESERVED_BOARD_SLUGS = new Set(['admin', 'roadmaps', 'votes', 'widget-config', 'branding']);

function toBoard(row: { id: number; slug: string; name: string; description: string; created_at: number }): Board {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, createdAt: iso(row.created_at) };
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
      const row = await insertBoard(database(c.env.DB), { workspaceId: workspace.id, slug: body.slug, name: body.name, description: body.description, at: now() });
      return c.json(toBoard(row), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Board "${body.slug}" already exists`);
      throw error;
    }
  },

  updateBoard: async (c) => {
    const { board } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const row = await updateBoard(database(c.env.DB), workspace.id, board, c.req.valid('json'));
    if (!row) throw notFound(`Board "${board}" does not exist`);
    return c.json(toBoard(row), 200);
  },

  deleteBoard: async (c) => {
    const { board } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    if (!(await deleteBoard(c.env.DB, database(c.env.DB), workspace.id, board))) throw notFound(`Board "${board}" does not exist`);
    return c.body(null, 204);
  },
};

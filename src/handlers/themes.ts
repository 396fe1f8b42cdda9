/** @module Themes (groups of feedback items across boards), administered with a workspace key. */
import type { Handlers } from '../../generated/handlers.ts';
import type { Theme } from '../../generated/schemas.ts';
import { database } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { isUniqueViolation } from '../lib/errors.ts';
import { conflict, notFound } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { deleteTheme, insertTheme, listThemes, updateTheme, type ThemeRow } from '../queries/themes.ts';

function toTheme(row: ThemeRow): Theme {
  return { id: row.id, name: row.name, description: row.description, isActive: row.is_active === 1, itemCount: row.item_count, createdAt: iso(row.created_at) };
}

function nameTaken(name: string) {
  return conflict(`Theme "${name}" already exists`);
}

export const themesHandlers: Pick<Handlers, 'listThemes' | 'createTheme' | 'updateTheme' | 'deleteTheme'> = {
  listThemes: async (c) => {
    const workspace = keyWorkspace(c);
    const rows = await listThemes(c.env.DB, database(c.env.DB), workspace.id);
    return c.json(rows.map(toTheme), 200);
  },

  createTheme: async (c) => {
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    try {
      const row = await insertTheme(database(c.env.DB), { workspaceId: workspace.id, name: body.name, description: body.description, at: now() });
      return c.json(toTheme(row), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(body.name);
      throw error;
    }
  },

  updateTheme: async (c) => {
    const { themeId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    const body = c.req.valid('json');
    let row;
    try {
      row = await updateTheme(database(c.env.DB), workspace.id, themeId, {
        ...(body.name !== undefined && { name: body.name }),
        ...(body.description !== undefined && { description: body.description }),
        ...(body.isActive !== undefined && { is_active: body.isActive ? 1 : 0 }),
      });
    } catch (error) {
      if (isUniqueViolation(error) && body.name !== undefined) throw nameTaken(body.name);
      throw error;
    }
    if (!row) throw notFound(`Theme ${themeId} does not exist`);
    return c.json(toTheme(row), 200);
  },

  deleteTheme: async (c) => {
    const { themeId } = c.req.valid('param');
    const workspace = keyWorkspace(c);
    if (!(await deleteTheme(database(c.env.DB), workspace.id, themeId))) throw notFound(`Theme ${themeId} does not exist`);
    return c.body(null, 204);
  },
};

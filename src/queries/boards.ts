/** @module Boards of a workspace. */
import { runBatch, type Db } from '../db/client.ts';

const boardColumns = ['id', 'slug', 'name', 'description', 'created_at'] as const;

export function listBoards(db: Db, workspaceId: number) {
  return db.selectFrom('boards').select(boardColumns).where('workspace_id', '=', workspaceId).orderBy('slug').execute();
}

export function insertBoard(db: Db, board: { workspaceId: number; slug: string; name: string; description: string; at: number }) {
  return db
    .insertInto('boards')
    .values({ workspace_id: board.workspaceId, slug: board.slug, name: board.name, description: board.description, created_at: board.at })
    .returning(boardColumns)
    .executeTakeFirstOrThrow();
}

export function updateBoard(db: Db, workspaceId: number, slug: string, changes: { name?: string; description?: string }) {
  return db.updateTable('boards').set(changes).where('workspace_id', '=', workspaceId).where('slug', '=', slug)
    .returning(boardColumns).executeTakeFirst();
}

/**
 * Deleting a board cascades to its feedback, votes and comments (foreign keys); a widget that
 * defaulted to it falls back to none. One batch, so both happen or neither.
 */
export async function deleteBoard(d1: D1Database, db: Db, workspaceId: number, slug: string): Promise<boolean> {
  const [, deleted] = await runBatch(d1, [
    db.updateTable('widget_configs').set({ default_board: null }).where('workspace_id', '=', workspaceId).where('default_board', '=', slug),
    db.deleteFrom('boards').where('workspace_id', '=', workspaceId).where('slug', '=', slug).returning('id'),
  ]);
  return (deleted?.length ?? 0) > 0;
}

/** @module Boards of a workspace. */
import { runBatch, type Db } from '../db/client.ts';

const boardColumns = ['id', 'slug', 'name', 'description', 'require_approval', 'created_at'] as const;

export function listBoards(db: Db, workspaceId: number) {
  return db.selectFrom('boards').select(boardColumns).where('workspace_id', '=', workspaceId).orderBy('slug').execute();
}

export function insertBoard(db: Db, board: { workspaceId: number; slug: string; name: string; description: string; requireApproval: boolean; at: number }) {
  return db
    .insertInto('boards')
    .values({
      workspace_id: board.workspaceId,
      slug: board.slug,
      name: board.name,
      description: board.description,
      require_approval: board.requireApproval ? 1 : 0,
      created_at: board.at,
    })
    .returning(boardColumns)
    .executeTakeFirstOrThrow();
}

export function updateBoard(db: Db, workspaceId: number, slug: string, changes: { name?: string; description?: string; require_approval?: 0 | 1 }) {
  return db.updateTable('boards').set(changes).where('workspace_id', '=', workspaceId).where('slug', '=', slug)
    .returning(boardColumns).executeTakeFirst();
}

/** What deleting a board would take with it: its items, and their votes and comments. */
export function boardContentsQuery(db: Db, workspaceId: number, slug: string) {
  return db
    .selectFrom('boards as b')
    .select((eb) => [
      'b.id',
      eb.selectFrom('feedback_items as f').select((s) => s.fn.countAll<number>().as('n')).whereRef('f.workspace_id', '=', 'b.workspace_id').whereRef('f.board_id', '=', 'b.id').as('items'),
      eb
        .selectFrom('feedback_items as f')
        .innerJoin('feedback_votes as v', 'v.feedback_id', 'f.id')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('f.workspace_id', '=', 'b.workspace_id')
        .whereRef('f.board_id', '=', 'b.id')
        .as('votes'),
      eb
        .selectFrom('feedback_items as f')
        .innerJoin('feedback_comments as c', 'c.feedback_id', 'f.id')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('f.workspace_id', '=', 'b.workspace_id')
        .whereRef('f.board_id', '=', 'b.id')
        .as('comments'),
    ])
    .where('b.workspace_id', '=', workspaceId)
    .where('b.slug', '=', slug);
}

/**
 * Deleting a board cascades to its feedback, votes and comments (foreign keys); a widget that
 * defaulted to it falls back to none. One batch, so both happen or neither. With `onlyIfEmpty`,
 * nothing happens when the board holds items.
 */
export async function deleteBoard(d1: D1Database, db: Db, workspaceId: number, slug: string, onlyIfEmpty: boolean): Promise<boolean> {
  let deleteRow = db.deleteFrom('boards').where('workspace_id', '=', workspaceId).where('slug', '=', slug);
  // The emptiness guard is part of the statement, so an item submitted after the check stops it.
  if (onlyIfEmpty) {
    deleteRow = deleteRow.where((eb) => eb.not(eb.exists(eb.selectFrom('feedback_items as f').select('f.id').whereRef('f.board_id', '=', 'boards.id'))));
  }
  const [deleted] = await runBatch(d1, [
    deleteRow.returning('id'),
    db
      .updateTable('widget_configs')
      .set({ default_board: null })
      .where('workspace_id', '=', workspaceId)
      .where('default_board', '=', slug)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('boards').select('id').where('workspace_id', '=', workspaceId).where('slug', '=', slug)))),
  ]);
  return (deleted?.length ?? 0) > 0;
}

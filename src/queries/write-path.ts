/**
 * @module
 * The board or item a public write names by its path (workspace and board slugs, item id), as SQL
 * its statements read and are guarded by. The lookup of what a write goes to and the write itself
 * are then one D1 batch, one round trip: when the path names nothing (or an item that cannot take
 * the write), the guarded statements change nothing, and the batch's last statement tells the
 * handler what was missing, to answer 404, 401 or 409 as a separate lookup would have.
 */
import { sql, type AliasableExpression, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../db/client.ts';
import type { Database } from '../db/schema.ts';
import { isVisible } from './feedback-read.ts';

export interface BoardPath {
  workspace: string;
  board: string;
}

export interface ItemPath extends BoardPath {
  feedbackId: number;
}

/** A workspace id known to the handler, or read by the statement itself. */
export type WorkspaceId = number | AliasableExpression<number>;

export function workspaceIdValue(id: WorkspaceId): AliasableExpression<number> {
  return typeof id === 'number' ? sql.val(id) : id;
}

/** The workspace's id, as a subquery. */
export function workspaceIdOf(db: Db, workspace: string): AliasableExpression<number> {
  return db.selectFrom('workspaces').select('id').where('slug', '=', workspace).$asScalar();
}

/**
 * Whether the board exists and, for a request without an identity token (`unsigned`), its
 * workspace accepts unsigned writes. A signed request's token was checked against the workspace
 * before the batch.
 */
function boardWhere(eb: ExpressionBuilder<Database & { b: Database['boards']; w: Database['workspaces'] }, 'b' | 'w'>, path: BoardPath, unsigned: boolean) {
  return eb.and([
    eb('w.slug', '=', path.workspace),
    eb('b.slug', '=', path.board),
    ...(unsigned ? [eb('w.require_signed_identity', '=', eb.lit(0))] : []),
  ]);
}

/** The board of the path joined with its workspace (as `b` and `w`), filtered as boardWhere. */
export function boardOfPath(db: Db, path: BoardPath, unsigned: boolean) {
  return db
    .selectFrom('boards as b')
    .innerJoin('workspaces as w', 'w.id', 'b.workspace_id')
    .where((eb) => boardWhere(eb, path, unsigned));
}

/** The write may proceed: the board is as boardOfPath says. */
export function boardGuard(db: Db, path: BoardPath, unsigned: boolean): Expression<SqlBool> {
  return sql<SqlBool>`exists ${boardOfPath(db, path, unsigned).select('b.id')}`;
}

/** The item of the path (as `f`, with its board and workspace) if the public may see it, filtered as boardOfPath. */
export function itemOfPath(db: Db, path: ItemPath, unsigned: boolean) {
  return boardOfPath(db, path, unsigned)
    .innerJoin('feedback_items as f', 'f.board_id', 'b.id')
    .where('f.id', '=', path.feedbackId)
    .where((eb) => isVisible(eb));
}

/** The write may proceed: as boardGuard, and the item is on that board, visible, and not merged (votes go to the parent). */
export function unmergedItemGuard(db: Db, path: ItemPath, unsigned: boolean): Expression<SqlBool> {
  return sql<SqlBool>`exists ${itemOfPath(db, path, unsigned).select('f.id').where('f.merged_into_id', 'is', null)}`;
}

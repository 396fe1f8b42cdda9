/** @module Rows to API shapes for feedback, and the board lookup every board-scoped handler starts with. */
import type { Feedback } from '../../generated/schemas.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import type { FeedbackRow } from '../queries/feedback-read.ts';
import { findBoardItemQuery, findBoardQuery, type BoardItemRow, type BoardRow } from '../queries/workspaces.ts';

export function toFeedback(row: FeedbackRow): Feedback {
  return {
    id: row.id,
    board: row.board,
    title: row.title,
    description: row.description,
    status: row.status,
    moderationState: row.moderation_state,
    category: row.category,
    voteCount: row.vote_count,
    voterCount: row.voter_count,
    commentCount: row.comment_count,
    authorName: row.author_name,
    mergedIntoId: row.merged_into_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function boardNotFound(workspace: string, board: string) {
  return notFound(`Board "${board}" does not exist in workspace "${workspace}"`);
}

export async function requireBoard(db: Db, workspace: string, board: string): Promise<BoardRow> {
  const row = await findBoardQuery(db, workspace, board).executeTakeFirst();
  if (!row) throw boardNotFound(workspace, board);
  return row;
}

/** The board and a visible item of it, in one statement; 404 for either missing. */
export async function requireBoardItem(db: Db, workspace: string, board: string, id: number) {
  return boardItemOf(await findBoardItemQuery(db, workspace, board, id).executeTakeFirst(), workspace, board, id);
}

/** A row of findBoardItemQuery (or a statement extending it) as board and item; 404 for either missing. */
export function boardItemOf<Row extends BoardItemRow>(
  row: Row | undefined,
  workspace: string,
  board: string,
  id: number,
): { board: BoardRow; item: { id: number; mergedIntoId: number | null }; row: Row } {
  if (!row) throw boardNotFound(workspace, board);
  if (row.item_id === null) throw itemNotFound(id);
  const { item_id, merged_into_id, ...boardRow } = row;
  return { board: boardRow, item: { id: item_id, mergedIntoId: merged_into_id }, row };
}

export function itemNotFound(id: number) {
  return notFound(`Feedback item ${id} does not exist on this board`);
}

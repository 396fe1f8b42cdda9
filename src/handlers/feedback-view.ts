/** @module Rows to API shapes for feedback, and the board lookup every board-scoped handler starts with. */
import type { Feedback } from '../../generated/schemas.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import type { FeedbackRow } from '../queries/feedback-read.ts';
import { findBoardQuery, type BoardRow } from '../queries/workspaces.ts';

export function toFeedback(row: FeedbackRow): Feedback {
  return {
    id: row.id,
    board: row.board,
    title: row.title,
    description: row.description,
    status: row.status,
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

export async function requireBoard(db: Db, workspace: string, board: string): Promise<BoardRow> {
  const row = await findBoardQuery(db, workspace, board).executeTakeFirst();
  if (!row) throw notFound(`Board "${board}" does not exist in workspace "${workspace}"`);
  return row;
}

export function itemNotFound(id: number) {
  return notFound(`Feedback item ${id} does not exist on this board`);
}

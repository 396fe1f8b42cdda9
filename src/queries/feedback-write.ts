/**
 * @module
 * Submitting feedback: the author, the item and its read-back in one atomic batch, which also looks
 * up the board the path names (see write-path.ts), so a submission is one D1 round trip.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import { compiledShapes } from '../db/compiled-shapes.ts';
import { queryBuilder } from '../db/query-builder.ts';
import { endUserId, upsertEndUser } from './end-users.ts';
import { selectFeedback } from './feedback-read.ts';
import { initialTrend } from './trend.ts';
import { findBoardQuery } from './workspaces.ts';
import { boardGuard, boardOfPath, workspaceIdOf, type BoardPath } from './write-path.ts';

export interface NewFeedback {
  /** The board submitted to, as the request names it. */
  path: BoardPath;
  externalUserId: string;
  userName?: string;
  /** A valid identity token vouched for the author (checked before the batch). */
  verified: boolean;
  title: string;
  description: string;
  category?: string;
  at: number;
}

/**
 * Upsert the author, insert the item (pending when the board requires approval), read it back,
 * and read the board: when the path names no board, or an unsigned request a workspace that
 * requires signed identity, nothing is written, the third statement is empty, and the fourth says why.
 */
export function createFeedbackStatements(db: Db, item: NewFeedback) {
  return submissionStatements(db, { ...item, trendScore: initialTrend(item.at) });
}

/** createFeedbackStatements compiled once per shape (see compiled-shapes.ts). */
const submissionShapes = compiledShapes('createFeedback', (item: Submission) => submissionStatements(queryBuilder, item));
export const compiledCreateFeedback = (item: NewFeedback) => submissionShapes({ ...item, trendScore: initialTrend(item.at) });

/** The trend score is computed here, not in the statements, so they only bind values. */
type Submission = NewFeedback & { trendScore: number };

function submissionStatements(db: Db, item: Submission) {
  const unsigned = !item.verified;
  const workspaceId = workspaceIdOf(db, item.path.workspace);
  const authorId = endUserId(db, workspaceId, item.externalUserId);
  return [
    upsertEndUser(db, { workspaceId, externalUserId: item.externalUserId, name: item.userName, verified: item.verified, at: item.at }, boardGuard(db, item.path, unsigned)),
    db
      .insertInto('feedback_items')
      .columns(['workspace_id', 'board_id', 'user_id', 'title', 'description', 'category', 'moderation_state', 'approved_at', 'trend_score', 'created_at', 'updated_at'])
      .expression(
        boardOfPath(db, item.path, unsigned).select((eb) => [
          'b.workspace_id',
          'b.id',
          authorId.as('user_id'),
          eb.val(item.title).as('title'),
          eb.val(item.description).as('description'),
          eb.val(item.category ?? null).as('category'),
          eb.case().when('b.require_approval', '=', 1).then(sql<'pending'>`'pending'`).else(sql<'approved'>`'approved'`).end().as('moderation_state'),
          eb.case().when('b.require_approval', '=', 1).then(null).else(eb.val(item.at)).end().as('approved_at'),
          eb.val(item.trendScore).as('trend_score'),
          eb.val(item.at).as('created_at'),
          eb.val(item.at).as('updated_at'),
        ]),
      ),
    // The author and time make sure the row is this batch's insert, not an earlier one's rowid.
    selectFeedback(db)
      .where('f.id', '=', sql<number>`last_insert_rowid()`)
      .where('f.user_id', '=', authorId)
      .where('f.created_at', '=', item.at),
    findBoardQuery(db, item.path.workspace, item.path.board),
  ] as const;
}

/** @module Submitting feedback: the author and the item in one atomic batch. */
import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import { endUserId, upsertEndUser } from './end-users.ts';
import { selectFeedback } from './feedback-read.ts';
import { initialTrend } from './trend.ts';

export interface NewFeedback {
  workspaceId: number;
  boardId: number;
  externalUserId: string;
  userName?: string;
  /** A valid identity token vouched for the author. */
  verified: boolean;
  title: string;
  description: string;
  category?: string;
  /** Pending until an admin approves it (the board requires approval). */
  pending: boolean;
  at: number;
}

export function createFeedbackStatements(db: Db, item: NewFeedback) {
  return [
    upsertEndUser(db, { workspaceId: item.workspaceId, externalUserId: item.externalUserId, name: item.userName, verified: item.verified, at: item.at }),
    db.insertInto('feedback_items').values({
      workspace_id: item.workspaceId,
      board_id: item.boardId,
      user_id: endUserId(db, item.workspaceId, item.externalUserId),
      title: item.title,
      description: item.description,
      category: item.category ?? null,
      moderation_state: item.pending ? 'pending' : 'approved',
      approved_at: item.pending ? null : item.at,
      trend_score: initialTrend(item.at),
      created_at: item.at,
      updated_at: item.at,
    }),
    selectFeedback(db).where('f.id', '=', sql<number>`last_insert_rowid()`),
  ] as const;
}

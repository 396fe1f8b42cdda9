/**
 * @module
 * Votes: one per end user per item (UNIQUE), so voting twice counts once and concurrent duplicate
 * votes collapse in the database. Counters and the trend score follow through triggers.
 */
import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import { compiledShapes } from '../db/compiled-shapes.ts';
import { queryBuilder } from '../db/query-builder.ts';
import { endUserColumn, endUserId, upsertEndUser } from './end-users.ts';
import { findBoardItemQuery } from './workspaces.ts';
import { unmergedItemGuard, workspaceIdOf, type ItemPath, type WorkspaceId } from './write-path.ts';

export interface VoteTarget {
  workspaceId: WorkspaceId;
  feedbackId: number;
  externalUserId: string;
}

export interface NewVote {
  /** The item voted for, as the request names it: looked up by the vote's own statements. */
  path: ItemPath;
  externalUserId: string;
  userName?: string;
  /** A valid identity token vouched for the voter (checked before the batch). */
  verified: boolean;
  /** The token's weight claim, if any. */
  claimedWeight?: number;
  at: number;
}

/**
 * One batch: upsert the voter, upsert the vote, read the item's state. The writes are guarded by
 * the path (unmergedItemGuard): a vote for a missing, hidden or merged item, or an unsigned vote where the
 * workspace requires signed identity, changes nothing, and the last statement (voteStateQuery)
 * tells which. A verified vote weighs the token's claim, else the weight an admin set for the user,
 * else 1, never more than the workspace maximum; an unverified vote weighs 1 and, on a vote the
 * user already has, changes no weight (it may have been cast with a token).
 */
export function castVoteStatements(db: Db, vote: NewVote) {
  const workspaceId = workspaceIdOf(db, vote.path.workspace);
  const guard = unmergedItemGuard(db, vote.path, !vote.verified);
  const user = { workspaceId, externalUserId: vote.externalUserId };
  return [
    upsertEndUser(db, { ...user, name: vote.userName, verified: vote.verified, at: vote.at }, guard),
    db
      .insertInto('feedback_votes')
      .columns(['feedback_id', 'user_id', 'weight', 'created_at'])
      .expression(
        db
          .selectNoFrom((eb) => [
            eb.val(vote.path.feedbackId).as('feedback_id'),
            endUserId(db, workspaceId, vote.externalUserId).as('user_id'),
            (vote.verified
              ? eb.fn<number>('min', [
                  db.selectFrom('workspaces').select('max_vote_weight').where('slug', '=', vote.path.workspace),
                  eb.fn.coalesce(eb.val(vote.claimedWeight ?? null), endUserColumn(db, workspaceId, vote.externalUserId, 'vote_weight'), eb.lit(1)),
                ])
              : eb.lit(1)
            ).as('weight'),
            eb.val(vote.at).as('created_at'),
          ])
          // Also keeps SQLite from reading ON CONFLICT as part of INSERT … SELECT.
          .where(guard),
      )
      .onConflict((oc) =>
        vote.verified
          ? oc
              .columns(['feedback_id', 'user_id'])
              // Voting directly makes a vote copied from a merged duplicate the user's own.
              .doUpdateSet((eb) => ({ weight: eb.ref('excluded.weight'), source_feedback_id: null }))
              .where((eb) =>
                eb.or([eb('feedback_votes.weight', '<>', eb.ref('excluded.weight')), eb('feedback_votes.source_feedback_id', 'is not', null)]),
              )
          : oc
              .columns(['feedback_id', 'user_id'])
              .doUpdateSet({ source_feedback_id: null })
              .where('feedback_votes.source_feedback_id', 'is not', null),
      ),
    voteStateQuery(db, vote.path, vote.externalUserId),
  ] as const;
}

/** castVoteStatements compiled once per shape (see compiled-shapes.ts). */
export const compiledCastVote = compiledShapes('castVote', (vote: NewVote) => castVoteStatements(queryBuilder, vote));

/**
 * The board and item of the path (as findBoardItemQuery: nothing when the board is missing, a null
 * item when the item is not visible on it) with the item's counters and the user's vote weight.
 */
export function voteStateQuery(db: Db, path: ItemPath, externalUserId: string) {
  return findBoardItemQuery(db, path.workspace, path.board, path.feedbackId)
    .leftJoin('feedback_votes as v', (join) =>
      join.onRef('v.feedback_id', '=', 'f.id').on('v.user_id', '=', endUserId(db, sql<number>`w.id`, externalUserId)),
    )
    .select(['f.vote_count', 'f.voter_count', 'v.weight']);
}

export function removeVote(db: Db, vote: VoteTarget) {
  return db
    .deleteFrom('feedback_votes')
    .where('feedback_id', '=', vote.feedbackId)
    .where('user_id', '=', endUserId(db, vote.workspaceId, vote.externalUserId));
}

/** One user's votes on many items, in one statement (the seed's getUserVotesForItems): a range of idx_votes_user. */
export function userVotesForItemsQuery(db: Db, workspaceId: number, externalUserId: string, feedbackIds: number[]) {
  return db
    .selectFrom('feedback_votes as v')
    .select(['v.feedback_id', 'v.weight'])
    .where('v.user_id', '=', endUserId(db, workspaceId, externalUserId))
    .where('v.feedback_id', 'in', feedbackIds)
    .orderBy('v.feedback_id');
}

export function userVotesForItems(db: Db, workspaceId: number, externalUserId: string, feedbackIds: number[]) {
  return userVotesForItemsQuery(db, workspaceId, externalUserId, feedbackIds).execute();
}

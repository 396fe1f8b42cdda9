/**
 * @module
 * Votes: one per end user per item (UNIQUE), so voting twice counts once and concurrent duplicate
 * votes collapse in the database. Counters and the trend score follow through triggers.
 */
import type { Db } from '../db/client.ts';
import { endUserColumn, endUserId, upsertEndUser } from './end-users.ts';

export interface VoteTarget {
  workspaceId: number;
  feedbackId: number;
  externalUserId: string;
}

export interface NewVote extends VoteTarget {
  userName?: string;
  /** A valid identity token vouched for the voter. */
  verified: boolean;
  /** The token's weight claim, if any. */
  claimedWeight?: number;
  maxVoteWeight: number;
  at: number;
}

/**
 * A verified vote weighs the token's claim, else the weight an admin set for the user, else 1,
 * never more than the workspace maximum; an unverified vote weighs 1 and, on a vote the user
 * already has, changes no weight (it may have been cast with a token).
 */
export function castVoteStatements(db: Db, vote: NewVote) {
  const userId = endUserId(db, vote.workspaceId, vote.externalUserId);
  return [
    upsertEndUser(db, { workspaceId: vote.workspaceId, externalUserId: vote.externalUserId, name: vote.userName, verified: vote.verified, at: vote.at }),
    db
      .insertInto('feedback_votes')
      .values((eb) => ({
        feedback_id: vote.feedbackId,
        user_id: userId,
        weight: vote.verified
          ? eb.fn<number>('min', [
              eb.val(vote.maxVoteWeight),
              eb.fn.coalesce(eb.val(vote.claimedWeight ?? null), endUserColumn(db, vote.workspaceId, vote.externalUserId, 'vote_weight'), eb.lit(1)),
            ])
          : eb.lit(1),
        created_at: vote.at,
      }))
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
    voteStateQuery(db, vote),
  ] as const;
}

export function voteStateQuery(db: Db, vote: VoteTarget) {
  return db
    .selectFrom('feedback_items as f')
    .leftJoin('feedback_votes as v', (join) =>
      join.onRef('v.feedback_id', '=', 'f.id').on('v.user_id', '=', endUserId(db, vote.workspaceId, vote.externalUserId)),
    )
    .select(['f.vote_count', 'f.voter_count', 'v.weight'])
    .where('f.id', '=', vote.feedbackId);
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

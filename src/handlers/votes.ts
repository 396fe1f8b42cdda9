/** @module Votes: idempotent per end user, removable, and one user's votes for many items at once. */
import type { Handlers } from '../../generated/handlers.ts';
import { database, runBatch } from '../db/client.ts';
import { now } from '../lib/clock.ts';
import { resolveEndUser } from '../lib/end-user.ts';
import { conflict, notFound } from '../lib/problem.ts';
import { findWorkspaceBySlug } from '../queries/workspaces.ts';
import { castVoteStatements, removeVote, userVotesForItems } from '../queries/votes.ts';
import { requireBoardItem } from './feedback-view.ts';

export const votesHandlers: Pick<Handlers, 'voteFeedback' | 'unvoteFeedback' | 'getUserVotes'> = {
  voteFeedback: async (c) => {
    const { workspace, board, id } = c.req.valid('param');
    const body = c.req.valid('json');
    const db = database(c.env.DB);
    const { board: found, item } = await requireBoardItem(db, workspace, board, id);
    const user = await resolveEndUser(db, found, body.externalUserId, c.req.valid('header')['x-user-token']);
    if (item.mergedIntoId !== null) throw conflict(`Feedback item ${id} was merged into ${item.mergedIntoId}; vote there`);
    const results = await runBatch<{ vote_count: number; voter_count: number; weight: number }>(
      c.env.DB,
      [...castVoteStatements(db, {
        workspaceId: found.workspace_id,
        feedbackId: id,
        externalUserId: user.externalUserId,
        userName: user.name,
        verified: user.verified,
        claimedWeight: user.weight,
        maxVoteWeight: found.max_vote_weight,
        at: now(),
      })],
    );
    const state = results.at(-1)![0]!;
    return c.json(
      { feedbackId: id, externalUserId: user.externalUserId, weight: state.weight, voteCount: state.vote_count, voterCount: state.voter_count },
      200,
    );
  },

  unvoteFeedback: async (c) => {
    const { workspace, board, id } = c.req.valid('param');
    const { externalUserId } = c.req.valid('query');
    const db = database(c.env.DB);
    const { board: found } = await requireBoardItem(db, workspace, board, id);
    const user = await resolveEndUser(db, found, externalUserId, c.req.valid('header')['x-user-token']);
    await removeVote(db, { workspaceId: found.workspace_id, feedbackId: id, externalUserId: user.externalUserId }).execute();
    return c.body(null, 204);
  },

  getUserVotes: async (c) => {
    const { workspace: slug } = c.req.valid('param');
    const { externalUserId, ids } = c.req.valid('query');
    const db = database(c.env.DB);
    const workspace = await findWorkspaceBySlug(db, slug);
    if (!workspace) throw notFound(`Workspace "${slug}" does not exist`);
    const user = await resolveEndUser(db, { ...workspace, workspace_id: workspace.id }, externalUserId, c.req.valid('header')['x-user-token']);
    const feedbackIds = [...new Set(ids.split(',').map(Number))];
    const rows = await userVotesForItems(db, workspace.id, user.externalUserId, feedbackIds);
    return c.json({ externalUserId: user.externalUserId, votes: rows.map((r) => ({ feedbackId: r.feedback_id, weight: r.weight })) }, 200);
  },
};

/** @module Votes: idempotent per end user, removable, and one user's votes for many items at once. */
import type { Handlers } from '../../generated/handlers.ts';
import { database } from '../db/client.ts';
import { groupCommit } from '../db/group-commit.ts';
import { now } from '../lib/clock.ts';
import { resolveEndUser } from '../lib/end-user.ts';
import { conflict, notFound } from '../lib/problem.ts';
import { findWorkspaceBySlug } from '../queries/workspaces.ts';
import { compiledCastVote, removeVote, userVotesForItems, voteStateQuery } from '../queries/votes.ts';
import { boardItemOf, requireBoardItem } from './feedback-view.ts';

type VoteStateRow = Awaited<ReturnType<ReturnType<typeof voteStateQuery>['executeTakeFirstOrThrow']>>;

export const votesHandlers: Pick<Handlers, 'voteFeedback' | 'unvoteFeedback' | 'getUserVotes'> = {
  voteFeedback: async (c) => {
    const { workspace, board, id } = c.req.valid('param');
    const body = c.req.valid('json');
    const token = c.req.valid('header')['x-user-token'];
    const db = database(c.env.DB);
    // A token is checked against the workspace's secret first; without one, the lookup is part of
    // the vote's batch (one round trip), and what it finds missing is answered after it.
    const signed = token === undefined ? undefined : await resolveEndUser(db, (await requireBoardItem(db, workspace, board, id)).board, body.externalUserId, token);
    const results = await groupCommit<VoteStateRow>(
      c.env.DB,
      compiledCastVote({
        path: { workspace, board, feedbackId: id },
        externalUserId: body.externalUserId,
        userName: signed?.name,
        verified: signed !== undefined,
        claimedWeight: signed?.weight,
        at: now(),
      }),
      (running) => c.executionCtx.waitUntil(running),
    );
    const found = boardItemOf(results.at(-1)![0], workspace, board, id);
    if (!signed) await resolveEndUser(db, found.board, body.externalUserId, undefined);
    if (found.item.mergedIntoId !== null) throw conflict(`Feedback item ${id} was merged into ${found.item.mergedIntoId}; vote there`);
    const state = found.row;
    return c.json(
      { feedbackId: id, externalUserId: body.externalUserId, weight: state.weight!, voteCount: state.vote_count!, voterCount: state.voter_count! },
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

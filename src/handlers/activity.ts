/** @module getFeedbackActivity: the dashboard's activity panel, for a workspace key. */
import type { Handlers } from '../../generated/handlers.ts';
import { database } from '../db/client.ts';
import { keyWorkspace } from '../lib/auth.ts';
import { now } from '../lib/clock.ts';
import { commentsPerDayQuery, itemsPerDayQuery, trendingItemsQuery, votesPerDayQuery } from '../queries/activity.ts';

const DAY_MS = 86_400_000;

export const activityHandlers: Pick<Handlers, 'getFeedbackActivity'> = {
  getFeedbackActivity: async (c) => {
    const workspace = keyWorkspace(c);
    const { days = 14, top = 10 } = c.req.valid('query');
    const today = Math.floor(now() / DAY_MS);
    const since = (today - days + 1) * DAY_MS;
    const db = database(c.env.DB);
    const [items, votes, comments, trending] = await Promise.all([
      itemsPerDayQuery(db, workspace.id, since).execute(),
      votesPerDayQuery(db, workspace.id, since).execute(),
      commentsPerDayQuery(db, workspace.id, since).execute(),
      trendingItemsQuery(db, workspace.id, top).execute(),
    ]);
    const countOn = (rows: { day: number; count: number }[]) => new Map(rows.map((r) => [Number(r.day), Number(r.count)]));
    const [itemsOn, votesOn, commentsOn] = [countOn(items), countOn(votes), countOn(comments)];
    return c.json(
      {
        days: Array.from({ length: days }, (_, i) => {
          const day = today - days + 1 + i;
          return {
            date: new Date(day * DAY_MS).toISOString().slice(0, 10),
            items: itemsOn.get(day) ?? 0,
            votes: votesOn.get(day) ?? 0,
            comments: commentsOn.get(day) ?? 0,
          };
        }),
        topItems: trending.map((row) => ({
          id: row.id,
          board: row.board,
          title: row.title,
          status: row.status,
          voteCount: row.vote_count,
          commentCount: row.comment_count,
          trendScore: row.trend_score,
        })),
      },
      200,
    );
  },
};

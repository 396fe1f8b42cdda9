import { describe, expect, it } from 'vitest';
import type { FeedbackActivity } from '../../generated/schemas.ts';
import { expectAdminAuthProblems } from '../support/admin-auth.ts';
import { api, createFeedback, createWorkspace, expectProblem, json } from '../support/api.ts';

describe('getFeedbackActivity', () => {
  it('counts today’s items, votes and comments and ranks visible items by trend', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const quiet = await createFeedback(ws, 'Quiet');
    const popular = await createFeedback(ws, 'Popular');
    await createFeedback(other, 'Elsewhere');
    const item = (id: number) => `/api/v1/${ws.slug}/${ws.board}/feedback/${id}`;
    for (let u = 0; u < 3; u++) expect((await api(`${item(popular.id)}/votes`, { body: { externalUserId: `u${u}` } })).status).toBeLessThan(300);
    expect((await api(`${item(quiet.id)}/votes`, { body: { externalUserId: 'u0' } })).status).toBeLessThan(300);
    expect((await api(`${item(popular.id)}/comments`, { body: { externalUserId: 'u0', body: 'Yes please' } })).status).toBe(201);

    const res = await api(`/api/v1/${ws.slug}/admin/activity?days=7&top=5`, { key: ws.key });
    expect(res.status).toBe(200);
    const activity = await json<FeedbackActivity>(res);
    expect(activity.days).toHaveLength(7);
    expect(activity.days.at(-1)).toEqual({ date: new Date().toISOString().slice(0, 10), items: 2, votes: 4, comments: 1 });
    expect(activity.days.slice(0, -1).every((d) => d.items === 0 && d.votes === 0 && d.comments === 0)).toBe(true);
    expect(activity.topItems.map((i) => [i.title, i.voteCount, i.commentCount, i.board])).toEqual([
      ['Popular', 3, 1, ws.board],
      ['Quiet', 1, 0, ws.board],
    ]);
  });

  it('needs the workspace’s key and a window of 1 to 30 days', async () => {
    const ws = await expectAdminAuthProblems((slug) => `/api/v1/${slug}/admin/activity`);
    for (const bad of ['days=0', 'days=31', 'days=x', 'top=0', 'top=51']) {
      const problem = await expectProblem(await api(`/api/v1/${ws.slug}/admin/activity?${bad}`, { key: ws.key }), 400);
      expect(problem.errors?.[0]?.path).toBe(`query.${bad.split('=')[0]}`);
    }
    const defaults = await json<FeedbackActivity>(await api(`/api/v1/${ws.slug}/admin/activity`, { key: ws.key }));
    expect(defaults.days).toHaveLength(14);
  });
});

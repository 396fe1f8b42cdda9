import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json, type WorkspaceFixture } from '../support/api.ts';

type Item = { id: number; title: string; isPublic: boolean; priority: number };
type Phase = { id: number; name: string; position: number; items: Item[] };
type AdminRoadmap = { id: number; slug: string; name: string; isPublic: boolean; phases: Phase[] };

const admin = (ws: WorkspaceFixture, path = '') => `/api/v1/${ws.slug}/admin/roadmaps${path}`;

async function createRoadmap(ws: WorkspaceFixture, body: Record<string, unknown>): Promise<AdminRoadmap> {
  const res = await api(admin(ws), { body, key: ws.key });
  expect(res.status).toBe(201);
  return json<AdminRoadmap>(res);
}

async function addItem(ws: WorkspaceFixture, roadmap: string, body: Record<string, unknown>): Promise<Response> {
  return api(admin(ws, `/${roadmap}/items`), { body, key: ws.key });
}

describe('createRoadmap and getAdminRoadmap', () => {
  it('creating answers with the phases and their ids; a private roadmap is read with the key, items in order', async () => {
    const ws = await createWorkspace();
    const created = await createRoadmap(ws, { slug: 'private', name: 'Private', isPublic: false, phases: ['Now', 'Next'] });
    expect(created).toMatchObject({ slug: 'private', isPublic: false });
    expect(created.phases.map((p) => [p.name, p.position, p.items])).toEqual([['Now', 0, []], ['Next', 1, []]]);
    const [now, next] = created.phases;
    expect(typeof now!.id).toBe('number');

    expect((await addItem(ws, 'private', { phaseId: now!.id, title: 'Low', priority: 1 })).status).toBe(201);
    expect((await addItem(ws, 'private', { phaseId: now!.id, title: 'High', priority: 9, isPublic: false })).status).toBe(201);
    expect((await addItem(ws, 'private', { phaseId: next!.id, title: 'Later' })).status).toBe(201);
    await expectProblem(await api(`/api/v1/${ws.slug}/roadmaps/private`), 404);

    const res = await api(admin(ws, '/private'), { key: ws.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const read = await json<AdminRoadmap>(res);
    expect(read.phases.map((p) => [p.id, p.items.map((i) => [i.title, i.isPublic])])).toEqual([
      [now!.id, [['High', false], ['Low', true]]],
      [next!.id, [['Later', true]]],
    ]);
  });

  it('404 for a missing roadmap or another workspace’s; 401 and 403 for keys', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await createRoadmap(other, { slug: 'theirs', name: 'Theirs' });
    await expectProblem(await api(admin(ws, '/theirs'), { key: ws.key }), 404);
    await expectProblem(await api(admin(other, '/theirs')), 401);
    await expectProblem(await api(admin(other, '/theirs'), { key: ws.key }), 403);
  });
});

describe('roadmap rules', () => {
  it('a feedback item appears at most once per roadmap (409), though on several roadmaps', async () => {
    const ws = await createWorkspace();
    const feedback = await createFeedback(ws, 'Single sign-on');
    const a = await createRoadmap(ws, { slug: 'a', name: 'A', phases: ['Now', 'Next'] });
    const b = await createRoadmap(ws, { slug: 'b', name: 'B', phases: ['Now'] });
    expect((await addItem(ws, 'a', { phaseId: a.phases[0]!.id, feedbackId: feedback.id })).status).toBe(201);
    const again = await expectProblem(await addItem(ws, 'a', { phaseId: a.phases[1]!.id, feedbackId: feedback.id }), 409);
    expect(again.detail).toMatch(/already on roadmap "a"/);
    expect((await addItem(ws, 'b', { phaseId: b.phases[0]!.id, feedbackId: feedback.id })).status).toBe(201);
  });

  it('phase positions are unique (409) and reordered all at once, visibly at once on the public roadmap', async () => {
    const ws = await createWorkspace();
    const roadmap = await createRoadmap(ws, { slug: 'pub', name: 'Pub', phases: ['Now', 'Next', 'Later'] });
    const [now, next, later] = roadmap.phases.map((p) => p.id);
    const taken = await expectProblem(await api(admin(ws, `/pub/phases/${next}`), { method: 'PATCH', body: { position: 0 }, key: ws.key }), 409);
    expect(taken.detail).toMatch(/Position 0 is taken/);
    await expectProblem(await api(admin(ws, '/pub/phases'), { body: { name: 'Someday', position: 2 }, key: ws.key }), 409);

    const publicPath = `/api/v1/${ws.slug}/roadmaps/pub`;
    await api(publicPath);
    expect((await api(publicPath)).headers.get('X-Cache')).toBe('HIT');
    const res = await api(admin(ws, '/pub/phase-order'), { method: 'PUT', body: { phaseIds: [later, now, next] }, key: ws.key });
    expect(res.status).toBe(200);
    expect((await json<Phase[]>(res)).map((p) => [p.id, p.position])).toEqual([[later, 0], [now, 1], [next, 2]]);
    expect((await json<{ phases: Phase[] }>(await api(publicPath))).phases.map((p) => p.name)).toEqual(['Later', 'Now', 'Next']);
  });

  it('a reorder names every phase once: 400 naming the entry otherwise; 404 for a missing roadmap', async () => {
    const ws = await createWorkspace();
    const other = await createRoadmap(ws, { slug: 'other', name: 'Other', phases: ['X'] });
    const roadmap = await createRoadmap(ws, { slug: 'r', name: 'R', phases: ['Now', 'Next'] });
    const [now, next] = roadmap.phases.map((p) => p.id);
    const reorder = (phaseIds: unknown) => api(admin(ws, '/r/phase-order'), { method: 'PUT', body: { phaseIds }, key: ws.key });
    expect((await expectProblem(await reorder([now, now]), 400)).errors?.[0]?.path).toBe('body.phaseIds.1');
    expect((await expectProblem(await reorder([now, other.phases[0]!.id]), 400)).errors?.[0]?.path).toBe('body.phaseIds.1');
    expect((await expectProblem(await reorder([now]), 400)).errors?.[0]?.path).toBe('body.phaseIds');
    expect((await expectProblem(await reorder([]), 400)).errors?.[0]?.path).toBe('body.phaseIds');
    await expectProblem(await api(admin(ws, '/nope/phase-order'), { method: 'PUT', body: { phaseIds: [now, next] }, key: ws.key }), 404);
    // Nothing changed.
    const read = await json<AdminRoadmap>(await api(admin(ws, '/r'), { key: ws.key }));
    expect(read.phases.map((p) => p.id)).toEqual([now, next]);
  });
});

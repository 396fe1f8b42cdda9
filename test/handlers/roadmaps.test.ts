import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json, type WorkspaceFixture } from '../support/api.ts';

type Roadmap = { id: number; slug: string; name: string; isPublic: boolean; createdAt: string };
type Phase = { id: number; name: string; position: number };
type Item = { id: number; phaseId: number; feedbackId: number | null; title: string; description: string; isPublic: boolean; priority: number };
type PublicRoadmap = { slug: string; name: string; phases: (Phase & { items: Item[] })[] };

const admin = (ws: WorkspaceFixture, rest = '') => `/api/v1/${ws.slug}/admin/roadmaps${rest}`;

async function createRoadmap(ws: WorkspaceFixture, body: Record<string, unknown>): Promise<Roadmap> {
  const res = await api(admin(ws), { body, key: ws.key });
  expect(res.status).toBe(201);
  return json<Roadmap>(res);
}

async function createPhase(ws: WorkspaceFixture, roadmap: string, body: Record<string, unknown>): Promise<Phase> {
  const res = await api(admin(ws, `/${roadmap}/phases`), { body, key: ws.key });
  expect(res.status).toBe(201);
  return json<Phase>(res);
}

async function createItem(ws: WorkspaceFixture, roadmap: string, body: Record<string, unknown>): Promise<Item> {
  const res = await api(admin(ws, `/${roadmap}/items`), { body, key: ws.key });
  expect(res.status).toBe(201);
  return json<Item>(res);
}

/** Reads the public roadmap twice, proving the second read is a cache hit, so a later read can only change through invalidation. */
async function primedPublicRoadmap(ws: WorkspaceFixture, roadmap: string): Promise<PublicRoadmap> {
  const url = `/api/v1/${ws.slug}/roadmaps/${roadmap}`;
  const first = await api(url);
  expect(first.status).toBe(200);
  const second = await api(url);
  expect(second.headers.get('X-Cache')).toBe('HIT');
  return json<PublicRoadmap>(second);
}

function publicRoadmap(ws: WorkspaceFixture, roadmap: string): Promise<Response> {
  return api(`/api/v1/${ws.slug}/roadmaps/${roadmap}`);
}

describe('getPublicRoadmap', () => {
  it('shows phases by position with their public items by priority', async () => {
    const ws = await createWorkspace();
    await createRoadmap(ws, { slug: 'product', name: 'Product' });
    const later = await createPhase(ws, 'product', { name: 'Later', position: 2 });
    const now = await createPhase(ws, 'product', { name: 'Now', position: 0 });
    await createPhase(ws, 'product', { name: 'Next', position: 1 });
    await primedPublicRoadmap(ws, 'product');
    const low = await createItem(ws, 'product', { phaseId: now.id, title: 'Low', priority: 1 });
    const high = await createItem(ws, 'product', { phaseId: now.id, title: 'High', priority: 9, description: 'Soon' });
    await createItem(ws, 'product', { phaseId: now.id, title: 'Secret', priority: 5, isPublic: false });
    const laterItem = await createItem(ws, 'product', { phaseId: later.id, title: 'Someday' });

    const res = await publicRoadmap(ws, 'product');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toContain('max-age=300');
    const body = await json<PublicRoadmap>(res);
    expect(body.slug).toBe('product');
    expect(body.name).toBe('Product');
    expect(body.phases.map((p) => [p.name, p.position])).toEqual([['Now', 0], ['Next', 1], ['Later', 2]]);
    expect(body.phases[0]!.items.map((i) => i.id)).toEqual([high.id, low.id]);
    expect(body.phases[0]!.items[0]).toEqual({ id: high.id, phaseId: now.id, feedbackId: null, title: 'High', description: 'Soon', isPublic: true, priority: 9 });
    expect(body.phases[1]!.items).toEqual([]);
    expect(body.phases[2]!.items).toEqual([laterItem]);
  });

  it('404 for an unknown workspace, an unknown roadmap or a private one; 400 for a malformed slug', async () => {
    const ws = await createWorkspace();
    await createRoadmap(ws, { slug: 'internal', name: 'Internal', isPublic: false });
    await expectProblem(await publicRoadmap(ws, 'internal'), 404);
    await expectProblem(await publicRoadmap(ws, 'nope'), 404);
    await expectProblem(await api('/api/v1/no-such-workspace-r/roadmaps/internal'), 404);
    expect((await expectProblem(await publicRoadmap(ws, 'Bad_Slug'), 400)).errors?.[0]?.path).toBe('path.roadmap');
  });

  it('reflects every kind of roadmap change on the next read, though the previous read was cached', async () => {
    const ws = await createWorkspace();
    await createRoadmap(ws, { slug: 'public', name: 'Public', phases: ['Now'] });
    const nowPhase = (await primedPublicRoadmap(ws, 'public')).phases[0]!;

    const item = await createItem(ws, 'public', { phaseId: nowPhase.id, title: 'First', priority: 1 });
    expect((await primedPublicRoadmap(ws, 'public')).phases[0]!.items.map((i) => i.title)).toEqual(['First']);

    await api(admin(ws, `/public/items/${item.id}`), { method: 'PATCH', body: { title: 'Renamed' }, key: ws.key });
    expect((await primedPublicRoadmap(ws, 'public')).phases[0]!.items.map((i) => i.title)).toEqual(['Renamed']);

    const next = await createPhase(ws, 'public', { name: 'Next' });
    expect((await primedPublicRoadmap(ws, 'public')).phases.map((p) => p.name)).toEqual(['Now', 'Next']);

    // Positions are unique: the one moving away goes first.
    await api(admin(ws, `/public/phases/${nowPhase.id}`), { method: 'PATCH', body: { position: 5 }, key: ws.key });
    await api(admin(ws, `/public/phases/${next.id}`), { method: 'PATCH', body: { name: 'Soon', position: 0 }, key: ws.key });
    expect((await primedPublicRoadmap(ws, 'public')).phases.map((p) => p.name)).toEqual(['Soon', 'Now']);

    await api(admin(ws, `/public/items/${item.id}`), { method: 'PATCH', body: { phaseId: next.id }, key: ws.key });
    const moved = await primedPublicRoadmap(ws, 'public');
    expect(moved.phases.map((p) => p.items.map((i) => i.id))).toEqual([[item.id], []]);

    await api(admin(ws, `/public/items/${item.id}`), { method: 'PATCH', body: { isPublic: false }, key: ws.key });
    expect((await primedPublicRoadmap(ws, 'public')).phases.flatMap((p) => p.items)).toEqual([]);
    await api(admin(ws, `/public/items/${item.id}`), { method: 'PATCH', body: { isPublic: true }, key: ws.key });
    expect((await primedPublicRoadmap(ws, 'public')).phases.flatMap((p) => p.items.map((i) => i.id))).toEqual([item.id]);

    expect((await api(admin(ws, `/public/items/${item.id}`), { method: 'DELETE', key: ws.key })).status).toBe(204);
    expect((await primedPublicRoadmap(ws, 'public')).phases.flatMap((p) => p.items)).toEqual([]);
    expect((await api(admin(ws, `/public/phases/${nowPhase.id}`), { method: 'DELETE', key: ws.key })).status).toBe(204);
    expect((await primedPublicRoadmap(ws, 'public')).phases.map((p) => p.name)).toEqual(['Soon']);

    await api(admin(ws, '/public'), { method: 'PATCH', body: { name: 'Our plans' }, key: ws.key });
    expect((await primedPublicRoadmap(ws, 'public')).name).toBe('Our plans');

    await api(admin(ws, '/public'), { method: 'PATCH', body: { isPublic: false }, key: ws.key });
    await expectProblem(await publicRoadmap(ws, 'public'), 404);
    await api(admin(ws, '/public'), { method: 'PATCH', body: { isPublic: true }, key: ws.key });
    await primedPublicRoadmap(ws, 'public');

    expect((await api(admin(ws, '/public'), { method: 'DELETE', key: ws.key })).status).toBe(204);
    await expectProblem(await publicRoadmap(ws, 'public'), 404);
  });
});

describe('roadmap administration', () => {
  it('creates with phases in order, lists, updates and deletes roadmaps', async () => {
    const ws = await createWorkspace();
    const created = await createRoadmap(ws, { slug: 'b-roadmap', name: 'B', phases: ['One', 'Two', 'Three'] });
    expect(created).toMatchObject({ slug: 'b-roadmap', name: 'B', isPublic: true });
    await createRoadmap(ws, { slug: 'a-roadmap', name: 'A', isPublic: false });
    const listed = await json<Roadmap[]>(await api(admin(ws), { key: ws.key }));
    expect(listed.map((r) => [r.slug, r.isPublic])).toEqual([['a-roadmap', false], ['b-roadmap', true]]);
    expect((await json<PublicRoadmap>(await publicRoadmap(ws, 'b-roadmap'))).phases.map((p) => [p.name, p.position]))
      .toEqual([['One', 0], ['Two', 1], ['Three', 2]]);

    const updated = await api(admin(ws, '/a-roadmap'), { method: 'PATCH', body: { name: 'A2', isPublic: true }, key: ws.key });
    expect(await json(updated)).toMatchObject({ slug: 'a-roadmap', name: 'A2', isPublic: true });

    // A roadmap with phases and items goes as a whole.
    const phase = (await json<PublicRoadmap>(await publicRoadmap(ws, 'b-roadmap'))).phases[0]!;
    await createItem(ws, 'b-roadmap', { phaseId: phase.id, title: 'Item' });
    expect((await api(admin(ws, '/b-roadmap'), { method: 'DELETE', key: ws.key })).status).toBe(204);
    expect((await json<Roadmap[]>(await api(admin(ws), { key: ws.key }))).map((r) => r.slug)).toEqual(['a-roadmap']);
  });

  it('409 for a taken slug; 400 naming bad fields and repeated phase names; 404 for a missing roadmap', async () => {
    const ws = await createWorkspace();
    await createRoadmap(ws, { slug: 'taken', name: 'Taken' });
    await expectProblem(await api(admin(ws), { body: { slug: 'taken', name: 'Again' }, key: ws.key }), 409);
    const repeated = await expectProblem(await api(admin(ws), { body: { slug: 'fresh', name: 'F', phases: ['A', 'B', 'A'] }, key: ws.key }), 400);
    expect(repeated.errors?.[0]?.path).toBe('body.phases.2');
    // Nothing of the rejected roadmap was written.
    await expectProblem(await publicRoadmap(ws, 'fresh'), 404);
    expect((await expectProblem(await api(admin(ws), { body: { slug: 'Bad Slug', name: 'x' }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.slug');
    expect((await expectProblem(await api(admin(ws), { body: { slug: 'ok', name: '' }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.name');
    expect((await expectProblem(await api(admin(ws), { body: { slug: 'ok', name: 'x', phases: [''] }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.phases.0');
    expect((await expectProblem(await api(admin(ws, '/taken'), { method: 'PATCH', body: { bogus: true }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.bogus');
    await expectProblem(await api(admin(ws, '/taken'), { method: 'PATCH', body: {}, key: ws.key }), 400);
    await expectProblem(await api(admin(ws, '/nope'), { method: 'PATCH', body: { name: 'x' }, key: ws.key }), 404);
    await expectProblem(await api(admin(ws, '/nope'), { method: 'DELETE', key: ws.key }), 404);
    expect((await expectProblem(await api(admin(ws, '/Bad_Slug'), { method: 'DELETE', key: ws.key }), 400)).errors?.[0]?.path).toBe('path.roadmap');
  });
});

describe('roadmap phases', () => {
  it('appends a phase after the last one unless a position is given; renames and repositions', async () => {
    const ws = await createWorkspace();
    await createRoadmap(ws, { slug: 'r', name: 'R', phases: ['A', 'B'] });
    expect(await createPhase(ws, 'r', { name: 'C' })).toMatchObject({ name: 'C', position: 2 });
    expect(await createPhase(ws, 'r', { name: 'D', position: 10 })).toMatchObject({ name: 'D', position: 10 });
    await createRoadmap(ws, { slug: 'empty', name: 'Empty' });
    const first = await createPhase(ws, 'empty', { name: 'First' });
    expect(first.position).toBe(0);
    const res = await api(admin(ws, `/empty/phases/${first.id}`), { method: 'PATCH', body: { name: 'Renamed', position: 3 }, key: ws.key });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ id: first.id, name: 'Renamed', position: 3 });
  });

  it('400 without a name or with bad fields; 409 for a taken name or a phase with items; 404 for a missing roadmap or phase', async () => {
    const ws = await createWorkspace();
    await createRoadmap(ws, { slug: 'r', name: 'R', phases: ['A', 'B'] });
    await createRoadmap(ws, { slug: 'other', name: 'Other', phases: ['X'] });
    const [a, b] = (await json<PublicRoadmap>(await publicRoadmap(ws, 'r'))).phases;
    const x = (await json<PublicRoadmap>(await publicRoadmap(ws, 'other'))).phases[0]!;

    expect((await expectProblem(await api(admin(ws, '/r/phases'), { body: { position: 1 }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.name');
    expect((await expectProblem(await api(admin(ws, '/r/phases'), { body: { name: 'P', position: -1 }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.position');
    await expectProblem(await api(admin(ws, '/r/phases'), { body: {}, key: ws.key }), 400);
    await expectProblem(await api(admin(ws, '/r/phases'), { body: { name: 'A' }, key: ws.key }), 409);
    await expectProblem(await api(admin(ws, '/nope/phases'), { body: { name: 'A' }, key: ws.key }), 404);

    await expectProblem(await api(admin(ws, `/r/phases/${b!.id}`), { method: 'PATCH', body: { name: 'A' }, key: ws.key }), 409);
    expect((await expectProblem(await api(admin(ws, `/r/phases/${b!.id}`), { method: 'PATCH', body: { name: '' }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.name');
    expect((await expectProblem(await api(admin(ws, '/r/phases/abc'), { method: 'PATCH', body: { name: 'Z' }, key: ws.key }), 400)).errors?.[0]?.path).toBe('path.phaseId');
    await expectProblem(await api(admin(ws, `/r/phases/${x.id}`), { method: 'PATCH', body: { name: 'Z' }, key: ws.key }), 404);
    await expectProblem(await api(admin(ws, `/nope/phases/${a!.id}`), { method: 'PATCH', body: { name: 'Z' }, key: ws.key }), 404);

    await createItem(ws, 'r', { phaseId: a!.id, title: 'Keeps A alive' });
    await expectProblem(await api(admin(ws, `/r/phases/${a!.id}`), { method: 'DELETE', key: ws.key }), 409);
    await expectProblem(await api(admin(ws, `/r/phases/${x.id}`), { method: 'DELETE', key: ws.key }), 404);
    await expectProblem(await api(admin(ws, `/nope/phases/${b!.id}`), { method: 'DELETE', key: ws.key }), 404);
    expect((await expectProblem(await api(admin(ws, '/r/phases/0'), { method: 'DELETE', key: ws.key }), 400)).errors?.[0]?.path).toBe('path.phaseId');
    expect((await api(admin(ws, `/r/phases/${b!.id}`), { method: 'DELETE', key: ws.key })).status).toBe(204);
    await expectProblem(await api(admin(ws, `/r/phases/${b!.id}`), { method: 'DELETE', key: ws.key }), 404);
  });
});

describe('roadmap items', () => {
  it('takes the title from a linked feedback item unless one is given', async () => {
    const ws = await createWorkspace();
    const feedback = await createFeedback(ws, 'Dark mode please');
    await createRoadmap(ws, { slug: 'r', name: 'R', phases: ['Now'] });
    const phase = (await json<PublicRoadmap>(await publicRoadmap(ws, 'r'))).phases[0]!;
    expect(await createItem(ws, 'r', { phaseId: phase.id, feedbackId: feedback.id }))
      .toMatchObject({ phaseId: phase.id, feedbackId: feedback.id, title: 'Dark mode please', description: '', isPublic: true, priority: 0 });
    const other = await createFeedback(ws, 'Light mode too');
    expect(await createItem(ws, 'r', { phaseId: phase.id, feedbackId: other.id, title: 'Theming' }))
      .toMatchObject({ feedbackId: other.id, title: 'Theming' });
  });

  it('400 naming the field for a missing title, a foreign phase or feedback item; 404 for a missing roadmap or item', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    const foreignFeedback = await createFeedback(other, 'Elsewhere');
    await createRoadmap(ws, { slug: 'r', name: 'R', phases: ['Now'] });
    await createRoadmap(ws, { slug: 'other', name: 'Other', phases: ['Elsewhere'] });
    const phase = (await json<PublicRoadmap>(await publicRoadmap(ws, 'r'))).phases[0]!;
    const otherPhase = (await json<PublicRoadmap>(await publicRoadmap(ws, 'other'))).phases[0]!;
    const items = admin(ws, '/r/items');

    expect((await expectProblem(await api(items, { body: { phaseId: phase.id }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.title');
    expect((await expectProblem(await api(items, { body: { title: 'x' }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.phaseId');
    expect((await expectProblem(await api(items, { body: { phaseId: otherPhase.id, title: 'x' }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.phaseId');
    expect((await expectProblem(await api(items, { body: { phaseId: phase.id, feedbackId: foreignFeedback.id }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.feedbackId');
    expect((await expectProblem(await api(items, { body: { phaseId: phase.id, title: 'x', priority: 1001 }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.priority');
    await expectProblem(await api(admin(ws, '/nope/items'), { body: { phaseId: phase.id, title: 'x' }, key: ws.key }), 404);

    const item = await createItem(ws, 'r', { phaseId: phase.id, title: 'Real' });
    const itemUrl = admin(ws, `/r/items/${item.id}`);
    expect((await expectProblem(await api(itemUrl, { method: 'PATCH', body: { phaseId: otherPhase.id }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.phaseId');
    expect((await expectProblem(await api(itemUrl, { method: 'PATCH', body: { title: '' }, key: ws.key }), 400)).errors?.[0]?.path).toBe('body.title');
    await expectProblem(await api(itemUrl, { method: 'PATCH', body: {}, key: ws.key }), 400);
    await expectProblem(await api(admin(ws, `/other/items/${item.id}`), { method: 'PATCH', body: { title: 'x' }, key: ws.key }), 404);
    await expectProblem(await api(admin(ws, `/nope/items/${item.id}`), { method: 'PATCH', body: { title: 'x' }, key: ws.key }), 404);
    await expectProblem(await api(admin(ws, `/other/items/${item.id}`), { method: 'DELETE', key: ws.key }), 404);
    expect((await expectProblem(await api(admin(ws, '/r/items/x'), { method: 'DELETE', key: ws.key }), 400)).errors?.[0]?.path).toBe('path.itemId');

    const updated = await api(itemUrl, { method: 'PATCH', body: { description: 'Details', priority: 7 }, key: ws.key });
    expect(await json(updated)).toMatchObject({ id: item.id, title: 'Real', description: 'Details', priority: 7 });
    expect((await api(itemUrl, { method: 'DELETE', key: ws.key })).status).toBe(204);
    await expectProblem(await api(itemUrl, { method: 'DELETE', key: ws.key }), 404);
  });
});

describe('roadmap administration credentials', () => {
  it('401 without or with an invalid key, 403 with another workspace’s key or for an unknown workspace', async () => {
    const ws = await createWorkspace();
    const other = await createWorkspace();
    await createRoadmap(ws, { slug: 'r', name: 'R', phases: ['Now'] });
    const phase = (await json<PublicRoadmap>(await publicRoadmap(ws, 'r'))).phases[0]!;
    const item = await createItem(ws, 'r', { phaseId: phase.id, title: 'Item' });
    const requests: [string, string, unknown][] = [
      ['GET', '', undefined],
      ['POST', '', { slug: 'new', name: 'New' }],
      ['PATCH', '/r', { name: 'x' }],
      ['DELETE', '/r', undefined],
      ['POST', '/r/phases', { name: 'P' }],
      ['PATCH', `/r/phases/${phase.id}`, { name: 'P' }],
      ['DELETE', `/r/phases/${phase.id}`, undefined],
      ['POST', '/r/items', { phaseId: phase.id, title: 'x' }],
      ['PATCH', `/r/items/${item.id}`, { title: 'x' }],
      ['DELETE', `/r/items/${item.id}`, undefined],
    ];
    for (const [method, path, body] of requests) {
      await expectProblem(await api(admin(ws, path), { method, body }), 401);
      await expectProblem(await api(admin(ws, path), { method, body, key: 'fpk_not-a-key' }), 401);
      await expectProblem(await api(admin(ws, path), { method, body, key: other.key }), 403);
      await expectProblem(await api(`/api/v1/no-such-workspace-r/admin/roadmaps${path}`, { method, body, key: ws.key }), 403);
    }
    // Nothing changed.
    expect((await json<PublicRoadmap>(await publicRoadmap(ws, 'r'))).phases[0]!.items.map((i) => i.title)).toEqual(['Item']);
  });
});

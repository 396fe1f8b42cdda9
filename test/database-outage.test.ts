import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, PLATFORM_TOKEN, uniqueSlug, type WorkspaceFixture } from './support/api.ts';
import { read } from './cache/support.ts';
import { databaseSnapshot, withD1Failing, type D1Fault } from './support/d1-faults.ts';

interface Fixture {
  ws: WorkspaceFixture;
  item: number;
  other: number;
}

type Operation = (f: Fixture) => Promise<Response>;

const base = (f: Fixture) => `/api/v1/${f.ws.slug}/${f.ws.board}/feedback`;
const admin = (f: Fixture, rest: string) => `/api/v1/${f.ws.slug}/admin${rest}`;

/** One of each class: public and admin writes (single statements and batches), uncached and credentialed reads. */
const writes: Record<string, Operation> = {
  createFeedback: (f) => api(base(f), { body: { title: 'Written in an outage', externalUserId: 'u1' } }),
  voteFeedback: (f) => api(`${base(f)}/${f.item}/votes`, { body: { externalUserId: 'u2' } }),
  unvoteFeedback: (f) => api(`${base(f)}/${f.item}/votes?externalUserId=voter`, { method: 'DELETE' }),
  createComment: (f) => api(`${base(f)}/${f.item}/comments`, { body: { body: 'Comment in an outage', externalUserId: 'u3' } }),
  createWorkspace: () => api('/api/v1/workspaces', { body: { slug: 'outage-workspace', name: 'Outage' }, key: PLATFORM_TOKEN }),
  updateWorkspace: (f) => api(admin(f, '/workspace'), { method: 'PATCH', body: { name: 'Renamed in an outage' }, key: f.ws.key }),
  createBoard: (f) => api(admin(f, '/boards'), { body: { slug: 'outage', name: 'Outage' }, key: f.ws.key }),
  updateFeedback: (f) => api(admin(f, `/feedback/${f.item}`), { method: 'PATCH', body: { isHidden: true }, key: f.ws.key }),
  mergeFeedback: (f) => api(admin(f, `/feedback/${f.item}/merge`), { body: { duplicateId: f.other }, key: f.ws.key }),
  deleteFeedback: (f) => api(admin(f, `/feedback/${f.other}`), { method: 'DELETE', key: f.ws.key }),
  deleteBoard: (f) => api(admin(f, `/boards/${f.ws.board}`), { method: 'DELETE', key: f.ws.key }),
};

const reads: Record<string, Operation> = {
  getUserVotes: (f) => api(`/api/v1/${f.ws.slug}/votes?externalUserId=voter&ids=${f.item}`),
  listAdminFeedback: (f) => api(admin(f, '/feedback'), { key: f.ws.key }),
  listBoards: (f) => api(admin(f, '/boards'), { key: f.ws.key }),
  getWorkspace: (f) => api(admin(f, '/workspace'), { key: f.ws.key }),
  'listFeedback with credentials (bypasses the cache)': (f) => api(base(f), { key: f.ws.key }),
};

async function fixture(): Promise<Fixture> {
  const ws = await createWorkspace();
  const item = (await createFeedback(ws, 'Target')).id;
  const other = (await createFeedback(ws, 'Other')).id;
  expect((await api(`/api/v1/${ws.slug}/${ws.board}/feedback/${item}/votes`, { body: { externalUserId: 'voter' } })).status).toBe(200);
  return { ws, item, other };
}

const FAULTS: D1Fault[] = ['outage', 'timeout', 'overload'];

/**
 * Runs `operation` with the database failing from its first statement, then its second, and so
 * on until it succeeds (each cut with the next kind of fault): every cut answers 503 with
 * Retry-After and leaves every row as it was. Returns the number of cuts.
 */
async function expectUnavailableAtEveryCut(f: Fixture, operation: Operation): Promise<number> {
  for (let cut = 0; cut < 12; cut++) {
    const fault = FAULTS[cut % FAULTS.length]!;
    const before = await databaseSnapshot();
    const res = await withD1Failing(fault, cut, () => operation(f));
    if (res.status < 500) return cut;
    const problem = await expectProblem(res, 503);
    expect(problem.type).toBe('/problems/unavailable');
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await databaseSnapshot(), `a D1 ${fault} after ${cut} statements left a partial write`).toBe(before);
  }
  throw new Error('the operation never succeeded');
}

describe('D1 unavailable, timing out or overloaded', () => {
  it.each(Object.keys(writes))('%s: 503 with Retry-After at every point, nothing half written', async (name) => {
    const f = await fixture();
    expect(await expectUnavailableAtEveryCut(f, writes[name]!)).toBeGreaterThan(1);
  });

  it.each(Object.keys(reads))('%s: 503 with Retry-After', async (name) => {
    const f = await fixture();
    expect(await expectUnavailableAtEveryCut(f, reads[name]!)).toBeGreaterThan(0);
  });

  it.each(FAULTS)('a cached read with an entry keeps serving it on a D1 %s (stale-if-error)', async (fault) => {
    const f = await fixture();
    const path = `/api/v1/${f.ws.slug}/${f.ws.board}/feedback/${f.item}`;
    const miss = await read(path);
    const served = await withD1Failing(fault, 0, () => read(path));
    expect(served).toMatchObject({ status: 200, body: miss.body });
  });
});

it('a workspace slug left free by a failed create can be created afterwards', async () => {
  const slug = uniqueSlug('after-outage');
  const create = () => api('/api/v1/workspaces', { body: { slug, name: 'After' }, key: PLATFORM_TOKEN });
  await expectProblem(await withD1Failing('outage', 0, create), 503);
  expect((await create()).status).toBe(201);
});

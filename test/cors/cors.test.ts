/**
 * CORS through the Worker: public reads for any origin, end-user writes and per-user reads only
 * from the workspace's allowedOrigins (nothing written otherwise), preflights, requests without
 * Origin unaffected, admin operations without CORS headers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json, type WorkspaceFixture } from '../support/api.ts';

const ALLOWED = 'https://app.example.com';
const OTHER = 'https://evil.example.net';

let ws: WorkspaceFixture;
let itemId: number;
beforeAll(async () => {
  ws = await createWorkspace();
  const res = await api(`/api/v1/${ws.slug}/admin/widget-config`, {
    method: 'PUT',
    key: ws.key,
    body: { defaultBoard: 'main', position: 'bottom-right', theme: 'auto', showRoadmap: true, locale: 'en', allowedOrigins: [ALLOWED, 'http://localhost:3000'] },
  });
  expect(res.status).toBe(200);
  itemId = (await createFeedback(ws, 'CORS target')).id;
});

const feedbackPath = () => `/api/v1/${ws.slug}/${ws.board}/feedback`;
const votesPath = () => `${feedbackPath()}/${itemId}/votes`;

/** Every item with its counters, as an admin sees them (uncached). */
async function items(): Promise<{ title: string; voteCount: number; commentCount: number }[]> {
  const res = await api(`/api/v1/${ws.slug}/admin/feedback`, { key: ws.key });
  return (await json<{ title: string; voteCount: number; commentCount: number }[]>(res)).map(({ title, voteCount, commentCount }) => ({ title, voteCount, commentCount }));
}

describe('public reads', () => {
  it('answer Access-Control-Allow-Origin * to every origin and without one, exposing Link', async () => {
    for (const headers of [{ Origin: OTHER }, { Origin: ALLOWED }, {}] as Record<string, string>[]) {
      for (const path of [feedbackPath(), `/api/v1/${ws.slug}/widget-config`, `/api/v1/${ws.slug}/branding`, `${feedbackPath()}/${itemId}/comments`]) {
        const res = await api(path, { headers });
        expect([path, res.status, res.headers.get('Access-Control-Allow-Origin')]).toEqual([path, 200, '*']);
        expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
        expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Link');
      }
    }
  });
});

describe('end-user writes and per-user reads', () => {
  it('from an allowed origin: the origin echoed with Vary: Origin', async () => {
    const res = await api(feedbackPath(), { headers: { Origin: ALLOWED }, body: { title: 'From the allowed site', externalUserId: 'cors-1' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    expect(res.headers.get('Vary')).toContain('Origin');
    const vote = await api(votesPath(), { headers: { Origin: ALLOWED }, body: { externalUserId: 'cors-1' } });
    expect(vote.status).toBe(200);
    expect(vote.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    const votes = await api(`/api/v1/${ws.slug}/votes?externalUserId=cors-1&ids=${itemId}`, { headers: { Origin: ALLOWED } });
    expect(votes.status).toBe(200);
    expect(votes.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    const unvote = await api(`${votesPath()}?externalUserId=cors-1`, { method: 'DELETE', headers: { Origin: ALLOWED } });
    expect(unvote.status).toBe(204);
    expect(unvote.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
  });

  it('a validation error from an allowed origin is readable by the page', async () => {
    const res = await api(feedbackPath(), { headers: { Origin: ALLOWED }, body: { title: '', externalUserId: 'cors-1' } });
    await expectProblem(res, 400);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
  });

  it('from another origin: 403 problem, no CORS grant, nothing written (even without a preflight)', async () => {
    const before = await items();
    const create = await api(feedbackPath(), { headers: { Origin: OTHER, 'Content-Type': 'text/plain' }, body: JSON.stringify({ title: 'Forged', externalUserId: 'cors-2' }) });
    const problem = await expectProblem(create, 403);
    expect(problem.detail).toContain(OTHER);
    expect(create.headers.get('Access-Control-Allow-Origin')).toBeNull();
    // Almost the allowed origin is not the allowed origin: exact match only.
    for (const origin of [OTHER, 'https://app.example.com:8443', 'http://app.example.com', 'null']) {
      const vote = await api(votesPath(), { headers: { Origin: origin }, body: { externalUserId: 'cors-2' } });
      await expectProblem(vote, 403);
    }
    await expectProblem(await api(`${votesPath()}?externalUserId=cors-1`, { method: 'DELETE', headers: { Origin: OTHER } }), 403);
    await expectProblem(await api(`${feedbackPath()}/${itemId}/comments`, { headers: { Origin: OTHER }, body: { body: 'Forged', externalUserId: 'cors-2' } }), 403);
    await expectProblem(await api(`/api/v1/${ws.slug}/votes?externalUserId=cors-1&ids=${itemId}`, { headers: { Origin: OTHER } }), 403);
    expect(await items()).toEqual(before);
  });

  it('without Origin (a server, a load test): unaffected, no CORS headers', async () => {
    const res = await api(feedbackPath(), { body: { title: 'From a server', externalUserId: 'cors-3' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('from the API’s own origin (the demo page): allowed', async () => {
    const res = await api(feedbackPath(), { headers: { Origin: 'https://api.test' }, body: { title: 'From the demo page', externalUserId: 'cors-4' } });
    expect(res.status).toBe(201);
  });
});

describe('preflight', () => {
  it('answers 204 with methods, headers and max-age to an allowed origin', async () => {
    const res = await api(votesPath(), { method: 'OPTIONS', headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'content-type, x-user-token' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ALLOWED);
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('POST, DELETE');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('Content-Type, X-User-Token');
    expect(res.headers.get('Access-Control-Max-Age')).toBe('7200');
    expect(res.headers.get('Vary')).toContain('Origin');
    const list = await api(feedbackPath(), { method: 'OPTIONS', headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST' } });
    expect(list.headers.get('Access-Control-Allow-Methods')).toBe('POST');
  });

  it('answers 403 problem to an origin not allowed, 404 for an unknown workspace', async () => {
    const res = await api(votesPath(), { method: 'OPTIONS', headers: { Origin: OTHER, 'Access-Control-Request-Method': 'POST' } });
    await expectProblem(res, 403);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await expectProblem(await api(`/api/v1/no-such-ws/main/feedback`, { method: 'OPTIONS', headers: { Origin: ALLOWED } }), 404);
  });

  it('admin paths have no preflight and admin answers no CORS headers', async () => {
    const preflight = await api(`/api/v1/${ws.slug}/admin/boards`, { method: 'OPTIONS', headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const admin = await api(`/api/v1/${ws.slug}/admin/boards`, { key: ws.key, headers: { Origin: ALLOWED } });
    expect(admin.status).toBe(200);
    expect(admin.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

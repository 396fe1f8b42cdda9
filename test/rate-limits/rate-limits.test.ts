/**
 * Rate limits (`x-rate-limit`) through the Worker with the local Workers Rate Limiting bindings:
 * per end user, per client IP and per workspace tier; a limited request is a 429 problem with
 * Retry-After and the IETF RateLimit headers, and changes nothing.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api, createFeedback, createWorkspace, expectProblem, json, PLATFORM_TOKEN, setRateLimitTiers, type WorkspaceFixture } from '../support/api.ts';

/** The local binding counts in windows aligned to the clock: start a burst well inside one. */
async function insideOneWindow(periodSeconds = 60, needSeconds = 20): Promise<void> {
  const into = Date.now() % (periodSeconds * 1000);
  if (into > (periodSeconds - needSeconds) * 1000) await new Promise((r) => setTimeout(r, periodSeconds * 1000 - into + 50));
}

async function voteCount(id: number): Promise<number> {
  const row = await env.DB.prepare('SELECT vote_count FROM feedback_items WHERE id = ?').bind(id).first<{ vote_count: number }>();
  return row!.vote_count;
}

function vote(ws: WorkspaceFixture, id: number, user: string, headers: Record<string, string> = {}): Promise<Response> {
  return api(`/api/v1/${ws.slug}/${ws.board}/feedback/${id}/votes`, { body: { externalUserId: user }, headers });
}

// Bursts of sequential requests, and a wait for a fresh window: slow on a loaded machine.
describe('rate limits', { timeout: 120_000 }, () => {
  it('a burst from one end user gets 429 with Retry-After and RateLimit headers; other users are unaffected; nothing changes', async () => {
    const ws = await createWorkspace();
    const items = await Promise.all([1, 2, 3].map((i) => createFeedback(ws, `Item number ${i}`)));
    const target = (await createFeedback(ws, 'The target item')).id;
    await insideOneWindow();
    // 20 votes per minute per end user (x-rate-limit of voteFeedback), spread over other items.
    for (let i = 0; i < 20; i++) expect((await vote(ws, items[i % 3]!.id, 'burst-user')).status).toBe(200);
    const before = await voteCount(target);

    const limited = await vote(ws, target, 'burst-user');
    const problem = await expectProblem(limited, 429);
    expect(problem.type).toBe('/problems/rate-limited');
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(limited.headers.get('RateLimit-Policy')).toBe('"user";q=20;w=60');
    expect(limited.headers.get('RateLimit')).toBe('"user";r=0;t=60');
    expect(await voteCount(target)).toBe(before);

    expect((await vote(ws, target, 'another-user')).status).toBe(200);
    expect(await voteCount(target)).toBe(before + 1);
  });

  it('anonymous writes are limited per client IP across end users; another IP is unaffected', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    await insideOneWindow();
    const ip = { 'CF-Connecting-IP': '203.0.113.7' };
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await vote(ws, item.id, `ip-user-${i}`, ip)).status);
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(200));
    expect(statuses[60]).toBe(429);
    expect(await voteCount(item.id)).toBe(60);
    expect((await vote(ws, item.id, 'ip-user-61', { 'CF-Connecting-IP': '198.51.100.1' })).status).toBe(200);
  });

  it('a limited create stores nothing', async () => {
    const ws = await createWorkspace();
    await insideOneWindow();
    const create = () => api(`/api/v1/${ws.slug}/${ws.board}/feedback`, { body: { title: 'One more idea', externalUserId: 'prolific' } });
    for (let i = 0; i < 20; i++) expect((await create()).status).toBe(201);
    await expectProblem(await create(), 429);
    const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM feedback_items f JOIN workspaces w ON w.id = f.workspace_id WHERE w.slug = ?').bind(ws.slug).first<{ n: number }>();
    expect(row!.n).toBe(20);
  });

  it('workspace tiers: raised allows ten times the limit, exempt counts nothing, standard restores it', async () => {
    const ws = await createWorkspace();
    const item = await createFeedback(ws);
    await insideOneWindow();
    const set = await setRateLimitTiers(ws.slug, { ip: 'standard', user: 'raised', apiKey: 'standard' });
    expect(await json(set)).toEqual({ ip: 'standard', user: 'raised', apiKey: 'standard' });
    for (let i = 0; i < 25; i++) expect((await vote(ws, item.id, 'raised-user')).status).toBe(200);

    await setRateLimitTiers(ws.slug, { ip: 'exempt', user: 'exempt', apiKey: 'exempt' });
    for (let i = 0; i < 25; i++) expect((await vote(ws, item.id, 'exempt-user')).status).toBe(200);

    await setRateLimitTiers(ws.slug, { ip: 'standard', user: 'standard', apiKey: 'standard' });
    for (let i = 0; i < 20; i++) expect((await vote(ws, item.id, 'standard-user')).status).toBe(200);
    const limited = await vote(ws, item.id, 'standard-user');
    await expectProblem(limited, 429);
    expect(limited.headers.get('RateLimit-Policy')).toBe('"user";q=20;w=60');
  });

  it('setting tiers needs the platform token, a known workspace and a valid body', async () => {
    const ws = await createWorkspace();
    const path = `/api/v1/workspaces/${ws.slug}/rate-limits`;
    const body = { ip: 'exempt', user: 'exempt', apiKey: 'exempt' };
    await expectProblem(await api(path, { method: 'PUT', body }), 401);
    await expectProblem(await api(path, { method: 'PUT', body, key: ws.key }), 401);
    await expectProblem(await api(path, { method: 'PUT', body, key: `${PLATFORM_TOKEN}x` }), 401);
    await expectProblem(await api('/api/v1/workspaces/no-such-workspace-zz/rate-limits', { method: 'PUT', body, key: PLATFORM_TOKEN }), 404);
    const bad = await expectProblem(await api(path, { method: 'PUT', body: { ...body, user: 'unlimited' }, key: PLATFORM_TOKEN }), 400);
    expect(bad.errors?.map((e) => e.path)).toEqual(['body.user']);
  });
});

/**
 * @module
 * Test helpers: requests through the Worker (SELF, real D1 with migrations, real Cache API) and
 * fixtures created through the API itself.
 */
import { SELF } from 'cloudflare:test';
import { now } from '../../src/lib/clock.ts';
import { signIdentity } from '../../src/lib/identity.ts';

let counter = 0;
/** A slug unique within the test run, so tests never share a workspace or a cache entry. */
export function uniqueSlug(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export const PLATFORM_TOKEN = 'test-platform-token';

export interface RequestOptions {
  method?: string;
  body?: unknown;
  key?: string;
  headers?: Record<string, string>;
}

export function api(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  return SELF.fetch(`https://api.test${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
}

/** The URL of a list's next page, from its Link header. */
export function nextLink(res: Response): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('Link') ?? '')?.[1];
}

export async function json<T = unknown>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export interface WorkspaceFixture {
  slug: string;
  key: string;
  identitySecret: string;
  identityKeyId: string;
  board: string;
}

/** Sets a workspace's rate-limit tiers (platform token). */
export async function setRateLimitTiers(slug: string, tiers: Record<'ip' | 'user' | 'apiKey', string>): Promise<Response> {
  return api(`/api/v1/workspaces/${slug}/rate-limits`, { method: 'PUT', body: tiers, key: PLATFORM_TOKEN });
}

/**
 * A new workspace (platform token) with one board (workspace key). Tests of something other than
 * rate limits that write in bulk from one client ask for `exemptFromRateLimits`.
 */
export async function createWorkspace(options: { exemptFromRateLimits?: boolean } = {}): Promise<WorkspaceFixture> {
  const slug = uniqueSlug('ws');
  const created = await api('/api/v1/workspaces', { body: { slug, name: `Workspace ${slug}` }, key: PLATFORM_TOKEN });
  if (created.status !== 201) throw new Error(`createWorkspace: ${created.status} ${await created.text()}`);
  const body = await json<{ apiKey: { key: string }; identitySecret: string; identityKeyId: string }>(created);
  const board = 'main';
  const boardRes = await api(`/api/v1/${slug}/admin/boards`, { body: { slug: board, name: 'Main' }, key: body.apiKey.key });
  if (boardRes.status !== 201) throw new Error(`createBoard: ${boardRes.status} ${await boardRes.text()}`);
  if (options.exemptFromRateLimits) {
    const exempt = await setRateLimitTiers(slug, { ip: 'exempt', user: 'exempt', apiKey: 'exempt' });
    if (exempt.status !== 200) throw new Error(`setRateLimitTiers: ${exempt.status} ${await exempt.text()}`);
  }
  return { slug, key: body.apiKey.key, identitySecret: body.identitySecret, identityKeyId: body.identityKeyId, board };
}

export async function createFeedback(ws: WorkspaceFixture, title = 'A feedback item', extra: Record<string, unknown> = {}): Promise<{ id: number }> {
  const res = await api(`/api/v1/${ws.slug}/${ws.board}/feedback`, { body: { title, externalUserId: 'author-1', ...extra } });
  if (res.status !== 201) throw new Error(`createFeedback: ${res.status} ${await res.text()}`);
  return json<{ id: number }>(res);
}

export async function expectProblem(response: Response, status: number): Promise<{ type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] }> {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
  if (!response.headers.get('Content-Type')?.startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${response.headers.get('Content-Type')}`);
  }
  const body = await json<{ type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] }>(response);
  if (body.status !== status) throw new Error(`problem status ${body.status} != ${status}`);
  return body;
}

/** An identity token for `sub`, signed with the workspace's current secret, valid for 10 minutes. */
export function userToken(ws: WorkspaceFixture, sub: string, claims: { name?: string; weight?: number } = {}): Promise<string> {
  return signIdentity(ws.identitySecret, { sub, kid: ws.identityKeyId, exp: Math.floor(now() / 1000) + 600, ...claims });
}

/**
 * A vote by `externalUserId`. End users cannot choose a weight: with one, the vote travels with a
 * signed token claiming it (the workspace's default maximum is 10); without, it is unsigned (weight 1).
 */
export async function castVote(ws: WorkspaceFixture, id: number, externalUserId: string, weight?: number, board = ws.board): Promise<Response> {
  const headers: Record<string, string> = weight === undefined ? {} : { 'X-User-Token': await userToken(ws, externalUserId, { weight }) };
  return api(`/api/v1/${ws.slug}/${board}/feedback/${id}/votes`, { body: { externalUserId }, headers });
}

/**
 * The fuzz test from the spec: for every operation, at least 40 invalid or hostile requests
 * generated from its spec entry with a fixed seed (path and query values in other spellings and
 * types, missing and unknown fields, huge and unicode strings, bad cursors, wrong media types and
 * methods, bad credentials). Each must answer without a 5xx, as problem+json, with a status the
 * spec declares for that operation, and leave the stored state as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/lib/mulberry32.ts';
import { api, createFeedback, createWorkspace, json, PLATFORM_TOKEN, type WorkspaceFixture } from '../support/api.ts';
import { fuzzCases, MIN_CASES, specOperations, type Credentials, type FuzzRequest, type SpecOperation } from './cases.ts';
import { fingerprint } from './fingerprint.ts';
import { SELF } from 'cloudflare:test';

const SEED = 20261130;
/** Requests in flight at once: enough to be quick, few enough for a loaded machine. */
const CONCURRENCY = 6;

let ws: WorkspaceFixture;
let other: WorkspaceFixture;
let valid: Record<string, string>;

async function created<T>(res: Response): Promise<T> {
  if (res.status >= 300) throw new Error(`fixture: ${res.status} ${await res.text()}`);
  return json<T>(res);
}

/** One of each resource, so path values name things that exist and input reaches validation. */
async function fixture(): Promise<void> {
  ws = await createWorkspace({ exemptFromRateLimits: true });
  other = await createWorkspace({ exemptFromRateLimits: true });
  const key = ws.key;
  const [parent, duplicate] = [await createFeedback(ws, 'Fuzz parent'), await createFeedback(ws, 'Fuzz duplicate')];
  const group = await created<{ id: number }>(await api(`/api/v1/${ws.slug}/admin/feedback/${parent.id}/merge`, { body: { duplicateId: duplicate.id }, key }));
  await created(await api(`/api/v1/${ws.slug}/admin/roadmaps`, { body: { slug: 'fuzz-roadmap', name: 'Fuzz roadmap', phases: ['Now'] }, key }));
  const phase = await created<{ id: number }>(await api(`/api/v1/${ws.slug}/admin/roadmaps/fuzz-roadmap/phases`, { body: { name: 'Later' }, key }));
  const item = await created<{ id: number }>(await api(`/api/v1/${ws.slug}/admin/roadmaps/fuzz-roadmap/items`, { body: { phaseId: phase.id, feedbackId: parent.id }, key }));
  const theme = await created<{ id: number }>(await api(`/api/v1/${ws.slug}/admin/themes`, { body: { name: 'Fuzz theme' }, key }));
  const apiKey = await created<{ id: number }>(await api(`/api/v1/${ws.slug}/admin/api-keys`, { body: { name: 'second' }, key }));
  // A first use of each key, so no later fuzz request is the one that records it.
  await api(`/api/v1/${ws.slug}/admin/workspace`, { key });
  await api(`/api/v1/${other.slug}/admin/workspace`, { key: other.key });
  valid = {
    workspace: ws.slug, board: ws.board, id: String(parent.id), roadmap: 'fuzz-roadmap', phaseId: String(phase.id),
    itemId: String(item.id), themeId: String(theme.id), keyId: String(apiKey.id), groupId: String(group.id),
  };
}

function credentials(op: SpecOperation): Credentials {
  const schemes = new Set(op.security.flatMap((alternative) => Object.keys(alternative)));
  const optional = op.security.some((alternative) => Object.keys(alternative).length === 0);
  const malformed = [{ what: 'Basic scheme', authorization: 'Basic Zm9vOmJhcg==' }, { what: 'empty bearer', authorization: 'Bearer ' }];
  // A credential of a scheme the operation also accepts is not a wrong one.
  const wrongPlatform = schemes.has('platformToken') ? [] : [{ what: 'the platform token', authorization: `Bearer ${PLATFORM_TOKEN}` }];
  if (schemes.has('platformToken')) {
    const wrongKey = schemes.has('workspaceKey') ? [] : [{ what: 'a workspace key', authorization: `Bearer ${ws.key}` }];
    return {
      authorization: `Bearer ${PLATFORM_TOKEN}`,
      wrong: [{ what: 'none' }, ...malformed, { what: 'wrong token', authorization: `Bearer ${PLATFORM_TOKEN}-not` }, ...wrongKey],
    };
  }
  if (schemes.has('workspaceKey')) {
    const wrong = [...malformed, { what: 'unknown key', authorization: `Bearer fpk_${'x'.repeat(43)}` }, { what: "another workspace's key", authorization: `Bearer ${other.key}` }, ...wrongPlatform];
    return optional ? { wrong } : { authorization: `Bearer ${ws.key}`, wrong: [{ what: 'none' }, ...wrong] };
  }
  return { wrong: [] };
}

function seedOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return hash;
}

async function send(request: FuzzRequest): Promise<Response> {
  return SELF.fetch(`https://api.test${request.path}`, { method: request.method, headers: request.headers, body: request.body });
}

async function check(op: SpecOperation, request: FuzzRequest): Promise<string | undefined> {
  const res = await send(request);
  const where = `${request.what}: ${request.method} ${request.path.slice(0, 120)} → ${res.status}`;
  const text = await res.text();
  if (res.status >= 500) return `${where} (server error) ${text.slice(0, 200)}`;
  if (!op.responses.includes(String(res.status))) return `${where} is not declared (declared: ${op.responses.join(', ')}) ${text.slice(0, 200)}`;
  if (!res.headers.get('Content-Type')?.startsWith('application/problem+json')) return `${where} is not problem+json: ${res.headers.get('Content-Type')} ${text.slice(0, 120)}`;
  const problem = JSON.parse(text) as { status?: number; type?: string };
  if (problem.status !== res.status || typeof problem.type !== 'string') return `${where}: problem body ${text.slice(0, 200)}`;
  if (res.status === 405 && !res.headers.get('Allow')) return `${where}: 405 without Allow`;
  return undefined;
}

describe('fuzz from the spec', { timeout: 180_000 }, () => {
  beforeAll(fixture, 120_000);

  for (const op of specOperations()) {
    it(`${op.operationId}: ${MIN_CASES}+ hostile requests answer a declared 4xx problem and change nothing`, async () => {
      // Seeded per operation, so one operation's cases do not depend on which others run.
      const cases = fuzzCases(op, valid, credentials(op), mulberry32(SEED ^ seedOf(op.operationId)));
      expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
      const slugs = [ws.slug, other.slug];
      const before = await fingerprint(slugs);
      const failures: string[] = [];
      for (let i = 0; i < cases.length; i += CONCURRENCY) {
        const outcomes = await Promise.all(cases.slice(i, i + CONCURRENCY).map((request) => check(op, request)));
        failures.push(...outcomes.filter((f): f is string => f !== undefined));
      }
      expect(failures).toEqual([]);
      expect(await fingerprint(slugs)).toBe(before);
    });
  }
});

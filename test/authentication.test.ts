/**
 * Every operation the spec secures authenticates before it validates or looks anything up: the
 * operations come from the generated spec, and each is called with bodies, paths and queries that
 * are valid, invalid or name nothing that exists.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import spec from '../generated/spec.json';
import { api, createWorkspace, expectProblem, json, PLATFORM_TOKEN, uniqueSlug, type RequestOptions, type WorkspaceFixture } from './support/api.ts';

interface SecuredOperation {
  operationId: string;
  method: string;
  path: string;
  scheme: 'workspaceKey' | 'platformToken';
  /** `security` also holds `{}`: anonymous calls are allowed, credentials are checked when sent. */
  anonymous: boolean;
  hasBody: boolean;
}

type SpecOperation = { operationId?: string; security?: Record<string, string[]>[]; requestBody?: unknown };

const securedOperations: SecuredOperation[] = Object.entries(spec.paths as unknown as Record<string, Record<string, SpecOperation>>).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, op]) => {
    const schemes = (op.security ?? []).flatMap((requirement) => Object.keys(requirement));
    if (!op.operationId || schemes.length === 0) return [];
    return [{
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      scheme: schemes[0] as SecuredOperation['scheme'],
      anonymous: (op.security ?? []).some((requirement) => Object.keys(requirement).length === 0),
      hasBody: op.requestBody !== undefined,
    }];
  }),
);

/** The operation's URL with every `{param}` filled: `workspace` as given, the others with `other`. */
function url(op: SecuredOperation, workspace: string, other: string, query: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(name === 'workspace' ? workspace : other)) + query;
}

/** Requests that differ in everything but their credentials: real, unknown and malformed targets, bodies and queries. */
function variants(op: SecuredOperation, ws: WorkspaceFixture): { path: string; options: Omit<RequestOptions, 'key' | 'headers'> }[] {
  const validBody = { name: 'Valid', slug: 'valid', title: 'Valid', body: 'Valid', externalUserId: 'u' };
  const targets: [workspace: string, other: string, query: string, body: unknown][] = [
    [ws.slug, '1', '', validBody],
    [ws.slug, 'x y!', '?limit=0&unknown=1', {}],
    [uniqueSlug('missing'), '999999999', '', '{"not json'],
    ['Not A Slug!', ws.board, '?unknown=1', validBody],
  ];
  return targets.map(([workspace, other, query, body]) => ({ path: url(op, workspace, other, query), options: { method: op.method, ...(op.hasBody && { body }) } }));
}

describe('authentication before validation, for every secured operation in the spec', () => {
  let ws: WorkspaceFixture;
  let other: WorkspaceFixture;
  beforeAll(async () => {
    [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  });

  it('the spec secures the admin API, the platform API and the comment endpoints', () => {
    const ids = securedOperations.map((op) => op.operationId);
    expect(ids).toEqual(expect.arrayContaining(['createWorkspace', 'getWorkspace', 'createBoard', 'revokeApiKey', 'listComments', 'createComment']));
    expect(securedOperations.filter((op) => !op.anonymous).length).toBeGreaterThanOrEqual(31);
  });

  it.each(securedOperations.map((op) => [op.operationId, op] as const))('%s: 401 without or with bad credentials, 403 with another workspace’s key', async (_, op) => {
    for (const { path, options } of variants(op, ws)) {
      const where = `${op.method} ${path} ${JSON.stringify(options.body)}`;
      const answers: [string, Response, number][] = [
        ['unknown key', await api(path, { ...options, key: 'fpk_unknown' }), 401],
        ['not a bearer credential', await api(path, { ...options, headers: { Authorization: 'Basic dXNlcjpwYXNz' } }), 401],
      ];
      if (!op.anonymous) answers.push(['no credentials', await api(path, options), 401]);
      // A workspace key stands for the workspace in the path; where the path names none (a key or the
      // platform token), any workspace's key authenticates, as its own workspace.
      if (op.scheme === 'workspaceKey' && op.path.includes('{workspace}')) answers.push(['another workspace’s key', await api(path, { ...options, key: other.key }), 403]);
      for (const [credentials, response, status] of answers) {
        if (response.status !== status) throw new Error(`${where} with ${credentials}: expected ${status}, got ${response.status} ${await response.text()}`);
        const problem = await expectProblem(response, status);
        if (status === 401) expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
        expect(problem.type).toBe(status === 401 ? '/problems/unauthorized' : '/problems/forbidden');
      }
    }
  });

  it('the rejected requests changed nothing, though many had valid bodies', async () => {
    for (const fixture of [ws, other]) {
      const list = async (what: string) => json<unknown[]>(await api(`/api/v1/${fixture.slug}/admin/${what}`, { key: fixture.key }));
      expect(await list('boards')).toEqual([expect.objectContaining({ slug: 'main' })]);
      expect(await list('api-keys')).toHaveLength(1);
      for (const what of ['roadmaps', 'themes', 'feedback']) expect(await list(what)).toEqual([]);
    }
    await expectProblem(await api('/api/v1/valid/widget-config'), 404);
  });

  it.each(securedOperations.map((op) => [op.operationId, op] as const))('%s: the right credentials pass on to validation and lookups', async (_, op) => {
    const key = op.scheme === 'workspaceKey' ? ws.key : PLATFORM_TOKEN;
    const response = await api(url(op, ws.slug, 'x y!', '?unknown=1'), { method: op.method, key, ...(op.hasBody && { body: '{"not json' }) });
    // Past authentication the request is judged on its merits: a malformed one is the client's
    // mistake (400), an operation with nothing to malform answers.
    expect(response.status, await response.clone().text()).not.toBeOneOf([401, 403]);
    expect(response.status).toBeLessThan(500);
    if (op.hasBody) await expectProblem(response, 400);
  });
});

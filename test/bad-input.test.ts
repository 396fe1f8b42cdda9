/**
 * Every operation of the spec, fed bad input: malformed JSON, wrong types, unknown fields,
 * out-of-range path values, missing resources. Each answer must be a 4xx problem+json, never a 5xx.
 */
import { describe, expect, it } from 'vitest';
import spec from '../generated/spec.json';
import { api, createFeedback, createWorkspace, type WorkspaceFixture } from './support/api.ts';

type Operation = { operationId: string; requestBody?: unknown };
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

const operations = Object.entries(spec.paths as unknown as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
  methods.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
);

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '1');
}

const badBodies: { name: string; body: string }[] = [
  { name: 'malformed JSON', body: '{"title": ' },
  { name: 'a JSON array', body: '[1, 2, 3]' },
  { name: 'wrong types', body: JSON.stringify({ title: 42, name: false, slug: 7, externalUserId: [], weight: 'heavy', body: {}, phaseId: 'x' }) },
  { name: 'unknown fields only', body: JSON.stringify({ surprise: true }) },
  { name: 'null', body: 'null' },
];

describe('bad input never causes a 5xx', () => {
  let ws: WorkspaceFixture;
  let values: Record<string, string>;

  it('fixture', async () => {
    ws = await createWorkspace();
    const item = await createFeedback(ws);
    values = { workspace: ws.slug, board: ws.board, id: String(item.id), roadmap: 'none', phaseId: '1', itemId: '1', themeId: '1', keyId: '1', groupId: '1' };
  });

  for (const { path, method, op } of operations) {
    it(`${op.operationId}: bad bodies, bad path values and missing resources are 4xx problems`, async () => {
      const requests: { url: string; body?: string }[] = [];
      if (op.requestBody) for (const bad of badBodies) requests.push({ url: fill(path, values), body: bad.body });
      if (/\{(id|phaseId|itemId|themeId|keyId|groupId)\}/.test(path)) {
        for (const id of ['0', '-1', 'abc', '1e3', '99999999999999999999', '9007199254740991']) {
          requests.push({ url: fill(path, { ...values, id, phaseId: id, itemId: id, themeId: id, keyId: id, groupId: id }) });
        }
      }
      if (path.includes('{workspace}')) requests.push({ url: fill(path, { ...values, workspace: 'UPPER_case' }) }, { url: fill(path, { ...values, workspace: 'missing-workspace-zz' }) });
      for (const request of requests) {
        const res = await api(request.url, {
          method: method.toUpperCase(),
          key: path.includes('/workspaces') ? 'test-platform-token' : ws.key,
          ...(request.body !== undefined && { body: request.body }),
        });
        const where = `${method.toUpperCase()} ${request.url} ${request.body ?? ''}`;
        expect(res.status, where).toBeGreaterThanOrEqual(400);
        expect(res.status, where).toBeLessThan(500);
        expect(res.headers.get('Content-Type'), where).toMatch(/^application\/problem\+json/);
        await res.arrayBuffer();
      }
    });
  }
});

import { describe, expect, it } from 'vitest';
import spec from '../generated/spec.json';
import { api, expectProblem, json } from './support/api.ts';

type Operations = Record<string, Record<string, Record<string, unknown>>>;

function operations(doc: { paths: Operations }) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        operationId: op.operationId,
        extensions: Object.fromEntries(Object.entries(op).filter(([k]) => k.startsWith('x-'))),
      })),
  ).sort((a, b) => a.key.localeCompare(b.key));
}

describe('served contract', () => {
  it('/openapi.json has the spec’s paths, operations and x-* extensions', async () => {
    const res = await api('/openapi.json');
    expect(res.status).toBe(200);
    const served = await json<{ openapi: string; paths: Operations; 'x-slo': unknown }>(res);
    expect(served.openapi).toBe('3.1.0');
    expect(operations(served)).toEqual(operations(spec as unknown as { paths: Operations }));
    expect(served['x-slo']).toEqual(spec['x-slo']);
  });

  it('/docs serves the interactive reference', async () => {
    const res = await api('/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/openapi.json');
  });

  it('unknown routes are 404 problems', async () => {
    await expectProblem(await api('/nope'), 404);
  });

  it('/healthz answers', async () => {
    const res = await api('/healthz');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true });
  });
});

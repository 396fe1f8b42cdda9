import { describe, expect, it } from 'vitest';
import spec from '../generated/spec.json';
import { parse } from 'yaml';
import specYaml from '../spec/openapi.yaml?raw';
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
  it('/openapi.json is spec/openapi.yaml, nothing lost (minProperties, format, x-* included)', async () => {
    const res = await api('/openapi.json');
    expect(res.status).toBe(200);
    const served = await json<Record<string, unknown>>(res);
    expect(served).toEqual(parse(specYaml));
    // What the zod-built document used to drop:
    expect(JSON.stringify(served)).toContain('"minProperties":1');
    expect(JSON.stringify(served)).toContain('"format":"date-time"');
    expect(operations(served as { paths: Operations })).toEqual(operations(spec as unknown as { paths: Operations }));
  });

  it('a known path with an unsupported method is 405 with Allow', async () => {
    const res = await api('/api/v1/some-ws/main/feedback/1', { method: 'DELETE' });
    const problem = await expectProblem(res, 405);
    expect(problem.type).toBe('/problems/method-not-allowed');
    expect(res.headers.get('Allow')).toBe('GET, HEAD');
    const votes = await api('/api/v1/some-ws/main/feedback/1/votes', { method: 'PUT', body: {} });
    await expectProblem(votes, 405);
    expect(votes.headers.get('Allow')).toBe('POST, DELETE, OPTIONS');
    await expectProblem(await api('/openapi.json', { method: 'POST', body: {} }), 405);
  });

  it('a body that is not JSON is a declared 415', async () => {
    const res = await api('/api/v1/some-ws/main/feedback', { body: 'title=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const problem = await expectProblem(res, 415);
    expect(problem.type).toBe('/problems/unsupported-media-type');
    expect(Object.keys((spec.paths['/api/v1/{workspace}/{board}/feedback'] as { post: { responses: object } }).post.responses)).toContain('415');
  });

  it('/docs is served from this origin with a CSP, nosniff and no framing; its script is a hashed, immutable asset', async () => {
    const res = await api('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https:)/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('data-url="/openapi.json"');
    expect(html).not.toMatch(/https?:\/\//);
    const script = /<script src="(\/docs\/api-reference\.[0-9a-f]{16}\.js)" integrity="(sha384-[^"]+)"/.exec(html);
    expect(script).not.toBeNull();
    const asset = await api(script![1]!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('Cache-Control')).toContain('immutable');
    const body = new Uint8Array(await asset.arrayBuffer());
    expect(body.byteLength).toBeGreaterThan(100_000);
    const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-384', body))));
    expect(`sha384-${digest}`).toBe(script![2]);
    await expectProblem(await api('/docs/api-reference.0000000000000000.js'), 404);
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

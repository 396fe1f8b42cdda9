/**
 * Assets through the Worker, as built by `npm run build:assets`: the loader's and a hashed file's
 * headers, each encoding, q-values, 304, HEAD, unknown versions. A Worker's fetch decodes the
 * body by its Content-Encoding, so a body read here is the decoded one (proving the encoding
 * header matches the bytes); the raw bytes on the wire are checked over HTTP in test/e2e.
 */
import { describe, expect, it } from 'vitest';
import { builtAssets } from '../../build/assets/manifest.ts';
import type { BuiltAsset } from '../../src/lib/assets/built-asset.ts';
import { api, createWorkspace } from '../support/api.ts';

function asset(predicate: (a: BuiltAsset) => boolean): BuiltAsset {
  const found = builtAssets.find(predicate);
  if (!found) throw new Error('asset not built');
  return found;
}
const bundle = asset((a) => a.entry === 'widget');
const loader = asset((a) => a.path === '/widget.js');
const identityText = (a: BuiltAsset) => Buffer.from(a.encodings.identity.base64, 'base64').toString('utf8');

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await api(path, { headers, method });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('hashed bundle', () => {
  it('is immutable for a year, in every encoding, with its exact length and a strong ETag per encoding', async () => {
    const expected = identityText(bundle);
    const etags = new Set<string>();
    for (const coding of ['br', 'gzip', 'identity'] as const) {
      const { res, bytes } = await get(bundle.path, { 'Accept-Encoding': coding === 'identity' ? 'identity' : `${coding}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('CDN-Cache-Control')).toBe('max-age=31536000');
      expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('Vary')).toBe('Accept-Encoding');
      expect(res.headers.get('Content-Encoding')).toBe(coding === 'identity' ? null : coding);
      expect(res.headers.get('Content-Length')).toBe(String(bundle.encodings[coding].bytes));
      expect(new TextDecoder().decode(bytes)).toBe(expected);
      const etag = res.headers.get('ETag')!;
      expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
      etags.add(etag);
    }
    expect(etags.size).toBe(3);
  });

  it('negotiates by q-value: br first on a tie, a higher q wins, q=0 excludes, * covers the rest', async () => {
    const cases: [string | undefined, string | null][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['br;q=0, gzip;q=0', null],
      ['*', 'br'],
      ['deflate', null],
      ['identity;q=0, *;q=0.1', 'br'],
      [undefined, null],
    ];
    for (const [header, encoding] of cases) {
      const { res } = await get(bundle.path, header === undefined ? {} : { 'Accept-Encoding': header });
      expect([header, res.status, res.headers.get('Content-Encoding')]).toEqual([header, 200, encoding]);
    }
  });

  it('answers 406 problem when every encoding is excluded', async () => {
    const { res, bytes } = await get(bundle.path, { 'Accept-Encoding': 'br;q=0, gzip;q=0, identity;q=0' });
    expect(res.status).toBe(406);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({ type: '/problems/not-acceptable', status: 406 });
  });

  it('answers 304 to If-None-Match with the ETag of the negotiated encoding, 200 to another encoding', async () => {
    const { res } = await get(bundle.path, { 'Accept-Encoding': 'br' });
    const etag = res.headers.get('ETag')!;
    const again = await get(bundle.path, { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(again.res.status).toBe(304);
    expect(again.bytes.byteLength).toBe(0);
    expect(again.res.headers.get('ETag')).toBe(etag);
    expect(again.res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(again.res.headers.get('Vary')).toBe('Accept-Encoding');
    const weak = await get(bundle.path, { 'Accept-Encoding': 'br', 'If-None-Match': `"other", W/${etag}` });
    expect(weak.res.status).toBe(304);
    const gzip = await get(bundle.path, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(gzip.res.status).toBe(200);
    expect(gzip.res.headers.get('Content-Encoding')).toBe('gzip');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const { res, bytes } = await get(bundle.path, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(bytes.byteLength).toBe(0);
    expect(res.headers.get('Content-Length')).toBe(String(bundle.encodings.gzip.bytes));
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
  });

  it('an unknown version is a 404 problem naming the current one; other unknown files are plain 404s', async () => {
    const { res, bytes } = await get('/widget.0000000000000000.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toBe('application/problem+json');
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    const problem = JSON.parse(new TextDecoder().decode(bytes)) as { type: string; detail: string };
    expect(problem.type).toBe('/problems/not-found');
    expect(problem.detail).toContain(bundle.path);
    const other = await get('/nothing.0000000000000000.js');
    expect(other.res.status).toBe(404);
    expect(other.res.headers.get('Content-Type')).toBe('application/problem+json');
  });
});

describe('loader /widget.js', () => {
  it('is revalidated after five minutes, served stale up to a day, names the current bundle', async () => {
    const { res, bytes } = await get('/widget.js', { 'Accept-Encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(res.headers.get('CDN-Cache-Control')).toBe('max-age=300, stale-while-revalidate=86400');
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(res.headers.get('Content-Length')).toBe(String(loader.encodings.br.bytes));
    expect(new TextDecoder().decode(bytes)).toContain(bundle.path);
    const revalidated = await get('/widget.js', { 'Accept-Encoding': 'br, gzip', 'If-None-Match': res.headers.get('ETag')! });
    expect(revalidated.res.status).toBe(304);
  });
});

describe('pages', () => {
  it('/widget/demo is HTML embedding the loader, revalidated like the loader', async () => {
    const { res, bytes } = await get('/widget/demo', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(new TextDecoder().decode(bytes)).toContain('<script async src="/widget.js" data-workspace="demo" data-board="main"></script>');
  });
});

describe('every response has a CDN class', () => {
  it('writes and admin reads are dynamic; cached reads carry their x-cache policy for the CDN too', async () => {
    const health = await api('/healthz');
    expect(health.headers.get('Cache-Control')).toBe('private, no-store');
    const missing = await api('/api/v1/no-such-workspace/main/feedback');
    expect(missing.headers.get('Cache-Control')).toBe('private, no-store');
    const ws = await createWorkspace();
    const write = await api(`/api/v1/${ws.slug}/${ws.board}/feedback`, { body: { title: 'CDN classes', externalUserId: 'u1' } });
    expect(write.headers.get('Cache-Control')).toBe('private, no-store');
    const admin = await api(`/api/v1/${ws.slug}/admin/boards`, { key: ws.key });
    expect(admin.headers.get('Cache-Control')).toBe('private, no-store');
    const list = await api(`/api/v1/${ws.slug}/${ws.board}/feedback`);
    expect(list.headers.get('Cache-Control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(list.headers.get('CDN-Cache-Control')).toBe('max-age=60, stale-while-revalidate=300');
    const branding = await api(`/api/v1/${ws.slug}/branding`);
    expect(branding.headers.get('Cache-Control')).toBe('public, max-age=3600');
    expect(branding.headers.get('CDN-Cache-Control')).toBe('max-age=3600');
  });
});

import { describe, expect, it } from 'vitest';
import { expectAdminAuthProblems } from '../support/admin-auth.ts';
import { api, createWorkspace, expectProblem, json, uniqueSlug, type WorkspaceFixture } from '../support/api.ts';

const configPath = (workspace: string) => `/api/v1/${workspace}/widget-config`;
const adminConfigPath = (workspace: string) => `/api/v1/${workspace}/admin/widget-config`;
const brandingPath = (workspace: string) => `/api/v1/${workspace}/branding`;
const adminBrandingPath = (workspace: string) => `/api/v1/${workspace}/admin/branding`;

const config = {
  defaultBoard: 'main',
  position: 'top-left',
  theme: 'dark',
  showRoadmap: false,
  locale: 'de-DE',
  allowedOrigins: ['https://app.example.com', 'http://localhost:3000'],
};

const branding = {
  name: 'Acme Feedback',
  logoUrl: 'https://cdn.example.com/logo.svg',
  primaryColor: '#112233',
  accentColor: '#AABBCC',
  fontFamily: 'Inter, sans-serif',
};

/**
 * A public GET, read as the widget reads it. The cache entry is written in the background
 * (waitUntil) after a MISS, so a test expecting a HIT retries briefly until the entry is stored.
 */
async function publicGet(path: string, expected?: 'HIT'): Promise<{ status: number; cache: string | null; cacheControl: string | null; body: unknown }> {
  for (let attempt = 0; ; attempt++) {
    const res = await api(path);
    const result = { status: res.status, cache: res.headers.get('X-Cache'), cacheControl: res.headers.get('Cache-Control'), body: await res.json() };
    if (expected === undefined || result.cache === expected || attempt === 20) return result;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function putConfig(ws: WorkspaceFixture, body: unknown, key = ws.key): Promise<Response> {
  return api(adminConfigPath(ws.slug), { method: 'PUT', body, key });
}

function putBranding(ws: WorkspaceFixture, body: unknown, key = ws.key): Promise<Response> {
  return api(adminBrandingPath(ws.slug), { method: 'PUT', body, key });
}

describe('getWidgetConfig', () => {
  it('serves a new workspace’s defaults: MISS, then HIT from the cache', async () => {
    const ws = await createWorkspace();
    const first = await publicGet(configPath(ws.slug));
    expect(first).toEqual({
      status: 200,
      cache: 'MISS',
      cacheControl: 'public, max-age=3600, stale-while-revalidate=7200',
      body: { defaultBoard: null, position: 'bottom-right', theme: 'auto', showRoadmap: true, locale: 'en', allowedOrigins: [] },
    });
    const second = await publicGet(configPath(ws.slug), 'HIT');
    expect(second).toEqual({ ...first, cache: 'HIT' });
  });

  it('404 for an unknown workspace, never cached', async () => {
    const path = configPath(uniqueSlug('missing'));
    await expectProblem(await api(path), 404);
    const again = await api(path);
    await expectProblem(again, 404);
    expect(again.headers.get('X-Cache')).not.toBe('HIT');
  });

  it('400 for a malformed workspace slug', async () => {
    const problem = await expectProblem(await api(configPath('Not_A_Slug')), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['path.workspace']);
  });
});

describe('updateWidgetConfig', () => {
  it('replaces the configuration; the next public GET serves it instead of the cached copy', async () => {
    const ws = await createWorkspace();
    expect((await publicGet(configPath(ws.slug), 'HIT')).cache).toBe('HIT');
    const res = await putConfig(ws, config);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual(config);
    const after = await publicGet(configPath(ws.slug));
    expect(after).toMatchObject({ status: 200, cache: 'MISS', body: config });
    expect(await publicGet(configPath(ws.slug), 'HIT')).toMatchObject({ cache: 'HIT', body: config });
  });

  it('stores origins normalized and once each', async () => {
    const ws = await createWorkspace();
    const res = await putConfig(ws, { ...config, defaultBoard: null, allowedOrigins: ['https://App.Example.com/', 'https://app.example.com:443', 'http://localhost:3000'] });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ defaultBoard: null, allowedOrigins: ['https://app.example.com', 'http://localhost:3000'] });
    expect((await publicGet(configPath(ws.slug))).body).toMatchObject({ allowedOrigins: ['https://app.example.com', 'http://localhost:3000'] });
  });

  it('400 naming each bad field; nothing is written', async () => {
    const ws = await createWorkspace();
    const { locale: _, ...withoutLocale } = config;
    const missing = await expectProblem(await putConfig(ws, withoutLocale), 400);
    expect(missing.errors?.map((e) => e.path)).toEqual(['body.locale']);
    const wrong = await expectProblem(await putConfig(ws, { ...config, position: 'middle', theme: 'neon', extra: 1 }), 400);
    expect(wrong.errors?.map((e) => e.path).sort()).toEqual(['body.extra', 'body.position', 'body.theme']);
    const notOrigins = await expectProblem(await putConfig(ws, { ...config, allowedOrigins: ['https://ok.example.com', 'https://example.com/embed', 'ftp://example.com'] }), 400);
    expect(notOrigins.errors?.map((e) => e.path)).toEqual(['body.allowedOrigins.1', 'body.allowedOrigins.2']);
    const noBoard = await expectProblem(await putConfig(ws, { ...config, defaultBoard: 'nope' }), 400);
    expect(noBoard.errors?.map((e) => e.path)).toEqual(['body.defaultBoard']);
    expect((await publicGet(configPath(ws.slug))).body).toMatchObject({ defaultBoard: null, position: 'bottom-right' });
  });

  it('401 without or with a bad key; 403 with another workspace’s key or for an unknown workspace', async () => {
    await expectAdminAuthProblems(adminConfigPath, { method: 'PUT', body: { ...config, defaultBoard: null } });
  });
});

describe('getBranding', () => {
  it('serves a new workspace’s defaults: MISS, then HIT from the cache', async () => {
    const ws = await createWorkspace();
    const first = await publicGet(brandingPath(ws.slug));
    expect(first).toEqual({
      status: 200,
      cache: 'MISS',
      cacheControl: 'public, max-age=3600',
      body: { name: `Workspace ${ws.slug}`, logoUrl: null, primaryColor: '#4f46e5', accentColor: '#f59e0b', fontFamily: 'system-ui' },
    });
    expect(await publicGet(brandingPath(ws.slug), 'HIT')).toEqual({ ...first, cache: 'HIT' });
  });

  it('404 for an unknown workspace, 400 for a malformed slug', async () => {
    await expectProblem(await api(brandingPath(uniqueSlug('missing'))), 404);
    const problem = await expectProblem(await api(brandingPath('-bad')), 400);
    expect(problem.errors?.map((e) => e.path)).toEqual(['path.workspace']);
  });
});

describe('updateBranding', () => {
  it('replaces the branding; the next public GET serves it instead of the cached copy', async () => {
    const ws = await createWorkspace();
    expect((await publicGet(brandingPath(ws.slug), 'HIT')).cache).toBe('HIT');
    const res = await putBranding(ws, branding);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual(branding);
    expect(await publicGet(brandingPath(ws.slug))).toMatchObject({ status: 200, cache: 'MISS', body: branding });
    const withoutLogo = await putBranding(ws, { ...branding, logoUrl: null });
    expect(await json(withoutLogo)).toEqual({ ...branding, logoUrl: null });
    expect((await publicGet(brandingPath(ws.slug))).body).toEqual({ ...branding, logoUrl: null });
  });

  it('400 naming each bad field; nothing is written', async () => {
    const ws = await createWorkspace();
    const { fontFamily: _, ...withoutFont } = branding;
    const missing = await expectProblem(await putBranding(ws, withoutFont), 400);
    expect(missing.errors?.map((e) => e.path)).toEqual(['body.fontFamily']);
    const colors = await expectProblem(await putBranding(ws, { ...branding, primaryColor: 'red', accentColor: '#12345' }), 400);
    expect(colors.errors?.map((e) => e.path).sort()).toEqual(['body.accentColor', 'body.primaryColor']);
    for (const logoUrl of ['javascript:alert(1)', 'not a url']) {
      const logo = await expectProblem(await putBranding(ws, { ...branding, logoUrl }), 400);
      expect(logo.errors?.map((e) => e.path)).toEqual(['body.logoUrl']);
    }
    expect((await publicGet(brandingPath(ws.slug))).body).toMatchObject({ name: `Workspace ${ws.slug}`, logoUrl: null });
  });

  it('401 without or with a bad key; 403 with another workspace’s key or for an unknown workspace', async () => {
    await expectAdminAuthProblems(adminBrandingPath, { method: 'PUT', body: branding });
  });
});

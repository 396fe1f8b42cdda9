/**
 * @module
 * The interactive API reference at /docs: a page and the content-hashed bundle of the pinned
 * reference UI, both from the Worker's static assets (scripts/lib/docs-assets.ts), nothing from a
 * CDN. The page leaves with the HTML security headers; the bundle, named by its content, is
 * cacheable for good.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { withHtmlSecurityHeaders } from './html-security.ts';
import { notFound, problemResponse } from './problem.ts';

async function asset(c: Context<AppEnv>, path: string): Promise<Response | undefined> {
  const response = await c.env.ASSETS.fetch(new URL(path, c.req.url));
  return response.ok ? response : undefined;
}

export async function apiReferencePage(c: Context<AppEnv>): Promise<Response> {
  const page = await asset(c, '/docs/index.html');
  if (!page) return problemResponse(notFound('The reference UI is not built (scripts/lib/docs-assets.ts)'), '/docs');
  return withHtmlSecurityHeaders(new Response(page.body, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' } }));
}

export async function apiReferenceAsset(c: Context<AppEnv>): Promise<Response> {
  const file = c.req.param('file') ?? '';
  const found = /^api-reference\.[0-9a-f]{16}\.js$/.test(file) ? await asset(c, `/docs/${file}`) : undefined;
  if (!found) return problemResponse(notFound(`No asset ${file}`), new URL(c.req.url).pathname);
  return new Response(found.body, {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/**
 * /docs in a real browser (Debian's Chromium through playwright-core) with every request that is
 * not to the local server refused: the reference renders the contract's operations from this
 * origin alone, and the page's Content Security Policy blocks nothing it needs.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../scripts/lib/api-server.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';

const PORT = Number(process.env.DOCS_TEST_PORT ?? 8833);
const origin = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server: ApiServer | undefined;
let browser: Browser | undefined;

describe('/docs in Chromium without network access', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    server = await startApiServer(PORT);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders the operations of the contract, loads nothing from elsewhere, violates no CSP', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      refused.push(url.href);
      return route.abort('blockedbyclient');
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));

    const response = await page.goto(`${origin}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Summaries of operations from spec/openapi.yaml, rendered by the reference UI.
    await page.getByText('Submit feedback to a board').first().waitFor({ timeout: 90_000 });
    await page.getByRole('heading', { name: 'Feedback Platform API' }).first().waitFor({ timeout: 30_000 });

    mkdirSync(join(repoRoot, 'build', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'build', 'screenshots', 'docs.png') });
    expect(problems).toEqual([]);
    // Nor does it even try to reach elsewhere (fonts, telemetry, a CDN).
    expect(refused).toEqual([]);
  });
});

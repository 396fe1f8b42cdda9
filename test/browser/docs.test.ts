/**
 * /docs in a real browser (Debian's Chromium through playwright-core) with every request that is
 * not to the local server refused: the reference renders the contract's operations from this
 * origin alone, and the page's Content Security Policy blocks nothing it needs.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocsAssets } from '../../scripts/lib/docs-assets.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { wranglerDev } from '../../scripts/lib/wrangler.ts';

const PORT = 8833;
const origin = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server: ChildProcess | undefined;
let browser: Browser | undefined;

async function serverUp(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no server on ${origin}`);
}

describe('/docs in Chromium without network access', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    buildDocsAssets();
    server = wranglerDev(PORT, { quiet: true, inspectorPort: PORT + 1 });
    await serverUp(Date.now() + 150_000);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGINT');
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

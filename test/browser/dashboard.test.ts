/**
 * The performance dashboard in real Chromium against `wrangler dev` with local D1: known traffic
 * to a fresh workspace, sign-in with its key in the "API key" field, and every figure of the
 * operations table equal to what getPerformanceStats answers (formatted as the dashboard formats
 * it), SLO verdicts coloured, charts drawn, the key in sessionStorage and never in the URL, the
 * 24h range, the activity panel. Screenshot: build/screenshots/dashboard.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackActivity, PerformanceStats } from '../../dashboard/api.ts';
import { COLUMNS, rowCells } from '../../dashboard/slo-table.ts';
import { startApiServer, type ApiServer } from '../../scripts/lib/api-server.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';

const port = Number(process.env.DASHBOARD_TEST_PORT ?? 8866);
const screenshotDir = join(repoRoot, 'build', 'screenshots');

let server: ApiServer;
let browser: Browser;
let slug: string;
let key: string;

async function call(path: string, init: { method?: string; key?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', ...(init.key ? { Authorization: `Bearer ${init.key}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** The known traffic, by operation. */
const TRAFFIC = { listFeedback: 12, createFeedback: 3, getFeedback: 2, voteFeedback: 4 };

async function sendTraffic(): Promise<void> {
  const board = `/api/v1/${slug}/main/feedback`;
  const ids: number[] = [];
  for (let i = 0; i < TRAFFIC.createFeedback; i++) {
    const res = await call(board, { body: { title: `Dashboard idea ${i}`, externalUserId: `dash-${i}` } });
    ids.push(((await res.json()) as { id: number }).id);
  }
  for (let i = 0; i < TRAFFIC.listFeedback; i++) await (await call(board)).arrayBuffer();
  for (let i = 0; i < TRAFFIC.getFeedback; i++) expect((await call(`${board}/99999${i}`)).status).toBe(404);
  for (let i = 0; i < TRAFFIC.voteFeedback; i++) expect((await call(`${board}/${ids[0]}/votes`, { body: { externalUserId: `voter-${i}` } })).status).toBeLessThan(300);
}

async function apiStats(range: string): Promise<PerformanceStats> {
  return (await (await call(`/api/v1/performance?range=${range}`, { key })).json()) as PerformanceStats;
}

/** The operations table as shown: operation → its cells, and the verdict cell's class. */
async function shownTable(page: Page): Promise<Map<string, { cells: string[]; verdictClass: string | null }>> {
  const rows = await page.locator('table.slo tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ cells: [...tr.children].map((c) => c.textContent ?? ''), verdictClass: tr.lastElementChild?.getAttribute('class') ?? null })),
  );
  return new Map(rows.map((r) => [r.cells[0]!, r]));
}

beforeAll(async () => {
  server = await startApiServer(port);
  slug = `dash-${Date.now().toString(36)}`;
  const created = await call('/api/v1/workspaces', { key: server.vars.PLATFORM_ADMIN_TOKEN!, body: { slug, name: 'Dashboard test' } });
  key = ((await created.json()) as { apiKey: { key: string } }).apiKey.key;
  expect((await call(`/api/v1/${slug}/admin/boards`, { key, body: { slug: 'main', name: 'Main' } })).status).toBe(201);
  await sendTraffic();
  browser = await launchChromium();
  mkdirSync(screenshotDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('the performance dashboard', () => {
  it('shows the figures the API gives for the traffic sent, after signing in with an API key', async () => {
    // The store catches up within a flush (a few seconds).
    await expect.poll(async () => Object.fromEntries((await apiStats('1h')).operations.map((o) => [o.operation, o.requests])), { timeout: 20_000 }).toMatchObject({ ...TRAFFIC, createBoard: 1 });

    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('table.slo tbody tr').first().waitFor();
    await page.locator('#activity table').waitFor();

    expect(page.url()).toBe(`${server.baseUrl}/dashboard`);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([key]);
    expect(await page.locator('#scope').textContent()).toBe(`Workspace ${slug}`);
    expect(await page.locator('table.slo thead th').allTextContents()).toEqual([...COLUMNS]);

    // The dashboard read before its own activity request was recorded; the API now may list that too.
    const stats = await apiStats('1h');
    const shown = await shownTable(page);
    const expected = stats.operations.filter((o) => o.operation !== 'getFeedbackActivity');
    expect([...shown.keys()].sort()).toEqual(expected.map((o) => o.operation).sort());
    for (const op of expected) {
      expect(shown.get(op.operation)!.cells).toEqual(rowCells(op));
      expect(shown.get(op.operation)!.verdictClass).toBe(op.slo.met ? 'pass' : 'fail');
    }
    for (const [operation, requests] of Object.entries(TRAFFIC)) expect(shown.get(operation)!.cells[1]).toBe(String(requests));

    expect(await page.locator('.charts canvas').count()).toBe(4);
    expect(await page.locator('#operation').inputValue()).toBe(expected[0]!.operation);

    const activity = (await (await call(`/api/v1/${slug}/admin/activity?days=14`, { key })).json()) as FeedbackActivity;
    const today = await page.locator('#activity table tbody tr').last().locator('td').allTextContents();
    const last = activity.days.at(-1)!;
    expect(today).toEqual([String(last.items), String(last.votes), String(last.comments)]);
    expect(last).toMatchObject({ items: TRAFFIC.createFeedback, votes: TRAFFIC.voteFeedback });
    expect(await page.locator('#activity ol li').first().textContent()).toContain('Dashboard idea 0');

    await page.screenshot({ path: join(screenshotDir, 'dashboard.png'), fullPage: true });

    const loadedBefore = await page.locator('#dashboard').getAttribute('data-loaded');
    await page.getByRole('button', { name: '24h' }).click();
    await expect.poll(() => page.locator('#dashboard').getAttribute('data-loaded')).not.toBe(loadedBefore);
    expect(await page.getByRole('button', { name: '24h' }).getAttribute('aria-pressed')).toBe('true');
    const day = await apiStats('24h');
    const shownDay = await shownTable(page);
    for (const op of day.operations.filter((o) => shownDay.has(o.operation))) {
      if (op.operation === 'getFeedbackActivity') continue;
      expect(shownDay.get(op.operation)!.cells).toEqual(rowCells(op));
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.getByLabel('API key').waitFor();
    await page.close();
  });

  it('refuses a wrong key with a message and keeps nothing', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByLabel('API key').fill('fpk_not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Sign-in failed');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.close();
  });
});

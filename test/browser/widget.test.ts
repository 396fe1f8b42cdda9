/**
 * The widget in real Chromium, embedded by a page on another origin than the API (another port),
 * against `wrangler dev` with local D1, under the host page's strict CSP: list and load more, submit, vote, remove the vote, reply
 * to a comment, roadmap, locale switch, Escape and focus, similar ideas while typing a title and a
 * deleted comment's placeholder; a page whose origin is not in
 * allowedOrigins can read but not write. Also the built assets as they leave the server (raw
 * bytes, lengths, encodings). Screenshots go to build/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtAssets } from '../../build/assets/manifest.ts';
import { startApiServer, type ApiServer } from '../../scripts/lib/api-server.ts';
import { launchChromium } from '../../scripts/lib/chromium.ts';
import { hostPageHtml, startHostPage, widgetCsp, type HostPage } from '../../scripts/lib/host-page.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { createWidgetWorkspace, type WidgetWorkspace } from '../../scripts/lib/widget-workspace.ts';

const basePort = Number(process.env.BROWSER_TEST_PORT ?? 8842);
const screenshotDir = join(repoRoot, 'build', 'screenshots');

let server: ApiServer;
let host: HostPage;
let otherHost: HostPage;
let browser: Browser;
let ws: WidgetWorkspace;
const cspViolations: string[] = [];

beforeAll(async () => {
  server = await startApiServer(basePort);
  const hostOrigin = `http://127.0.0.1:${basePort + 1}`;
  ws = await createWidgetWorkspace(server.baseUrl, server.vars.PLATFORM_ADMIN_TOKEN!, { items: 25, allowedOrigins: [hostOrigin] });
  const data = { workspace: ws.slug, board: ws.board, roadmap: ws.roadmap, locale: 'en' };
  host = await startHostPage(basePort + 1, hostPageHtml(server.baseUrl, data), widgetCsp(server.baseUrl));
  otherHost = await startHostPage(basePort + 2, hostPageHtml(server.baseUrl, data), widgetCsp(server.baseUrl));
  browser = await launchChromium();
  mkdirSync(screenshotDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await otherHost?.close();
  await server?.stop();
}, 60_000);

async function admin<T>(path: string): Promise<T> {
  const response = await fetch(`${server.baseUrl}/api/v1/${ws.slug}/admin${path}`, { headers: { Authorization: `Bearer ${ws.key}` } });
  return (await response.json()) as T;
}
const adminItems = () => admin<{ id: number; title: string; voteCount: number }[]>('/feedback?limit=100');

async function openWidget(origin: string): Promise<Page> {
  const page = await browser.newPage({ locale: 'en-US' });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(origin);
  await page.getByRole('button', { name: 'Feedback' }).click();
  await expect.poll(() => page.getByRole('button', { name: /^Vote for / }).count(), { timeout: 15_000 }).toBe(20);
  return page;
}

describe('the widget on a customer page (another origin)', () => {
  it('a person reads, loads more, submits, votes, removes the vote, replies, reads the roadmap, switches locale', async () => {
    const seedItem = (await adminItems()).find((i) => i.title === 'Idea number 3')!;
    const comment = await fetch(`${server.baseUrl}/api/v1/${ws.slug}/${ws.board}/feedback/${seedItem.id}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Would love this for our team.', externalUserId: 'ada', userName: 'Ada' }),
    });
    const { id: commentId } = (await comment.json()) as { id: number };

    const page = await openWidget(host.origin);
    const widget = page.locator('feedback-widget');
    // The host page's styles stay out: the shadow root resets inherited ones.
    expect(await page.getByRole('button', { name: 'Submit' }).evaluate((b) => getComputedStyle(b).color)).toBe('rgb(255, 255, 255)');
    expect(await widget.evaluate((el) => el.shadowRoot?.mode)).toBe('open');

    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Vote for / }).count()).toBe(25);

    await page.getByLabel('Title').fill('Export to Excel from the browser');
    await page.getByLabel('Description').fill('Submitted by the browser test');
    await page.getByRole('button', { name: 'Submit' }).click();
    const vote = page.getByRole('button', { name: 'Vote for Export to Excel from the browser' });
    await vote.waitFor();
    const created = (await adminItems()).find((i) => i.title === 'Export to Excel from the browser');
    expect(created).toBeDefined();

    await vote.click();
    const unvote = page.getByRole('button', { name: 'Remove vote for Export to Excel from the browser' });
    await unvote.waitFor();
    expect(await unvote.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await adminItems()).find((i) => i.id === created!.id)?.voteCount).toBe(1);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('1 votes');
    await page.screenshot({ path: join(screenshotDir, 'widget-voted.png') });

    await unvote.click();
    await page.getByRole('button', { name: 'Vote for Export to Excel from the browser' }).waitFor();
    await expect.poll(async () => (await adminItems()).find((i) => i.id === created!.id)?.voteCount).toBe(0);

    await page.getByRole('button', { name: 'Idea number 3', exact: true }).click();
    await page.getByText('Would love this for our team.').waitFor();
    await page.getByRole('button', { name: 'Reply to Ada' }).click();
    await page.getByRole('textbox', { name: 'Reply to Ada' }).fill('Same here, every week.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Same here, every week.').waitFor();
    const comments = (await (await fetch(`${server.baseUrl}/api/v1/${ws.slug}/${ws.board}/feedback/${seedItem.id}/comments`, { headers: { Authorization: `Bearer ${ws.key}` } })).json()) as { body: string; parentId: number | null }[];
    expect(comments.find((c) => c.body === 'Same here, every week.')?.parentId).toBe(commentId);
    await page.screenshot({ path: join(screenshotDir, 'widget-thread.png') });

    await page.getByRole('button', { name: 'Roadmap' }).click();
    await page.getByText('Keyboard shortcuts').waitFor();
    await page.getByRole('button', { name: 'Ideas' }).click();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('button', { name: 'Absenden' }).waitFor();
    await page.getByRole('tab', { name: 'Im Trend' }).waitFor();
    expect(await page.getByRole('button', { name: /^Für .* stimmen$/ }).count()).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: join(screenshotDir, 'widget-de.png') });

    expect(cspViolations).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('FEEDBACK-WIDGET');
    expect(await widget.evaluate((el) => (el.shadowRoot?.activeElement as HTMLElement | null)?.className)).toBe('launcher');
    await page.close();
  }, 120_000);

  it('keeps focus in the open panel', async () => {
    const page = await openWidget(host.origin);
    for (let i = 0; i < 70; i += 1) await page.keyboard.press('Tab');
    expect(await page.locator('feedback-widget').evaluate((el) => Boolean(el.shadowRoot?.activeElement?.closest('.panel')))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await page.locator('feedback-widget').evaluate((el) => Boolean(el.shadowRoot?.activeElement?.closest('.panel')))).toBe(true);
    await page.close();
  }, 60_000);

  it('a page whose origin is not in allowedOrigins reads the board but cannot write', async () => {
    const before = await adminItems();
    const page = await openWidget(otherHost.origin);
    await page.getByLabel('Title').fill('Written from a foreign site');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByRole('button', { name: /^Vote for Idea number 25$/ }).click();
    await page.getByRole('button', { name: /^Vote for Idea number 25$/ }).waitFor();
    await page.screenshot({ path: join(screenshotDir, 'widget-foreign-origin.png') });
    expect(await adminItems()).toEqual(before);
    await page.close();
  }, 60_000);

  it('typing a title suggests a similar item, which opens with its thread; a deleted comment is labelled, its reply kept', async () => {
    const itemUrl = `${server.baseUrl}/api/v1/${ws.slug}/${ws.board}/feedback`;
    const post = async (url: string, body: unknown) => (await (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as { id: number };
    const similar = await post(itemUrl, { title: 'Offline mode for the mobile app', description: 'Read the board without a connection', externalUserId: 'grace' });
    const parent = await post(`${itemUrl}/${similar.id}/comments`, { body: 'This text will be deleted.', externalUserId: 'grace', userName: 'Grace' });
    await post(`${itemUrl}/${similar.id}/comments`, { body: 'A reply that stays.', externalUserId: 'ada', userName: 'Ada', parentId: parent.id });
    const deleted = await fetch(`${itemUrl}/${similar.id}/comments/${parent.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${ws.key}` } });
    expect(deleted.status).toBe(204);

    const page = await openWidget(host.origin);
    const lookups: string[] = [];
    page.on('request', (r) => r.url().includes('/feedback/similar') && lookups.push(new URL(r.url()).searchParams.get('title')!));
    const title = page.getByLabel('Title');
    await title.pressSequentially('offline mod', { delay: 20 });
    const suggestions = page.getByRole('list', { name: 'Similar ideas' });
    await suggestions.getByRole('button', { name: 'Offline mode for the mobile app' }).waitFor();
    // Debounced: one lookup for the typed title, not one per key from the third on.
    expect(lookups.length).toBeLessThan(4);
    expect(lookups.at(-1)).toBe('offline mod');
    expect(await suggestions.getByRole('button').count()).toBeLessThanOrEqual(5);
    expect(await page.locator('feedback-widget').evaluate((el) => (el.shadowRoot?.activeElement as HTMLElement | null)?.dataset.k)).toBe('title');
    expect(await page.locator('.similar').getAttribute('aria-live')).toBe('polite');
    await page.screenshot({ path: join(screenshotDir, 'widget-similar.png') });

    await suggestions.getByRole('button', { name: 'Offline mode for the mobile app' }).click();
    await page.getByRole('heading', { name: 'Offline mode for the mobile app' }).waitFor();
    await page.getByText('This comment was deleted').waitFor();
    expect(await page.getByText('This text will be deleted.').count()).toBe(0);
    // The reply keeps its place under the deleted comment.
    expect(await page.locator('.thread > li > ul > li').filter({ hasText: 'A reply that stays.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Vote for Offline mode for the mobile app' }).click();
    await page.getByRole('button', { name: 'Remove vote for Offline mode for the mobile app' }).waitFor();
    await expect.poll(async () => (await adminItems()).find((i) => i.id === similar.id)?.voteCount).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'widget-deleted-comment.png') });
    await page.close();
  }, 60_000);
});

/** A GET that does not decode the body, so the bytes and headers are exactly what was sent. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('assets on the wire (workerd)', () => {
  // workerd, like Cloudflare's edge, shows the Worker `Accept-Encoding: br, gzip` whatever the
  // client sent and encodes for the client itself: the precompressed brotli body passes through
  // to a br client byte for byte; other clients get it re-encoded by the runtime (docs/cdn.md).
  it('a br client gets the built brotli bytes with their exact Content-Length; gzip and identity clients the same content', async () => {
    const loader = await rawGet(`${server.baseUrl}/widget.js`, { 'Accept-Encoding': 'br' });
    expect(loader.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    const bundlePath = /\/widget\.[0-9a-f]{16}\.js/.exec(brotliDecompressSync(loader.body).toString('utf8'))![0];
    const built = builtAssets.find((a) => a.path === bundlePath)!;
    const br = await rawGet(`${server.baseUrl}${bundlePath}`, { 'Accept-Encoding': 'br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers.etag).toBe(built.encodings.br.etag);
    expect(Number(br.headers['content-length'])).toBe(br.body.byteLength);
    expect(br.body.equals(Buffer.from(built.encodings.br.base64, 'base64'))).toBe(true);
    const identity = Buffer.from(built.encodings.identity.base64, 'base64');
    const gzip = await rawGet(`${server.baseUrl}${bundlePath}`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(identity)).toBe(true);
    const plain = await rawGet(`${server.baseUrl}${bundlePath}`, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(identity)).toBe(true);
  }, 30_000);
});

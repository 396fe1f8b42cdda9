/**
 * @module
 * A customer's page on its own origin (another port than the API, so every API call is
 * cross-origin): serves `/` with the embed snippet for the given options, under the strict
 * Content-Security-Policy docs/widget.md tells customers the widget needs.
 */
import { createServer, type Server } from 'node:http';

export interface HostPage {
  origin: string;
  close: () => Promise<void>;
}

/** `commands` are queued before the loader runs, e.g. `[['open']]`. */
export function hostPageHtml(apiBaseUrl: string, data: Record<string, string>, commands: string[][] = []): string {
  const attributes = Object.entries(data).map(([name, value]) => ` data-${name}="${value.replace(/"/g, '&quot;')}"`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer site</title>
<style nonce="${NONCE}">body { font: 18px Georgia, serif; color: #600; } button { color: red; }</style></head>
<body><h1>A customer's product page</h1><p>Its own styles must not reach the widget.</p>
<script nonce="${NONCE}">window.FeedbackWidget = window.FeedbackWidget || function () { (FeedbackWidget.q = FeedbackWidget.q || []).push(arguments); };${commands.map((c) => `FeedbackWidget(${c.map((a) => JSON.stringify(a)).join(', ')});`).join('')}</script>
<script async src="${apiBaseUrl}/widget.js"${attributes}></script>
</body></html>`;
}

/** The page's own inline script and style carry this nonce; nothing else inline may run. */
const NONCE = 'host-page';

/** What docs/widget.md asks of a host page: the API's origin for scripts, requests and images; no inline style. */
export function widgetCsp(apiBaseUrl: string): string {
  return `default-src 'none'; script-src 'nonce-${NONCE}' ${apiBaseUrl}; connect-src ${apiBaseUrl}; img-src ${apiBaseUrl} https:; style-src 'nonce-${NONCE}'`;
}

export async function startHostPage(port: number, html: string, csp: string): Promise<HostPage> {
  const server: Server = createServer((request, response) => {
    if (request.url !== '/') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': csp }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

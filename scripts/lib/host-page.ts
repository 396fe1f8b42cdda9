/**
 * @module
 * A customer's page on its own origin (another port than the API, so every API call is
 * cross-origin): serves `/` with the embed snippet for the given options.
 */
import { createServer, type Server } from 'node:http';

export interface HostPage {
  origin: string;
  close: () => Promise<void>;
}

export function hostPageHtml(apiBaseUrl: string, data: Record<string, string>): string {
  const attributes = Object.entries(data).map(([name, value]) => ` data-${name}="${value.replace(/"/g, '&quot;')}"`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer site</title>
<style>body { font: 18px Georgia, serif; color: #600; } button { color: red; }</style></head>
<body><h1>A customer's product page</h1><p>Its own styles must not reach the widget.</p>
<script>window.FeedbackWidget = window.FeedbackWidget || function () { (FeedbackWidget.q = FeedbackWidget.q || []).push(arguments); };</script>
<script async src="${apiBaseUrl}/widget.js"${attributes}></script>
</body></html>`;
}

export async function startHostPage(port: number, html: string): Promise<HostPage> {
  const server: Server = createServer((request, response) => {
    if (request.url !== '/') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

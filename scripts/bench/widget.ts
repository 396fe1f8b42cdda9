/**
 * @module
 * `npm run bench:widget`: the widget's sizes (from the build) and its first render in headless
 * Chromium against a local server it starts (the production-like server on --port, default 8845; the host
 * page on the next port, so every API call is cross-origin, as on a customer's site).
 *
 * First render = from the moment the browser starts fetching `/widget.js` (Resource Timing) to
 * the `feedback-widget:list-painted` mark (20 items in the open panel). Each run is a new browser
 * context, so the loader and the bundle are fetched and compiled every time (a first visit); the
 * API's public reads are edge-cache HITs after the warm-up runs, as they are for most visitors.
 * Also the median of each phase on the critical path (loader, bundle and list downloads, the
 * widget's own work after the list arrived), to tell the server's share from the widget's.
 * A benchmark, not a test: it reports, it does not judge. Results also go to load/results/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AssetSummary } from '../build-assets/index.ts';
import { assetsDir } from '../build-assets/index.ts';
import { startApiServer } from '../lib/api-server.ts';
import { launchChromium } from '../lib/chromium.ts';
import { hostPageHtml, startHostPage, widgetCsp } from '../lib/host-page.ts';
import { repoRoot } from '../lib/paths.ts';
import { createWidgetWorkspace } from '../lib/widget-workspace.ts';

const LIST_PAINTED_MARK = 'feedback-widget:list-painted';
const PHASES = ['total', 'loader', 'bundle', 'list', 'renderAfterList'] as const;
type Phase = (typeof PHASES)[number];

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8845' },
    runs: { type: 'string', default: '21' },
    warmup: { type: 'string', default: '3' },
  },
});
const port = Number(values.port);
const runs = Number(values.runs);
const warmup = Number(values.warmup);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function sizes() {
  const built = JSON.parse(readFileSync(join(assetsDir, 'manifest.json'), 'utf8')) as AssetSummary[];
  const pick = (predicate: (a: AssetSummary) => boolean) => built.find(predicate)!;
  const loader = pick((a) => a.path === '/widget.js');
  const bundle = pick((a) => a.entry === 'widget');
  const row = (name: string, a: AssetSummary) => ({ name, path: a.path, identity: a.encodings.identity.bytes, gzip: a.encodings.gzip.bytes, br: a.encodings.br.bytes });
  const rows = [row('loader', loader), row('bundle', bundle)];
  return [...rows, { name: 'total', path: '', identity: rows[0]!.identity + rows[1]!.identity, gzip: rows[0]!.gzip + rows[1]!.gzip, br: rows[0]!.br + rows[1]!.br }];
}

async function main(): Promise<void> {
  const sizeRows = sizes();
  const server = await startApiServer(port);
  const hostOrigin = `http://127.0.0.1:${port + 1}`;
  try {
    const ws = await createWidgetWorkspace(server.baseUrl, server.vars.PLATFORM_ADMIN_TOKEN!, { items: 20, allowedOrigins: [hostOrigin] });
    const host = await startHostPage(port + 1, hostPageHtml(server.baseUrl, { workspace: ws.slug, board: ws.board, locale: 'en' }, [['open']]), widgetCsp(server.baseUrl));
    const browser = await launchChromium();
    const samples: Record<Phase, number>[] = [];
    try {
      for (let i = 0; i < warmup + runs; i += 1) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(host.origin);
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, LIST_PAINTED_MARK, { timeout: 30_000 });
        const sample = await page.evaluate(({ mark, origin }) => {
          const painted = performance.getEntriesByName(mark)[0]!.startTime;
          const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          // No named helper functions here: tsx would wrap them in a `__name` the page lacks.
          const ours = resources.filter((r) => r.name.startsWith(origin));
          const loader = ours.find((r) => new URL(r.name).pathname === '/widget.js')!;
          const bundle = ours.find((r) => /^\/widget\.[0-9a-f]+\.js$/.test(new URL(r.name).pathname))!;
          const list = ours.find((r) => new URL(r.name).pathname.endsWith('/feedback'))!;
          return {
            total: painted - loader.startTime,
            loader: loader.responseEnd - loader.startTime,
            bundle: bundle.responseEnd - bundle.startTime,
            list: list.responseEnd - list.startTime,
            // From the list's last byte to the painted mark: the widget's own work on the critical path.
            renderAfterList: painted - list.responseEnd,
          };
        }, { mark: LIST_PAINTED_MARK, origin: server.baseUrl });
        const items = await page.locator('feedback-widget').evaluate((el) => el.shadowRoot!.querySelectorAll('.items > li').length);
        if (items !== 20) throw new Error(`run ${i}: ${items} items painted, expected 20`);
        if (i >= warmup) samples.push(sample);
        await context.close();
      }
    } finally {
      await browser.close();
      await host.close();
    }
    const sorted = [...samples.map((s) => s.total)].sort((a, b) => a - b);
    const medianOf = (phase: Phase) => percentile(samples.map((s) => s[phase]).sort((a, b) => a - b), 50);
    const phaseMedians = Object.fromEntries(PHASES.map((phase) => [phase, medianOf(phase)]));
    const firstRender = { runs: samples.length, medianMs: percentile(sorted, 50), p90Ms: percentile(sorted, 90), minMs: sorted[0]!, maxMs: sorted.at(-1)!, phaseMediansMs: phaseMedians, samples };
    const result = { at: new Date().toISOString(), loadAverage: loadavg(), sizes: sizeRows, firstRender, budgets: { loaderBrotliBytes: 1024, widgetBrotliBytes: 15 * 1024, firstRenderMedianMs: 100 } };
    console.log(`machine load average (1, 5, 15 min): ${result.loadAverage.map((l) => l.toFixed(1)).join(', ')}`);
    console.log('asset     identity B    gzip B    br B');
    for (const r of sizeRows) console.log(`${r.name.padEnd(8)} ${String(r.identity).padStart(10)} ${String(r.gzip).padStart(9)} ${String(r.br).padStart(7)}`);
    console.log(`\nfirst render (script fetch start → 20 items painted), ${samples.length} runs: median ${firstRender.medianMs.toFixed(1)} ms, p90 ${firstRender.p90Ms.toFixed(1)} ms, min ${firstRender.minMs.toFixed(1)} ms, max ${firstRender.maxMs.toFixed(1)} ms`);
    const dir = join(repoRoot, 'load', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-widget-${result.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`phase medians (ms): ${PHASES.map((phase) => `${phase} ${phaseMedians[phase]!.toFixed(1)}`).join(', ')}`);
    console.log(`results: ${file}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

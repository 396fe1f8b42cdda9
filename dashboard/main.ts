/**
 * @module
 * The performance dashboard (`/dashboard`): sign-in with an API key (a workspace admin key, or the
 * platform token for every workspace), then the per-operation table with SLO verdicts, the charts
 * and the feedback-activity panel, for the chosen range, refreshed every 30 seconds.
 */
import { activityPanel } from './activity-panel.ts';
import { ApiRequestError, dashboardApi, type DashboardApi, type PerformanceStats, type Range } from './api.ts';
import { drawCharts } from './charts.ts';
import { el } from './dom.ts';
import { session } from './session.ts';
import { sloTable } from './slo-table.ts';

const REFRESH_MS = 30_000;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let api: DashboardApi | undefined;
let range: Range = '1h';
let operation: string | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
let latest: PerformanceStats | undefined;

function showSignIn(message = ''): void {
  byId('dashboard').hidden = true;
  byId('sign-in').hidden = false;
  byId('sign-in-error').textContent = message;
  clearInterval(timer);
}

function redrawCharts(): void {
  if (!latest) return;
  drawCharts(
    { latency: byId('chart-latency'), rate: byId('chart-rate'), errors: byId('chart-errors'), cache: byId('chart-cache') },
    latest,
    operation,
  );
}

function showOperations(stats: PerformanceStats): void {
  const names = stats.operations.map((o) => o.operation);
  if (operation === undefined || !names.includes(operation)) operation = names[0];
  const select = byId<HTMLSelectElement>('operation');
  select.replaceChildren(...names.map((name) => el('option', { value: name }, name)));
  if (operation) select.value = operation;
}

async function refresh(): Promise<void> {
  if (!api) return;
  try {
    const stats = await api.stats(range);
    latest = stats;
    byId('scope').textContent = stats.workspace ? `Workspace ${stats.workspace}` : 'All workspaces';
    byId('slo').replaceChildren(stats.operations.length > 0 ? sloTable(stats.operations) : el('p', { class: 'muted' }, 'No requests in this range yet.'));
    showOperations(stats);
    redrawCharts();
    const activitySection = byId('activity-section');
    activitySection.hidden = stats.workspace === null;
    if (stats.workspace !== null) byId('activity').replaceChildren(activityPanel(await api.activity(stats.workspace)));
    byId('load-error').textContent = '';
    byId('updated').textContent = `Updated ${new Date().toLocaleTimeString()} (${stats.source})`;
    byId('dashboard').dataset.loaded = String(Date.now());
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      session.signOut();
      showSignIn(`Sign-in failed: ${error.message}`);
      return;
    }
    byId('load-error').textContent = `Could not load the figures: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function schedule(): void {
  clearInterval(timer);
  if (byId<HTMLInputElement>('auto-refresh').checked) timer = setInterval(() => void refresh(), REFRESH_MS);
}

async function start(apiKey: string): Promise<void> {
  api = dashboardApi(location.origin, apiKey);
  byId('sign-in').hidden = true;
  byId('dashboard').hidden = false;
  await refresh();
  if (session.apiKey() !== null) schedule();
}

function wire(): void {
  byId<HTMLFormElement>('sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('api-key');
    const key = input.value.trim();
    input.value = '';
    session.signIn(key);
    void start(key);
  });
  byId('sign-out').addEventListener('click', () => {
    session.signOut();
    api = undefined;
    showSignIn();
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-range]')) {
    button.addEventListener('click', () => {
      range = button.dataset.range as Range;
      for (const b of document.querySelectorAll<HTMLButtonElement>('[data-range]')) b.setAttribute('aria-pressed', String(b === button));
      void refresh();
    });
  }
  byId('auto-refresh').addEventListener('change', schedule);
  byId<HTMLSelectElement>('operation').addEventListener('change', (event) => {
    operation = (event.target as HTMLSelectElement).value;
    redrawCharts();
  });
  const saved = session.apiKey();
  if (saved) void start(saved);
}

wire();

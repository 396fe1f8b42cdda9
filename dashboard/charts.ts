/**
 * @module
 * The dashboard's charts (uPlot): latency percentiles of one operation, request rate, error rate
 * and cache hit ratio over the window. Charts are rebuilt on each refresh; they are small.
 */
import uPlot from 'uplot';
import type { PerformanceStats } from './api.ts';
import { latencyColumns, overallColumns } from './series.ts';

const WIDTH = 520;
const HEIGHT = 200;

function chart(target: HTMLElement, title: string, series: uPlot.Series[], data: uPlot.AlignedData, percentAxis = false): uPlot {
  target.replaceChildren();
  return new uPlot(
    {
      title,
      width: WIDTH,
      height: HEIGHT,
      // Points, so a bucket between quiet ones still shows.
      series: [{}, ...series.map((one) => ({ ...one, points: { show: true, size: 5 } }))],
      axes: [{}, percentAxis ? { values: (_u, ticks) => ticks.map((v) => `${Math.round(v * 100)}%`) } : {}],
      scales: percentAxis ? { y: { range: [0, 1] } } : {},
    },
    data,
    target,
  );
}

export interface ChartTargets {
  latency: HTMLElement;
  rate: HTMLElement;
  errors: HTMLElement;
  cache: HTMLElement;
}

export function drawCharts(targets: ChartTargets, stats: PerformanceStats, operation: string | undefined): void {
  const latency = operation ? latencyColumns(stats, operation) : { t: [], p50: [], p95: [], p99: [] };
  chart(targets.latency, `Latency of ${operation ?? '—'} (ms)`, [
    { label: 'p50', stroke: '#2b8a3e' },
    { label: 'p95', stroke: '#e67700' },
    { label: 'p99', stroke: '#c92a2a' },
  ], [latency.t, latency.p50, latency.p95, latency.p99]);
  const overall = overallColumns(stats);
  chart(targets.rate, 'Requests per second', [{ label: 'req/s', stroke: '#1c7ed6' }], [overall.t, overall.rate]);
  chart(targets.errors, 'Error rate', [
    { label: '4xx', stroke: '#e67700' },
    { label: '5xx', stroke: '#c92a2a' },
  ], [overall.t, overall.errors4xx, overall.errors5xx], true);
  chart(targets.cache, 'Cache hit ratio (HIT + STALE) / cacheable', [{ label: 'hit ratio', stroke: '#2b8a3e' }], [overall.t, overall.hitRatio], true);
}

/**
 * @module
 * The run's results: per operation requests, error rate, p50/p95/p99/max overall and split by
 * cache hit and miss; the thresholds with their values; the machine and the driver's own health
 * (event-loop delay, CPU), so a reader can tell whether the driver kept up. Written as JSON under
 * `load/results/` and printed as a table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { LoadModel, ProfileName, Stage } from '../model.ts';
import type { ThresholdResult } from './evaluate-thresholds.ts';
import type { MetricRegistry } from './metric-registry.ts';
import type { RunMetrics } from './run-metrics.ts';
import type { TrendSink } from './sinks.ts';
import type { Variables } from './templates.ts';

export interface LatencySummary {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  avg: number;
}

export interface OperationReport extends LatencySummary {
  failed: number;
  errorRate: number;
  cacheHitRatio: number | null;
  /** D1 statements per request (Server-Timing). */
  d1StatementsPerRequest: number;
  cached: LatencySummary | null;
  uncached: LatencySummary | null;
}

export interface DriverHealth {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  cpuSeconds: { user: number; system: number };
}

export interface LoadReport {
  profile: ProfileName;
  url: string;
  startedAt: string;
  durationScale: number;
  vusScale: number;
  stages: Stage[];
  latencyThresholds: 'enforce' | 'advisory';
  elapsedSeconds: number;
  maxVus: number;
  setup: Variables;
  totals: {
    requests: number;
    failed: number;
    errorRate: number;
    requestsPerSecond: number;
    iterations: number;
    /** D1 statements the server reported (Server-Timing), per request and per second. */
    d1StatementsPerRequest: number;
    d1StatementsPerSecond: number;
  };
  /** Responses per request name and status code (0: no response). */
  statuses: Record<string, Record<string, number>>;
  transportErrors: string[];
  operations: Record<string, OperationReport>;
  thresholds: ThresholdResult[];
  passed: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; loadAverage: number[]; node: string; platform: string };
  driver: DriverHealth;
}

const round = (n: number) => Math.round(n * 100) / 100;

function latency(sink: TrendSink): LatencySummary {
  return {
    requests: sink.count,
    p50: round(sink.percentile(50)),
    p95: round(sink.percentile(95)),
    p99: round(sink.percentile(99)),
    max: round(sink.max),
    avg: round(sink.avg),
  };
}

function trend(registry: MetricRegistry, selector: string): TrendSink {
  const sink = registry.get(selector)?.sink;
  if (sink?.type !== 'trend') throw new Error(`${selector} is not a tracked trend`);
  return sink;
}

export function operationReports(model: LoadModel, registry: MetricRegistry, d1Statements: Record<string, number> = {}): Record<string, OperationReport> {
  const reports: Record<string, OperationReport> = {};
  for (const step of model.iteration) {
    const name = `name:${step.operationId}`;
    const failed = registry.get(`http_req_failed{${name}}`)?.sink;
    const hit = trend(registry, `${model.metrics.operationDuration}{${name},${model.metrics.cacheTag}:hit}`);
    const miss = trend(registry, `${model.metrics.operationDuration}{${name},${model.metrics.cacheTag}:miss}`);
    const all = latency(trend(registry, `http_req_duration{${name}}`));
    const failedCount = failed?.type === 'rate' ? failed.trues : 0;
    reports[step.operationId] = {
      ...all,
      failed: failedCount,
      errorRate: all.requests === 0 ? 0 : failedCount / all.requests,
      cacheHitRatio: step.cacheable && hit.count + miss.count > 0 ? round(hit.count / (hit.count + miss.count)) : null,
      d1StatementsPerRequest: all.requests === 0 ? 0 : round((d1Statements[step.operationId] ?? 0) / all.requests),
      cached: step.cacheable ? latency(hit) : null,
      uncached: step.cacheable ? latency(miss) : null,
    };
  }
  return reports;
}

export function machine(): LoadReport['machine'] {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30),
    loadAverage: loadavg().map(round),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function totals(metrics: RunMetrics, elapsedSeconds: number): LoadReport['totals'] {
  return {
    requests: metrics.requests,
    failed: metrics.failed,
    errorRate: metrics.requests === 0 ? 0 : metrics.failed / metrics.requests,
    requestsPerSecond: round(metrics.requests / elapsedSeconds),
    iterations: metrics.iterations,
    d1StatementsPerRequest: metrics.requests === 0 ? 0 : round(metrics.d1StatementsTotal / metrics.requests),
    d1StatementsPerSecond: round(metrics.d1StatementsTotal / elapsedSeconds),
  };
}

export function writeReport(dir: string, report: LoadReport): string {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const path = join(dir, `driver-${report.profile}-${stamp}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

const ms = (n: number) => n.toFixed(1).padStart(8);

export function formatReport(report: LoadReport): string {
  const lines = [
    `profile ${report.profile} against ${report.url}: ${report.elapsedSeconds.toFixed(1)} s, max ${report.maxVus} VUs, ` +
      `${report.totals.requests} requests (${report.totals.requestsPerSecond} req/s), ${report.totals.failed} failed, ${report.totals.iterations} iterations`,
    '',
    `${'operation'.padEnd(28)}${'requests'.padStart(9)}${'errors'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}  ms`,
  ];
  const row = (label: string, s: LatencySummary, errors: string) =>
    `${label.padEnd(28)}${String(s.requests).padStart(9)}${errors.padStart(8)}${ms(s.p50)}${ms(s.p95)}${ms(s.p99)}${ms(s.max)}`;
  for (const [name, op] of Object.entries(report.operations)) {
    lines.push(`${row(name, op, String(op.failed))}  ${op.d1StatementsPerRequest} D1 statements/request`);
    if (op.cached && op.uncached) {
      lines.push(row(`  cached (${((op.cacheHitRatio ?? 0) * 100).toFixed(0)}% hits)`, op.cached, ''));
      lines.push(row('  uncached', op.uncached, ''));
    }
  }
  lines.push('', `D1: ${report.totals.d1StatementsPerRequest} statements per request, ${report.totals.d1StatementsPerSecond} per second`);
  lines.push('', 'statuses:');
  for (const [name, counts] of Object.entries(report.statuses)) {
    lines.push(`  ${name}: ${Object.entries(counts).map(([status, n]) => `${status === '0' ? 'no response' : status} ×${n}`).join(', ')}`);
  }
  for (const error of report.transportErrors) lines.push(`  ${error}`);
  lines.push('', `thresholds (latency ${report.latencyThresholds}):`);
  for (const t of report.thresholds) {
    const verdict = t.ok ? 'ok  ' : t.enforced ? 'FAIL' : 'over';
    const value = t.kind === 'errors' ? `${(t.value * 100).toFixed(3)}%` : `${t.value.toFixed(1)} ms`;
    lines.push(`  ${verdict} ${t.metric} ${t.expression}: ${value} over ${t.samples} samples${t.enforced ? '' : ' (advisory)'}`);
  }
  const d = report.driver;
  lines.push(
    '',
    `driver: event-loop delay p99 ${d.eventLoopDelayMs.p99} ms (max ${d.eventLoopDelayMs.max}), CPU ${d.cpuSeconds.user} s user + ${d.cpuSeconds.system} s system`,
    report.passed ? 'PASSED' : 'FAILED: an enforced threshold was not met',
  );
  return lines.join('\n');
}

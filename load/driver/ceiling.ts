/**
 * @module
 * `npm run load:ceiling`: how fast the driver can go, so its figures are known not to be its own
 * limit. Against the trivial `GET /healthz` of a running server: `wrk` (when installed) and the
 * driver's own engine with the same connection count and no think time, one after the other;
 * then 1000 VUs with 1 s think time, to show the closed model at the scale profile's size keeps
 * its pace (achieved vs. expected request rate, event-loop delay).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverUrl } from '../../scripts/lib/server-url.ts';
import type { IterationStep, LoadModel } from '../model.ts';
import { HttpClient } from './http-client.ts';
import { runRampingVus } from './ramping-vus.ts';
import { machine } from './report.ts';
import { RunMetrics } from './run-metrics.ts';
import { VirtualUser } from './virtual-user.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const health = (thinkTimeSeconds: number): IterationStep => ({
  operationId: 'getHealth', method: 'GET', path: '/healthz', auth: 'none', expectedStatuses: [200], weight: 1, thinkTimeSeconds, cacheable: false,
});

function healthModel(step: IterationStep): LoadModel {
  return {
    $comment: 'driver ceiling', metrics: { operationDuration: 'op_duration', cacheTag: 'cache' }, defaults: { workspace: '-' }, setup: [], iteration: [step],
    thresholds: [{ metric: 'http_req_failed', expression: 'rate<0.01', kind: 'errors', source: 'ceiling' }],
    profiles: {} as LoadModel['profiles'],
  };
}

interface DriverPhase {
  vus: number;
  thinkTimeSeconds: number;
  holdSeconds: number;
  requestsPerSecond: number;
  expectedRequestsPerSecond: number | null;
  failed: number;
  latencyMs: { p50: number; p95: number; p99: number };
  eventLoopDelayMsP99: number;
  cpuSeconds: number;
}

/** `vus` VUs ramped up in 1 s, then held; the rate is counted over the hold only. */
async function driverPhase(baseUrl: string, vus: number, thinkTimeSeconds: number, holdSeconds: number): Promise<DriverPhase> {
  const step = health(thinkTimeSeconds);
  const metrics = new RunMetrics(healthModel(step));
  const client = new HttpClient(vus + 8);
  const ctx = { client, baseUrl, adminKey: '' };
  const rampSeconds = thinkTimeSeconds > 0 ? Math.max(1, thinkTimeSeconds) : 1;
  let holdStart: { at: number; requests: number } | undefined;
  let holdEnd: { at: number; requests: number } | undefined;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const cpu = process.cpuUsage();
  loop.enable();
  await runRampingVus({
    stages: [{ durationSeconds: rampSeconds, target: vus }, { durationSeconds: holdSeconds, target: vus }],
    profile: { gracefulRampDownSeconds: 0, gracefulStopSeconds: Math.max(1, thinkTimeSeconds * 2) },
    createVu: (id) => new VirtualUser({ id, ctx, steps: [step], vars: { run: 'ceiling' }, metrics }),
    onTick: (elapsed) => {
      if (elapsed >= rampSeconds && !holdStart) holdStart = { at: elapsed, requests: metrics.requests };
      holdEnd = { at: elapsed, requests: metrics.requests };
    },
  });
  loop.disable();
  const used = process.cpuUsage(cpu);
  client.close();
  const duration = metrics.registry.get('http_req_duration')!.sink;
  const p = (q: number) => (duration.type === 'trend' ? Math.round(duration.percentile(q) * 100) / 100 : 0);
  const rate = holdStart && holdEnd && holdEnd.at > holdStart.at ? (holdEnd.requests - holdStart.requests) / (holdEnd.at - holdStart.at) : 0;
  return {
    vus,
    thinkTimeSeconds,
    holdSeconds,
    requestsPerSecond: Math.round(rate),
    // A closed-model VU makes one request per (latency + think time).
    expectedRequestsPerSecond: thinkTimeSeconds > 0 ? Math.round(vus / (thinkTimeSeconds + p(50) / 1000)) : null,
    failed: metrics.failed,
    latencyMs: { p50: p(50), p95: p(95), p99: p(99) },
    eventLoopDelayMsP99: Math.round(loop.percentile(99) / 1e4) / 100,
    cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100,
  };
}

function wrkPhase(url: string, connections: number, seconds: number): { requestsPerSecond: number; latencyMs: Record<string, number>; version: string } | { absent: string } {
  const which = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (which.error) return { absent: 'wrk is not installed (Debian: apt-get install wrk); the driver ceiling is measured alone' };
  const version = `${which.stdout}${which.stderr}`.split('\n')[0]!.trim();
  const out = execFileSync('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', url], { encoding: 'utf8' });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const latency: Record<string, number> = {};
  for (const m of out.matchAll(/^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$/gm)) {
    const factor = m[3] === 'us' ? 0.001 : m[3] === 's' ? 1000 : 1;
    latency[`p${m[1]}`] = Math.round(Number(m[2]) * factor * 100) / 100;
  }
  if (!rps) throw new Error(`could not read wrk's output:\n${out}`);
  return { requestsPerSecond: Math.round(Number(rps[1])), latencyMs: latency, version };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      url: { type: 'string', default: serverUrl() },
      connections: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '10' },
      vus: { type: 'string', default: '1000' },
      'think-seconds': { type: 'string', default: '20' },
    },
  });
  const baseUrl = values.url.replace(/\/+$/, '');
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  console.error(`ceiling: GET ${baseUrl}/healthz, ${connections} connections, ${seconds} s each`);
  const wrk = wrkPhase(`${baseUrl}/healthz`, connections, seconds);
  console.error('absent' in wrk ? wrk.absent : `wrk: ${wrk.requestsPerSecond} req/s`);
  const flat = await driverPhase(baseUrl, connections, 0, seconds);
  console.error(`driver, ${connections} VUs without think time: ${flat.requestsPerSecond} req/s`);
  const paced = await driverPhase(baseUrl, Number(values.vus), 1, Number(values['think-seconds']));
  console.error(`driver, ${paced.vus} VUs with 1 s think time: ${paced.requestsPerSecond} req/s (closed-model expectation ${paced.expectedRequestsPerSecond})`);
  const report = { url: `${baseUrl}/healthz`, startedAt: new Date().toISOString(), machine: machine(), wrk, driverNoThinkTime: flat, driverWithThinkTime: paced };
  mkdirSync(join(root, 'load', 'results'), { recursive: true });
  const path = join(root, 'load', 'results', `ceiling-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  console.log(`results: ${path}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});

/**
 * @module
 * `npm run bench:ops`: req/s and p50/p99 per operation, each as a ratio to `GET /healthz` on the
 * same server in the same run, against the per-operation budgets. wrk (at /usr/bin/wrk, or `--wrk`)
 * drives `--connections` connections (default 20) for `--seconds` per phase (default 5); the
 * phases run in turn for `--rounds` rounds (default 2) so drifting load on a shared machine hits all
 * alike, and each phase reports its mean req/s and its median p50/p99 over the rounds.
 *
 * The server is the production-like one (`npm start`'s), started here on `--port` (default 8796)
 * after `npm run build` (or with an earlier build, `--bundle FILE`), or a running one at `--url` (localhost only). Setup creates a fresh board in
 * the load-test workspace and an item for the votes and comments. After each phase a few requests
 * of the same kind sample `X-Cache` and the D1 statements per request (`Server-Timing`).
 * A benchmark, not a test: it reports and compares with the budgets, on a shared machine the
 * figures are indicative. Results go to load/results/bench-ops-*.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveAdminKey } from '../../load/driver/admin-key.ts';
import { repoRoot } from '../lib/paths.ts';
import { buildWorker, startProductionServer, type ProductionServer } from '../lib/production-server.ts';
import { call, setUpPhases, type Phase } from './ops-phases.ts';
import { runWrk, type Sample } from './wrk.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    port: { type: 'string', default: '8796' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '20' },
    wrk: { type: 'string', default: '/usr/bin/wrk' },
    bundle: { type: 'string' },
    workspace: { type: 'string', default: 'load-test' },
  },
});


interface PhaseResult extends Omit<Phase, 'body' | 'header'> {
  rounds: Sample[];
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ratio: number;
  meetsBudget?: boolean;
  xCache: Record<string, number>;
  statementsPerRequest: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A few requests of the phase's kind: their X-Cache and D1 statements (Server-Timing). */
async function sample(base: string, phase: Phase): Promise<{ xCache: Record<string, number>; statementsPerRequest: number }> {
  const xCache: Record<string, number> = {};
  let statements = 0;
  const n = 20;
  for (let i = 0; i < n; i++) {
    const [name, value] = phase.header ? phase.header.split(/:\s*/) : [];
    const body = phase.body ? JSON.parse(phase.body.replace('{user}', `bench-sample-${Date.now()}-${i}`)) : undefined;
    const response = await call(base, phase.method, phase.path, { body, headers: name ? { [name]: value! } : {} });
    await response.arrayBuffer();
    const state = response.headers.get('X-Cache') ?? 'none';
    xCache[state] = (xCache[state] ?? 0) + 1;
    statements += Number(/db;desc="(\d+) statements"/.exec(response.headers.get('Server-Timing') ?? '')?.[1] ?? NaN);
  }
  return { xCache, statementsPerRequest: statements / n };
}

async function main(): Promise<void> {
  let server: ProductionServer | undefined;
  let base = values.url;
  if (base) {
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(base).hostname)) throw new Error(`--url must be a local server, not ${base}`);
  } else {
    console.error('bench:ops: building the Worker and starting the production-like server');
    if (!values.bundle) buildWorker();
    server = await startProductionServer({ port: Number(values.port), bundle: values.bundle });
    base = server.url;
  }
  try {
    const adminKey = resolveAdminKey(values.workspace, process.env, join(repoRoot, '.dev.vars'));
    const phases = await setUpPhases(base, values.workspace, adminKey);
    const rounds = new Map<string, Sample[]>(phases.map((p) => [p.name, []]));
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const phase of phases) {
        if (phase.name === 'list, cached') await (await call(base, 'GET', phase.path)).arrayBuffer();
        const s = runWrk(values.wrk, base, phase, { connections: Number(values.connections), seconds: Number(values.seconds) });
        rounds.get(phase.name)!.push(s);
        console.error(`round ${round} ${phase.name}: ${s.requestsPerSecond.toFixed(0)} req/s, p50 ${s.p50Ms.toFixed(2)} ms, p99 ${s.p99Ms.toFixed(2)} ms, non-2xx ${s.non2xx}`);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const healthz = mean(rounds.get('healthz')!.map((s) => s.requestsPerSecond));
    const results: PhaseResult[] = [];
    for (const phase of phases) {
      const samples = rounds.get(phase.name)!;
      const rps = mean(samples.map((s) => s.requestsPerSecond));
      const ratio = rps / healthz;
      results.push({
        name: phase.name,
        operationId: phase.operationId,
        budget: phase.budget,
        method: phase.method,
        path: phase.path,
        rounds: samples,
        requestsPerSecond: rps,
        p50Ms: median(samples.map((s) => s.p50Ms)),
        p99Ms: median(samples.map((s) => s.p99Ms)),
        ratio,
        // A phase whose requests failed measured its error path, not the operation.
        meetsBudget: phase.budget === undefined ? undefined : ratio >= phase.budget && samples.every((s) => s.non2xx + s.socketErrors === 0),
        ...(await sample(base, phase)),
      });
    }
    const pad = (s: string, n: number) => s.padEnd(n);
    console.log(`${pad('phase', 16)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('× healthz', 11)}${pad('budget', 9)}${pad('D1 stmts', 10)}X-Cache`);
    for (const r of results) {
      const budget = r.budget === undefined ? '' : `${r.budget}× ${r.meetsBudget ? '✓' : '✗'}`;
      const failed = r.rounds.reduce((n, s) => n + s.non2xx + s.socketErrors, 0);
      console.log(
        `${pad(r.name, 16)}${pad(r.requestsPerSecond.toFixed(0), 9)}${pad(r.p50Ms.toFixed(2), 9)}${pad(r.p99Ms.toFixed(2), 9)}${pad(r.ratio.toFixed(2), 11)}${pad(budget, 9)}${pad(r.statementsPerRequest.toFixed(1), 10)}${JSON.stringify(r.xCache)}${failed ? `  ${failed} failed` : ''}`,
      );
    }
    const dir = join(repoRoot, 'load', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bench-ops-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), connections: Number(values.connections), seconds: Number(values.seconds), rounds: Number(values.rounds), results }, null, 2));
    console.log(`results: ${file}`);
  } finally {
    await server?.dispose();
  }
}

await main();

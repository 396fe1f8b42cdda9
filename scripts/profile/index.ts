/**
 * @module
 * `npm run profile -- --operation <operationId> [--uncached] [--seconds N] [--connections N]
 * [--port P] [--inspector-port P] [--bundle FILE]`: builds the Worker (or takes an earlier build), starts the production-like server with the
 * V8 inspector open, drives one operation with wrk while recording a CPU profile of the Worker's
 * isolate, and reports where the time goes: our code by category (routing, validation, handlers,
 * query compilation, cache, serialization…) and, from workerd's process CPU, what the runtime and
 * the local D1 and Cache API simulators used besides. Operations: those of bench:ops (getHealth,
 * listFeedback, voteFeedback, createFeedback, createComment). Writes the `.cpuprofile` (open it in
 * Chrome DevTools) and a JSON summary under load/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveAdminKey } from '../../load/driver/admin-key.ts';
import { setUpPhases } from '../bench/ops-phases.ts';
import { runWrk } from '../bench/wrk.ts';
import { repoRoot } from '../lib/paths.ts';
import { bundlePath, buildWorker, startProductionServer } from '../lib/production-server.ts';
import { analyzeProfile } from './analyze.ts';
import { bundleModules } from './bundle-modules.ts';
import { categories } from './categories.ts';
import { InspectorSession } from './inspector.ts';
import { cpuMs, workerdServing } from './process-cpu.ts';

const { values } = parseArgs({
  options: {
    operation: { type: 'string' },
    uncached: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    port: { type: 'string', default: '8797' },
    'inspector-port': { type: 'string', default: '9229' },
    'sampling-us': { type: 'string', default: '200' },
    wrk: { type: 'string', default: '/usr/bin/wrk' },
    bundle: { type: 'string' },
    workspace: { type: 'string', default: 'load-test' },
  },
});
if (!values.operation) {
  console.error('usage: npm run profile -- --operation <operationId> [--uncached] [--seconds N] [--connections N] [--port P] [--inspector-port P]');
  process.exit(2);
}
const port = Number(values.port);
const inspectorPort = Number(values['inspector-port']);

if (!values.bundle) buildWorker();
const bundle = values.bundle ?? bundlePath;
const server = await startProductionServer({ port, inspectorPort, bundle });
try {
  const phases = await setUpPhases(server.url, values.workspace, resolveAdminKey(values.workspace, process.env, join(repoRoot, '.dev.vars')));
  const phase = phases.find((p) => p.operationId === values.operation && (p.operationId !== 'listFeedback' || (p.header !== undefined) === values.uncached));
  if (!phase) throw new Error(`--operation must be one of ${[...new Set(phases.map((p) => p.operationId))].join(', ')}`);
  const workerd = workerdServing(port);
  // Warm up (compilation, caches), then measure.
  runWrk(values.wrk, server.url, phase, { connections: Number(values.connections), seconds: 2 });
  const inspector = await InspectorSession.connect(inspectorPort, 'feedback-platform-api');
  await inspector.startProfiling(Number(values['sampling-us']));
  const cpuBefore = workerd ? cpuMs(workerd) : NaN;
  const load = runWrk(values.wrk, server.url, phase, { connections: Number(values.connections), seconds: Number(values.seconds) });
  const workerdCpuMs = workerd ? cpuMs(workerd) - cpuBefore : NaN;
  const profile = await inspector.stopProfiling();
  inspector.close();

  const summary = analyzeProfile(profile, bundleModules(bundle), (url) => url.endsWith('index.js'));
  const requests = load.requestsPerSecond * Number(values.seconds);
  const share = (ms: number) => `${((100 * ms) / summary.busyMs).toFixed(1)}%`.padStart(8);
  // Samples are wall time: on a busy machine a running isolate also waits for a core, so only the
  // proportions of the isolate's time are comparable between runs; workerd's CPU time is absolute.
  const lines = [
    `${phase.name} (${phase.operationId}): ${load.requestsPerSecond.toFixed(0)} req/s over ${values.seconds} s, p50 ${load.p50Ms.toFixed(2)} ms, p99 ${load.p99Ms.toFixed(2)} ms, ${load.non2xx} non-2xx`,
    `workerd process CPU: ${((workerdCpuMs * 1000) / requests).toFixed(0)} µs/request (the Worker, the runtime, and the local D1 and Cache API simulators)`,
    `the Worker's isolate: busy ${((100 * summary.busyMs) / summary.wallMs).toFixed(0)}% of the wall time, waiting on I/O (D1, Cache API) ${((100 * summary.idleMs) / summary.wallMs).toFixed(0)}%, unsampled ${((100 * summary.unsampledMs) / summary.wallMs).toFixed(0)}% (long gaps between samples: the thread running the simulators' isolates, or the sampler without a core)`,
    '',
    "the isolate's busy time by category:",
    ...categories.filter((c) => summary.byCategory[c]).map((c) => `${share(summary.byCategory[c]!)}  ${c}`),
    '',
    'top modules and native calls (self time):',
    ...summary.topModules.map((m) => `${share(m.ms)}  ${m.module}`),
  ];
  console.log(lines.join('\n'));

  const dir = join(repoRoot, 'load', 'results');
  mkdirSync(dir, { recursive: true });
  const stem = join(dir, `profile-${phase.operationId}${values.uncached ? '-uncached' : ''}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  writeFileSync(`${stem}.cpuprofile`, JSON.stringify(profile));
  writeFileSync(`${stem}.json`, JSON.stringify({ phase: phase.name, operationId: phase.operationId, load, workerdCpuMs, requests, summary }, null, 2));
  console.log(`\nprofile: ${stem}.cpuprofile\nsummary: ${stem}.json`);
} finally {
  await server.dispose();
}

/**
 * @module
 * `npm run bench:floor`: what the local runtime itself costs, as a floor for `bench:ops`. A Worker
 * that does nothing but answer, or run one D1 statement (alone, in a session, as a write batch), on
 * the same workerd and local D1 that `npm start` uses (Miniflare, a throwaway database under
 * .wrangler/tmp), driven by wrk (20 connections, 5 s each), reporting req/s and workerd's CPU per
 * request. The gap between a phase here and the same kind of request in bench:ops is our code.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from 'miniflare';
import { repoRoot } from '../lib/paths.ts';
import { cpuMs, workerdServing } from '../profile/process-cpu.ts';
import type { Phase } from './ops-phases.ts';
import { runWrk } from './wrk.ts';

const PORT = Number(process.env.FLOOR_PORT ?? 8792);

const worker = `export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path === '/noop') return new Response('ok');
    if (path === '/read') return Response.json(await env.DB.prepare('SELECT id FROM t WHERE id = ?').bind(1).first());
    if (path === '/read-session') return Response.json(await env.DB.withSession('first-unconstrained').prepare('SELECT id FROM t WHERE id = ?').bind(1).first());
    if (path === '/write-session') {
      const s = env.DB.withSession('first-primary');
      const [, read] = await s.batch([s.prepare('INSERT INTO w (v) VALUES (?)').bind(Math.random()), s.prepare('SELECT count(*) AS n FROM t')]);
      return Response.json(read.results);
    }
    return new Response('not found', { status: 404 });
  },
};`;

const phases: { name: string; path: string; method: 'GET' | 'POST' }[] = [
  { name: 'no-op', path: '/noop', method: 'GET' },
  { name: 'one D1 read', path: '/read', method: 'GET' },
  { name: 'one D1 read, session', path: '/read-session', method: 'GET' },
  { name: 'D1 write batch, session', path: '/write-session', method: 'POST' },
];

const state = join(repoRoot, '.wrangler', 'tmp', 'runtime-floor');
rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });
const mf = new Miniflare(convertV4MiniflareOptions({
  // On its own socket, as npm start serves the Worker (production-server.ts).
  workers: [{ name: 'floor', modules: true, script: worker, compatibilityDate: '2026-11-01', d1Databases: { DB: 'floor' }, unsafeDirectSockets: [{ host: '127.0.0.1', port: PORT }] }],
  resourcePersistencePath: state,
  host: '127.0.0.1',
  port: 0,
  cf: false,
  log: new Log(LogLevel.WARN),
}));
try {
  await mf.ready;
  const url = (await mf.unsafeGetDirectURL('floor')).toString().replace(/\/$/, '');
  const db = await mf.getD1Database('DB');
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  await db.exec('INSERT INTO t VALUES (1), (2), (3)');
  await db.exec('CREATE TABLE w (id INTEGER PRIMARY KEY, v REAL)');
  const workerd = workerdServing(PORT);
  console.log(`${'phase'.padEnd(26)}${'req/s'.padEnd(9)}CPU µs/req`);
  for (const phase of phases) {
    const before = workerd === undefined ? NaN : cpuMs(workerd);
    const s = runWrk('/usr/bin/wrk', url, { ...phase, operationId: phase.name } satisfies Phase, { connections: 20, seconds: 5 });
    const cpu = ((cpuMs(workerd!) - before) * 1000) / (s.requestsPerSecond * 5);
    console.log(`${phase.name.padEnd(26)}${s.requestsPerSecond.toFixed(0).padEnd(9)}${cpu.toFixed(0)}${s.non2xx ? `  ${s.non2xx} failed` : ''}`);
  }
} finally {
  await mf.dispose();
  rmSync(state, { recursive: true, force: true });
}

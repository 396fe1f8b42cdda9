/** @module Running one phase through wrk (one thread) and reading its summary line (wrk/report.lua). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths.ts';
import type { Phase } from './ops-phases.ts';

export interface Sample { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; socketErrors: number }

export function runWrk(wrk: string, base: string, phase: Phase, load: { connections: number; seconds: number }): Sample {
  const out = execFileSync(wrk, ['-t1', `-c${load.connections}`, `-d${load.seconds}s`, '--timeout', '30s', '--latency', '-s', join(repoRoot, 'scripts/bench/wrk/request.lua'), base], {
    encoding: 'utf8',
    env: {
      ...process.env,
      BENCH_METHOD: phase.method,
      BENCH_PATH: phase.path,
      BENCH_HEADER: phase.header ?? '',
      BENCH_BODY: phase.body ?? '',
      BENCH_REPORT_LUA: join(repoRoot, 'scripts/bench/wrk/report.lua'),
    },
  });
  const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const r = JSON.parse(line.slice('WRK_JSON '.length)) as { requests: number; durationUs: number; non2xx: number; socketErrors: number; p50Us: number; p99Us: number };
  return { requestsPerSecond: r.requests / (r.durationUs / 1e6), p50Ms: r.p50Us / 1000, p99Ms: r.p99Us / 1000, non2xx: r.non2xx, socketErrors: r.socketErrors };
}


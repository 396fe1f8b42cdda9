/**
 * @module
 * One run of a profile of the model: setup through the API, the ramping-vus executor with
 * virtual users, thresholds evaluated at the end, the report assembled.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoadModel, ProfileName } from '../model.ts';
import { evaluateThresholds } from './evaluate-thresholds.ts';
import { HttpClient } from './http-client.ts';
import { ProgressLine } from './progress.ts';
import { runRampingVus } from './ramping-vus.ts';
import { type LoadReport, machine, operationReports, totals } from './report.ts';
import { RunMetrics } from './run-metrics.ts';
import { runSetup } from './setup-run.ts';
import { maxTarget, scaleStages } from './stages.ts';
import type { Variables } from './templates.ts';
import { VirtualUser } from './virtual-user.ts';

export interface LoadRunOptions {
  model: LoadModel;
  profile: ProfileName;
  baseUrl: string;
  durationScale: number;
  /** Multiplies every stage's VU target (1: the profile as generated). */
  vusScale?: number;
  workspace: string;
  /** An existing board to load instead of creating one. */
  board?: string;
  adminKey: string;
  progress?: boolean;
}

export async function runLoad(options: LoadRunOptions): Promise<LoadReport> {
  const { model } = options;
  const profile = model.profiles[options.profile];
  const stages = scaleStages(profile.stages, options.durationScale, options.vusScale);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const client = new HttpClient(maxTarget(stages) + 8);
  const ctx = { client, baseUrl, adminKey: options.adminKey };
  const metrics = new RunMetrics(model);
  const startedAt = new Date();
  const clockStart = performance.now();

  const initial: Variables = { workspace: options.workspace, run: Date.now().toString(36) };
  if (options.board) initial.board = options.board;
  try {
    const vars = await runSetup(ctx, model.setup, initial, metrics);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuStart = process.cpuUsage();
    const progress = options.progress === false ? undefined : new ProgressLine(metrics);
    const run = await runRampingVus({
      stages,
      profile,
      createVu: (id) => new VirtualUser({ id, ctx, steps: model.iteration, vars, metrics }),
      onTick: (elapsed, vus) => progress?.tick(elapsed, vus),
    });
    progress?.end();
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuStart);
    const elapsedSeconds = (performance.now() - clockStart) / 1000;
    const thresholds = evaluateThresholds(model.thresholds, metrics.registry, profile, elapsedSeconds);
    return {
      profile: options.profile,
      url: baseUrl,
      startedAt: startedAt.toISOString(),
      durationScale: options.durationScale,
      vusScale: options.vusScale ?? 1,
      stages,
      latencyThresholds: profile.latencyThresholds,
      elapsedSeconds: Math.round(run.elapsedSeconds * 10) / 10,
      maxVus: run.maxVus,
      setup: vars,
      totals: totals(metrics, run.elapsedSeconds),
      statuses: metrics.statuses,
      transportErrors: metrics.transportErrors,
      operations: operationReports(model, metrics.registry, metrics.d1Statements),
      thresholds,
      passed: thresholds.every((t) => t.ok || !t.enforced),
      machine: machine(),
      driver: {
        eventLoopDelayMs: {
          p50: Math.round(loopDelay.percentile(50) / 1e4) / 100,
          p99: Math.round(loopDelay.percentile(99) / 1e4) / 100,
          max: Math.round(loopDelay.max / 1e4) / 100,
        },
        cpuSeconds: { user: Math.round(cpu.user / 1e4) / 100, system: Math.round(cpu.system / 1e4) / 100 },
      },
    };
  } finally {
    client.close();
  }
}

/**
 * @module
 * The k6 script's `setup()`: the run's data created through the API before any VU starts, each
 * step's saved response field becoming a variable of the run (`board`, `id`).
 */
import type { SetupStep } from '../model.ts';
import { isFailed, type RunContext, sendStep } from './request-step.ts';
import type { RunMetrics } from './run-metrics.ts';
import type { Variables } from './templates.ts';

export class SetupError extends Error {
  constructor(readonly operationId: string, readonly status: number, readonly body: string) {
    super(`setup ${operationId}: HTTP ${status} ${body}`);
    this.name = 'SetupError';
  }
}

export async function runSetup(ctx: RunContext, steps: SetupStep[], initial: Variables, metrics: RunMetrics): Promise<Variables> {
  const vars: Variables = { ...initial };
  for (const step of steps) {
    if (step.skipWhenSet !== undefined && vars[step.skipWhenSet] !== undefined) continue;
    const result = await sendStep(ctx, step, vars, { readBody: true });
    const failed = isFailed(step, result);
    metrics.recordRequest(`setup:${step.operationId}`, step.method, result, failed);
    if (failed) throw new SetupError(step.operationId, result.status, result.error ?? result.body ?? '');
    if (step.save) {
      const value = (JSON.parse(result.body ?? 'null') as Record<string, unknown> | null)?.[step.save.field];
      if (value === undefined || value === null) throw new SetupError(step.operationId, result.status, `response has no ${step.save.field}`);
      vars[step.save.variable] = String(value);
    }
  }
  return vars;
}

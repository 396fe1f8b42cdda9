/**
 * @module
 * A virtual user of the closed model, as a k6 VU runs the script's default function: it loops
 * over iterations; in each, every step runs with its weight as probability and is followed by
 * its think time. Asked to stop, it finishes the current iteration; aborted, it stops at once
 * and the interrupted request is not recorded (the driver cut it, not the server).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IterationStep } from '../model.ts';
import { isFailed, type RunContext, sendStep } from './request-step.ts';
import type { RunMetrics } from './run-metrics.ts';
import type { Variables } from './templates.ts';

export interface VirtualUserOptions {
  id: number;
  ctx: RunContext;
  steps: IterationStep[];
  vars: Variables;
  metrics: RunMetrics;
  random?: () => number;
}

export class VirtualUser {
  readonly id: number;
  private stopRequested = false;
  private readonly abort = new AbortController();
  readonly done: Promise<void>;

  constructor(private readonly options: VirtualUserOptions) {
    this.id = options.id;
    this.done = this.loop();
  }

  /** Finish the current iteration, then stop (k6 graceful stop). */
  stop(): void {
    this.stopRequested = true;
  }

  /** Stop now (k6 interrupting an iteration past its grace period). */
  interrupt(): void {
    this.stopRequested = true;
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    const { ctx, steps, metrics } = this.options;
    const random = this.options.random ?? Math.random;
    const signal = this.abort.signal;
    for (let iteration = 0; !this.stopRequested; iteration += 1) {
      const vars: Variables = { ...this.options.vars, user: `u-${this.options.vars.run}-${this.id}-${iteration}` };
      try {
        for (const step of steps) {
          if (random() < step.weight) {
            const result = await sendStep(ctx, step, vars, { signal });
            if (signal.aborted) return;
            metrics.recordRequest(step.operationId, step.method, result, isFailed(step, result));
            metrics.recordOperation(step.operationId, result);
          }
          if (step.thinkTimeSeconds > 0) await sleep(step.thinkTimeSeconds * 1000, undefined, { signal });
        }
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
      metrics.recordIteration();
    }
  }
}

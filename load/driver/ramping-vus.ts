/**
 * @module
 * The k6 `ramping-vus` executor: starts and stops virtual users to follow the stages, gives a
 * VU removed by a down-ramp `gracefulRampDown` to finish its iteration and the VUs still running
 * after the last stage `gracefulStop`, then interrupts them.
 */
import type { LoadProfile, Stage } from '../model.ts';
import { targetAt, totalSeconds } from './stages.ts';
import type { VirtualUser } from './virtual-user.ts';

export interface ExecutorOptions {
  stages: Stage[];
  profile: Pick<LoadProfile, 'gracefulRampDownSeconds' | 'gracefulStopSeconds'>;
  createVu: (id: number) => VirtualUser;
  /** Called on every tick with the active VU count. */
  onTick?: (elapsedSeconds: number, activeVus: number) => void;
  tickMs?: number;
  now?: () => number;
}

export async function runRampingVus(options: ExecutorOptions): Promise<{ elapsedSeconds: number; maxVus: number }> {
  const now = options.now ?? (() => performance.now());
  const tickMs = options.tickMs ?? 50;
  const active: VirtualUser[] = [];
  const stopping: Promise<void>[] = [];
  let nextId = 1;
  let maxVus = 0;
  const startedAt = now();
  const end = totalSeconds(options.stages);

  const retire = (vu: VirtualUser, graceSeconds: number) => {
    vu.stop();
    const timer = setTimeout(() => vu.interrupt(), graceSeconds * 1000);
    stopping.push(vu.done.finally(() => clearTimeout(timer)));
  };

  for (;;) {
    const elapsed = (now() - startedAt) / 1000;
    if (elapsed >= end) break;
    const target = targetAt(options.stages, elapsed);
    while (active.length < target) active.push(options.createVu(nextId++));
    // The most recently started VUs leave first, as in k6.
    while (active.length > target) retire(active.pop()!, options.profile.gracefulRampDownSeconds);
    maxVus = Math.max(maxVus, active.length);
    options.onTick?.(elapsed, active.length);
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  for (const vu of active.splice(0)) retire(vu, options.profile.gracefulStopSeconds);
  await Promise.all(stopping);
  return { elapsedSeconds: (now() - startedAt) / 1000, maxVus };
}

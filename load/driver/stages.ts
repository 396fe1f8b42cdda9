/**
 * @module
 * k6 `ramping-vus` stages as a function of time: within a stage the VU count moves linearly
 * from the previous target to the stage's target, a VU is added when the line reaches the next
 * whole number going up and removed when it reaches it going down (k6's execution steps).
 */
import type { Stage } from '../model.ts';

/** Stretches the stages in time and, to find where a profile's latency holds, in VUs (rounded). */
export function scaleStages(stages: Stage[], durationScale: number, vusScale = 1): Stage[] {
  return stages.map((s) => ({ durationSeconds: s.durationSeconds * durationScale, target: Math.round(s.target * vusScale) }));
}

export function totalSeconds(stages: Stage[]): number {
  return stages.reduce((sum, s) => sum + s.durationSeconds, 0);
}

export function maxTarget(stages: Stage[]): number {
  return stages.reduce((max, s) => Math.max(max, s.target), 0);
}

/** The number of VUs k6 runs `seconds` after the start (0 VUs before the first stage). */
export function targetAt(stages: Stage[], seconds: number): number {
  let from = 0;
  let stageStart = 0;
  for (const stage of stages) {
    const stageEnd = stageStart + stage.durationSeconds;
    if (seconds < stageEnd) {
      const exact = from + ((stage.target - from) * (seconds - stageStart)) / stage.durationSeconds;
      // A tiny epsilon keeps float error from delaying a step that lands exactly on a tick.
      return stage.target >= from ? Math.floor(exact + 1e-9) : Math.ceil(exact - 1e-9);
    }
    from = stage.target;
    stageStart = stageEnd;
  }
  return from;
}

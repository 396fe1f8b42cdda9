/**
 * @module
 * The parts of the load scenario that are about the test run, not the API contract: the run
 * profiles (stages of virtual users) and the data a run creates before it starts. Everything
 * per operation (which requests, weights, think times, bodies, thresholds) comes from the spec's
 * `x-load` and `x-slo`.
 */
import type { LoadProfile, ProfileName } from '../../load/model.ts';

/** Workspace a run targets unless `WORKSPACE` / `--workspace` says otherwise (`npm start` seeds it). */
export const defaultLoadWorkspace = 'load-test';

export const loadProfiles: Record<ProfileName, LoadProfile> = {
  smoke: {
    description:
      'CI correctness under concurrency: a few VUs for seconds. Latency thresholds are reported but advisory ' +
      '(a shared CI machine makes absolute latency noise); error-rate thresholds decide.',
    stages: [
      { durationSeconds: 10, target: 5 },
      { durationSeconds: 20, target: 10 },
      { durationSeconds: 5, target: 0 },
    ],
    gracefulRampDownSeconds: 5,
    gracefulStopSeconds: 5,
    latencyThresholds: 'advisory',
  },
  seed: {
    description: "The seed's Task 8.2.4 stages: 1m to 50 VUs, 3m to 100, 1m to 200, 1m to 0. Every threshold decides.",
    stages: [
      { durationSeconds: 60, target: 50 },
      { durationSeconds: 180, target: 100 },
      { durationSeconds: 60, target: 200 },
      { durationSeconds: 60, target: 0 },
    ],
    gracefulRampDownSeconds: 30,
    gracefulStopSeconds: 30,
    latencyThresholds: 'enforce',
  },
  scale: {
    description: '1000 concurrent users on one workspace: ramp to 1000 VUs, hold 2m, ramp down. Every threshold decides.',
    stages: [
      { durationSeconds: 60, target: 250 },
      { durationSeconds: 60, target: 500 },
      { durationSeconds: 60, target: 1000 },
      { durationSeconds: 120, target: 1000 },
      { durationSeconds: 30, target: 0 },
    ],
    gracefulRampDownSeconds: 30,
    gracefulStopSeconds: 30,
    latencyThresholds: 'enforce',
  },
};

/** A setup request by operationId; method, path and statuses come from the spec. */
export interface SetupSetting {
  operationId: string;
  body: Record<string, unknown>;
  save?: { variable: string; field: string };
  skipWhenSet?: string;
}

/**
 * Data a run creates through the API before the virtual users start: its own board (unless
 * `BOARD` names an existing one, e.g. the seeded `main`) and the item the votes go to.
 * `{run}` is unique per run, so reruns never collide.
 */
export const loadSetup: SetupSetting[] = [
  {
    operationId: 'createBoard',
    body: { slug: 'load-{run}', name: 'Load test {run}', description: 'Created by a load test run' },
    save: { variable: 'board', field: 'slug' },
    skipWhenSet: 'board',
  },
  {
    operationId: 'createFeedback',
    body: { title: 'Load test item {run}', description: 'Created during load test setup', externalUserId: 'load-setup' },
    save: { variable: 'id', field: 'id' },
  },
];

/** Variables every run has before setup: `workspace` (env), `run` (unique id); `board` only when given. */
export const runVariables = ['workspace', 'run', 'board'] as const;
/** Variable each iteration adds: the virtual user's id for that iteration. */
export const iterationVariables = ['user'] as const;

/**
 * @module
 * The load scenario model: what `scripts/generate/emit-load-model.ts` writes to
 * `load/model.generated.json`, what `load/k6/feedback.js` inlines, and what the Node driver
 * executes. The schema validates the JSON when the driver reads it, so a stale or hand-edited
 * file fails loudly instead of driving the wrong load.
 */
import { z } from 'zod';

const httpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** One request a step makes: an operation of the spec, with `{variable}` placeholders filled at run time. */
const request = z.strictObject({
  operationId: z.string(),
  method: httpMethod,
  /** Path template of the spec; `{workspace}`, `{board}`, `{id}` come from the run's variables. */
  path: z.string(),
  /** `admin` sends the workspace admin key as a bearer token. */
  auth: z.enum(['none', 'admin']),
  /** JSON body with `{variable}` placeholders in its strings, or absent. */
  body: z.unknown().optional(),
  /** The operation's 2xx statuses in the spec: any other status (or no response) is a failed request. */
  expectedStatuses: z.array(z.number().int()).min(1),
});

const setupStep = request.extend({
  /** Store a field of the JSON response as a run variable. */
  save: z.strictObject({ variable: z.string(), field: z.string() }).optional(),
  /** Skip the step when this variable is already given (e.g. `BOARD` names an existing board). */
  skipWhenSet: z.string().optional(),
});

const iterationStep = request.extend({
  /** Probability that a virtual user makes this request in one iteration (x-load weight). */
  weight: z.number().gt(0).max(1),
  /** Seconds slept after the step, whether or not the request was made (the seed script's pacing). */
  thinkTimeSeconds: z.number().nonnegative(),
  /** Whether the response carries `X-Cache` (the operation has x-cache). */
  cacheable: z.boolean(),
});

const threshold = z.strictObject({
  /** k6 metric selector, e.g. `http_req_duration{name:createFeedback}`. */
  metric: z.string(),
  /** k6 threshold expression, e.g. `p(95)<300` or `rate<0.01`. */
  expression: z.string(),
  kind: z.enum(['latency', 'errors']),
  /** Where in the spec the number comes from. */
  source: z.string(),
});

const stage = z.strictObject({ durationSeconds: z.number().positive(), target: z.number().int().nonnegative() });

const profile = z.strictObject({
  description: z.string(),
  stages: z.array(stage).min(1),
  /** k6 ramping-vus: how long a VU removed by a down-ramp may finish its iteration. */
  gracefulRampDownSeconds: z.number().nonnegative(),
  /** k6 ramping-vus: how long running iterations may finish after the last stage. */
  gracefulStopSeconds: z.number().nonnegative(),
  /**
   * `enforce`: every threshold decides pass/fail. `advisory`: latency thresholds are measured
   * and reported but do not fail the run; error-rate thresholds always decide.
   */
  latencyThresholds: z.enum(['enforce', 'advisory']),
});

export const profileNames = ['smoke', 'seed', 'scale'] as const;
export type ProfileName = (typeof profileNames)[number];

export const loadModelSchema = z.strictObject({
  $comment: z.string(),
  /** Names of the custom metrics and tags both runners use. */
  metrics: z.strictObject({
    /** Trend of every iteration request's duration, tagged `name` and `cache`. */
    operationDuration: z.string(),
    /** Tag on `operationDuration`: `hit` when the response had `X-Cache: HIT`, else `miss`. */
    cacheTag: z.string(),
  }),
  defaults: z.strictObject({ workspace: z.string() }),
  setup: z.array(setupStep),
  iteration: z.array(iterationStep).min(1),
  thresholds: z.array(threshold).min(1),
  profiles: z.strictObject({ smoke: profile, seed: profile, scale: profile }),
});

export type LoadModel = z.infer<typeof loadModelSchema>;
export type SetupStep = z.infer<typeof setupStep>;
export type IterationStep = z.infer<typeof iterationStep>;
export type LoadThreshold = z.infer<typeof threshold>;
export type LoadProfile = z.infer<typeof profile>;
export type Stage = z.infer<typeof stage>;
export type HttpMethodName = z.infer<typeof httpMethod>;

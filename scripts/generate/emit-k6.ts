/**
 * @module
 * Emits `load/k6/feedback.js`: the load scenario as a k6 script, with the model of
 * `emit-load-model.ts` inlined. Plain ES2017 JavaScript importing only `k6`, `k6/http` and
 * `k6/metrics`, so k6 v0.49 and v1.x run it unchanged; `// @ts-check` with `load/k6/tsconfig.json`
 * type-checks it against `@types/k6`. The runtime part below is fixed text; everything that
 * varies with the spec is in the inlined model.
 */
import { DEFAULT_PORT } from '../lib/server-url.ts';
import { buildLoadModel } from './emit-load-model.ts';
import { generatedHeader } from './header.ts';
import type { SpecModel } from './spec-model.ts';

const typedefs = `/**
 * @typedef {'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} Method
 * @typedef {{ operationId: string, method: Method, path: string, auth: 'none' | 'admin', body?: unknown, expectedStatuses: number[] }} Step
 * @typedef {Step & { save?: { variable: string, field: string }, skipWhenSet?: string }} SetupStep
 * @typedef {Step & { weight: number, thinkTimeSeconds: number, cacheable: boolean }} IterationStep
 * @typedef {{ metric: string, expression: string, kind: 'latency' | 'errors', source: string }} Threshold
 * @typedef {{ durationSeconds: number, target: number }} Stage
 * @typedef {{ description: string, stages: Stage[], gracefulRampDownSeconds: number, gracefulStopSeconds: number, latencyThresholds: 'enforce' | 'advisory' }} Profile
 * @typedef {{
 *   $comment: string,
 *   metrics: { operationDuration: string, cacheTag: string },
 *   defaults: { workspace: string },
 *   setup: SetupStep[],
 *   iteration: IterationStep[],
 *   thresholds: Threshold[],
 *   profiles: Record<string, Profile>,
 * }} LoadModel
 * @typedef {Record<string, string>} Variables
 * @typedef {{ vars: Variables }} SetupData
 */`;

const runtime = `
const profileName = __ENV.PROFILE || 'smoke';
const profile = model.profiles[profileName];
if (!profile) {
  throw new Error('PROFILE must be one of ' + Object.keys(model.profiles).join(', ') + '; got ' + profileName);
}
// Stretches or shrinks every stage (not the graceful periods), like the driver's --duration-scale.
const durationScale = Number(__ENV.DURATION_SCALE || '1');
if (!(durationScale > 0)) throw new Error('DURATION_SCALE must be a positive number');
// The same default as npm start and the Node scripts: API_URL, else 127.0.0.1 on PORT.
const baseUrl = (__ENV.API_URL || 'http://127.0.0.1:' + (__ENV.PORT || '${DEFAULT_PORT}')).replace(/\\/+$/, '');

// The cache split needs a tag known only after the response (X-Cache), so it is a custom Trend.
const operationDuration = new Trend(model.metrics.operationDuration, true);

/** @param {number} seconds */
function scaled(seconds) {
  return Math.max(1, Math.round(seconds * durationScale * 1000)) + 'ms';
}

/**
 * Latency thresholds are left out where the profile makes them advisory (smoke); error-rate
 * thresholds always apply.
 * @returns {Record<string, string[]>}
 */
function activeThresholds() {
  /** @type {Record<string, string[]>} */
  const byMetric = {};
  for (const threshold of model.thresholds) {
    if (threshold.kind === 'latency' && profile.latencyThresholds !== 'enforce') continue;
    if (!byMetric[threshold.metric]) byMetric[threshold.metric] = [];
    byMetric[threshold.metric].push(threshold.expression);
  }
  return byMetric;
}

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: {
    [profileName]: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: profile.stages.map((stage) => ({ duration: scaled(stage.durationSeconds), target: stage.target })),
      gracefulRampDown: profile.gracefulRampDownSeconds + 's',
      gracefulStop: profile.gracefulStopSeconds + 's',
    },
  },
  thresholds: activeThresholds(),
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  setupTimeout: '60s',
};

/**
 * @param {string} text
 * @param {Variables} vars
 * @param {(value: string) => string} encode
 */
function fillText(text, vars, encode) {
  return text.replace(/\\{([A-Za-z]+)\\}/g, (_, /** @type {string} */ name) => {
    const value = vars[name];
    if (value === undefined) throw new Error('no value for {' + name + '} in ' + text);
    return encode(value);
  });
}

/**
 * @param {unknown} value
 * @param {Variables} vars
 * @returns {unknown}
 */
function fillBody(value, vars) {
  if (typeof value === 'string') return fillText(value, vars, (v) => v);
  if (Array.isArray(value)) return value.map((item) => fillBody(item, vars));
  if (value !== null && typeof value === 'object') {
    /** @type {Record<string, unknown>} */
    const filled = {};
    const record = /** @type {Record<string, unknown>} */ (value);
    for (const key of Object.keys(record)) filled[key] = fillBody(record[key], vars);
    return filled;
  }
  return value;
}

/**
 * @param {Step} step
 * @param {Variables} vars
 * @param {Record<string, string>} tags
 */
function send(step, vars, tags) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (step.auth === 'admin') headers.Authorization = 'Bearer ' + adminKey();
  let body = null;
  if (step.body !== undefined) {
    body = JSON.stringify(fillBody(step.body, vars));
    headers['Content-Type'] = 'application/json';
  }
  const url = baseUrl + fillText(step.path, vars, encodeURIComponent);
  return http.request(step.method, url, body, {
    headers,
    tags,
    // A failed request is any status the spec does not list as the operation's success.
    responseCallback: http.expectedStatuses(...step.expectedStatuses),
  });
}

function adminKey() {
  const key = __ENV.ADMIN_KEY;
  if (!key) throw new Error('ADMIN_KEY is required: the workspace admin API key (npm start writes LOAD_TEST_ADMIN_KEY to .dev.vars)');
  return key;
}

/** Creates the run's data through the API: its board (unless BOARD names one) and the voted item. */
export function setup() {
  /** @type {Variables} */
  const vars = { workspace: __ENV.WORKSPACE || model.defaults.workspace, run: Date.now().toString(36) };
  if (__ENV.BOARD) vars.board = __ENV.BOARD;
  for (const step of model.setup) {
    if (step.skipWhenSet && vars[step.skipWhenSet] !== undefined) continue;
    const res = send(step, vars, { name: 'setup:' + step.operationId });
    if (step.expectedStatuses.indexOf(res.status) < 0) {
      throw new Error('setup ' + step.operationId + ': HTTP ' + res.status + ' ' + String(res.body));
    }
    if (step.save) vars[step.save.variable] = String(res.json(step.save.field));
  }
  /** @type {SetupData} */
  const data = { vars };
  return data;
}

/**
 * One iteration: each step runs with its weight as probability, then sleeps its think time.
 * @param {SetupData} data
 */
export default function (data) {
  /** @type {Variables} */
  const vars = Object.assign({}, data.vars, { user: 'u-' + data.vars.run + '-' + __VU + '-' + __ITER });
  for (const step of model.iteration) {
    if (Math.random() < step.weight) {
      const res = send(step, vars, { name: step.operationId });
      /** @type {Record<string, string>} */
      const tags = { name: step.operationId };
      tags[model.metrics.cacheTag] = res.headers['X-Cache'] === 'HIT' ? 'hit' : 'miss';
      operationDuration.add(res.timings.duration, tags);
      check(res, {
        [step.operationId + ' status ' + step.expectedStatuses.join('|')]: (r) => step.expectedStatuses.indexOf(r.status) >= 0,
      }, { name: step.operationId });
    }
    sleep(step.thinkTimeSeconds);
  }
}

/**
 * @typedef {{ values: Record<string, number>, thresholds?: Record<string, { ok: boolean }> }} SummaryMetric
 * @param {{ metrics: Record<string, SummaryMetric> }} data
 */
export function handleSummary(data) {
  const path = __ENV.SUMMARY_PATH || 'load/results/k6-' + profileName + '.json';
  const lines = ['profile ' + profileName + ' (' + profile.latencyThresholds + ' latency thresholds)'];
  for (const name of Object.keys(data.metrics).sort()) {
    const metric = data.metrics[name];
    const thresholds = metric.thresholds || {};
    for (const expression of Object.keys(thresholds)) {
      const aggregate = expression.split(/[<>=!]/)[0];
      const value = metric.values[aggregate];
      lines.push((thresholds[expression].ok ? 'ok   ' : 'FAIL ') + name + ' ' + expression + ' (' + aggregate + ' = ' + value + ')');
    }
  }
  lines.push('summary written to ' + path);
  /** @type {Record<string, string>} */
  const files = { stdout: lines.join('\\n') + '\\n' };
  files[path] = JSON.stringify(data, null, 2);
  return files;
}
`;

export function emitK6(model: SpecModel): string {
  const loadModel = buildLoadModel(model);
  return [
    generatedHeader('the k6 load scenario (x-load, x-slo)'),
    '// @ts-check',
    "import http from 'k6/http';",
    "import { check, sleep } from 'k6';",
    "import { Trend } from 'k6/metrics';",
    '',
    typedefs,
    '',
    '/** The scenario model (load/model.generated.json), inlined so the script is one self-contained file. */',
    `const model = /** @type {LoadModel} */ (${JSON.stringify(loadModel, null, 2)});`,
    runtime,
  ].join('\n');
}

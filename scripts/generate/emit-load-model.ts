/**
 * @module
 * Emits `load/model.generated.json`: the load scenario both runners execute (the k6 script and
 * the Node driver). From the spec: every operation with `x-load` becomes an iteration step
 * (weight, think time, body template), every such operation's `x-slo` becomes k6 thresholds
 * tagged by operationId, and the document-level `x-slo` becomes the overall thresholds. From
 * `load-settings.ts`: the profiles and the setup requests.
 */
import type { IterationStep, LoadModel, LoadThreshold, SetupStep } from '../../load/model.ts';
import { generatedHeader } from './header.ts';
import { defaultLoadWorkspace, iterationVariables, loadProfiles, loadSetup, runVariables } from './load-settings.ts';
import { type Operation, type SloExtension, SpecError, type SpecModel } from './spec-model.ts';

/** Custom Trend of iteration requests, tagged `name` (operationId) and `cache` (hit|miss). */
export const operationDurationMetric = 'op_duration';
export const cacheTag = 'cache';

function placeholders(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
  if (Array.isArray(value)) return value.flatMap(placeholders);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(placeholders);
  return [];
}

function requestOf(op: Operation, body: unknown, known: Set<string>, where: string) {
  for (const name of [...placeholders(op.path), ...placeholders(body)]) {
    if (!known.has(name)) throw new SpecError(where, `{${name}} is not a load-run variable (known: ${[...known].join(', ')})`);
  }
  // A public operation (no or empty security), or one that also accepts anonymous callers, goes without the admin key.
  const anonymous = op.security === undefined || op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0);
  return {
    operationId: op.operationId,
    method: op.method.toUpperCase() as IterationStep['method'],
    path: op.path,
    auth: anonymous ? ('none' as const) : ('admin' as const),
    ...(body === undefined ? {} : { body }),
    expectedStatuses: op.responses.filter((r) => /^2\d\d$/.test(r.status)).map((r) => Number(r.status)),
  };
}

function setupSteps(model: SpecModel, known: Set<string>): SetupStep[] {
  return loadSetup.map((setting) => {
    const op = model.operations.find((o) => o.operationId === setting.operationId);
    if (!op) throw new SpecError('load setup', `no operation ${setting.operationId} in the spec`);
    const step: SetupStep = { ...requestOf(op, setting.body, known, `load setup ${op.operationId}`) };
    if (setting.save) {
      step.save = setting.save;
      known.add(setting.save.variable);
    }
    if (setting.skipWhenSet) step.skipWhenSet = setting.skipWhenSet;
    return step;
  });
}

function iterationSteps(model: SpecModel, known: Set<string>): IterationStep[] {
  const withLoad = new Set([...known, ...iterationVariables]);
  return model.operations.flatMap((op) => {
    if (!op.load) return [];
    return [{
      ...requestOf(op, op.load.body, withLoad, `${op.operationId} x-load`),
      weight: op.load.weight,
      thinkTimeSeconds: op.load.thinkTime,
      cacheable: op.cache !== undefined,
    }];
  });
}

/** The latency thresholds of one objective on a metric selector's tags. */
function latencyThresholds(slo: SloExtension, tags: string[], source: string): LoadThreshold[] {
  const selector = (metric: string, extra: string[]) => {
    const all = [...tags, ...extra];
    return all.length === 0 ? metric : `${metric}{${all.join(',')}}`;
  };
  if (typeof slo.p95Ms === 'number') {
    return [{ metric: selector('http_req_duration', []), expression: `p(95)<${slo.p95Ms}`, kind: 'latency', source: `${source} p95Ms` }];
  }
  return [
    { metric: selector(operationDurationMetric, [`${cacheTag}:hit`]), expression: `p(95)<${slo.p95Ms.cached}`, kind: 'latency', source: `${source} p95Ms.cached` },
    { metric: selector(operationDurationMetric, [`${cacheTag}:miss`]), expression: `p(95)<${slo.p95Ms.uncached}`, kind: 'latency', source: `${source} p95Ms.uncached` },
  ];
}

function thresholds(model: SpecModel, steps: IterationStep[]): LoadThreshold[] {
  const overall: LoadThreshold[] = [
    ...latencyThresholds(model.defaultSlo, [], 'x-slo (document)'),
    { metric: 'http_req_failed', expression: `rate<${model.defaultSlo.errorRate}`, kind: 'errors', source: 'x-slo (document) errorRate' },
  ];
  const perOperation = steps.flatMap((step) => {
    const op = model.operations.find((o) => o.operationId === step.operationId)!;
    const source = `${op.operationId} x-slo`;
    return [
      ...latencyThresholds(op.slo, [`name:${op.operationId}`], source),
      { metric: `http_req_failed{name:${op.operationId}}`, expression: `rate<${op.slo.errorRate}`, kind: 'errors' as const, source: `${source} errorRate` },
    ];
  });
  return [...overall, ...perOperation];
}

export function buildLoadModel(model: SpecModel): LoadModel {
  const known = new Set<string>(runVariables);
  const setup = setupSteps(model, known);
  const iteration = iterationSteps(model, known);
  if (iteration.length === 0) throw new SpecError('x-load', 'no operation has x-load: the load scenario would be empty');
  return {
    $comment: generatedHeader('the load scenario model (x-load, x-slo)').replace(/^\/\/ /, '').trim(),
    metrics: { operationDuration: operationDurationMetric, cacheTag },
    defaults: { workspace: defaultLoadWorkspace },
    setup,
    iteration,
    thresholds: thresholds(model, iteration),
    profiles: loadProfiles,
  };
}

export function emitLoadModel(model: SpecModel): string {
  return `${JSON.stringify(buildLoadModel(model), null, 2)}\n`;
}

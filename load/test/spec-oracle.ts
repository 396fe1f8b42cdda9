/**
 * @module
 * The thresholds and steps the spec asks for, read straight from `spec/openapi.yaml` without the
 * generator, so the tests compare the generated outputs with the spec, not with themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type Slo = { p95Ms: number | { cached: number; uncached: number }; errorRate: number };
type RawOperation = { operationId: string; 'x-slo'?: Slo; 'x-load'?: { weight: number; thinkTime: number; body?: unknown } };

export interface LoadedOperation {
  operationId: string;
  method: string;
  path: string;
  slo: Slo;
  load: { weight: number; thinkTime: number; body?: unknown };
}

export function readSpec(root: string): { defaultSlo: Slo; loaded: LoadedOperation[] } {
  const doc = parse(readFileSync(join(root, 'spec', 'openapi.yaml'), 'utf8')) as { 'x-slo': Slo; paths: Record<string, Record<string, RawOperation>> };
  const loaded: LoadedOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op?.['x-load']) continue;
      loaded.push({ operationId: op.operationId, method: method.toUpperCase(), path, slo: op['x-slo'] ?? doc['x-slo'], load: op['x-load'] });
    }
  }
  return { defaultSlo: doc['x-slo'], loaded };
}

/** k6 `options.thresholds` the spec implies (latency ones only when `withLatency`). */
export function expectedThresholds(root: string, withLatency: boolean): Record<string, string[]> {
  const { defaultSlo, loaded } = readSpec(root);
  const out: Record<string, string[]> = {};
  const latency = (slo: Slo, tags: string[]) => {
    if (!withLatency) return;
    const sel = (metric: string, extra: string[]) => ([...tags, ...extra].length ? `${metric}{${[...tags, ...extra].join(',')}}` : metric);
    if (typeof slo.p95Ms === 'number') out[sel('http_req_duration', [])] = [`p(95)<${slo.p95Ms}`];
    else {
      out[sel('op_duration', ['cache:hit'])] = [`p(95)<${slo.p95Ms.cached}`];
      out[sel('op_duration', ['cache:miss'])] = [`p(95)<${slo.p95Ms.uncached}`];
    }
  };
  latency(defaultSlo, []);
  out.http_req_failed = [`rate<${defaultSlo.errorRate}`];
  for (const op of loaded) {
    latency(op.slo, [`name:${op.operationId}`]);
    out[`http_req_failed{name:${op.operationId}}`] = [`rate<${op.slo.errorRate}`];
  }
  return out;
}

/**
 * @module
 * The metrics one run records, named and tagged as in the k6 script: `http_reqs`,
 * `http_req_duration`, `http_req_failed` (tag `name`), the custom Trend of iteration requests
 * tagged `name` and `cache`, and `iterations`. Series tracked: every threshold's selector and,
 * for the report, each operation's totals and cache split.
 */
import type { LoadModel } from '../model.ts';
import type { HttpResult } from './http-client.ts';
import { MetricRegistry, type Tags } from './metric-registry.ts';
import { TrendSink } from './sinks.ts';

const D1_STATEMENTS = /db;desc="(\d+) statements"/;

function d1StatementsOf(result: HttpResult): number {
  const header = result.headers['server-timing'];
  const match = D1_STATEMENTS.exec(Array.isArray(header) ? header.join(', ') : (header ?? ''));
  return match ? Number(match[1]) : 0;
}

export class RunMetrics {
  readonly registry: MetricRegistry;
  /** Overall latency since the last progress tick, for the live p95. */
  readonly window = new TrendSink();
  windowRequests = 0;
  requests = 0;
  failed = 0;
  iterations = 0;
  /** Responses per request name and status (0: no response), to say what the failures were. */
  readonly statuses: Record<string, Record<string, number>> = {};
  /** The first few transport errors, verbatim. */
  readonly transportErrors: string[] = [];
  /** D1 statements the server ran, from `Server-Timing: db;desc="N statements"`, per request name. */
  readonly d1Statements: Record<string, number> = {};
  d1StatementsTotal = 0;
  private readonly operationDuration: string;
  private readonly cacheTag: string;

  constructor(model: LoadModel) {
    this.operationDuration = model.metrics.operationDuration;
    this.cacheTag = model.metrics.cacheTag;
    this.registry = new MetricRegistry({
      http_reqs: 'counter',
      http_req_duration: 'trend',
      http_req_failed: 'rate',
      iterations: 'counter',
      [this.operationDuration]: 'trend',
    });
    for (const selector of ['http_reqs', 'http_req_duration', 'http_req_failed', 'iterations']) this.registry.track(selector);
    for (const threshold of model.thresholds) this.registry.track(threshold.metric);
    for (const step of model.iteration) {
      const name = `name:${step.operationId}`;
      this.registry.track(`http_reqs{${name}}`);
      this.registry.track(`http_req_duration{${name}}`);
      this.registry.track(`http_req_failed{${name}}`);
      this.registry.track(`${this.operationDuration}{${name},${this.cacheTag}:hit}`);
      this.registry.track(`${this.operationDuration}{${name},${this.cacheTag}:miss}`);
    }
  }

  /** A request of the run (setup or iteration), as k6 records every request. */
  recordRequest(name: string, method: string, result: HttpResult, failed: boolean): void {
    const tags: Tags = { name, method, status: String(result.status), expected_response: String(!failed) };
    this.registry.add('http_reqs', tags, 1);
    this.registry.add('http_req_duration', tags, result.durationMs);
    this.registry.add('http_req_failed', tags, failed ? 1 : 0);
    this.window.add(result.durationMs);
    this.windowRequests += 1;
    this.requests += 1;
    if (failed) this.failed += 1;
    const byStatus = (this.statuses[name] ??= {});
    byStatus[result.status] = (byStatus[result.status] ?? 0) + 1;
    if (result.error && this.transportErrors.length < 5) this.transportErrors.push(`${name}: ${result.error}`);
    const statements = d1StatementsOf(result);
    this.d1Statements[name] = (this.d1Statements[name] ?? 0) + statements;
    this.d1StatementsTotal += statements;
  }

  /** The custom Trend of an iteration request, split by the response's `X-Cache`. */
  recordOperation(name: string, result: HttpResult): void {
    const cache = result.headers['x-cache'] === 'HIT' ? 'hit' : 'miss';
    this.registry.add(this.operationDuration, { name, [this.cacheTag]: cache }, result.durationMs);
  }

  recordIteration(): void {
    this.iterations += 1;
    this.registry.add('iterations', {}, 1);
  }
}

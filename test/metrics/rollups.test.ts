import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/lib/mulberry32.ts';
import { MAX_RELATIVE_ERROR } from '../../src/lib/metrics/latency-histogram.ts';
import { writeRollups } from '../../src/lib/metrics/d1-rollup-sink.ts';
import { d1Figures } from '../../src/lib/metrics/d1-stats-source.ts';
import { RollupAggregator } from '../../src/lib/metrics/rollup-aggregator.ts';
import { CACHE_STATUSES, type RequestMeasurement } from '../../src/lib/metrics/request-measurement.ts';
import { statsQuery } from '../../src/lib/metrics/stats-window.ts';
import { uniqueSlug } from '../support/api.ts';
import { exactQuantile } from './support.ts';

const OPERATIONS = ['listFeedback', 'voteFeedback', 'getFeedback'];
const STATUSES = [200, 200, 200, 200, 201, 304, 400, 404, 500, 503];

function measurement(random: () => number, workspace: string): RequestMeasurement {
  return {
    operation: OPERATIONS[Math.floor(random() * OPERATIONS.length)]!,
    method: 'GET',
    status: STATUSES[Math.floor(random() * STATUSES.length)]!,
    cache: CACHE_STATUSES[Math.floor(random() * CACHE_STATUSES.length)]!,
    workspace,
    colo: 'local',
    totalMs: random() < 0.05 ? 0 : random() ** 2 * 400,
    statements: Math.floor(random() * 5),
    durationMs: random() * 20,
    rowsRead: Math.floor(random() * 100),
    rowsWritten: Math.floor(random() * 3),
  };
}

describe('D1 rollup store', () => {
  it('merges the flushes of several isolates exactly for counts and within the bound for percentiles', async () => {
    const workspace = uniqueSlug('rollups');
    const random = mulberry32(2026);
    const isolates = [new RollupAggregator(0), new RollupAggregator(0), new RollupAggregator(0)];
    const sent: RequestMeasurement[] = [];
    const at = Date.now();
    // Several flushes per isolate into the same minute rows, so every row is merged many times.
    for (let flush = 0; flush < 4; flush++) {
      for (const isolate of isolates) {
        for (let i = 0; i < 400; i++) {
          const m = measurement(random, workspace);
          sent.push(m);
          isolate.add(m, at);
        }
        await writeRollups(env.DB, isolate.takeDue(at + 1)!);
      }
    }

    const figures = await d1Figures(env.DB, statsQuery('1h', at, { workspace }));
    for (const operation of OPERATIONS) {
      const mine = sent.filter((m) => m.operation === operation);
      const clients = mine.filter((m) => m.cache !== 'REVALIDATED');
      const f = figures.operations.find((o) => o.operation === operation)!;
      const count = (pred: (m: RequestMeasurement) => boolean) => clients.filter(pred).length;
      const sum = (pick: (m: RequestMeasurement) => number) => clients.reduce((s, m) => s + pick(m), 0);
      expect(f.requests).toBe(clients.length);
      expect(f.refreshes).toBe(mine.length - clients.length);
      expect(f.errors4xx).toBe(count((m) => m.status >= 400 && m.status < 500));
      expect(f.errors5xx).toBe(count((m) => m.status >= 500));
      expect(f.cacheable).toBe(count((m) => ['HIT', 'STALE', 'MISS'].includes(m.cache)));
      expect(f.cacheHits).toBe(count((m) => m.cache === 'HIT' || m.cache === 'STALE'));
      expect(f.d1Statements).toBe(sum((m) => m.statements));
      expect(f.rowsRead).toBe(sum((m) => m.rowsRead));
      expect(f.d1Ms).toBeCloseTo(sum((m) => m.durationMs), 6);
      expect(f.maxMs).toBe(Math.max(...clients.map((m) => m.totalMs)));

      const latencies = clients.map((m) => m.totalMs);
      const within = (estimate: number | null, exact: number) => {
        expect(estimate).not.toBeNull();
        expect(Math.abs(estimate! - exact)).toBeLessThanOrEqual(exact * MAX_RELATIVE_ERROR + 1e-9);
      };
      within(f.p50Ms, exactQuantile(latencies, 0.5));
      within(f.p95Ms, exactQuantile(latencies, 0.95));
      within(f.p99Ms, exactQuantile(latencies, 0.99));
      const cachedLatencies = clients.filter((m) => m.cache === 'HIT' || m.cache === 'STALE').map((m) => m.totalMs);
      within(f.p95CachedMs, exactQuantile(cachedLatencies, 0.95));
    }
    // One minute bucket per operation, holding the same totals.
    expect(figures.series.map((p) => p.requests).reduce((a, b) => a + b, 0)).toBe(sent.filter((m) => m.cache !== 'REVALIDATED').length);
  });

  it('serves 24h and 7d from hour rows holding the same requests', async () => {
    const workspace = uniqueSlug('hours');
    const random = mulberry32(5);
    const aggregator = new RollupAggregator(0);
    const at = Date.now();
    for (let i = 0; i < 50; i++) aggregator.add(measurement(random, workspace), at);
    await writeRollups(env.DB, aggregator.takeDue(at + 1)!);
    const total = (range: '1h' | '24h' | '7d') =>
      d1Figures(env.DB, statsQuery(range, at, { workspace })).then((f) => f.operations.reduce((s, o) => s + o.requests + o.refreshes, 0));
    expect(await total('1h')).toBe(50);
    expect(await total('24h')).toBe(50);
    expect(await total('7d')).toBe(50);
  });
});

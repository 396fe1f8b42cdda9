import { describe, expect, it } from 'vitest';
import { envName, parseDevVars } from '../driver/admin-key.ts';
import { MetricRegistry, parseSelector } from '../driver/metric-registry.ts';
import { RateSink, TrendSink } from '../driver/sinks.ts';
import { scaleStages, targetAt } from '../driver/stages.ts';
import { aggregate, compare, parseThreshold } from '../driver/thresholds.ts';
import { fillBody, fillPath } from '../driver/templates.ts';

describe('k6 threshold expressions', () => {
  it('parses aggregations, percentiles and operators', () => {
    expect(parseThreshold('p(95)<500')).toMatchObject({ aggregation: 'p', percentile: 95, operator: '<', value: 500 });
    expect(parseThreshold('p(99.9) <= 1.5')).toMatchObject({ aggregation: 'p', percentile: 99.9, operator: '<=', value: 1.5 });
    expect(parseThreshold('rate<0.01')).toMatchObject({ aggregation: 'rate', operator: '<', value: 0.01 });
    expect(() => parseThreshold('p95<500')).toThrow(/not a k6 threshold/);
  });

  it("evaluates a trend's percentile from the histogram", () => {
    const trend = new TrendSink();
    for (let ms = 1; ms <= 100; ms += 1) trend.add(ms);
    const p95 = aggregate(parseThreshold('p(95)<500'), trend, 1);
    expect(p95).toBeGreaterThanOrEqual(94.9);
    expect(p95).toBeLessThanOrEqual(95.1);
    expect(compare(p95, '<', 95)).toBe(false);
    expect(aggregate(parseThreshold('max<1'), trend, 1)).toBe(100);
  });

  it("gives k6's values on empty sinks: a trend's 0 passes, a rate's NaN fails", () => {
    const p95 = aggregate(parseThreshold('p(95)<100'), new TrendSink(), 1);
    expect(compare(p95, '<', 100)).toBe(true);
    const rate = aggregate(parseThreshold('rate<0.01'), new RateSink(), 1);
    expect(Number.isNaN(rate)).toBe(true);
    expect(compare(rate, '<', 0.01)).toBe(false);
  });

  it('rejects an aggregation the metric type does not have', () => {
    expect(() => aggregate(parseThreshold('rate<1'), new TrendSink(), 1)).toThrow(/not an aggregation of a trend/);
  });
});

describe('submetric selectors', () => {
  it('parses tags like k6', () => {
    expect(parseSelector('op_duration{name:listFeedback, cache:"hit"}')).toEqual({ metric: 'op_duration', tags: { name: 'listFeedback', cache: 'hit' } });
    expect(parseSelector('http_req_failed')).toEqual({ metric: 'http_req_failed', tags: {} });
  });

  it('a series aggregates the samples whose tags contain all of its tags', () => {
    const registry = new MetricRegistry({ d: 'trend' });
    const all = registry.track('d');
    const hit = registry.track('d{name:a,cache:hit}');
    registry.add('d', { name: 'a', cache: 'hit', status: '200' }, 5);
    registry.add('d', { name: 'a', cache: 'miss' }, 7);
    registry.add('d', { name: 'b', cache: 'hit' }, 9);
    expect(all.sink.type === 'trend' && all.sink.count).toBe(3);
    expect(hit.sink.type === 'trend' && hit.sink.count).toBe(1);
  });
});

describe('ramping-vus stages', () => {
  const stages = [{ durationSeconds: 10, target: 10 }, { durationSeconds: 10, target: 10 }, { durationSeconds: 5, target: 0 }];
  it('adds a VU when the ramp reaches the next whole number, removes one when it reaches it going down', () => {
    expect([0, 0.99, 1, 5.5, 10, 15].map((t) => targetAt(stages, t))).toEqual([0, 0, 1, 5, 10, 10]);
    expect([20, 20.25, 20.5, 24.9, 25].map((t) => targetAt(stages, t))).toEqual([10, 10, 9, 1, 0]);
  });
});

describe('scaled profiles', () => {
  it('stretch stages in time and scale their VU targets, rounded', () => {
    const stages = [{ durationSeconds: 60, target: 250 }, { durationSeconds: 60, target: 1000 }, { durationSeconds: 30, target: 0 }];
    expect(scaleStages(stages, 0.5, 0.3)).toEqual([
      { durationSeconds: 30, target: 75 },
      { durationSeconds: 30, target: 300 },
      { durationSeconds: 15, target: 0 },
    ]);
    expect(scaleStages(stages, 1)).toEqual(stages);
  });
});

describe('templates and keys', () => {
  it('fills paths URI-encoded and bodies verbatim; a missing variable throws', () => {
    expect(fillPath('/a/{workspace}/{id}', { workspace: 'w s', id: '1' })).toBe('/a/w%20s/1');
    expect(fillBody({ t: 'from {user}', n: [1, '{user}'] }, { user: 'u/1' })).toEqual({ t: 'from u/1', n: [1, 'u/1'] });
    expect(() => fillPath('/{board}', {})).toThrow(/no value for \{board\}/);
  });

  it('reads the workspace key from .dev.vars', () => {
    expect(envName('load-test')).toBe('LOAD_TEST_ADMIN_KEY');
    expect(parseDevVars('# c\nLOAD_TEST_ADMIN_KEY=fpk_x\nDEMO_ADMIN_KEY="fpk_y"\n')).toEqual({ LOAD_TEST_ADMIN_KEY: 'fpk_x', DEMO_ADMIN_KEY: 'fpk_y' });
  });
});

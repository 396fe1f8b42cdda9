import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/lib/mulberry32.ts';
import {
  bucketOf,
  bucketValue,
  deserialize,
  MAX_RELATIVE_ERROR,
  mergeInto,
  quantile,
  record,
  serialize,
  type LatencyHistogram,
} from '../../src/lib/metrics/latency-histogram.ts';
import { exactQuantile } from './support.ts';

describe('log-linear latency histogram', () => {
  it('puts every value in a bucket whose midpoint is within 1/64 of it', () => {
    expect(MAX_RELATIVE_ERROR).toBeLessThanOrEqual(0.02);
    const random = mulberry32(7);
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.exp(random() * 16 - 6); // 2.5 µs .. 22 s
      expect(Math.abs(bucketValue(bucketOf(ms)) - ms) / ms).toBeLessThanOrEqual(MAX_RELATIVE_ERROR);
    }
    expect(bucketValue(bucketOf(0))).toBe(0);
  });

  it('merges exactly: counts add, and the merged quantiles equal those of one histogram of all values', () => {
    const random = mulberry32(11);
    const parts: LatencyHistogram[] = [new Map(), new Map(), new Map()];
    const whole: LatencyHistogram = new Map();
    const values: number[] = [];
    for (let i = 0; i < 9_000; i++) {
      const ms = random() < 0.1 ? 0 : random() ** 3 * 800;
      values.push(ms);
      record(parts[i % 3]!, ms);
      record(whole, ms);
    }
    const merged: LatencyHistogram = new Map();
    for (const part of parts) mergeInto(merged, deserialize(serialize(part)));
    expect([...merged].sort(([a], [b]) => a - b)).toEqual([...whole].sort(([a], [b]) => a - b));
    for (const q of [0.5, 0.9, 0.95, 0.99, 1]) {
      const exact = exactQuantile(values, q);
      const estimate = quantile(merged, q)!;
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * MAX_RELATIVE_ERROR);
    }
  });

  it('reports nothing for an empty histogram and never more than the known maximum', () => {
    expect(quantile(new Map(), 0.5)).toBeNull();
    const h: LatencyHistogram = new Map();
    record(h, 10);
    expect(quantile(h, 0.99, 10)).toBe(10);
  });
});

/**
 * @module
 * The aggregations of k6's metric types. A Trend keeps its distribution in an HdrHistogram
 * (microseconds, 3 significant digits) and exact min, max and mean; a Rate counts non-zero
 * samples; a Counter sums. Empty sinks give k6's values: a Trend's aggregates are 0, a Rate is
 * NaN (0/0), which fails every comparison, as in k6.
 */
import { build, type Histogram } from 'hdr-histogram-js';

export type MetricType = 'trend' | 'rate' | 'counter';

function newHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
}

export class TrendSink {
  readonly type = 'trend' as const;
  private readonly histogram = newHistogram();
  count = 0;
  private sum = 0;
  private minimum = Infinity;
  private maximum = -Infinity;

  add(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    this.count += 1;
    this.sum += ms;
    if (ms < this.minimum) this.minimum = ms;
    if (ms > this.maximum) this.maximum = ms;
  }

  /** Milliseconds at a percentile in [0, 100]. */
  percentile(p: number): number {
    return this.count === 0 ? 0 : this.histogram.getValueAtPercentile(p) / 1000;
  }

  get min(): number { return this.count === 0 ? 0 : this.minimum; }
  get max(): number { return this.count === 0 ? 0 : this.maximum; }
  get avg(): number { return this.count === 0 ? 0 : this.sum / this.count; }

  reset(): void {
    this.histogram.reset();
    this.count = 0;
    this.sum = 0;
    this.minimum = Infinity;
    this.maximum = -Infinity;
  }
}

export class RateSink {
  readonly type = 'rate' as const;
  trues = 0;
  total = 0;

  add(value: number): void {
    this.total += 1;
    if (value !== 0) this.trues += 1;
  }

  get rate(): number { return this.trues / this.total; }
}

export class CounterSink {
  readonly type = 'counter' as const;
  count = 0;

  add(value: number): void { this.count += value; }
}

export type Sink = TrendSink | RateSink | CounterSink;

export function newSink(type: MetricType): Sink {
  if (type === 'trend') return new TrendSink();
  if (type === 'rate') return new RateSink();
  return new CounterSink();
}

/**
 * @module
 * Metrics as k6 keeps them: a sample has a metric name and tags; a selector `metric{k:v,...}`
 * (a k6 submetric) aggregates the samples of that metric whose tags contain every `k:v` pair.
 * Only selected series are kept, so recording costs one tag comparison per tracked series.
 */
import { type MetricType, newSink, type Sink } from './sinks.ts';

export type Tags = Record<string, string>;

export interface Series {
  /** The selector as written, e.g. `http_req_duration{name:listFeedback}`. */
  selector: string;
  metric: string;
  tags: Tags;
  sink: Sink;
}

export class SelectorError extends Error {
  constructor(selector: string, problem: string) {
    super(`metric selector ${selector}: ${problem}`);
    this.name = 'SelectorError';
  }
}

/** Parses `metric` or `metric{k:v,k2:v2}` like k6 (quotes around keys and values are trimmed). */
export function parseSelector(selector: string): { metric: string; tags: Tags } {
  const open = selector.indexOf('{');
  if (open < 0) return { metric: selector.trim(), tags: {} };
  if (!selector.endsWith('}')) throw new SelectorError(selector, "missing '}'");
  const tags: Tags = {};
  for (const pair of selector.slice(open + 1, -1).split(',')) {
    if (pair === '') continue;
    const [key = '', value = ''] = pair.split(/:(.*)/s);
    tags[key.trim().replace(/^["']|["']$/g, '')] = value.trim().replace(/^["']|["']$/g, '');
  }
  return { metric: selector.slice(0, open).trim(), tags };
}

export class MetricRegistry {
  private readonly types: Record<string, MetricType>;
  private readonly bySelector = new Map<string, Series>();
  private readonly byMetric = new Map<string, Series[]>();

  constructor(types: Record<string, MetricType>) {
    this.types = types;
  }

  track(selector: string): Series {
    const existing = this.bySelector.get(selector);
    if (existing) return existing;
    const { metric, tags } = parseSelector(selector);
    const type = this.types[metric];
    if (!type) throw new SelectorError(selector, `no metric ${metric}`);
    const series: Series = { selector, metric, tags, sink: newSink(type) };
    this.bySelector.set(selector, series);
    this.byMetric.set(metric, [...(this.byMetric.get(metric) ?? []), series]);
    return series;
  }

  add(metric: string, tags: Tags, value: number): void {
    for (const series of this.byMetric.get(metric) ?? []) {
      let matches = true;
      for (const key in series.tags) {
        if (tags[key] !== series.tags[key]) { matches = false; break; }
      }
      if (matches) series.sink.add(value);
    }
  }

  get(selector: string): Series | undefined {
    return this.bySelector.get(selector);
  }
}

/**
 * @module
 * The model's thresholds evaluated on the run's metrics, k6's way (end of test, empty sinks
 * included). Whether a failure fails the run is the profile's rule: latency thresholds are
 * advisory where the profile says so, error-rate thresholds always decide.
 */
import type { LoadProfile, LoadThreshold } from '../model.ts';
import type { MetricRegistry } from './metric-registry.ts';
import { aggregate, compare, parseThreshold } from './thresholds.ts';

export interface ThresholdResult extends LoadThreshold {
  value: number;
  ok: boolean;
  /** Whether this threshold decides the run's exit status under the profile. */
  enforced: boolean;
  samples: number;
}

function sampleCount(registry: MetricRegistry, selector: string): number {
  const sink = registry.get(selector)?.sink;
  if (!sink) return 0;
  return sink.type === 'rate' ? sink.total : sink.count;
}

export function evaluateThresholds(
  thresholds: LoadThreshold[],
  registry: MetricRegistry,
  profile: Pick<LoadProfile, 'latencyThresholds'>,
  elapsedSeconds: number,
): ThresholdResult[] {
  return thresholds.map((threshold) => {
    const series = registry.track(threshold.metric);
    const expression = parseThreshold(threshold.expression);
    const value = aggregate(expression, series.sink, elapsedSeconds);
    return {
      ...threshold,
      value,
      ok: compare(value, expression.operator, expression.value),
      enforced: threshold.kind === 'errors' || profile.latencyThresholds === 'enforce',
      samples: sampleCount(registry, threshold.metric),
    };
  });
}

/**
 * @module
 * k6 threshold expressions (`p(95)<500`, `rate<0.01`, `avg<=200`, `count>0`) parsed with k6's
 * grammar and evaluated on a sink with k6's aggregations, including k6's values for empty sinks.
 */
import type { Sink } from './sinks.ts';

export type Operator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

export interface ThresholdExpression {
  source: string;
  aggregation: string;
  percentile?: number;
  operator: Operator;
  value: number;
}

export class ThresholdSyntaxError extends Error {
  constructor(source: string) {
    super(`not a k6 threshold expression: ${source}`);
    this.name = 'ThresholdSyntaxError';
  }
}

const grammar = /^\s*(avg|min|max|med|count|rate|value|p\(\s*(\d+(?:\.\d+)?)\s*\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/;

export function parseThreshold(source: string): ThresholdExpression {
  const match = grammar.exec(source);
  if (!match) throw new ThresholdSyntaxError(source);
  const [, aggregation = '', percentile, operator, value = ''] = match;
  return {
    source,
    aggregation: percentile === undefined ? aggregation : 'p',
    ...(percentile === undefined ? {} : { percentile: Number(percentile) }),
    operator: operator as Operator,
    value: Number(value),
  };
}

export class UnsupportedAggregationError extends Error {
  constructor(expression: ThresholdExpression, sink: Sink) {
    super(`${expression.source}: ${expression.aggregation} is not an aggregation of a ${sink.type} metric`);
    this.name = 'UnsupportedAggregationError';
  }
}

/** The sink's value for the expression's aggregation; `elapsedSeconds` is for a Counter's rate. */
export function aggregate(expression: ThresholdExpression, sink: Sink, elapsedSeconds: number): number {
  switch (sink.type) {
    case 'trend':
      if (expression.aggregation === 'p') return sink.percentile(expression.percentile ?? 0);
      if (expression.aggregation === 'med') return sink.percentile(50);
      if (expression.aggregation === 'avg') return sink.avg;
      if (expression.aggregation === 'min') return sink.min;
      if (expression.aggregation === 'max') return sink.max;
      break;
    case 'rate':
      if (expression.aggregation === 'rate') return sink.rate;
      break;
    case 'counter':
      if (expression.aggregation === 'count') return sink.count;
      if (expression.aggregation === 'rate') return sink.count / elapsedSeconds;
      break;
  }
  throw new UnsupportedAggregationError(expression, sink);
}

export function compare(lhs: number, operator: Operator, rhs: number): boolean {
  switch (operator) {
    case '<': return lhs < rhs;
    case '<=': return lhs <= rhs;
    case '>': return lhs > rhs;
    case '>=': return lhs >= rhs;
    case '==':
    case '===': return lhs === rhs;
    case '!=': return lhs !== rhs;
  }
}

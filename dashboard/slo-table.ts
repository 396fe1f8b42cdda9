/**
 * @module
 * The per-operation table: requests, percentiles, error rates, cache hit ratio, D1 statements per
 * request, and the `x-slo` objective coloured pass/fail.
 */
import type { OperationPerformance } from './api.ts';
import { el } from './dom.ts';
import { ms, percent, perRequest } from './format.ts';

export const COLUMNS = ['Operation', 'Requests', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', '4xx', '5xx', 'Cache hits', 'D1 stmts/req', 'Objective', 'SLO'] as const;

export function objective(slo: OperationPerformance['slo']): string {
  const latency = slo.latency.map((l) => `p95${l.scope === 'all' ? '' : ` ${l.scope}`} ≤ ${l.targetMs} ms`).join(', ');
  return `${latency}; 5xx ≤ ${percent(slo.errorRateTarget)}`;
}

/** The cells of one operation's row, as shown. */
export function rowCells(op: OperationPerformance): string[] {
  return [
    op.operation,
    String(op.requests),
    ms(op.p50Ms),
    ms(op.p95Ms),
    ms(op.p99Ms),
    ms(op.maxMs),
    percent(op.rate4xx),
    percent(op.rate5xx),
    percent(op.cacheHitRatio),
    perRequest(op.d1StatementsPerRequest),
    objective(op.slo),
    op.slo.met ? 'pass' : 'fail',
  ];
}

export function sloTable(operations: OperationPerformance[]): HTMLTableElement {
  const head = el('thead', {}, el('tr', {}, ...COLUMNS.map((c) => el('th', { scope: 'col' }, c))));
  const body = el(
    'tbody',
    {},
    ...operations.map((op) => {
      const cells = rowCells(op);
      const verdict = cells.pop()!;
      return el(
        'tr',
        { 'data-operation': op.operation },
        el('th', { scope: 'row' }, cells.shift()!),
        ...cells.map((c) => el('td', {}, c)),
        el('td', { class: op.slo.met ? 'pass' : 'fail' }, verdict),
      );
    }),
  );
  return el('table', { class: 'slo', 'aria-label': 'Operations and their objectives' }, head, body);
}

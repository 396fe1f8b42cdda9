/**
 * @module
 * The isolate-level aggregator of the D1 store: requests are added to in-memory rollups keyed by
 * (minute, workspace, operation, status class, cache status), and at most once per
 * `FLUSH_INTERVAL_MS` the pending rollups are handed over whole to be written (through the
 * request's `waitUntil`, so no response waits for them). Adding is a map lookup and a few
 * additions; nothing is awaited. Each hand-over is owned by the one request that flushes it, so no
 * promise crosses requests.
 */
import { record, type LatencyHistogram } from './latency-histogram.ts';
import { statusClass, type CacheStatus, type RequestMeasurement } from './request-measurement.ts';

export const FLUSH_INTERVAL_MS = 5_000;
/** A cap on pending rollups, so an isolate whose writes keep failing cannot grow without bound. */
export const MAX_PENDING_ROLLUPS = 5_000;

export interface Rollup {
  /** Epoch seconds of the minute. */
  minute: number;
  workspace: string;
  operation: string;
  statusClass: number;
  cache: CacheStatus;
  requests: number;
  totalMs: number;
  maxMs: number;
  d1Statements: number;
  d1Ms: number;
  rowsRead: number;
  rowsWritten: number;
  histogram: LatencyHistogram;
}

export class RollupAggregator {
  private pending = new Map<string, Rollup>();
  private lastFlushAt = 0;
  dropped = 0;

  constructor(private readonly flushIntervalMs = FLUSH_INTERVAL_MS) {}

  add(m: RequestMeasurement, at: number): void {
    const minute = Math.floor(at / 60_000) * 60;
    const cls = statusClass(m.status);
    const key = `${minute}|${m.workspace}|${m.operation}|${cls}|${m.cache}`;
    let rollup = this.pending.get(key);
    if (!rollup) {
      if (this.pending.size >= MAX_PENDING_ROLLUPS) {
        this.dropped += 1;
        return;
      }
      rollup = {
        minute,
        workspace: m.workspace,
        operation: m.operation,
        statusClass: cls,
        cache: m.cache,
        requests: 0,
        totalMs: 0,
        maxMs: 0,
        d1Statements: 0,
        d1Ms: 0,
        rowsRead: 0,
        rowsWritten: 0,
        histogram: new Map(),
      };
      this.pending.set(key, rollup);
    }
    rollup.requests += 1;
    rollup.totalMs += m.totalMs;
    if (m.totalMs > rollup.maxMs) rollup.maxMs = m.totalMs;
    rollup.d1Statements += m.statements;
    rollup.d1Ms += m.durationMs;
    rollup.rowsRead += m.rowsRead;
    rollup.rowsWritten += m.rowsWritten;
    record(rollup.histogram, m.totalMs);
  }

  /** The pending rollups when a flush is due (and resets the interval), else undefined. */
  takeDue(at: number): Rollup[] | undefined {
    if (this.pending.size === 0 || at - this.lastFlushAt < this.flushIntervalMs) return undefined;
    return this.takeAll(at);
  }

  /** Every pending rollup, due or not (the stats API reads its own isolate's latest figures). */
  takeAll(at: number): Rollup[] {
    this.lastFlushAt = at;
    const taken = [...this.pending.values()];
    this.pending = new Map();
    return taken;
  }
}

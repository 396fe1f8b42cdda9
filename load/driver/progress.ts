/**
 * @module
 * The live progress line on stderr: elapsed time, VUs, requests per second and p95 since the
 * last line, errors so far. Rewritten in place on a terminal; a plain line every few seconds
 * otherwise (CI logs).
 */
import type { RunMetrics } from './run-metrics.ts';

export class ProgressLine {
  private lastAt = 0;
  private readonly intervalSeconds: number;

  constructor(private readonly metrics: RunMetrics, private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.intervalSeconds = stream.isTTY ? 1 : 5;
  }

  tick(elapsedSeconds: number, vus: number): void {
    if (elapsedSeconds - this.lastAt < this.intervalSeconds) return;
    const window = elapsedSeconds - this.lastAt;
    this.lastAt = elapsedSeconds;
    const m = this.metrics;
    const errorRate = m.requests === 0 ? 0 : (m.failed / m.requests) * 100;
    const line =
      `${elapsedSeconds.toFixed(0).padStart(4)}s  vus ${String(vus).padStart(4)}  ` +
      `${(m.windowRequests / window).toFixed(0).padStart(5)} req/s  p95 ${m.window.percentile(95).toFixed(1).padStart(7)} ms  ` +
      `errors ${m.failed} (${errorRate.toFixed(2)}%)`;
    m.window.reset();
    m.windowRequests = 0;
    this.stream.write(this.stream.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
  }

  end(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

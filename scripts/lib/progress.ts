/** @module A progress bar on stderr (redrawn in place on a terminal, a line per 10% otherwise). */
export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private lastDecile = -1;
  private readonly started = performance.now();

  constructor(private readonly label: string, private readonly total: number) {}

  advance(by: number): void {
    this.done += by;
    const now = performance.now();
    if (now - this.lastDraw > 100 || this.done >= this.total) {
      this.lastDraw = now;
      this.draw();
    }
  }

  finish(): void {
    this.draw();
    if (process.stderr.isTTY) process.stderr.write('\n');
  }

  private draw(): void {
    const ratio = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const width = 30;
    const bar = '#'.repeat(Math.round(ratio * width)).padEnd(width, '.');
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    const line = `${this.label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${this.done}/${this.total} ${seconds}s`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}`);
    } else if (Math.floor(ratio * 10) > this.lastDecile) {
      this.lastDecile = Math.floor(ratio * 10);
      process.stderr.write(`${line}\n`);
    }
  }
}

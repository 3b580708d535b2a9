/**
 * Progress for long work: a redrawn bar with counts, rate and ETA on a TTY, plain lines every few
 * seconds otherwise (CI logs, pipes). Writes to stderr so stdout stays clean for results.
 */
export class Progress {
  private done = 0;
  private readonly start = Date.now();
  private lastDraw = 0;
  private readonly tty = Boolean(process.stderr.isTTY) && !process.env.CI;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly quiet = process.env.MEDIR_QUIET === '1',
  ) {}

  tick(n = 1): void {
    this.done += n;
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 100 : 5000) && this.done < this.total) return;
    this.lastDraw = now;
    this.draw(now);
  }

  finish(): void {
    if (this.quiet) return;
    const secs = (Date.now() - this.start) / 1000;
    const line = `${this.label}: ${this.done}/${this.total} in ${secs.toFixed(1)}s`;
    process.stderr.write(this.tty ? `\r\x1b[K${line}\n` : `${line}\n`);
  }

  private draw(now: number): void {
    if (this.quiet) return;
    const secs = (now - this.start) / 1000;
    const rate = this.done / Math.max(secs, 1e-3);
    const eta = rate > 0 ? (this.total - this.done) / rate : 0;
    const counts = `${this.done}/${this.total} ${rate.toFixed(0)}/s ETA ${eta.toFixed(0)}s`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round((width * this.done) / Math.max(this.total, 1));
      process.stderr.write(`\r\x1b[K${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts}`);
    } else {
      process.stderr.write(`${this.label}: ${counts}\n`);
    }
  }
}

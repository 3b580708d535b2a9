import { MedirError } from './errors.js';

/**
 * How progress is shown: `bar` (a redrawn bar on a TTY, plain lines every few seconds otherwise),
 * `json` (one JSON object per line, for a scheduler or notebook to follow), or `none`.
 */
export const PROGRESS_MODES = ['bar', 'json', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** Process-wide: set once by `--progress` (or MEDIR_PROGRESS) and by a shard job, read by every Progress. */
const settings: { mode?: ProgressMode; shard?: string; listener?: (e: ProgressEvent) => void } = {};

export function setProgressMode(mode: string): void {
  if (!(PROGRESS_MODES as readonly string[]).includes(mode)) throw new MedirError('BAD_OPTION', `--progress: expected one of ${PROGRESS_MODES.join(', ')}, got '${mode}'`);
  settings.mode = mode as ProgressMode;
}

/** The shard this process builds (`i/N`), named in every JSON progress line. */
export function setProgressShard(shard: string): void {
  settings.shard = shard;
}

/** Also sends every Progress's counts (at most once a second, and at the end) to `listener`: a queue worker publishes them on its job. */
export function setProgressListener(listener: ((e: ProgressEvent) => void) | undefined): void {
  settings.listener = listener;
}

/** The mode in force: `--progress`, else MEDIR_PROGRESS, else none when MEDIR_QUIET=1, else bar. */
export function currentMode(): ProgressMode {
  if (settings.mode) return settings.mode;
  const env = process.env.MEDIR_PROGRESS;
  if (env) {
    setProgressMode(env);
    return settings.mode!;
  }
  return process.env.MEDIR_QUIET === '1' ? 'none' : 'bar';
}

/** One JSON progress line: what a job scheduler or notebook reads. */
export interface ProgressEvent {
  stage: string;
  shard: string | null;
  done: number;
  total: number;
  docsPerSecond: number;
  etaSeconds: number;
  elapsedSeconds: number;
  finished: boolean;
}

/**
 * Progress for long work, written to stderr so stdout stays clean for results: a bar with counts,
 * rate and ETA on a TTY, plain lines every few seconds otherwise (CI logs, pipes), or JSON lines
 * with `--progress json` (every few seconds and once at the end).
 */
export class Progress {
  private done = 0;
  private readonly start = Date.now();
  private lastDraw = 0;
  private lastPublished = 0;
  private readonly mode: ProgressMode;
  private readonly tty = Boolean(process.stderr.isTTY) && !process.env.CI;

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {
    this.mode = currentMode();
  }

  tick(n = 1): void {
    this.done += n;
    const now = Date.now();
    if (settings.listener && now - this.lastPublished >= 1000) {
      this.lastPublished = now;
      settings.listener(this.event(now, false));
    }
    if (now - this.lastDraw < (this.mode === 'bar' && this.tty ? 100 : 5000) && this.done < this.total) return;
    this.lastDraw = now;
    this.draw(now, false);
  }

  finish(): void {
    settings.listener?.(this.event(Date.now(), true));
    this.draw(Date.now(), true);
  }

  private event(now: number, finished: boolean): ProgressEvent {
    const secs = (now - this.start) / 1000;
    const rate = this.done / Math.max(secs, 1e-3);
    return {
      stage: this.label,
      shard: settings.shard ?? null,
      done: this.done,
      total: this.total,
      docsPerSecond: Number(rate.toFixed(1)),
      etaSeconds: finished || rate === 0 ? 0 : Math.round((this.total - this.done) / rate),
      elapsedSeconds: Number(secs.toFixed(1)),
      finished,
    };
  }

  private draw(now: number, finished: boolean): void {
    if (this.mode === 'none') return;
    const e = this.event(now, finished);
    if (this.mode === 'json') {
      process.stderr.write(JSON.stringify(e) + '\n');
      return;
    }
    const line = finished ? `${this.label}: ${e.done}/${e.total} in ${e.elapsedSeconds.toFixed(1)}s` : `${this.label}: ${e.done}/${e.total} ${e.docsPerSecond.toFixed(0)}/s ETA ${e.etaSeconds}s`;
    if (!this.tty) {
      process.stderr.write(`${line}\n`);
    } else if (finished) {
      process.stderr.write(`\r\x1b[K${line}\n`);
    } else {
      const width = 30;
      const filled = Math.round((width * e.done) / Math.max(e.total, 1));
      process.stderr.write(`\r\x1b[K${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${e.done}/${e.total} ${e.docsPerSecond.toFixed(0)}/s ETA ${e.etaSeconds}s`);
    }
  }
}

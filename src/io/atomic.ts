import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, createWriteStream, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { once } from 'node:events';

const tempPrefix = (target: string) => `.${basename(target)}.tmp-`;

/** A sibling temp name: same directory (so rename is atomic), unique per process. */
export function tempPath(target: string): string {
  return join(dirname(target), `${tempPrefix(target)}${process.pid}-${Date.now().toString(36)}`);
}

/** Whether process `pid` still runs (a temp name's or lock file's writer). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temp files and folders that killed writers of `target` left behind (their process is gone). */
export function removeAbandoned(target: string): void {
  removeAbandonedIn(dirname(target), tempPrefix(target));
}

/**
 * Removes every abandoned temp entry in `dir` whose name starts with `prefix` (by default any
 * `.<name>.tmp-PID-…`): for folders of many files written once each, like embedding-cache segments.
 */
export function removeAbandonedIn(dir: string, prefix = '.'): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const at = name.lastIndexOf('.tmp-');
    if (!name.startsWith(prefix) || !name.startsWith('.') || at < 0) continue;
    const pid = Number(name.slice(at + 5).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}


/** Writes a whole file to a temp name, then renames: a reader never sees half a file. */
export function writeFileAtomic(target: string, data: string | NodeJS.ArrayBufferView): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempPath(target);
  writeFileSync(tmp, data);
  renameSync(tmp, target);
}

/** Streams lines into a temp file and renames it into place when `close()` is called. */
export class AtomicLineWriter {
  private readonly tmp: string;
  private readonly stream;

  constructor(private readonly target: string) {
    mkdirSync(dirname(target), { recursive: true });
    removeAbandoned(target);
    this.tmp = tempPath(target);
    this.stream = createWriteStream(this.tmp);
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    renameSync(this.tmp, this.target);
  }

  abort(): void {
    // A write still buffered fails once the stream is destroyed; that failure is the point of aborting.
    this.stream.on('error', () => undefined);
    this.stream.destroy();
    rmSync(this.tmp, { force: true });
  }
}

/**
 * Builds a directory under a temp name and renames it into place only when `build` succeeds:
 * a half-built index is never visible, and one a killed build left behind is removed. An existing
 * target is replaced.
 */
export async function buildDirAtomic(target: string, build: (dir: string) => Promise<void>): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  removeAbandoned(target);
  const tmp = tempPath(target);
  mkdirSync(tmp, { recursive: true });
  try {
    await build(tmp);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  // Another process may finish the same build between our rm and rename: then theirs stands.
  for (let attempt = 0; ; attempt++) {
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    try {
      renameSync(tmp, target);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt < 3 && (code === 'ENOTEMPTY' || code === 'EEXIST')) continue;
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  }
}

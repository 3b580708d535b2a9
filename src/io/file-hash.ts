import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic.js';

/** A file's identity as the hash cache sees it: same path, size and mtime ⇒ same bytes (as make, rsync and git assume). */
interface Stamp {
  path: string;
  size: number;
  mtimeMs: number;
}

interface Remembered extends Stamp {
  sha256: string;
}

const inProcess = new Map<string, string>();

/** Files read in full to hash them, per absolute path, since the process started: what tests count. */
export const filesHashed = new Map<string, number>();

function stampOf(file: string): Stamp {
  const { size, mtimeMs } = statSync(file);
  return { path: resolve(file), size, mtimeMs };
}

const keyOf = (s: Stamp) => `${s.path}\0${s.size}\0${s.mtimeMs}`;

/** sha256 of a file's bytes, read in full (no cache). */
export async function sha256OfFileUncached(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * sha256 of a file, computed once per (path, size, mtime): remembered in this process and, when
 * `store` is given (a folder under the cache — mirrors may be read-only), across processes. A
 * changed size or mtime rehashes; nothing else is trusted.
 */
export async function sha256OfFile(file: string, store?: string): Promise<string> {
  const stamp = stampOf(file);
  const key = keyOf(stamp);
  const known = inProcess.get(key);
  if (known) return known;
  const record = store ? join(store, `${createHash('sha256').update(stamp.path).digest('hex').slice(0, 32)}.json`) : undefined;
  if (record && existsSync(record)) {
    try {
      const saved = JSON.parse(readFileSync(record, 'utf8')) as Remembered;
      if (keyOf(saved) === key && /^[0-9a-f]{64}$/.test(saved.sha256)) {
        inProcess.set(key, saved.sha256);
        return saved.sha256;
      }
    } catch {
      // A damaged record is only a lost shortcut: hash again and overwrite it.
    }
  }
  const sha256 = await sha256OfFileUncached(file);
  filesHashed.set(stamp.path, (filesHashed.get(stamp.path) ?? 0) + 1);
  inProcess.set(key, sha256);
  if (record) writeFileAtomic(record, JSON.stringify({ ...stamp, sha256 } satisfies Remembered));
  return sha256;
}

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileSha256 } from '../provenance/provenance.js';

const known = new Map<string, string>();

/** sha256 of a file, remembered per (path, size, mtime): a model is hashed once per process. */
async function sha256Once(file: string): Promise<string> {
  const { size, mtimeMs } = statSync(file);
  const key = `${file}\0${size}\0${mtimeMs}`;
  let sha = known.get(key);
  if (!sha) known.set(key, (sha = await fileSha256(file)));
  return sha;
}

/**
 * What identifies a model's weights and tokenizer: the sha256 of each file that shapes its vectors.
 * Indexes and the embedding cache key on this, not on the name, so a replaced file is noticed.
 */
export async function modelFingerprint(dir: string, files: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of files) {
    const file = join(dir, rel);
    if (existsSync(file)) out[rel] = await sha256Once(file);
  }
  return out;
}

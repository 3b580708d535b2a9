import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import { readJsonFile } from '../io/json-file.js';

/**
 * Embeddings on disk: `vectors.f32` (row-major little-endian float32, one row per document),
 * `ids.txt` (one document id per line, same order) and `vectors.json` ({count, dim}).
 */
export const MATRIX_FILES = { vectors: 'vectors.f32', ids: 'ids.txt', meta: 'vectors.json' } as const;

/** A loaded matrix: one contiguous Float32Array (a single copy, however large) and its ids. */
export interface VectorMatrix {
  dim: number;
  count: number;
  ids: string[];
  data: Float32Array;
}

/** Appends rows to a matrix in `dir` chunk by chunk, so a corpus's vectors never sit in memory at once. */
export class MatrixWriter {
  private readonly vectorsFd: number;
  private readonly idsFd: number;
  count = 0;

  constructor(
    private readonly dir: string,
    readonly dim: number,
  ) {
    this.vectorsFd = openSync(join(dir, MATRIX_FILES.vectors), 'w');
    this.idsFd = openSync(join(dir, MATRIX_FILES.ids), 'w');
  }

  append(ids: readonly string[], vectors: readonly Float32Array[]): void {
    const block = new Float32Array(vectors.length * this.dim);
    vectors.forEach((v, i) => {
      if (v.length !== this.dim) throw new MedirError('INDEX', `vector of '${ids[i]}' has dimension ${v.length}, expected ${this.dim}`);
      block.set(v, i * this.dim);
    });
    writeSync(this.vectorsFd, new Uint8Array(block.buffer));
    writeSync(this.idsFd, ids.map((id) => id + '\n').join(''));
    this.count += ids.length;
  }

  close(): void {
    closeSync(this.vectorsFd);
    closeSync(this.idsFd);
    writeFileSync(join(this.dir, MATRIX_FILES.meta), JSON.stringify({ count: this.count, dim: this.dim, dtype: 'float32', byteOrder: 'little' }) + '\n');
  }
}

export function readMatrixMeta(dir: string): { count: number; dim: number } {
  const file = join(dir, MATRIX_FILES.meta);
  if (!existsSync(file)) throw new MedirError('INDEX', `${file}: no such file (the index is incomplete; delete ${dir} and index again)`);
  return readJsonFile<{ count: number; dim: number }>(file, 'INDEX', `delete ${dir} and index again`)!;
}

export function readIds(dir: string, count: number): string[] {
  const file = join(dir, MATRIX_FILES.ids);
  const ids = readFileSync(file, 'utf8').split('\n');
  ids.pop();
  if (ids.length !== count) throw new MedirError('INDEX', `${file}: ${ids.length} ids, expected ${count}`);
  return ids;
}

/**
 * Reads the whole matrix into one buffer in slices (no second copy, no 2 GiB read limit): a new
 * one, or `into(count, dim)` when the caller has the memory ready (the exact store's wasm memory).
 */
export function readMatrix(dir: string, into?: (count: number, dim: number) => Float32Array | undefined): VectorMatrix {
  const { count, dim } = readMatrixMeta(dir);
  const file = join(dir, MATRIX_FILES.vectors);
  const bytes = count * dim * 4;
  if (!existsSync(file) || statSync(file).size !== bytes) {
    throw new MedirError('INDEX', `${file}: expected ${bytes} bytes (${count} × ${dim} float32)`, `delete ${dir} and index again`);
  }
  const data = into?.(count, dim) ?? new Float32Array(count * dim);
  const view = new Uint8Array(data.buffer, data.byteOffset, bytes);
  const fd = openSync(file, 'r');
  try {
    const slice = 1 << 26;
    for (let offset = 0; offset < bytes; ) offset += readSync(fd, view, offset, Math.min(slice, bytes - offset), offset);
  } finally {
    closeSync(fd);
  }
  return { dim, count, ids: readIds(dir, count), data };
}

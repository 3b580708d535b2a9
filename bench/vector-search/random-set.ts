import { mkdirSync, writeFileSync } from 'node:fs';
import { MatrixWriter } from '../../src/vectors/matrix.js';

/** xorshift32 → uniform numbers in [-1, 1): fast and seeded. */
function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2147483648 - 1;
  };
}

/** `n` random unit vectors of width `dim`: uniform in the cube, normalised. */
export function randomUnitVectors(n: number, dim: number, seed: number): Float32Array {
  const next = uniform(seed);
  const out = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const x = next();
      out[r * dim + d] = x;
      norm += x * x;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dim; d++) out[r * dim + d] *= inv;
  }
  return out;
}

/**
 * Writes an `n × dim` random unit-vector matrix into `dir` in the index layout, 10,000 rows at a
 * time (the whole matrix is never in memory), ids `r0…`.
 */
export function writeRandomMatrix(dir: string, n: number, dim: number, seed: number): void {
  mkdirSync(dir, { recursive: true });
  const writer = new MatrixWriter(dir, dim);
  const chunk = 10_000;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const block = randomUnitVectors(rows, dim, seed + start);
    const ids = Array.from({ length: rows }, (_, i) => `r${start + i}`);
    writer.append(ids, Array.from({ length: rows }, (_, i) => block.subarray(i * dim, (i + 1) * dim)));
  }
  writer.close();
}

export function writeQueries(file: string, queries: readonly Float32Array[]): void {
  const dim = queries[0].length;
  const all = new Float32Array(queries.length * dim);
  queries.forEach((q, i) => all.set(q, i * dim));
  writeFileSync(file, new Uint8Array(all.buffer));
}

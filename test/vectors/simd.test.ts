import { describe, expect, it } from 'vitest';
import { jsKernel, wasmMatrix } from '../../src/vectors/simd.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) - 0.5;
}

describe('WebAssembly SIMD score kernel', () => {
  it.each([4, 100, 384])('gives the inner products of the TypeScript loop (dim %i, rows beyond one scratch block)', (dim) => {
    const count = 2500;
    const wasm = wasmMatrix(count, dim)!;
    expect(wasm).toBeDefined();
    const rand = lcg(dim);
    for (let i = 0; i < count * dim; i++) wasm.data[i] = rand();
    const q = Float32Array.from({ length: dim }, rand);
    const got = new Float32Array(count - 3);
    const want = new Float32Array(count - 3);
    wasm.kernel.scoreRows(3, count, q, got);
    jsKernel(wasm.data, dim).scoreRows(3, count, q, want);
    // Brute force on one row, in doubles, so the check does not rest on either kernel.
    let row10 = 0;
    for (let d = 0; d < dim; d++) row10 += wasm.data[13 * dim + d] * q[d];
    expect(got[10]).toBeCloseTo(row10, 5);
    got.forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThan(1e-5));
  });

  it('declines widths not divisible by 4 (the TypeScript loop takes them)', () => {
    expect(wasmMatrix(10, 6)).toBeUndefined();
  });
});

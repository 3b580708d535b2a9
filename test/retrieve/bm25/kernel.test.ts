import { afterEach, describe, expect, it, vi } from 'vitest';
import { wasm } from '../../../src/core/wasm.js';
import { jsKernel, kernel, type Kernel } from '../../../src/retrieve/bm25/kernel.js';
import { lcg } from './reference.js';

/** The accumulator and the listing each kernel gives for the same rows and floors. */
function trace(k: Kernel, rows: [number, number][], floors: number[]) {
  for (const [start, end] of rows) k.addRow(start, end);
  const acc = Array.from(k.acc);
  const lists = floors.map((floor) => {
    const count = k.collect(floor, 0, k.acc.length, 0);
    return { docs: Array.from(k.candDocs.subarray(0, count)), scores: Array.from(k.candScores.subarray(0, count)) };
  });
  return { acc, lists };
}

describe('BM25 kernels', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists every document when all score, for every document count around the 8-wide turns', () => {
    const rand = lcg(5);
    for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31]) {
      // every document gets a posting, so a collect at 0 lists all n (the candidate areas fill up)
      const postDocs = Int32Array.from({ length: 3 * n }, (_, i) => (i < n ? i : Math.floor(rand() * n))).sort();
      const postScores = Float32Array.from(postDocs, () => 0.25 + rand());
      const rows: [number, number][] = [[0, 3 * n], [0, Math.min(3, 3 * n)], [n, 2 * n]];
      const wasm = trace(kernel(postDocs, postScores, n), rows, [0, 1, 1.5, 1e9]);
      const js = trace(jsKernel(postDocs, postScores, n), rows, [0, 1, 1.5, 1e9]);
      expect(wasm).toEqual(js);
      expect(wasm.lists[0].docs).toEqual(Array.from({ length: n }, (_, d) => d));
      expect(wasm.lists[3].docs).toEqual([]);
    }
  });

  it('sums each posting once: rows of 0–9 postings, at every offset', () => {
    const postDocs = Int32Array.from([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1]);
    const postScores = Float32Array.from(postDocs, (_, i) => 2 ** i);
    for (let start = 0; start < 12; start++) {
      for (let end = start; end <= Math.min(12, start + 9); end++) {
        const k = kernel(postDocs, postScores, 5);
        expect(k.kind).toBe('wasm');
        k.addRow(start, end);
        const want = new Array<number>(5).fill(0);
        for (let p = start; p < end; p++) want[postDocs[p]] += 2 ** p;
        expect(Array.from(k.acc)).toEqual(want);
      }
    }
  });

  it('lists only positive scores at or above the floor, in document order', () => {
    for (const make of [kernel, jsKernel]) {
      const k = make(Int32Array.from([0, 1, 2, 3, 4, 5]), Float32Array.from([1, 2, 0, 2, 3, 0.5]), 7);
      k.addRow(0, 6);
      const listed = (floor: number) => {
        const c = k.collect(floor, 0, 7, 0);
        return Array.from(k.candDocs.subarray(0, c));
      };
      expect(listed(0)).toEqual([0, 1, 3, 4, 5]); // 2 and 6 score 0: no result even at floor 0
      expect(listed(2)).toEqual([1, 3, 4]); // a score equal to the floor is listed
      expect(listed(2.5)).toEqual([4]);
      expect(listed(-1)).toEqual([0, 1, 3, 4, 5]);
    }
  });

  it('lists a range of documents after what is already listed, for ranges around the 8-wide turns', () => {
    const rand = lcg(9);
    const n = 41;
    const postDocs = Int32Array.from({ length: 200 }, () => Math.floor(rand() * n)).sort();
    const postScores = Float32Array.from(postDocs, () => rand());
    for (const make of [kernel, jsKernel]) {
      const k = make(postDocs, postScores, n);
      k.addRow(0, 200);
      for (const [from, to, at] of [[0, 41, 0], [3, 4, 5], [5, 14, 2], [6, 6, 0], [13, 41, 7], [1, 40, 1], [2, 19, 3], [7, 24, 0]]) {
        for (const floor of [0, 0.5, 1.5]) {
          const want: number[] = [];
          for (let d = from; d < to; d++) if (k.acc[d] >= floor && k.acc[d] > 0) want.push(d);
          k.candDocs.fill(-1);
          const count = k.collect(floor, from, to, at);
          expect(count).toBe(want.length);
          expect(Array.from(k.candDocs.subarray(at, at + count))).toEqual(want);
          expect(Array.from(k.candScores.subarray(at, at + count))).toEqual(want.map((d) => k.acc[d]));
          // nothing before `at` is overwritten, nothing past the pair after the listed ones either
          expect(Array.from(k.candDocs.subarray(0, at)).every((d) => d === -1)).toBe(true);
          expect(Array.from(k.candDocs.subarray(at + count + 1)).every((d) => d === -1)).toBe(true);
        }
      }
    }
  });

  it('refuses a listing with more documents after what is listed than the candidate arrays hold', () => {
    for (const make of [kernel, jsKernel]) {
      const k = make(Int32Array.from([0, 1, 2]), Float32Array.from([1, 2, 3]), 3);
      k.addRow(0, 3);
      expect(k.collect(0, 0, 3, 0)).toBe(3);
      expect(k.collect(0, 1, 3, 1)).toBe(2); // exactly room
      expect(() => k.collect(0, 0, 3, 1)).toThrow(/documents 0\.\.2 after 1 listed pairs needs more room than 3 pairs/);
    }
  });

  it('falls back to the TypeScript loops where WebAssembly memory cannot be had', () => {
    vi.spyOn(wasm, 'Memory').mockImplementation(function () {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory');
    });
    const k = kernel(Int32Array.from([1]), Float32Array.from([0.5]), 2);
    expect(k.kind).toBe('js');
    k.addRow(0, 1);
    expect(Array.from(k.acc)).toEqual([0, 0.5]);
  });

  it('falls back to the TypeScript loops where WebAssembly cannot compile the module', async () => {
    vi.spyOn(wasm, 'Module').mockImplementation(function () {
      throw new Error('WebAssembly.Module(): SIMD unsupported');
    });
    vi.resetModules(); // the compiled module is kept per process: load the kernel afresh
    const fresh = await import('../../../src/retrieve/bm25/kernel.js');
    const k = fresh.kernel(Int32Array.from([0, 0]), Float32Array.from([0.5, 0.25]), 1);
    expect(k.kind).toBe('js');
    expect(fresh.kernel(Int32Array.from([0]), Float32Array.from([1]), 1).kind).toBe('js');
    expect(wasm.Module).toHaveBeenCalledTimes(1); // the failure is remembered, not retried per index
    k.addRow(0, 2);
    expect(Array.from(k.acc)).toEqual([0.75]);
  });

  it('compiles the module once per process, for every index', async () => {
    const compile = vi.spyOn(wasm, 'Module');
    vi.resetModules();
    const fresh = await import('../../../src/retrieve/bm25/kernel.js');
    for (let i = 0; i < 3; i++) expect(fresh.kernel(Int32Array.from([0]), Float32Array.from([1]), 1 + i).kind).toBe('wasm');
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('serves an empty index from WebAssembly too (no memory pages)', () => {
    const k = kernel(new Int32Array(0), new Float32Array(0), 0);
    expect(k.kind).toBe('wasm');
    expect(k.collect(0, 0, 0, 0)).toBe(0);
  });
});

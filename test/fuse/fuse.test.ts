import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/types.js';
import { fuseRuns } from '../../src/fuse/fuse.js';
import { FUSION_METHODS } from '../../src/fuse/methods/registry.js';
import { NORMALIZERS } from '../../src/fuse/normalize.js';
import { seededHalf, weightGrid } from '../../src/fuse/sweep.js';

// Run A ranks x (3), y (2), z (1); run B ranks y (10), w (4). Expected values worked out by hand.
const A: Run = new Map([['q', [{ docId: 'z', score: 1 }, { docId: 'x', score: 3 }, { docId: 'y', score: 2 }]]]);
const B: Run = new Map([['q', [{ docId: 'w', score: 4 }, { docId: 'y', score: 10 }]]]);
const scores = (run: Run) => Object.fromEntries(run.get('q')!.map((d) => [d.docId, d.score]));

describe('fusion methods', () => {
  it('rrf: 1/(60 + rank), rank from 1 in canonical order (not the file order)', () => {
    const s = scores(fuseRuns([A, B], { method: 'rrf' }));
    expect(s.y).toBeCloseTo(1 / 62 + 1 / 61, 15);
    expect(s.x).toBeCloseTo(1 / 61, 15);
    expect(s.w).toBeCloseTo(1 / 62, 15);
    expect(fuseRuns([A, B], { method: 'rrf' }).get('q')!.map((d) => d.docId)).toEqual(['y', 'x', 'w', 'z']);
  });

  it("rrf-medrag: MedRAG's 1/(100 + j + 1), j from 0, equals rrf with k=100", () => {
    const s = scores(fuseRuns([A, B], { method: 'rrf-medrag' }));
    expect(s.y).toBeCloseTo(1 / 102 + 1 / 101, 15);
    expect(fuseRuns([A, B], { method: 'rrf-medrag' })).toEqual(fuseRuns([A, B], { method: 'rrf', rrfK: 100 }));
  });

  it('combsum / combmnz / weighted on min-max normalised scores', () => {
    // A normalised: x 1, y 0.5, z 0; B normalised: y 1, w 0.
    expect(scores(fuseRuns([A, B], { method: 'combsum' }))).toEqual({ y: 1.5, x: 1, w: 0, z: 0 });
    expect(scores(fuseRuns([A, B], { method: 'combmnz' }))).toEqual({ y: 3, x: 1, w: 0, z: 0 });
    expect(scores(fuseRuns([A, B], { method: 'weighted', weights: [0.2, 0.8] }))).toEqual({ y: 0.2 * 0.5 + 0.8, x: 0.2, w: 0, z: 0 });
  });

  it('z-score normalisation: (s - mean) / population sd', () => {
    const s = scores(fuseRuns([A, B], { method: 'combsum', norm: 'zscore' }));
    const sdA = Math.sqrt(2 / 3);
    expect(s.x).toBeCloseTo(1 / sdA, 12);
    expect(s.y).toBeCloseTo(0 + 1, 12); // A: (2 - 2) / sd = 0; B: (10 - 7) / 3 = 1
  });

  it('cuts at top-k, keeps queries of any run, and leaves its inputs alone', () => {
    const C: Run = new Map([['other', [{ docId: 'a', score: 1 }]]]);
    const fused = fuseRuns([A, B, C], { method: 'rrf', topK: 2 });
    expect([...fused.keys()].sort()).toEqual(['other', 'q']);
    expect(fused.get('q')!.length).toBe(2);
    expect(A.get('q')!.map((d) => d.docId)).toEqual(['z', 'x', 'y']);
  });

  it('refuses weighted without weights, a wrong number of weights and one run', () => {
    expect(() => fuseRuns([A, B], { method: 'weighted' })).toThrow(/needs --weights/);
    expect(() => fuseRuns([A, B], { method: 'rrf', weights: [1] })).toThrow(/1 weights for 2 runs/);
    expect(() => fuseRuns([A], { method: 'rrf' })).toThrow(/at least two runs/);
    expect(() => fuseRuns([A, B], { method: 'borda' })).toThrow(/unknown fusion method 'borda'; valid: rrf, rrf-medrag/);
  });
});

describe('weight sweep helpers', () => {
  it('enumerates the simplex grid', () => {
    expect(weightGrid(2, 0.5)).toEqual([[1, 0], [0.5, 0.5], [0, 1]]);
    expect(weightGrid(3, 0.1)).toHaveLength(66);
    for (const w of weightGrid(3, 0.25)) expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(() => weightGrid(2, 0.3)).toThrow(/--sweep-step/);
  });

  it('splits train queries in a seeded half, the same every time', () => {
    const qrels = new Map(Array.from({ length: 10 }, (_, i) => [`q${i}`, new Map([['d', 1]])]));
    const half = seededHalf(qrels, 42);
    expect(half.size).toBe(5);
    expect([...seededHalf(qrels, 42).keys()]).toEqual([...half.keys()]);
    expect([...seededHalf(qrels, 7).keys()]).not.toEqual([...half.keys()]);
  });
});

describe('fusion registries match their folders', () => {
  it('methods/ holds one file per registered method', () => {
    const dir = fileURLToPath(new URL('../../src/fuse/methods/', import.meta.url));
    const files = readdirSync(dir).filter((f) => !['method.ts', 'registry.ts'].includes(f)).sort();
    expect(Object.keys(FUSION_METHODS).map((m) => `${m}.ts`).sort()).toEqual(files);
    for (const [key, m] of Object.entries(FUSION_METHODS)) expect(m.name).toBe(key);
  });

  it('normalisations are minmax, zscore and none', () => {
    expect(Object.keys(NORMALIZERS)).toEqual(['minmax', 'zscore', 'none']);
  });
});

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/types.js';
import { fuseRuns } from '../../src/fuse/fuse.js';
import { FUSION_METHODS } from '../../src/fuse/methods/registry.js';
import { normalizer, NORMALIZERS } from '../../src/fuse/normalize.js';
import { seededHalf, weightGrid } from '../../src/fuse/sweep.js';
import { medirErrorOf } from '../helpers/errors.js';

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

  it('combsum / combmnz / weighted on min-max normalised scores, measured from the unretrieved floor', () => {
    // A: x 3, y 2, z 1; mean gap 1, so the floor is 0 and minmax = s / 3. B: y 10, w 4; gap 6, floor -2: (s + 2) / 12.
    const close = (got: Record<string, number>, want: Record<string, number>) => {
      expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
      for (const k of Object.keys(want)) expect(got[k]).toBeCloseTo(want[k], 12);
    };
    close(scores(fuseRuns([A, B], { method: 'combsum' })), { y: 2 / 3 + 1, x: 1, w: 0.5, z: 1 / 3 });
    close(scores(fuseRuns([A, B], { method: 'combmnz' })), { y: 2 * (2 / 3 + 1), x: 1, w: 0.5, z: 1 / 3 });
    close(scores(fuseRuns([A, B], { method: 'weighted', weights: [0.2, 0.8] })), { y: 0.2 * (2 / 3) + 0.8, x: 0.2, w: 0.4, z: 0.2 / 3 });
  });

  it('z-score normalisation: the spread of (s - mean) / population sd, shifted so the floor is 0', () => {
    const s = scores(fuseRuns([A, B], { method: 'combsum', norm: 'zscore' }));
    const sdA = Math.sqrt(2 / 3);
    expect(s.x).toBeCloseTo(3 / sdA, 12);
    expect(s.y).toBeCloseTo(2 / sdA + 12 / 3, 12); // B: mean 7, sd 3, floor -2
    expect(s.x - s.z).toBeCloseTo((3 - 1) / sdA, 12); // differences are z-score differences
  });

  describe('a retrieved document always contributes more than one its run never retrieved', () => {
    // P ties its two lowest documents (b, c at 1); Q retrieves only d and e, which P never saw.
    const P: Run = new Map([['q', [{ docId: 'a', score: 5 }, { docId: 'b', score: 1 }, { docId: 'c', score: 1 }]]]);
    const Q: Run = new Map([['q', [{ docId: 'd', score: 0.9 }, { docId: 'e', score: 0.1 }]]]);
    const Tied: Run = new Map([['q', [{ docId: 'u', score: 2 }, { docId: 'v', score: 2 }]]]);
    const Negative: Run = new Map([['q', [{ docId: 'f', score: -1 }, { docId: 'g', score: -3 }]]]);
    it.each(['minmax', 'zscore', 'none'])('%s', (norm) => {
      for (const run of [P, Q, Tied, Negative]) {
        for (const d of normalizer(norm)(run.get('q')!)) expect(d.score, `${norm}: ${d.docId}`).toBeGreaterThan(0);
      }
      // Weight 0 on Q leaves P's ranking exactly: its tied tail neither drops below nor mixes with Q's documents.
      const fused = fuseRuns([P, Q], { method: 'weighted', norm, weights: [1, 0] }).get('q')!;
      expect(fused.map((d) => d.docId)).toEqual(['a', 'c', 'b']);
      const one = fuseRuns([P, Tied], { method: 'combsum', norm }).get('q')!;
      expect(one.find((d) => d.docId === 'b')!.score).toBeGreaterThan(0);
      expect(one.find((d) => d.docId === 'u')!.score).toBe(one.find((d) => d.docId === 'v')!.score);
    });
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
    expect(() => fuseRuns([A, B], { method: 'rrf', norm: 'rank' })).toThrow("unknown normalisation 'rank'; valid: minmax, zscore, none");
  });

  it('says which option is wrong, as a BAD_OPTION error (exit code and message the CLI prints)', async () => {
    const cases: [() => unknown, string][] = [
      [() => fuseRuns([A], { method: 'rrf' }), '--runs: fusion needs at least two runs, got 1'],
      [() => fuseRuns([A, B], { method: 'weighted' }), '--method weighted needs --weights (one per run, e.g. 0.3,0.7)'],
      [() => fuseRuns([A, B], { method: 'combsum', weights: [1, 2, 3] }), '--weights: 3 weights for 2 runs'],
    ];
    for (const [work, message] of cases) {
      const err = await medirErrorOf(work);
      expect([err.code, err.message]).toEqual(['BAD_OPTION', message]);
    }
  });

  it('a query one run lacks is fused from the others, whatever the normalisation', () => {
    const C: Run = new Map([['q', [{ docId: 'x', score: 2 }, { docId: 'w', score: 1 }]], ['only-c', [{ docId: 'v', score: 5 }, { docId: 'u', score: 1 }]]]);
    for (const norm of ['minmax', 'zscore', 'none']) {
      const fused = fuseRuns([A, C], { method: 'combsum', norm });
      expect(fused.get('only-c')!.map((d) => d.docId), norm).toEqual(['v', 'u']);
    }
    // minmax: v at the top is 1, u one gap (4) above the floor: 4 / 8.
    expect(fuseRuns([A, C], { method: 'combsum' }).get('only-c')).toEqual([{ docId: 'v', score: 1 }, { docId: 'u', score: 0.5 }]);
  });

  it('z-score of a ranking whose scores all tie: each document one unit above the floor', () => {
    expect(normalizer('zscore')([{ docId: 'a', score: 3 }, { docId: 'b', score: 3 }])).toEqual([{ docId: 'a', score: 1 }, { docId: 'b', score: 1 }]);
    expect(normalizer('minmax')([{ docId: 'a', score: 3 }])).toEqual([{ docId: 'a', score: 1 }]);
    expect(normalizer('none')([{ docId: 'a', score: 3 }, { docId: 'b', score: 1 }])).toEqual([{ docId: 'a', score: 4 }, { docId: 'b', score: 2 }]);
  });

  it('keeps the best 1000 documents by default', () => {
    const many: Run = new Map([['q', Array.from({ length: 1200 }, (_, i) => ({ docId: `d${i}`, score: 1200 - i }))]]);
    const fused = fuseRuns([many, B], { method: 'rrf' }).get('q')!;
    expect(fused).toHaveLength(1000);
    expect(fused.some((d) => d.docId === 'd999')).toBe(false);
  });

  it('combmnz multiplies by the number of runs retrieving a document, not by their weights', () => {
    // Weights only scale the sum: y (both runs) is (2 · 2/3 + 1 · 1) · 2, x (A only) 2 · 1 · 1.
    const s = scores(fuseRuns([A, B], { method: 'combmnz', weights: [2, 1] }));
    expect(s.y).toBeCloseTo((2 * (2 / 3) + 1) * 2, 12);
    expect(s.x).toBeCloseTo(2, 12);
    expect(s.w).toBeCloseTo(0.5, 12);
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

import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/types.js';
import { fuseRuns } from '../../src/fuse/fuse.js';

// Ties resolve as trec_eval orders them: score descending, then document id descending.
describe('fusion with tied scores', () => {
  it('ranks inside a run come from the canonical order, not the input order', () => {
    const a: Run = new Map([['q', [{ docId: 'x', score: 1 }, { docId: 'y', score: 1 }]]]);
    const b: Run = new Map([['q', [{ docId: 'w', score: 5 }]]]);
    const fused = fuseRuns([a, b], { method: 'rrf' }).get('q')!;
    expect(fused).toEqual([
      { docId: 'y', score: 1 / 61 },
      { docId: 'w', score: 1 / 61 },
      { docId: 'x', score: 1 / 62 },
    ]);
  });

  it('equal fused scores come out in descending document id', () => {
    const a: Run = new Map([['q', [{ docId: 'a', score: 2 }, { docId: 'b', score: 1 }]]]);
    const b: Run = new Map([['q', [{ docId: 'b', score: 2 }, { docId: 'a', score: 1 }]]]);
    for (const runs of [[a, b], [b, a]]) {
      expect(fuseRuns(runs, { method: 'rrf' }).get('q')!).toEqual([
        { docId: 'b', score: 1 / 61 + 1 / 62 },
        { docId: 'a', score: 1 / 61 + 1 / 62 },
      ]);
    }
  });

  it('a query only one run has is fused from that run alone', () => {
    const a: Run = new Map([['q', [{ docId: 'x', score: 1 }]], ['only-a', [{ docId: 'p', score: 3 }, { docId: 'o', score: 3 }]]]);
    const b: Run = new Map([['q', [{ docId: 'x', score: 1 }]]]);
    expect(fuseRuns([a, b], { method: 'rrf' }).get('only-a')).toEqual([
      { docId: 'p', score: 1 / 61 },
      { docId: 'o', score: 1 / 62 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/core/types.js';
import { consistency } from '../../src/crosslingual/consistency.js';
import type { ParallelQueries } from '../../src/crosslingual/parallel.js';

describe('overlap@10 with tied scores at the cut', () => {
  // Both languages rank d1..d9 first. At rank 10, English has 'a' and 'z' tied; the canonical order
  // (score descending, then id descending) puts 'z' in the top 10, which is Spanish's tenth too.
  const nine = Array.from({ length: 9 }, (_, i) => ({ docId: `d${i + 1}`, score: 10 - i }));
  const run: Run = new Map([
    ['q-en', [...nine, { docId: 'a', score: 1 }, { docId: 'z', score: 1 }]],
    ['q-es', [{ docId: 'z', score: 1 }, ...nine.reverse(), { docId: 'b', score: 0.5 }]],
  ]);
  const parallel: ParallelQueries = {
    languages: ['en', 'es'],
    groups: new Map([['g', new Map([['en', 'q-en'], ['es', 'q-es']])]]),
    langOf: new Map([['q-en', 'en'], ['q-es', 'es']]),
  };

  it('is 1: the same ten documents once ties are broken as trec_eval does', () => {
    const c = consistency(parallel, run, new Map([['q-en', new Map([['z', 1]])], ['q-es', new Map([['b', 1]])]]));
    expect(c.overlap).toBe(1);
    expect(c.overlapByLanguage).toEqual(new Map([['en', 1], ['es', 1]]));
    // Spanish's relevant 'b' is 11th: not every language hits by 10.
    expect(c.allLanguagesHit).toBe(0);
  });
});

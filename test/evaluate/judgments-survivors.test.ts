import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { judgedBelow, summariseJudgments } from '../../src/evaluate/judgments.js';

// Judged non-relevant documents when two levels lie below the relevance level (bpref's N).

describe('judged documents below the relevance level', () => {
  it('levels 0 and 1 both count below -l 2', () => {
    const j = summariseJudgments(new Map([['a', 2], ['e', 2], ['b', 0], ['c', 1], ['d', 1], ['u', -1]]), 2);
    expect(judgedBelow(j, 2)).toBe(3); // b, c, d (u is in the pool, unjudged)
    expect(judgedBelow(j, 1)).toBe(1); // b
    expect(j.numRel).toBe(2);
  });

  it('bpref at -l 2 (trec_eval 10.0 -l 2 -m bpref: 0.2500)', () => {
    // R = 2 (a, e), N = 3 (b, c, d), min(R, N) = 2. Ranking b a c e d: a has 1 non-relevant above,
    // 1 - 1/2; e has 2, 1 - 2/2 = 0. bpref = (1/2 + 0) / 2 = 1/4.
    const qrels: Qrels = new Map([['q', new Map([['a', 2], ['e', 2], ['b', 0], ['c', 1], ['d', 1]])]]);
    const ids = ['b', 'a', 'c', 'e', 'd'];
    const run: Run = new Map([['q', ids.map((docId, i) => ({ docId, score: ids.length - i }))]]);
    expect(evaluate(qrels, run, 'bpref', { relevanceLevel: 2 }).mean.get('bpref')).toBe(0.25);
  });
});

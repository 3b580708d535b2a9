import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { beats, compareResults } from '../../src/evaluate/compare.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { bootstrapCi, pairedTest } from '../../src/evaluate/stats/registry.js';
import { readReplies } from '../../src/rag/score.js';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

// Tests written to kill mutants that survived the whole suite (see the README's reliability section).

const ranked = (...ids: string[]) => ids.map((docId, i) => ({ docId, score: ids.length - i }));

describe('-l reaches every count, and arrives from the CLI', () => {
  // Judgments 2, 1, 1: at -l 1 three are relevant; at -l 2 one is.
  const qrels: Qrels = new Map([['q', new Map([['a', 2], ['b', 1], ['c', 1], ['n', 0]])]]);
  const run: Run = new Map([['q', ranked('b', 'n', 'a', 'c')]]);

  it('num_rel_ret counts only documents at or above the level', () => {
    expect(evaluate(qrels, run, 'num_rel_ret').perQuery.get('q')!.get('num_rel_ret')).toBe(3);
    expect(evaluate(qrels, run, 'num_rel_ret', { relevanceLevel: 2 }).perQuery.get('q')!.get('num_rel_ret')).toBe(1);
  });

  it('`medir eval -l 2` applies the level (num_rel 1, num_rel_ret 1, P@2 0, not 3, 3, 1/2)', () => {
    const dir = writeTree(tempDir(), { 'q.qrels': 'q 0 a 2\nq 0 b 1\nq 0 c 1\nq 0 n 0\n', 'r.run': 'q Q0 b 1 4 t\nq Q0 n 2 3 t\nq Q0 a 3 2 t\nq Q0 c 4 1 t\n' });
    const r = medir(['eval', '--qrels', join(dir, 'q.qrels'), '--run', join(dir, 'r.run'), '-l', '2', '-m', 'num_rel', 'num_rel_ret', 'P.2', '--format', 'json']);
    expect(r.stderr).toBe('');
    const values = JSON.stringify(JSON.parse(r.stdout));
    expect(values).toMatch(/"num_rel":1\b/);
    expect(values).toMatch(/"num_rel_ret":1\b/);
    expect(values).toMatch(/"P_2":0\b/);
  });
});

describe('cutoffs on a ranking longer than k (worked by hand)', () => {
  // Relevant: r1 r2 r3 r4. Ranking: r1 n1 r2 n2 n3 r3 n4 r4 (8 documents, more than every k but 10).
  const qrels: Qrels = new Map([['q', new Map([['r1', 1], ['r2', 1], ['r3', 1], ['r4', 1], ['n1', 0]])]]);
  const run: Run = new Map([['q', ranked('r1', 'n1', 'r2', 'n2', 'n3', 'r3', 'n4', 'r4')]]);
  const cut = () => evaluate(qrels, run, 'P@3,P@5,P@6,P@10,recall@3,recall@5,recall@6,recall@10').perQuery.get('q')!;

  it('P@k divides the relevant among the first k by k', () => {
    const q = cut();
    expect([q.get('P_3'), q.get('P_5'), q.get('P_6'), q.get('P_10')]).toEqual([2 / 3, 2 / 5, 3 / 6, 4 / 10]);
  });

  it('recall@k divides them by the number relevant', () => {
    const q = cut();
    expect([q.get('recall_3'), q.get('recall_5'), q.get('recall_6'), q.get('recall_10')]).toEqual([2 / 4, 2 / 4, 3 / 4, 1]);
  });
});

describe('compare marks significance from the corrected p', () => {
  // 12 queries: "top" finds the relevant document at rank 1; "near" too except on 4 queries (rank 2);
  // "none" never. top vs near: paired-t p ≈ 0.039 raw, ≈ 0.12 after Bonferroni over 3 pairs.
  const qids = Array.from({ length: 12 }, (_, i) => `q${i}`);
  const qrels: Qrels = new Map(qids.map((q) => [q, new Map([[`rel-${q}`, 1]])]));
  const runAt = (rank: (i: number) => number | undefined): Run =>
    new Map(qids.map((q, i) => [q, ranked(...[1, 2, 3].map((r) => (r === rank(i) ? `rel-${q}` : `junk-${r}`)))]));
  const compared = () =>
    compareResults(
      [
        { name: 'top', result: evaluate(qrels, runAt(() => 1), 'mrr') },
        { name: 'near', result: evaluate(qrels, runAt((i) => (i < 4 ? 2 : 1)), 'mrr') },
        { name: 'none', result: evaluate(qrels, runAt(() => undefined), 'mrr') },
      ],
      { test: 'paired-t', correction: 'bonferroni', alpha: 0.05 },
    );

  it('a raw p below alpha whose corrected p is not is no win', () => {
    const c = compared();
    const topVsNear = c.pairs.find((p) => p.a === 0 && p.b === 1)!;
    const raw = pairedTest('paired-t', qids.map(() => 1), qids.map((_, i) => (i < 4 ? 0.5 : 1))).p;
    expect(topVsNear.p).toBeCloseTo(raw, 12);
    expect(raw).toBeLessThan(0.05);
    expect(topVsNear.pAdjusted).toBeCloseTo(3 * raw, 12);
    expect(topVsNear.significant).toBe(false);
    expect(beats(c, 0, 'recip_rank')).toEqual([2]);
  });
});

describe('bootstrap percentile interval: exact order statistics at a fixed seed', () => {
  // Computed outside medir: mulberry32(seed) resamples in Python, sorted means, numpy.percentile
  // (linear). With 41 resamples the 2.5% and 97.5% points fall exactly on order statistics 1 and 39
  // (0-based), so a percentile one position off gives another value.
  const d = [0.3, -0.1, 0.2, 0.4];

  it('bootstrapCi and the paired bootstrap test', () => {
    const ci = bootstrapCi(d, { samples: 41, seed: 42 });
    expect([ci.low, ci.high]).toEqual([-1.3877787807814457e-17, 0.32500000000000007]);
    expect(pairedTest('bootstrap', d, [0, 0, 0, 0], { samples: 41, seed: 42 }).ci).toEqual([-1.3877787807814457e-17, 0.32500000000000007]);
    // 21 resamples at 90%: order statistics 1 and 19.
    const other = bootstrapCi([0.5, 0.1, -0.3, 0.2, 0.0], { samples: 21, seed: 7, alpha: 0.1 });
    expect([other.low, other.high]).toEqual([-0.06, 0.27999999999999997]);
  });
});

describe('MIRAGE replies', () => {
  it('the first of several responses counts, as in evaluate.py', async () => {
    const dir = writeTree(tempDir(), { 'mmlu.jsonl': '{"id":"x","responses":["{\\"answer_choice\\": \\"A\\"}","{\\"answer_choice\\": \\"B\\"}"]}\n' });
    expect((await readReplies(join(dir, 'mmlu.jsonl'), ['mmlu'])).get('x')).toEqual({ reply: '{"answer_choice": "A"}' });
  });
});

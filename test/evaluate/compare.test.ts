import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { beats, compareResults } from '../../src/evaluate/compare.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { formatComparison, perQueryCsv, summaryLines } from '../../src/evaluate/format/comparison.js';
import { pairedTest } from '../../src/evaluate/stats/registry.js';

// 12 queries, one relevant document each. "good" finds it at rank 1, "mid" at rank 2 except on
// q0-q2 (rank 1), "bad" never finds it. Reciprocal ranks are therefore known by hand.
const qids = Array.from({ length: 12 }, (_, i) => `q${String(i).padStart(2, '0')}`);
const qrels: Qrels = new Map(qids.map((q) => [q, new Map([[`rel-${q}`, 1]])]));
const runAt = (rank: (i: number) => number | undefined): Run =>
  new Map(
    qids.map((q, i) => {
      const at = rank(i);
      return [q, Array.from({ length: 3 }, (_, r) => ({ docId: r + 1 === at ? `rel-${q}` : `junk-${r}`, score: 3 - r }))];
    }),
  );
// computed inside each test (not at module level) so the mutation run's per-test coverage sees it
const good = () => evaluate(qrels, runAt(() => 1), 'mrr');
const mid = () => evaluate(qrels, runAt((i) => (i < 3 ? 1 : 2)), 'mrr');
const bad = () => evaluate(qrels, runAt(() => undefined), 'mrr');

describe('compareResults', () => {
  const compared = () =>
    compareResults(
      [
        { name: 'good', result: good() },
        { name: 'mid', result: mid() },
        { name: 'bad', result: bad() },
      ],
      { test: 'paired-t', correction: 'holm', alpha: 0.05 },
    );

  it('means per run over the shared queries', () => {
    const c = compared();
    expect(c.means.map((m) => m.get('recip_rank'))).toEqual([1, (3 + 9 * 0.5) / 12, 0]);
    expect(c.qids).toEqual(qids);
  });

  it('tests every pair, corrects within the measure with Holm', () => {
    const c = compared();
    expect(c.pairs.map((p) => [p.a, p.b])).toEqual([[0, 1], [0, 2], [1, 2]]);
    const goodVsMid = pairedTest('paired-t', qids.map(() => 1), qids.map((_, i) => (i < 3 ? 1 : 0.5)));
    expect(c.pairs[0].p).toBeCloseTo(goodVsMid.p, 12);
    const sorted = [...c.pairs].sort((x, y) => x.p - y.p);
    expect(sorted[0].pAdjusted).toBeCloseTo(Math.min(1, 3 * sorted[0].p), 12);
  });

  it('marks significant wins ranx-style: a beats b and c, b beats c', () => {
    const c = compared();
    expect(beats(c, 0, 'recip_rank')).toEqual([1, 2]);
    expect(beats(c, 1, 'recip_rank')).toEqual([2]);
    expect(beats(c, 2, 'recip_rank')).toEqual([]);
    expect(summaryLines(c)[0]).toMatch(/^good beats mid on recip_rank by \+0\.375 \(p=[\d.e-]+, Holm\)$/);
  });

  it('renders Markdown with bold best and superscripts, LaTeX with booktabs, per-query CSV', () => {
    const c = compared();
    const md = formatComparison(c, 'markdown');
    expect(md).toContain('| a | good | **1.0000**<sup>bc</sup> |');
    const tex = formatComparison(c, 'latex');
    expect(tex).toContain('\\toprule');
    expect(tex).toContain('a & good & \\textbf{1.0000}$^{bc}$ \\\\');
    expect(tex).toContain('recip\\_rank');
    const csv = perQueryCsv(c).split('\n');
    expect(csv[0]).toBe('qid,measure,run,value,delta vs good');
    expect(csv).toContain('q05,recip_rank,mid,0.5,-0.5');
  });

  it('needs two runs', () => {
    expect(() => compareResults([{ name: 'good', result: good() }], { test: 'paired-t', correction: 'holm', alpha: 0.05 })).toThrow(/at least two runs/);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { setProgressMode } from '../../src/core/progress.js';
import type { Qrels, Run } from '../../src/core/types.js';
import { seededHalf, sweepWeights, weightGrid } from '../../src/fuse/sweep.js';
import { medirErrorOf } from '../helpers/errors.js';

const ranking = (qid: string, ...ids: string[]): Run => new Map([[qid, ids.map((docId, i) => ({ docId, score: ids.length - i }))]]);
const merge = (...runs: Run[]): Run => new Map(runs.flatMap((r) => [...r]));

/**
 * Tune query t: run A ranks the relevant r first, run B second. Test query s: the reverse (B finds
 * s first). Under min-max, weights (0.5, 0.5) tie r and x (1 + 0.5 each), and the tie goes to the
 * larger id, x: so P@1 is 1, 0, 0 on tune and 0, 0, 1 on test for (1,0), (0.5,0.5), (0,1).
 */
const A = { tune: ranking('t', 'r', 'x'), test: ranking('s', 'y', 's') };
const B = { tune: ranking('t', 'x', 'r'), test: ranking('s', 's', 'y') };
const qrels: { tune: Qrels; test: Qrels } = { tune: new Map([['t', new Map([['r', 1]])]]), test: new Map([['s', new Map([['s', 1]])]]) };
const runs = { tune: [A.tune, B.tune], test: [A.test, B.test] };

describe('weight sweep', () => {
  afterEach(() => setProgressMode('none'));

  it('scores every grid point on tune and test, and picks by the tune score only', () => {
    const r = sweepWeights(runs, qrels, { method: 'weighted', measures: ['P@1', 'recip_rank'], step: 0.5, policy: {} });
    expect(r.measure).toBe('P_1');
    expect(r.names).toEqual(['P_1', 'recip_rank']);
    expect(r.rows.map((row) => [row.weights, row.tune, row.test])).toEqual([
      [[1, 0], 1, 0],
      [[0.5, 0.5], 0, 0],
      [[0, 1], 0, 1],
    ]);
    expect(r.rows.map((row) => Object.fromEntries(row.testAll))).toEqual([
      { P_1: 0, recip_rank: 0.5 },
      { P_1: 0, recip_rank: 0.5 },
      { P_1: 1, recip_rank: 1 },
    ]);
    expect(r.best).toBe(r.rows[0]);
  });

  it('the best is the last grid point when only it wins on tune, and the first on ties', () => {
    const swapped = sweepWeights({ tune: [B.tune, A.tune], test: runs.test }, qrels, { method: 'weighted', measures: 'P@1', step: 0.5, policy: {} });
    expect(swapped.best.weights).toEqual([0, 1]);
    // Nothing relevant retrieved on tune: every point ties at 0, and the first one is kept.
    const none = { tune: new Map([['t', new Map([['zz', 1]])]]), test: qrels.test };
    const tied = sweepWeights(runs, none, { method: 'weighted', measures: 'P@1', step: 0.5, policy: {} });
    expect(tied.rows.map((row) => row.tune)).toEqual([0, 0, 0]);
    expect(tied.best.weights).toEqual([1, 0]);
  });

  it('fuses with the method and the evaluation policy asked for', () => {
    // rrf ignores the scores: at (0.5, 0.5) r and x tie again; at relevance level 2 nothing is relevant.
    const rrf = sweepWeights(runs, qrels, { method: 'rrf', measures: 'P@1', step: 0.5, policy: {} });
    expect(rrf.rows.map((row) => row.tune)).toEqual([1, 0, 0]);
    const strict = sweepWeights(runs, qrels, { method: 'weighted', measures: 'P@1', step: 0.5, policy: { relevanceLevel: 2 } });
    expect(strict.rows.map((row) => [row.tune, row.test])).toEqual([[0, 0], [0, 0], [0, 0]]);
    // The tune and test runs stay apart: a test-only query never enters the tune score.
    const leaky = sweepWeights({ tune: runs.tune, test: [merge(A.test, ranking('t', 'x')), B.test] }, qrels, { method: 'weighted', measures: 'P@1', step: 0.5, policy: {} });
    expect(leaky.rows.map((row) => row.tune)).toEqual([1, 0, 0]);
  });

  it('reports its progress as one step per grid point', () => {
    setProgressMode('json');
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      sweepWeights(runs, qrels, { method: 'weighted', measures: 'P@1', step: 0.25, policy: {} });
    } finally {
      spy.mockRestore();
    }
    const last = JSON.parse(lines.at(-1)!);
    expect(last).toMatchObject({ stage: 'weight sweep', done: 5, total: 5, finished: true });
  });
});

describe('weight grid', () => {
  it('steps from all weight on the first run to all on the last, rounded to 10 decimals', () => {
    expect(weightGrid(2, 1)).toEqual([[1, 0], [0, 1]]);
    expect(weightGrid(1, 0.5)).toEqual([[1]]);
    expect(weightGrid(2, 1 / 3)).toEqual([[1, 0], [0.6666666667, 0.3333333333], [0.3333333333, 0.6666666667], [0, 1]]);
    expect(weightGrid(3, 0.5)).toEqual([[1, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 1, 0], [0, 0.5, 0.5], [0, 0, 1]]);
  });

  it('refuses a step that does not divide 1', async () => {
    for (const step of [0.3, 3, 0.6, 0, Number.NaN, 1.5, -1, -0.5]) expect(() => weightGrid(2, step), String(step)).toThrow(`--sweep-step: 1 must be a multiple of the step, got ${step}`);
    expect((await medirErrorOf(() => weightGrid(2, 0.3))).code).toBe('BAD_OPTION');
  });
});

describe('seeded half of the queries', () => {
  const qrelsOf = (ids: string[]): Qrels => new Map(ids.map((id) => [id, new Map([[`d-${id}`, 1]])]));

  it('keeps half (at least one) of the queries with their judgments, whatever order they were read in', () => {
    const ids = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'];
    const half = seededHalf(qrelsOf(ids), 3);
    expect(half.size).toBe(3);
    for (const [q, j] of half) expect(j).toEqual(new Map([[`d-${q}`, 1]]));
    expect([...seededHalf(qrelsOf([...ids].reverse()), 3)]).toEqual([...half]);
    expect(seededHalf(qrelsOf(['only']), 3)).toEqual(qrelsOf(['only']));
    expect(seededHalf(qrelsOf(['a', 'b', 'c']), 3).size).toBe(1);
  });

  it('is a uniform shuffle: over many seeds each query is chosen about half the time', () => {
    const seeds = Array.from({ length: 400 }, (_, i) => i + 1);
    for (const ids of [['a', 'b'], ['a', 'b', 'c', 'd']]) {
      const chosen = new Map(ids.map((id) => [id, 0]));
      for (const seed of seeds) for (const q of seededHalf(qrelsOf(ids), seed).keys()) chosen.set(q, chosen.get(q)! + 1);
      for (const [q, n] of chosen) expect(n / seeds.length, `${ids.length} queries: ${q}`).toBeGreaterThan(0.4);
      for (const [q, n] of chosen) expect(n / seeds.length, `${ids.length} queries: ${q}`).toBeLessThan(0.6);
    }
  });
});

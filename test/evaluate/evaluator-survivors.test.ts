import { describe, expect, it } from 'vitest';
import type { Qrels, Run } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { Evaluator } from '../../src/evaluate/evaluator.js';

// The Evaluator's outputs: names given twice, text measures, queries without judgments, runId.

const data = () => {
  const qrels: Qrels = new Map([['q1', new Map([['a', 1]])], ['q2', new Map([['b', 1]])]]);
  const run: Run = new Map([['q2', [{ docId: 'x', score: 2 }, { docId: 'b', score: 1 }]], ['q1', [{ docId: 'a', score: 1 }]]]);
  return { qrels, run };
};

describe('Evaluator outputs', () => {
  it('an output asked twice (P_5, then P.5,10) is one column', () => {
    const { qrels, run } = data();
    const r = evaluate(qrels, run, 'P_5,P.5,10');
    expect(r.names).toEqual(['P_5', 'P_10']);
    // q1: a at 1 -> P@5 1/5; q2: b at 2 -> 1/5.
    expect([...r.perQuery.get('q1')!.keys()]).toEqual(['P_5', 'P_10']);
    expect(r.mean.get('P_5')).toBeCloseTo(0.2, 12);
  });

  it('text outputs: relstring per query, runid not (it has no per-query text); none asked, none kept', () => {
    const { qrels, run } = data();
    const r = evaluate(qrels, run, 'runid,relstring,map');
    expect(r.perQueryText).toEqual(
      new Map([
        ['q1', new Map([['relstring', '1']])],
        ['q2', new Map([['relstring', '-1']])],
      ]),
    );
    expect(evaluate(qrels, run, 'map').perQueryText.size).toBe(0);
  });

  it('queries in string order whatever the run order; runId empty unless given', () => {
    const { qrels, run } = data();
    const r = evaluate(qrels, run, 'map');
    expect([...r.perQuery.keys()]).toEqual(['q1', 'q2']);
    expect(r.runId).toBe('');
  });

  it('addRelevance ignores a query without judgments, as add does', () => {
    const { qrels } = data();
    const ev = new Evaluator(qrels, 'num_rel_ret');
    ev.addRelevance('nojudgments', Float64Array.of(1, 1), 2);
    ev.addRelevance('q1', Float64Array.of(1, NaN), 2);
    const r = ev.finish('tag');
    expect([...r.perQuery.keys()]).toEqual(['q1']);
    expect(r.perQuery.get('q1')!.get('num_rel_ret')).toBe(1);
    expect(r.runId).toBe('tag');
  });
});

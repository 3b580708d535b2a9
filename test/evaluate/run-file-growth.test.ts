/**
 * The byte-level run reader (src/evaluate/run-file.ts) driven through many keys: the per-query id set
 * growing past its first 4096 slots. Its arena and segments at scale: run-file-scale.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Qrels, ScoredDoc } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { medirErrorOf } from '../helpers/errors.js';
import { read, write } from './run-bytes-io.js';

/** The run of `lines` ('qid Q0 docid rank score tag') as the in-memory evaluate takes it. */
function runOf(lines: string[]): Map<string, ScoredDoc[]> {
  const run = new Map<string, ScoredDoc[]>();
  for (const line of lines) {
    const [q, , docId, , score] = line.split(' ');
    if (!run.has(q)) run.set(q, []);
    run.get(q)!.push({ docId, score: Number(score) });
  }
  return run;
}

/** `n` lines of query `q`: documents d0.. with distinct descending scores. */
const docs = (q: string, n: number, from = 0) => Array.from({ length: n }, (_, k) => `${q} Q0 d${from + k} 1 ${10_000 - from - k} t`);

describe('the id set of a query with thousands of documents', () => {
  it('rejects a repeat of an early document after the set grew twice (5000 documents)', async () => {
    const path = write([...docs('a', 5000), 'a Q0 d1 1 0.5 t'].join('\n'));
    expect((await medirErrorOf(() => read(path, new Map([['a', new Map([['d1', 1]])]]), 'map'))).message).toBe(`${path}:5001: document 'd1' appears twice for query 'a'`);
  });

  it('rejects a repeat across the two parts of an ungrouped query of 5000 documents, naming the later part', async () => {
    const lines = [...docs('a', 2500), 'z Q0 d1 1 1 t', ...docs('a', 2500, 2500), 'a Q0 d7 1 0.5 t'];
    const path = write(lines.join('\n'));
    expect((await medirErrorOf(() => read(path, new Map([['a', new Map([['d1', 1]])]]), 'map'))).message).toBe(
      `${path}:2502: document 'd7' appears twice for query 'a' (in the lines of that query from here)`,
    );
  });

  it('keeps only the current query in the set as it grows: an id of an earlier query is no repeat', async () => {
    // z's d4999 (line 1) and a's d4999 (its last line, after the set grew) are different results.
    const grouped = ['z Q0 d4999 1 1 t', ...docs('a', 5000)];
    const ungrouped = [...docs('a', 2500), 'z Q0 d4999 1 1 t', ...docs('a', 2500, 2500)];
    const qrels: Qrels = new Map([
      ['a', new Map([['d3', 1], ['d2600', 2], ['d4999', 1]])],
      ['z', new Map([['d4999', 1]])],
    ]);
    for (const lines of [grouped, ungrouped]) {
      const { outcome, result } = await read(write(lines.join('\n')), qrels, 'map,ndcg,recall@1000');
      expect(outcome.heldEverything).toBe(lines === ungrouped);
      const expected = evaluate(qrels, runOf(lines), 'map,ndcg,recall@1000');
      expect(result.perQuery).toEqual(expected.perQuery);
      // a: relevant d3, d2600, d4999 at ranks 4, 2601, 5000 → AP = (1/4 + 2/2601 + 3/5000) / 3.
      expect(result.perQuery.get('a')!.get('map')).toBeCloseTo((1 / 4 + 2 / 2601 + 3 / 5000) / 3, 15);
    }
  });
});

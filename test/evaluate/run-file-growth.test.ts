/**
 * The byte-level run reader (src/evaluate/run-file.ts) driven through many keys: the per-query id set
 * growing past its first 4096 slots, the id arena growing past its first 8 MiB, and a grouped run of
 * more than one segment (2^20 lines) whose first segment is dropped while it is read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Qrels, ScoredDoc } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { Evaluator } from '../../src/evaluate/evaluator.js';
import { evaluateRunBytes } from '../../src/evaluate/run-file.js';
import { medirErrorOf } from '../helpers/errors.js';
import { tempDir } from '../helpers/tmp.js';

function write(content: string | Buffer): string {
  const path = join(tempDir('medir-run-growth-'), 'x.run');
  writeFileSync(path, content);
  return path;
}

async function read(path: string, qrels: Qrels, measures: string, holdLines?: number) {
  const evaluator = new Evaluator(qrels, measures);
  const outcome = await evaluateRunBytes(path, evaluator, undefined, holdLines);
  return { outcome, result: evaluator.finish(outcome.tag) };
}

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

describe('the id arena past its first 8 MiB', () => {
  // Eight ids of 10^6 bytes fill 8,000,000 of the 8,388,608 bytes; one of 9·10^6 needs more than twice that.
  const id = (length: number, last: string) => Buffer.concat([Buffer.alloc(length - 1, 'x'), Buffer.from(last)]);
  /** Lines 'a Q0 <id> <rank> <score> t', as bytes (the ids are too long to build as strings quickly). */
  const run = (lines: [Buffer, number][]) => Buffer.concat(lines.flatMap(([docId, score], r) => [Buffer.from('a Q0 '), docId, Buffer.from(` ${r + 1} ${score} t\n`)]));
  const longs = (() => Array.from({ length: 8 }, (_, k) => [id(1_000_000, String(k)), 1] as [Buffer, number]));

  it('orders tied long ids by all their bytes', async () => {
    const huge = id(9_000_000, '9');
    const qrels: Qrels = new Map([['a', new Map([[id(1_000_000, '7').toString(), 1]])]]);
    // Tied scores: docid descending, so huge ('x' where the 7th has '7') first and the 7th second: AP 1/2.
    const { result } = await read(write(run([...longs(), [huge, 1]])), qrels, 'map,P@1');
    expect(result.mean.get('map')).toBe(0.5);
    expect(result.mean.get('P_1')).toBe(0);
  });

  it('still finds a repeat of an id stored past the first 16 MB', async () => {
    const huge = id(9_000_000, '9');
    const path = write(run([...longs(), [huge, 1], [huge, 0]]));
    const message = (await medirErrorOf(() => read(path, new Map([['a', new Map([[huge.toString(), 1]])]]), 'map'))).message;
    expect(message.startsWith(`${path}:10: document 'xxx`)).toBe(true);
    expect(message.endsWith(`9' appears twice for query 'a'`)).toBe(true);
  });
});

describe('a grouped run of more than one segment (2^20 lines)', () => {
  it('evaluates queries on both sides of the segment boundary and after the first segment is dropped', async () => {
    // 1052 queries × 1000 lines: query 01048 holds lines 1,048,000–1,048,999, across line 2^20 = 1,048,576.
    // Built as bytes: one query's lines under qid '#####', copied per query with its 5-digit qid patched in.
    const lines = Array.from({ length: 1000 }, (_, d) => `##### Q0 d${d} ${d + 1} ${1000 - d} t\n`);
    const template = Buffer.from(lines.join(''));
    const starts: number[] = [];
    lines.reduce((at, line) => (starts.push(at), at + line.length), 0);
    const bytes = Buffer.alloc(1052 * template.length);
    for (let q = 0; q < 1052; q++) {
      const at = q * template.length;
      template.copy(bytes, at);
      const qid = Buffer.from(String(q).padStart(5, '0'));
      for (const s of starts) qid.copy(bytes, at + s);
    }
    const path = write(bytes);
    const qrels: Qrels = new Map([
      ['00003', new Map([['d10', 1]])],
      ['01048', new Map([['d5', 1], ['d700', 1]])],
      ['01051', new Map([['d0', 1], ['d999', 2]])],
    ]);
    // Holding at most 1000 lines: every closed query's whole segments are dropped as the run is read.
    const { outcome, result } = await read(path, qrels, 'map', 1000);
    expect(outcome).toEqual({ tag: 't', heldEverything: false, tooLate: false });
    // Scores fall with the docid's number, so dK is at rank K + 1.
    expect(result.perQuery.get('00003')!.get('map')).toBe(1 / 11);
    expect(result.perQuery.get('01048')!.get('map')).toBeCloseTo((1 / 6 + 2 / 701) / 2, 15);
    expect(result.perQuery.get('01051')!.get('map')).toBeCloseTo((1 + 2 / 1000) / 2, 15);
  });
});

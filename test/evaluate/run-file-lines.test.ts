/**
 * The byte-level run reader (src/evaluate/run-file.ts), called in-process: how it splits lines and
 * fields, parses scores, numbers lines across chunks, and when it holds lines of an ungrouped run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Qrels } from '../../src/core/types.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { Evaluator } from '../../src/evaluate/evaluator.js';
import type { EvalPolicy } from '../../src/evaluate/policy.js';
import { SCORE_RULE } from '../../src/formats/numbers.js';
import { evaluateRunBytes } from '../../src/evaluate/run-file.js';
import { medirErrorOf } from '../helpers/errors.js';
import { tempDir } from '../helpers/tmp.js';

function write(content: string | Buffer): string {
  const path = join(tempDir('medir-run-file-'), 'x.run');
  writeFileSync(path, content);
  return path;
}

/** Reads `path` into a fresh Evaluator; the outcome, the finished result (unless tooLate) and onQuery's count. */
async function read(path: string, qrels: Qrels, measures = 'map', opts: { policy?: Partial<EvalPolicy>; holdLines?: number; count?: boolean } = {}) {
  const evaluator = new Evaluator(qrels, measures, opts.policy);
  let calls = 0;
  const outcome = await evaluateRunBytes(path, evaluator, opts.count === false ? undefined : () => calls++, opts.holdLines);
  return { outcome, result: outcome.tooLate ? undefined : evaluator.finish(outcome.tag), calls };
}

async function messageOf(path: string, qrels: Qrels = new Map([['a', new Map([['d1', 1]])]])): Promise<string> {
  return (await medirErrorOf(() => read(path, qrels))).message;
}

describe('evaluateRunBytes: fields and lines', () => {
  it('separates fields by any C isspace byte and drops the CR of CRLF lines', async () => {
    const path = write('a\tQ0\vd1\f1 \t 2 t\r\na Q0 d2 2 1 t\r\n');
    const { outcome, result } = await read(path, new Map([['a', new Map([['d1', 1]])]]), 'P@1');
    expect(outcome).toEqual({ tag: 't', heldEverything: false, tooLate: false });
    expect(result!.mean.get('P_1')).toBe(1);
  });

  it('names a line with fewer than 6 columns, in the middle of the run or last without a newline', async () => {
    const middle = write('a Q0 d1 1 2\na Q0 d2 2 1 t\n');
    expect(await messageOf(middle)).toBe(`${middle}:1: expected 6 columns 'qid Q0 docid rank score tag', got 5`);
    const last = write('a Q0 d1 1 2 t\na Q0 d2 2');
    expect(await messageOf(last)).toBe(`${last}:2: expected 6 columns 'qid Q0 docid rank score tag', got 4`);
  });

  it('rejects a run with comments and blank lines only', async () => {
    const path = write('# a comment\n\n   \n');
    expect(await messageOf(path)).toBe(`${path}: the run has no result lines`);
  });

  it('names the line of a document given twice for a query, not only when it repeats the first line', async () => {
    const path = write('a Q0 d1 1 3 t\na Q0 d2 2 2 t\na Q0 d2 3 1 t\n');
    expect(await messageOf(path)).toBe(`${path}:3: document 'd2' appears twice for query 'a'`);
  });

  it('names the first line with invalid UTF-8', async () => {
    const path = write(Buffer.concat([Buffer.from('a Q0 dé 1 2 t\na Q0 d'), Buffer.from([0xff]), Buffer.from(' 2 1 t\n')]));
    expect(await messageOf(path)).toBe(`${path}:2: invalid UTF-8 (re-encode the file as UTF-8)`);
  });

  it('counts lines across 1 MB chunks: an error far down names its own line', async () => {
    // 70,000 lines of 17 to 20 bytes: about 1.3 MB, so line 70,001 lies in a later chunk than line 1.
    const lines = Array.from({ length: 70_000 }, (_, i) => `q${Math.floor(i / 1000)} Q0 d${i % 1000} 1 1 t`);
    lines.push('q70 Q0 dx 1 zz t');
    const path = write(lines.join('\n') + '\n');
    expect(await messageOf(path)).toBe(`${path}:70001: score must be ${SCORE_RULE}, got 'zz'`);
  });

  it('keeps the tag when the chunks after the last result line hold only comments', async () => {
    const results = Array.from({ length: 100 }, (_, d) => `a Q0 d${d} ${d + 1} ${100 - d} tag7`);
    const comments = Array.from({ length: 20_000 }, (_, i) => `# comment ${i} ${'-'.repeat(60)}`); // about 1.5 MB
    const { outcome, result } = await read(write([...results, ...comments].join('\n') + '\n'), new Map([['a', new Map([['d0', 1]])]]));
    expect(outcome).toEqual({ tag: 'tag7', heldEverything: false, tooLate: false });
    expect(result!.runId).toBe('tag7');
    expect(result!.mean.get('map')).toBe(1);
  });
});

describe('evaluateRunBytes: scores', () => {
  it.each(['.', '1.5.3', '1..5', '-', '+.', '1e', 'x1'])('rejects the score %j, naming file and line', async (score) => {
    const path = write(`a Q0 d0 1 1 t\na Q0 d1 2 ${score} t\n`);
    expect(await messageOf(path)).toBe(`${path}:2: score must be ${SCORE_RULE}, got '${score}'`);
  });

  it('orders by scores read as Number() reads them: signs, exponents and more digits than a double holds', async () => {
    // Each query: its judged document x must come first (P@1 = 1) by the value of its score string.
    const pairs: [string, string, string][] = [
      ['exp', '1e5', '2000'], // 100000 > 2000
      ['expneg', '2E-3', '0.001'],
      ['neg', '-1.5', '-2'],
      ['plus', '+3', '2.5'],
      ['point', '7.', '6.99'],
    ];
    const lines = pairs.flatMap(([q, x, y]) => [`${q} Q0 x 1 ${x} t`, `${q} Q0 y 2 ${y} t`]);
    // 0.1234567890123456789 (19 digits) rounds to the double of 1.2345678901234568e-1: a tie, broken by
    // docid descending, so b (judged) comes first. Summing its digits in a double gives a larger value
    // (0.1234567890123457), which would put a first.
    lines.push('long Q0 a 1 0.1234567890123456789 t', 'long Q0 b 2 1.2345678901234568e-1 t');
    const qrels: Qrels = new Map([...pairs.map(([q]) => [q, new Map([['x', 1]])] as const), ['long', new Map([['b', 1]])]]);
    const { result } = await read(write(lines.join('\n')), qrels, 'P@1');
    expect(Number('0.1234567890123456789')).toBe(1.2345678901234568e-1);
    expect(Object.fromEntries([...result!.perQuery].map(([q, m]) => [q, m.get('P_1')]))).toEqual({ exp: 1, expneg: 1, neg: 1, plus: 1, point: 1, long: 1 });
  });
});

describe('evaluateRunBytes: grouped and ungrouped runs', () => {
  const qrels: Qrels = new Map([
    ['a', new Map([['d1', 1], ['d2', 1]])],
    ['b', new Map([['d3', 2]])],
  ]);
  const grouped = ['a Q0 d9 1 3 t', 'a Q0 d1 2 2 t', 'a Q0 d2 3 1 t', 'b Q0 d3 1 5 t', 'b Q0 d4 2 4 t', 'c Q0 d1 1 1 t'];

  it('evaluates a grouped run query by query, one onQuery per judged query, holding nothing', async () => {
    for (const count of [true, false]) {
      const { outcome, result, calls } = await read(write(grouped.join('\n')), qrels, 'map', { count });
      expect(outcome).toEqual({ tag: 't', heldEverything: false, tooLate: false });
      expect(calls).toBe(count ? 2 : 0);
      // a: relevant d1, d2 at ranks 2 and 3 → (1/2 + 2/3) / 2; b: d3 at rank 1 → 1.
      expect(result!.perQuery.get('a')!.get('map')).toBeCloseTo((1 / 2 + 2 / 3) / 2, 15);
      expect(result!.perQuery.get('b')!.get('map')).toBe(1);
    }
  });

  it('drops the lines of closed queries past holdLines and goes on reading a grouped run', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `q${Math.floor(i / 10)} Q0 d${(i * 7) % 10} ${i % 10} ${(i * 3) % 10} t`);
    const judged: Qrels = new Map(Array.from({ length: 30 }, (_, q) => [`q${q}`, new Map([[`d${q % 10}`, 1], [`d${(q + 3) % 10}`, 1]])]));
    const { outcome, result } = await read(write(lines.join('\n')), judged, 'map,P@3', { holdLines: 1 });
    expect(outcome.tooLate).toBe(false);
    const run = new Map<string, { docId: string; score: number }[]>();
    for (const line of lines) {
      const [q, , docId, , score] = line.split(' ');
      run.set(q, [...(run.get(q) ?? []), { docId, score: Number(score) }]);
    }
    const expected = evaluate(judged, run, 'map,P@3');
    expect(result!.perQuery).toEqual(expected.perQuery);
    expect(result!.mean).toEqual(expected.mean);
  });

  it('holds an ungrouped run while it has at most holdLines lines; past that it stops and says tooLate', async () => {
    const path = write('a Q0 d1 1 3 t\nb Q0 d3 1 5 t\na Q0 d2 2 2 t\n');
    // Query a closes at 1 line, b at 2: with holdLines 2 nothing was dropped when a comes back.
    const held = await read(path, qrels, 'map', { holdLines: 2 });
    expect(held.outcome).toEqual({ tag: 't', heldEverything: true, tooLate: false });
    expect(held.result!.perQuery.get('a')!.get('map')).toBe(1); // d1, d2 at ranks 1, 2
    expect(held.result!.perQuery.get('b')!.get('map')).toBe(1);
    // With holdLines 1 it stops inside the first chunk, before it took any tag.
    expect((await read(path, qrels, 'map', { holdLines: 1 })).outcome).toEqual({ tag: '', heldEverything: false, tooLate: true });
  });

  it('keeps a document whose id is its query id unless --ignore-identical-ids', async () => {
    const path = write('q1 Q0 q1 1 9 t\nq1 Q0 d2 2 1 t\n');
    const own: Qrels = new Map([['q1', new Map([['q1', 1]])]]);
    expect((await read(path, own)).result!.mean.get('map')).toBe(1);
    expect((await read(path, own, 'map', { policy: { ignoreIdenticalIds: true } })).result!.mean.get('map')).toBe(0);
  });
});

/**
 * The byte-level run reader at scale: ids past the arena's first 8 MiB, a grouped run of more than
 * one segment (2^20 lines), a run over 32 MB. Seconds each, and minutes under mutation
 * instrumentation, so bench/mutation leaves this file out (CI runs it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setProgressListener } from '../../src/core/progress.js';
import type { Qrels } from '../../src/core/types.js';
import { evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { medirErrorOf } from '../helpers/errors.js';
import { observe } from '../helpers/observe.js';
import { tempDir } from '../helpers/tmp.js';
import { read, write } from './run-bytes-io.js';

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

describe('evaluateRunFile: progress', () => {
  afterEach(() => setProgressListener(undefined));

  it('a run over 32 MB reports progress: one tick per judged query, named for the file', async () => {
    // 4 lines, the first with a 32,000,000-byte tag; q2 has no judgments (no tick), q9 no ranking.
    const path = join(tempDir(), 'large.run');
    const tail = 'q0 Q0 d1 2 1 t\nq1 Q0 d0 1 1 t\nq2 Q0 d0 1 1 t\n';
    writeFileSync(path, Buffer.concat([Buffer.from('q0 Q0 d0 1 2 '), Buffer.alloc(32_000_000, 'x'), Buffer.from(`\n${tail}`)]));
    const qrels: Qrels = new Map([['q0', new Map([['d1', 1]])], ['q1', new Map([['d0', 1]])], ['q9', new Map([['d0', 1]])]]);
    const { result, events, stderr } = await observe(() => evaluateRunFile(qrels, path, 'num_rel_ret'));
    expect(stderr).not.toMatch(/note:/); // grouped: progress lines only
    expect(result.mean.get('num_rel_ret')).toBe(2);
    expect(events.at(-1)).toMatchObject({ stage: `evaluating ${path}`, done: 2, total: 3, finished: true });
  });
});

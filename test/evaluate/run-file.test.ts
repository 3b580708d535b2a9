import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Qrels } from '../../src/core/types.js';
import { evaluate, evaluateRunFile } from '../../src/evaluate/evaluate.js';
import { readRun, streamRun } from '../../src/formats/run.js';

const dir = mkdtempSync(join(tmpdir(), 'medir-eval-'));
const qrels: Qrels = new Map([
  ['a', new Map([['d1', 1], ['d2', 1]])],
  ['b', new Map([['d3', 2]])],
]);

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('evaluateRunFile', () => {
  const sorted = file('sorted.run', ['a Q0 d9 1 3 t', 'a Q0 d1 2 2 t', 'a Q0 d2 3 1 t', 'b Q0 d3 1 5 t', 'b Q0 d4 2 4 t']);

  it('streams a run grouped by query and keeps its tag as runId', async () => {
    const r = await evaluateRunFile(qrels, sorted, 'map,P@2');
    expect(r.runId).toBe('t');
    expect(r.perQuery.get('a')!.get('map')).toBeCloseTo((1 / 2 + 2 / 3) / 2, 12);
    expect(r.perQuery.get('b')!.get('P_2')).toBe(0.5);
  });

  it('gives the same values for an ungrouped run (read whole instead)', async () => {
    const unsorted = file('unsorted.run', ['a Q0 d1 2 2 t', 'b Q0 d3 1 5 t', 'a Q0 d9 1 3 t', 'b Q0 d4 2 4 t', 'a Q0 d2 3 1 t']);
    const a = await evaluateRunFile(qrels, sorted, 'all_trec');
    const b = await evaluateRunFile(qrels, unsorted, 'all_trec');
    expect(b.mean).toEqual(a.mean);
    expect(b.perQuery).toEqual(a.perQuery);
  });

  it('ignores the rank column: only scores (then docid) order documents', async () => {
    const ranks = file('ranks.run', ['a Q0 d9 3 3 t', 'a Q0 d1 1 2 t', 'a Q0 d2 2 1 t', 'b Q0 d3 2 5 t', 'b Q0 d4 1 4 t']);
    expect((await evaluateRunFile(qrels, ranks, 'map')).mean).toEqual((await evaluateRunFile(qrels, sorted, 'map')).mean);
  });

  it('matches the in-memory evaluate', async () => {
    const run = new Map([
      ['a', [{ docId: 'd9', score: 3 }, { docId: 'd1', score: 2 }, { docId: 'd2', score: 1 }]],
      ['b', [{ docId: 'd3', score: 5 }, { docId: 'd4', score: 4 }]],
    ]);
    expect((await evaluateRunFile(qrels, sorted, 'all_trec')).mean).toEqual(evaluate(qrels, run, 'all_trec').mean);
  });

  it('reports malformed lines as file:line', async () => {
    const bad = file('bad.run', ['a Q0 d1 1 2 t', 'a Q0 d2 2 x t']);
    await expect(evaluateRunFile(qrels, bad, 'map')).rejects.toThrow(`${bad}:2: score must be a finite number`);
    const dup = file('dup.run', ['a Q0 d1 1 2 t', 'a Q0 d1 2 1 t']);
    await expect(evaluateRunFile(qrels, dup, 'map')).rejects.toThrow(`${dup}:2:`);
  });

  it('reports a missing run file', async () => {
    await expect(evaluateRunFile(qrels, join(dir, 'nope.run'), 'map')).rejects.toThrow(/no such file/);
  });
});

describe('the run parser behind evaluateRunFile (src/formats/run.ts)', () => {
  it('reads tabs, repeated spaces, CRLF, blank lines, signs, exponents and long decimals like Number()', async () => {
    const f = file('odd.run', ['a\tQ0\td1\t1\t-1.5e-3\tt\r', '', '  a  Q0 d2 2 +2 t  ', 'a Q0 d3 3 0.1234567890123456789 t', 'a Q0 d4 4 .5 t', 'a Q0 d5 5 7. t']);
    const [q] = await collect(streamRun(f));
    expect(q.docs).toEqual([
      { docId: 'd1', score: -0.0015 },
      { docId: 'd2', score: 2 },
      { docId: 'd3', score: 0.1234567890123456789 },
      { docId: 'd4', score: 0.5 },
      { docId: 'd5', score: 7 },
    ]);
  });

  it('keeps UTF-8 docids intact and parses across 1 MB chunk boundaries, plain and gzipped', async () => {
    const lines: string[] = [];
    for (let q = 0; q < 40; q++) for (let d = 0; d < 1000; d++) lines.push(`q${q} Q0 doc-é-${d} ${d + 1} ${(1000 - d) / 7} run`);
    const plain = file('big.run', lines);
    const gz = join(dir, 'big.run.gz');
    writeFileSync(gz, gzipSync(readFileSync(plain)));
    for (const path of [plain, gz]) {
      const queries = await collect(streamRun(path));
      expect(queries).toHaveLength(40);
      expect(queries[39].docs[999]).toEqual({ docId: 'doc-é-999', score: 1 / 7 });
      expect(queries.every((q) => q.docs.length === 1000 && q.tag === 'run')).toBe(true);
    }
    const { run } = await readRun(gz);
    expect(run.get('q7')![3]).toEqual({ docId: 'doc-é-3', score: 997 / 7 });
  });

  it('names the line of a duplicate even after many queries', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `q${Math.floor(i / 100)} Q0 d${i % 100} 1 1 t`);
    lines.push('q29 Q0 d5 1 1 t');
    await expect(collect(streamRun(file('dup-late.run', lines)))).rejects.toThrow(`dup-late.run:3001: document 'd5' appears twice for query 'q29'`);
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

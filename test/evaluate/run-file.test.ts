import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Qrels } from '../../src/core/types.js';
import { evaluate, evaluateRunFile } from '../../src/evaluate/evaluate.js';

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

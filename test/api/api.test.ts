import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { bm25Index, compare, evaluate, fuse, loadDataset, locationsFrom, MedirError, readQrels, readRun, runToObject, toQrels, writeRun } from '../../src/index.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const qrels = { q1: { a: 1, b: 0, c: 2 }, q2: { d: 1 } };
const runA = { q1: { a: 3, b: 2, c: 1 }, q2: { x: 2, d: 1 } };
const runB = { q1: { c: 3, a: 2, b: 1 }, q2: { d: 5, x: 1 } };

describe('public API', () => {
  it('evaluate takes plain objects and returns plain, JSON-serialisable results with canonical names', () => {
    const report = evaluate(qrels, runA, { measures: ['ndcg@10', 'mrr@10', 'p@2'], runId: 'a' });
    expect(report.measures).toEqual(['ndcg_cut_10', 'RR@10', 'P_2']);
    // q1: relevant a (rank 1) and c (rank 3); q2: d at rank 2
    expect(report.perQuery.q1['RR@10']).toBe(1);
    expect(report.perQuery.q2['RR@10']).toBe(0.5);
    expect(report.aggregate['RR@10']).toBe(0.75);
    expect(report.aggregate.P_2).toBe(0.5);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.policy).toMatchObject({ complete: true, relevanceLevel: 1, gain: 'linear' });
    expect([report.judged, report.missing]).toEqual([2, 0]);
  });

  it('evaluate counts a judged query missing from the run as 0 unless told to skip it, and says how many', () => {
    const partial = { q1: runA.q1 };
    const counted = evaluate(qrels, partial, { measures: ['mrr@10'] });
    expect([counted.numQueries, counted.judged, counted.missing, counted.aggregate['RR@10']]).toEqual([2, 2, 1, 0.5]);
    const skipped = evaluate(qrels, partial, { measures: ['mrr@10'], policy: { complete: false } });
    expect([skipped.numQueries, skipped.aggregate['RR@10']]).toEqual([1, 1]);
  });

  it('Maps and plain objects give the same numbers, and inputs are not modified', () => {
    const before = JSON.stringify(runA);
    const fromMaps = evaluate(toQrels(qrels), api.toRun(runA));
    expect(evaluate(qrels, runA)).toEqual(fromMaps);
    expect(JSON.stringify(runA)).toBe(before);
  });

  it('compare works on reports, also after a JSON round trip', () => {
    const reports = { a: evaluate(qrels, runA, { measures: 'mrr@10' }), b: evaluate(qrels, runB, { measures: 'mrr@10' }) };
    const c = compare(JSON.parse(JSON.stringify(reports)) as typeof reports, { test: 'paired-t', correction: 'none' });
    expect(c.runs).toEqual(['a', 'b']);
    expect(c.means).toEqual({ a: { 'RR@10': 0.75 }, b: { 'RR@10': 1 } });
    expect(c.pairs).toHaveLength(1);
    expect(c.pairs[0]).toMatchObject({ measure: 'RR@10', a: 'a', b: 'b', diff: -0.25 });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('fuse takes plain runs; RRF of a run with itself keeps its order', () => {
    const fused = runToObject(fuse([runA, runA]));
    expect(Object.keys(fused.q1)).toEqual(['a', 'b', 'c']);
  });

  it('bad input is a MedirError with a stable code', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(MedirError);
        return (err as MedirError).code;
      }
      throw new Error('no error');
    };
    expect(code(() => evaluate(qrels, runA, { measures: 'no_such_measure' }))).toBe('UNKNOWN_NAME');
    expect(code(() => evaluate({ q1: { a: 1.5 } }, runA))).toBe('BAD_INPUT');
    expect(code(() => evaluate(qrels, { q1: { a: 'high' } } as never))).toBe('BAD_INPUT');
    expect(code(() => fuse([runA, runB], { method: 'nope' }))).toBe('UNKNOWN_NAME');
  });

  it('writeRun and readRun round-trip a plain run', async () => {
    const file = join(tempDir(), 'a.run');
    await writeRun(file, runA, 'tag1');
    const { run, tag } = await readRun(file);
    expect(tag).toBe('tag1');
    expect(runToObject(run)).toEqual(runA);
  });

  it('locations come from options first, the environment second', () => {
    const dir = tempDir();
    const loc = locationsFrom({ cache: join(dir, 'c'), indexes: join(dir, 'i'), offline: true, mirror: [dir] });
    expect(loc).toEqual({ cache: join(dir, 'c'), indexes: join(dir, 'i'), offline: true, mirrors: [dir] });
    expect(locationsFrom()).toEqual(resolveLocations());
  });

  it('bm25Index builds where the options say, searches, and rejects unknown parameters', async () => {
    const data = writeTree(tempDir(), {
      'corpus.jsonl': ['{"_id":"d1","title":"","text":"scurvy and vitamin c"}', '{"_id":"d2","title":"","text":"insulin and the pancreas"}'].join('\n') + '\n',
      'queries.jsonl': '{"_id":"q1","text":"vitamin"}\n',
      'qrels/test.tsv': 'q1\td1\t1\n',
    });
    const indexes = tempDir();
    const dataset = await loadDataset(data);
    const index = await bm25Index(dataset, { indexes, k1: 1.2 });
    expect(readdirSync(join(indexes, dataset.name))).toHaveLength(1);
    const run = await index.search([{ id: 'q1', text: 'vitamin' }], 10);
    expect(run.get('q1')!.map((d) => d.docId)).toEqual(['d1']);
    await expect(bm25Index(dataset, { indexes, k_1: 1.2 } as never)).rejects.toMatchObject({ code: 'BAD_OPTION' });
  });

  it('loadDataset resolves names through the mirror given in the options', async () => {
    const mirror = resolveLocations().mirrors[0];
    const dataset = await loadDataset('r2med-biology-demo', { mirror, offline: true });
    expect(dataset.name).toBe('r2med-biology-demo');
    expect(dataset.queries.queries.map((q) => q.id)).toEqual([...dataset.qrels.keys()]);
    expect(existsSync(dataset.corpus.source)).toBe(true);
  });

  it('reads qrels in BEIR form', async () => {
    const file = join(writeTree(tempDir(), { 'q.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t2\n' }), 'q.tsv');
    expect([...(await readQrels(file)).get('q1')!]).toEqual([['d1', 2]]);
  });
});

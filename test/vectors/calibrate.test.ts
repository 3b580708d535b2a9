import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/datasets.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { retrieverContext } from '../../src/pipeline/retrievers.js';
import { calibrateEfSearch, CALIBRATION_SAMPLE, sampleRows } from '../../src/vectors/calibrate.js';
import { exactSearch } from '../../src/vectors/exact.js';
import type { VectorMatrix } from '../../src/vectors/matrix.js';

/** 64 random 4-d rows: small enough to reason about, large enough for a sweep. */
function matrix(): VectorMatrix {
  let s = 7;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const count = 64;
  const dim = 4;
  return { count, dim, ids: Array.from({ length: count }, (_, i) => `d${i}`), data: Float32Array.from({ length: count * dim }, next) };
}

describe('calibrateEfSearch', () => {
  it('picks the smallest efSearch (within 1/16) whose recall reaches the target, and measures it', () => {
    const m = matrix();
    const queries = [0, 1, 2, 3, 4].map((r) => m.data.slice(r * m.dim, (r + 1) * m.dim));
    const truth = exactSearch(m, queries, 10);
    // A fake index: exact from ef 37 on, below that the 10th result is the worst row.
    const worst = (q: Float32Array) => exactSearch(m, [q.map((x) => -x)], 1)[0][0].row;
    const search = (qs: readonly Float32Array[], ef: number) =>
      qs.map((q, i) => (ef >= 37 ? truth[i].map((h) => h.row) : [...truth[i].slice(0, 9).map((h) => h.row), worst(q)]));
    const got = calibrateEfSearch(m, queries, 0.99, search);
    expect(got.efSearch).toBeGreaterThanOrEqual(37);
    expect(got.efSearch).toBeLessThanOrEqual(37 + 37 / 16);
    expect(got).toMatchObject({ recall: 1, identical: 1 });
    // A target already met at ef = 10 stops there; 0.9 is met by 9 of 10.
    expect(calibrateEfSearch(m, queries, 0.9, search)).toMatchObject({ efSearch: 10, recall: 0.9, identical: 0 });
  });

  it('samples distinct rows, the same for the same seed', () => {
    const a = sampleRows(1000, 200, 20);
    expect(new Set(a).size).toBe(200);
    expect(a).toEqual(sampleRows(1000, 200, 20));
    expect(a).not.toEqual(sampleRows(1000, 200, 21));
    expect(sampleRows(5, 200, 20)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('--target-recall on NFCorpus (glove)', () => {
  const root = mkdtempSync(join(tmpdir(), 'medir-calibrate-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const loc = { ...resolveLocations(), indexes: join(root, 'indexes'), cache: join(root, 'cache') };

  it('calibrates efSearch on seeded corpus texts and records sample, value and recall in the manifest and run config', async () => {
    process.env.MEDIR_QUIET = '1';
    const dataset = await loadDataset('nfcorpus', {}, loc);
    const { def, ctx } = retrieverContext('dense', dataset, loc, { vectorStore: 'hnsw', efConstruction: 200, targetRecall: 0.999 });
    const index = await def.index(ctx);
    const manifest = JSON.parse(readFileSync(join(index.dir, 'manifest.json'), 'utf8'));
    const cal = manifest.stats.store.calibration;
    console.log(`nfcorpus --target-recall 0.999: efSearch ${cal.efSearch}, sample recall@10 ${cal.recall}, identical ${cal.identical}`);
    expect(cal.sample).toMatchObject({ source: 'corpus texts embedded as queries', size: CALIBRATION_SAMPLE });
    expect(cal.sample.docIds).toHaveLength(CALIBRATION_SAMPLE);
    expect(dataset.queries.queries.map((q) => q.id)).not.toContain(cal.sample.docIds[0]);
    expect(cal.recall).toBeGreaterThanOrEqual(0.999);
    // Ten candidates do not reach 0.999 here: the sweep ran.
    expect(cal.efSearch).toBeGreaterThan(10);
    const retriever = await def.open(ctx, index);
    expect(retriever.config).toMatchObject({ targetRecall: 0.999, efSearch: cal.efSearch });
    const run = await retriever.retrieve(dataset.queries.queries.slice(0, 5), 10);
    expect([...run.values()].every((docs) => docs.length === 10)).toBe(true);
  }, 300_000);

  it('rejects a target above 1, naming the option', async () => {
    const dataset = await loadDataset('nfcorpus', {}, loc);
    const { def, ctx } = retrieverContext('dense', dataset, loc, { vectorStore: 'hnsw', targetRecall: 1.5 });
    await expect(def.index(ctx)).rejects.toThrow(/--target-recall: must be at most 1/);
  }, 300_000);
});

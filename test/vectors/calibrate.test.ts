import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/datasets.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { retrieverContext } from '../../src/pipeline/retrievers.js';
import { documentText } from '../../src/core/types.js';
import { readParams } from '../../src/core/params.js';
import { MatrixWriter } from '../../src/vectors/matrix.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import { tempDir } from '../helpers/tmp.js';
import { calibrateEfSearch, CALIBRATION_SAMPLE, CALIBRATION_SEED, sampleRows, sampleTarget, shortSpans, type Calibration } from '../../src/vectors/calibrate.js';
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
  it('picks the smallest efSearch (within 1/16) whose identical top-10 sets reach the target, and measures it', () => {
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
    expect(got).toMatchObject({ recall: 1, identical: 1, evaluated: 5, leftOut: 0, reached: true });
    // A target no width reaches: the whole corpus, marked as missed.
    const never = (qs: readonly Float32Array[]) => qs.map((q) => [worst(q)]);
    expect(calibrateEfSearch(m, queries, 0.5, never)).toMatchObject({ efSearch: m.count, reached: false, identical: 0 });
    // Below ef 37 recall is 0.9 but no set is identical: a 0.9 target still needs 37 (sets, not recall, decide).
    expect(calibrateEfSearch(m, queries, 0.9, search).efSearch).toBeGreaterThanOrEqual(37);
    // A target already met at ef = 10 stops there.
    expect(calibrateEfSearch(m, queries, 0, search)).toMatchObject({ efSearch: 10, recall: 0.9, identical: 0 });
  });

  it('holds the sample to half the misses the target allows', () => {
    expect(sampleTarget(0.99)).toBeCloseTo(0.995, 12);
    expect(sampleTarget(1)).toBe(1);
  });

  it('draws short spans of 1, 2, 3 words in turn from seeded positions of each text', () => {
    const texts = ['a b c d e f g h', 'one two three four five', 'x', 'p q r s t u v'];
    const spans = shortSpans(texts, 20);
    expect(spans.map((s) => s.split(' ').length)).toEqual([1, 2, 1, 1]);
    spans.forEach((s, i) => expect(` ${texts[i]} `).toContain(` ${s} `));
    expect(shortSpans(texts, 20)).toEqual(spans);
    const many = Array.from({ length: 30 }, () => texts[0]);
    expect(new Set(shortSpans(many, 20)).size).toBeGreaterThan(5);
    expect(shortSpans(many, 20)).not.toEqual(shortSpans(many, 21));
  });

  it('samples distinct rows, the same for the same seed', () => {
    const a = sampleRows(1000, 200, 20);
    expect(new Set(a).size).toBe(200);
    expect(a).toEqual(sampleRows(1000, 200, 20));
    expect(a).not.toEqual(sampleRows(1000, 200, 21));
    expect(sampleRows(5, 200, 20)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('HNSW build without a query embedder', () => {
  it('calibrates on a seeded sample of the corpus vectors themselves and records it', async () => {
    const m = matrix();
    for (let r = 0; r < m.count; r++) {
      const row = m.data.subarray(r * m.dim, (r + 1) * m.dim);
      const norm = Math.hypot(...row);
      row.forEach((x, d) => (row[d] = x / norm));
    }
    const dir = tempDir();
    const writer = new MatrixWriter(dir, m.dim);
    writer.append(m.ids, m.ids.map((_, r) => m.data.subarray(r * m.dim, (r + 1) * m.dim)));
    writer.close();
    const params = readParams(VECTOR_STORES.hnsw.params, { m: 4, efConstruction: 8 });
    const stats = (await VECTOR_STORES.hnsw.build({ dir, params, documents: async function* () {} })) as { calibration: Calibration };
    const cal = stats.calibration;
    expect(cal.sample).toEqual({ source: 'corpus vectors', seed: CALIBRATION_SEED, size: 64, docIds: m.ids });
    expect(cal).toMatchObject({ targetRecall: 0.99, sampleTarget: 0.995, reached: true });
    expect(cal.identical).toBeGreaterThanOrEqual(0.995);
    expect(JSON.parse(readFileSync(join(dir, 'hnsw-calibration.json'), 'utf8'))).toEqual(cal);
    const store = await VECTOR_STORES.hnsw.open(dir, params);
    // Whichever search the timing chose (hnsw-fallback.test.ts forces each), the run's config shows the calibration.
    expect(store.settings).toMatchObject({ search: cal.choice!.search, calibration: { efSearch: cal.efSearch, sample: { source: 'corpus vectors', size: 64 } } });
  });
});

describe('--target-recall on NFCorpus (glove)', () => {
  const root = mkdtempSync(join(tmpdir(), 'medir-calibrate-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const loc = { ...resolveLocations(), indexes: join(root, 'indexes'), cache: join(root, 'cache') };

  it('the default build calibrates efSearch on seeded short spans of corpus texts (never the test queries) and records them in the manifest and run config', async () => {
    process.env.MEDIR_QUIET = '1';
    const dataset = await loadDataset('nfcorpus', {}, loc);
    const { def, ctx } = retrieverContext('dense', dataset, loc, { vectorStore: 'hnsw' });
    const index = await def.index(ctx);
    const manifest = JSON.parse(readFileSync(join(index.dir, 'manifest.json'), 'utf8'));
    const cal = manifest.stats.store.calibration;
    console.log(`nfcorpus default: efSearch ${cal.efSearch}, sample identical ${cal.identical}, recall@10 ${cal.recall} (${cal.leftOut} left out)`);
    expect(cal).toMatchObject({ targetRecall: 0.99, sampleTarget: 0.995 });
    expect(cal.sample).toMatchObject({ source: 'short spans of corpus texts embedded as queries', seed: CALIBRATION_SEED, size: CALIBRATION_SAMPLE });
    expect(cal.sample.docIds).toHaveLength(CALIBRATION_SAMPLE);
    // Each span comes from the text of its sampled document, and none is an evaluated query.
    const texts = new Map<string, string>();
    for await (const doc of dataset.corpus.docs()) texts.set(doc.id, documentText(doc));
    cal.sample.spans.forEach((span: string, i: number) => expect(texts.get(cal.sample.docIds[i])).toContain(span));
    const queries = new Set(dataset.queries.queries.map((q) => q.text.toLowerCase()));
    expect(cal.sample.spans.filter((s: string) => queries.has(s.toLowerCase()))).toEqual([]);
    expect(cal.identical).toBeGreaterThanOrEqual(0.995);
    // Ten candidates do not reach it here: the sweep ran.
    expect(cal.efSearch).toBeGreaterThan(10);
    // The sample timed on both searches, and the choice recorded in the manifest and the run's config.
    console.log(`nfcorpus default: ${cal.choice.reason}`);
    expect(cal.choice).toMatchObject({ repeats: 3, search: expect.stringMatching(/^(hnsw|exact)$/) });
    expect(Math.min(cal.choice.exactSeconds, cal.choice.hnswSeconds)).toBeGreaterThan(0);
    const retriever = await def.open(ctx, index);
    expect(retriever.config).toMatchObject({ targetRecall: 0.99, search: cal.choice.search, calibration: { efSearch: cal.efSearch, choice: cal.choice, sample: { size: CALIBRATION_SAMPLE } } });
    const run = await retriever.retrieve(dataset.queries.queries.slice(0, 5), 10);
    expect([...run.values()].every((docs) => docs.length === 10)).toBe(true);
    // An explicit --ef-search wins at search time, on the same index.
    const fixed = retrieverContext('dense', dataset, loc, { vectorStore: 'hnsw', efSearch: 33 });
    const again = await fixed.def.index(fixed.ctx);
    expect(again.dir).toBe(index.dir);
    expect((await fixed.def.open(fixed.ctx, again)).config).toMatchObject({ search: 'hnsw', efSearch: 33 });
  }, 300_000);

  it.each([1.5, 0])('rejects a target of %s, naming the option', async (targetRecall) => {
    const dataset = await loadDataset('nfcorpus', {}, loc);
    const { def, ctx } = retrieverContext('dense', dataset, loc, { vectorStore: 'hnsw', targetRecall });
    await expect(def.index(ctx)).rejects.toThrow(`--target-recall: expected a fraction in (0, 1], got ${targetRecall}`);
  }, 300_000);
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/datasets.js';
import { modelCards } from '../../src/mirror/cards.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { retrieverContext } from '../../src/pipeline/retrievers.js';
import { RETRIEVERS } from '../../src/retrieve/registry.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const DOCS = [
  { _id: 'mi', title: 'Myocardial infarction', text: 'Chest pain and heart attack in older patients.' },
  { _id: 'tax', title: 'Tax returns', text: 'Filing income tax forms before the deadline.' },
  { _id: 'flu', title: 'Influenza', text: 'Fever, cough and vaccination against the flu virus.' },
  { _id: 'empty', title: '', text: '?!? ... ###' },
];

function dataset(docs = DOCS): string {
  return writeTree(tempDir('medir-dense-'), {
    'corpus.jsonl': docs.map((d) => JSON.stringify(d)).join('\n') + '\n',
    'queries.jsonl': [{ _id: 'q1', text: 'heart attack' }, { _id: 'q2', text: '???' }].map((q) => JSON.stringify(q)).join('\n') + '\n',
    'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\tmi\t1\nq2\tflu\t1\n',
  });
}

function locations() {
  return { ...resolveLocations(), indexes: tempDir('medir-idx-'), cache: tempDir('medir-cache-') };
}

async function indexWith(dir: string, loc: ReturnType<typeof locations>, params: Record<string, unknown> = {}) {
  const ds = await loadDataset(dir, {}, loc);
  const { def, ctx } = retrieverContext('dense', ds, loc, params);
  return { def, ctx, result: await def.index(ctx) };
}

describe('dense retriever', () => {
  it('is registered with its parameters as flags', () => {
    const keys = RETRIEVERS.dense.params.map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(['model', 'vectorStore', 'batchSize', 'chunkSize', 'pooling', 'dtype', 'maxLength', 'm', 'efConstruction', 'efSearch', 'nprobes', 'refineFactor', 'lancedbIndex']));
    expect(RETRIEVERS.dense.params.find((p) => p.key === 'vectorStore')?.choices).toEqual(['exact', 'hnsw', 'lancedb']);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ranks by cosine, and a document with no known word scores 0 (not NaN)', async () => {
    const loc = locations();
    const { def, ctx, result } = await indexWith(dataset(), loc);
    expect(result.dir).toMatch(new RegExp(`^${loc.indexes}/medir-dense-\\w+/dense-[0-9a-f]{12}$`));
    expect(result.manifest.stats).toMatchObject({ documents: 4, embedded: 4, fromCache: 0, dim: 100 });
    expect(readFileSync(join(result.dir, 'ids.txt'), 'utf8')).toBe('mi\ntax\nflu\nempty\n');
    const retriever = await def.open(ctx, await def.index(ctx));
    const run = await retriever.retrieve(ctx.dataset.queries.queries, 10);
    const q1 = run.get('q1')!;
    expect(q1[0].docId).toBe('mi');
    expect(q1.find((h) => h.docId === 'empty')!.score).toBe(0);
    expect(run.get('q2')!.every((h) => h.score === 0)).toBe(true);
    expect(retriever.config).toMatchObject({ store: 'exact', embedder: { model: 'glove-sg100-en-static' } });
  });

  it('reuses an unchanged index; a changed document re-embeds only that document', async () => {
    const loc = locations();
    const dir = dataset();
    const first = await indexWith(dir, loc);
    const second = await indexWith(dir, loc);
    expect(second.result).toMatchObject({ reused: true, dir: first.result.dir });
    writeTree(dir, { 'corpus.jsonl': DOCS.map((d) => JSON.stringify(d._id === 'flu' ? { ...d, text: 'Seasonal influenza in children.' } : d)).join('\n') + '\n' });
    const third = await indexWith(dir, loc);
    expect(third.result.reused).toBe(false);
    expect(third.result.dir).toBe(first.result.dir);
    expect(third.result.manifest.stats).toMatchObject({ documents: 4, embedded: 1, fromCache: 3 });
  });

  it('puts another model or store in its own index; a new store re-uses the cached vectors', async () => {
    const loc = locations();
    const dir = dataset();
    const glove = await indexWith(dir, loc);
    const tiny = await indexWith(dir, loc, { model: 'tiny-random-bert-embed' });
    expect(tiny.result.dir).not.toBe(glove.result.dir);
    expect(tiny.result.manifest.stats).toMatchObject({ embedded: 4, dim: 32 });
    const hnsw = await indexWith(dir, loc, { vectorStore: 'hnsw' });
    expect(hnsw.result.dir).not.toBe(glove.result.dir);
    expect(hnsw.result.manifest.stats).toMatchObject({ embedded: 0, fromCache: 4 });
    expect(readFileSync(join(hnsw.result.dir, 'vectors.f32'))).toEqual(readFileSync(join(glove.result.dir, 'vectors.f32')));
    // efSearch is read at search time: it does not make a new index.
    expect((await indexWith(dir, loc, { vectorStore: 'hnsw', efSearch: 20 })).result).toMatchObject({ reused: true, dir: hnsw.result.dir });
  });

  it('rejects bad parameters by flag name', async () => {
    const loc = locations();
    const ds = await loadDataset(dataset(), {}, loc);
    expect(() => retrieverContext('dense', ds, loc, { vectorStore: 'faiss' })).toThrow(/--vector-store: unknown value 'faiss'; valid: exact, hnsw, lancedb/);
    expect(() => retrieverContext('dense', ds, loc, { batchSize: 0 })).toThrow(/--batch-size: must be at least 1, got 0/);
    const bad = retrieverContext('dense', ds, loc, { model: 'nope' });
    await expect(bad.def.index(bad.ctx)).rejects.toThrow(/unknown model 'nope'/);
  });
});

/** Embedding models whose files the mirror holds (the others would need a download). */
const mirrored = [...modelCards().values()]
  .filter((card) => card.kind === 'embedding' && resolveLocations().mirrors.some((m) => card.files.every((f) => existsSync(join(m, 'models', card.name, f.path)))))
  .map((card) => card.name);

describe.each(mirrored)('dense retrieval with %s', (model) => {
  it.each(Object.keys(VECTOR_STORES))('works with the %s store', async (store) => {
    const loc = locations();
    const ds = await loadDataset(dataset(), {}, loc);
    const { def, ctx } = retrieverContext('dense', ds, loc, { model, vectorStore: store });
    const run = await (await def.open(ctx, await def.index(ctx))).retrieve(ds.queries.queries, 3);
    expect([...run.keys()]).toEqual(['q1', 'q2']);
    for (const docs of run.values()) {
      expect(docs).toHaveLength(3);
      for (const d of docs) expect(Number.isFinite(d.score)).toBe(true);
    }
  });
});

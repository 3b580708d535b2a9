import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MedirError } from '../../../src/core/errors.js';
import { readParams } from '../../../src/core/params.js';
import { loadDataset, type Dataset } from '../../../src/data/datasets.js';
import { resolveLocations } from '../../../src/mirror/locations.js';
import { RETRIEVERS } from '../../../src/retrieve/registry.js';
import { tempDir, writeTree } from '../../helpers/tmp.js';

const bm25 = RETRIEVERS.bm25;
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

const DOCS = [
  { _id: 'd1', title: 'Statins', text: 'Statins lower cholesterol in the blood.' },
  { _id: 'd2', title: 'Aspirin', text: 'Aspirin thins the blood and eases pain.' },
  { _id: 'd3', title: 'Insulin', text: 'Insulin treats diabetes.' },
  { _id: 'd4', title: '', text: 'Exercise lowers blood pressure and cholesterol.' },
];

async function smallDataset(docs: object[] = DOCS): Promise<{ dataset: Dataset; dir: string; loc: ReturnType<typeof resolveLocations> }> {
  const dir = writeTree(tempDir(), {
    'corpus.jsonl': jsonl(docs),
    'queries.jsonl': jsonl([{ _id: 'q1', text: 'cholesterol lowering' }, { _id: 'q2', text: 'titles count: Aspirin' }]),
    'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n',
  });
  const loc = { ...resolveLocations(), indexes: tempDir(), cache: tempDir() };
  return { dataset: await loadDataset(dir, {}, loc), dir, loc };
}

const ctxOf = (dataset: Dataset, loc: ReturnType<typeof resolveLocations>, raw: Record<string, unknown> = {}) => ({
  dataset,
  loc,
  params: readParams(bm25.params, raw),
});
/** The index built (or reused), then opened: what the pipeline's pool does. */
const openOf = async (ctx: ReturnType<typeof ctxOf>) => bm25.open(ctx, await bm25.index(ctx));

describe('bm25 retriever (through its definition)', () => {
  it('ranks title + text and returns at most top-k per query', async () => {
    const { dataset, loc } = await smallDataset();
    const run = await (await openOf(ctxOf(dataset, loc))).retrieve(dataset.queries.queries, 2);
    expect(run.get('q1')!.map((d) => d.docId)).toEqual(['d1', 'd4']);
    expect(run.get('q2')!.map((d) => d.docId)).toEqual(['d2']); // "aspirin" only in d2; title counts
  });

  it('reuses an unchanged index; a changed k1, analyzer or corpus rebuilds', async () => {
    const { dataset, dir, loc } = await smallDataset();
    const first = await bm25.index(ctxOf(dataset, loc));
    expect(first.reused).toBe(false);
    expect(first.dir).toMatch(new RegExp(`${dataset.name}/bm25-[0-9a-f]{12}$`));
    const again = await bm25.index(ctxOf(dataset, loc));
    expect(again).toMatchObject({ reused: true, dir: first.dir });

    const k1 = await bm25.index(ctxOf(dataset, loc, { k1: 0.9 }));
    expect(k1.reused).toBe(false);
    expect(k1.dir).not.toBe(first.dir);

    const analyzer = await bm25.index(ctxOf(dataset, loc, { language: 'plain' }));
    expect(analyzer.reused).toBe(false);
    expect(analyzer.dir).not.toBe(first.dir);

    // delta does not enter Lucene's formula: changing it keeps the index
    expect((await bm25.index(ctxOf(dataset, loc, { delta: 1 }))).reused).toBe(true);

    writeFileSync(join(dir, 'corpus.jsonl'), jsonl([...DOCS, { _id: 'd5', title: '', text: 'new document' }]));
    const corpus = await bm25.index(ctxOf(dataset, loc));
    expect(corpus).toMatchObject({ reused: false, dir: first.dir });
    expect(corpus.manifest.stats).toMatchObject({ documents: 5 });
  });

  it('builds the same index with worker threads (threads is not part of the index identity)', async () => {
    const { dataset, loc } = await smallDataset();
    const serial = await openOf(ctxOf(dataset, loc));
    const other = { ...loc, indexes: tempDir() };
    const threaded = await openOf(ctxOf(dataset, other, { threads: 2 }));
    expect(threaded.config.index).toBe(String(serial.config.index).replace(loc.indexes, other.indexes));
    const q = dataset.queries.queries;
    expect(await threaded.retrieve(q, 10)).toEqual(await serial.retrieve(q, 10));
  });

  it('writes a manifest naming engine, variant, parameters, analyzer and library versions', async () => {
    const { dataset, loc } = await smallDataset();
    const { manifest } = await bm25.index(ctxOf(dataset, loc, { engine: 'wink', k1: 1.2 }));
    expect(manifest.component).toBe('bm25-wink');
    expect(manifest.config).toMatchObject({ engine: 'wink', variant: 'lucene', k1: 1.2, b: 0.75, analyzer: { language: 'en' } });
    expect(Object.keys(manifest.libraries)).toContain('wink-bm25-text-search');
    expect(manifest.corpus.sha256).toMatch(/^[0-9a-f]{64}$/);
    // the fast engine depends on no package beyond the analyzer's
    expect(Object.keys((await bm25.index(ctxOf(dataset, loc))).manifest.libraries).sort()).toEqual(['snowball-stemmers', 'stopwords-iso']);
  });

  it.each([
    [{ engine: 'wink', variant: 'bm25l' }, /--variant bm25l: the wink engine implements only 'lucene'/],
    [{ b: 1.5 }, /--b: expected a number in \[0, 1\], got 1.5/],
    [{ k1: -1 }, /--k1: expected a number ≥ 0, got -1/],
    [{ threads: 0 }, /--threads: expected at least 1, got 0/],
    [{ variant: 'bm25l', k1: 0, delta: 0.5 }, /--k1: bm25l with --k1 0 and --delta 0.5 scores every document the same/],
  ])('refuses bad options %j with BAD_OPTION', async (raw, message) => {
    const { dataset, loc } = await smallDataset();
    await expect(bm25.index(ctxOf(dataset, loc, raw))).rejects.toSatisfy(
      (e: unknown) => e instanceof MedirError && e.code === 'BAD_OPTION' && message.test(e.message),
    );
  });

  it('refuses a corpus with a repeated document id, naming the file', async () => {
    const { dataset, dir, loc } = await smallDataset([...DOCS, DOCS[0]]);
    await expect(bm25.index(ctxOf(dataset, loc))).rejects.toThrow(`${join(dir, 'corpus.jsonl')}:${DOCS.length + 1}: duplicate document id 'd1' (first on line 1)`);
  });
});

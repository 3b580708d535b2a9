import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/datasets.js';
import { loadEmbedder } from '../../src/embed/embedder.js';
import { cachedGenerator } from '../../src/generate/cache.js';
import { createGenerator } from '../../src/generate/generator.js';
import { resolveLocations, type Locations } from '../../src/mirror/locations.js';
import { RetrieverPool } from '../../src/pipeline/retrievers.js';
import { loadPrompt } from '../../src/rewrite/prompt.js';
import { PromptedGenerator } from '../../src/rewrite/prompted.js';
import { rewriteMethod } from '../../src/rewrite/registry.js';
import { generateRewrites, retrieveRewritten, type RewriteSource } from '../../src/rewrite/stage.js';
import { startFakeOpenAI, type FakeServer } from '../generate/fake-openai.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const DOCS = [
  ['d1', 'Warfarin is an anticoagulant; vitamin K reverses its effect.'],
  ['d2', 'Metformin lowers blood glucose in type 2 diabetes.'],
  ['d3', 'Ibuprofen relieves headache and fever.'],
];
const QUERIES = [
  ['q1', 'is warfarin an anticoagulant drug'],
  ['q2', 'sugar pill for diabetes'],
];

function toyDataset(): string {
  return writeTree(tempDir(), {
    'corpus.jsonl': DOCS.map(([id, text]) => JSON.stringify({ _id: id, title: '', text })).join('\n') + '\n',
    'queries.jsonl': QUERIES.map(([id, text]) => JSON.stringify({ _id: id, text })).join('\n') + '\n',
    'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n',
  });
}

function locations(): Locations {
  return { ...resolveLocations(), cache: tempDir(), indexes: tempDir() };
}

async function source(server: FakeServer, loc: Locations, method: string): Promise<RewriteSource> {
  const generator = cachedGenerator(await createGenerator('openai-compatible', { baseUrl: server.baseUrl, llmModel: 'm' }, loc), loc.cache);
  const m = rewriteMethod(method);
  return { kind: 'generator', prompted: new PromptedGenerator(generator, loadPrompt(m.prompt, m.usesPassages ? ['query', 'passages'] : ['query'])) };
}

describe('generation-augmented retrieval against the generator seam', () => {
  it.each(['hyde', 'query2doc', 'lamer'])('%s runs end to end with BM25, and a rerun makes no generator call', async (name) => {
    const server = await startFakeOpenAI();
    const loc = locations();
    const dataset = await loadDataset(toyDataset(), {}, loc);
    const method = rewriteMethod(name);
    const queries = dataset.queries.queries;
    const bm25 = (await new RetrieverPool().open('bm25', dataset, loc, {})).retriever;
    const firstStage = { retriever: bm25, corpus: dataset.corpus };

    const generated = await generateRewrites(method, queries, await source(server, loc, name), firstStage);
    expect(server.received).toHaveLength(2);
    const prompt = server.received.find((r) => r.body.messages[1].content.includes('is warfarin an anticoagulant drug'))!.body.messages[1].content;
    if (method.usesPassages) expect(prompt).toContain('\n[1]. Warfarin is an anticoagulant');
    // The fake server echoes the prompt, so each generated text carries its own query.
    expect(generated[0]).toContain('is warfarin an anticoagulant drug');
    expect(generated[1]).toContain('sugar pill for diabetes');

    const { run, searched } = await retrieveRewritten(method, bm25, queries, generated, 10);
    expect([...run.keys()].sort()).toEqual(['q1', 'q2']);
    expect(searched[0]).toEqual({ id: 'q1', text: 'is warfarin an anticoagulant drug', generated: generated[0], searched: method.lexicalQuery(queries[0].text, generated[0]) });

    const again = await generateRewrites(method, queries, await source(server, loc, name), firstStage);
    expect(again).toEqual(generated);
    expect(server.received).toHaveLength(2);
  });

  it('dense HyDE searches with the mean of the query and passage embeddings', async () => {
    const loc = locations();
    const dataset = await loadDataset(toyDataset(), {}, loc);
    const queries = dataset.queries.queries;
    const generated = ['Vitamin K reverses warfarin.', 'Metformin for glucose.'];
    const dense = (await new RetrieverPool().open('dense', dataset, loc, { model: 'tiny-random-bert-embed' })).retriever;
    const { run } = await retrieveRewritten(rewriteMethod('hyde'), dense, queries, generated, 3);

    const embedder = await loadEmbedder('tiny-random-bert-embed', loc);
    const [q] = await embedder.embedQueries([queries[0].text]);
    const [g] = await embedder.embedDocuments([generated[0]]);
    const docs = await embedder.embedDocuments(DOCS.map(([, text]) => text));
    const expected = docs.map((d, i) => ({ docId: DOCS[i][0], score: d.reduce((s, x, j) => s + x * (q[j] + g[j]) / 2, 0) }));
    for (const hit of run.get('q1')!) {
      expect(hit.score).toBeCloseTo(expected.find((e) => e.docId === hit.docId)!.score, 5);
    }
    expect(run.get('q1')).toHaveLength(3);
  });

  it('precomputed rewrites must cover every query', async () => {
    const loc = locations();
    const dataset = await loadDataset(toyDataset(), {}, loc);
    const src: RewriteSource = { kind: 'precomputed', file: 'hydoc.jsonl', texts: new Map([['q1', '<think>hmm</think>Warfarin.']]) };
    await expect(generateRewrites(rewriteMethod('hyde'), dataset.queries.queries.slice(0, 1), src)).resolves.toEqual(['Warfarin.']);
    await expect(generateRewrites(rewriteMethod('hyde'), dataset.queries.queries, src)).rejects.toThrow("hydoc.jsonl: no generated text for query 'q2'");
  });
});

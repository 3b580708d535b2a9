import { basename, join } from 'node:path';
import { createAnalyzer, LANGUAGES } from '../analyze/registry.js';
import { MedirError } from '../core/errors.js';
import { flagName, type ParamValues } from '../core/params.js';
import { Progress } from '../core/progress.js';
import { documentText, type Corpus, type Run } from '../core/types.js';
import { configHash, fileSha256, libraryVersion } from '../provenance/provenance.js';
import { reuseOrBuild, type IndexIdentity } from '../index/manifest.js';
import type { Bm25Settings, IndexableDoc } from './bm25/engine.js';
import { BM25_ENGINES, type Bm25EngineName } from './bm25/engines/registry.js';
import { BM25_VARIANTS, type Bm25VariantName } from './bm25/variants.js';
import { defineRetriever, type RetrieverContext } from './retriever.js';

/** Non-negative numbers; b is a proportion. */
function checkRange(key: string, value: number, max = Infinity): number {
  if (value < 0 || value > max) throw new MedirError('BAD_OPTION', `${flagName(key)}: expected ${max === Infinity ? 'a number ≥ 0' : `a number in [0, ${max}]`}, got ${value}`);
  return value;
}

function settingsOf(params: ParamValues): { engine: Bm25EngineName; settings: Bm25Settings } {
  const engine = params.engine as Bm25EngineName;
  const settings: Bm25Settings = {
    variant: params.variant as Bm25VariantName,
    params: {
      k1: checkRange('k1', params.k1 as number),
      b: checkRange('b', params.b as number, 1),
      delta: checkRange('delta', params.delta as number),
    },
    analyzer: createAnalyzer(params.language as string),
    language: params.language as string,
    threads: params.threads as number,
  };
  if (settings.threads < 1) throw new MedirError('BAD_OPTION', `${flagName('threads')}: expected at least 1, got ${settings.threads}`);
  const { k1, delta } = settings.params;
  // BM25L's tfc is (k1+1)(c+δ)/(k1+c+δ): at k1 = 0 it is 1 for a present and an absent term alike when δ > 0, so every document would tie at 0
  if (settings.variant === 'bm25l' && k1 === 0 && delta > 0) throw new MedirError('BAD_OPTION', `${flagName('k1')}: bm25l with --k1 0 and --delta ${delta} scores every document the same; use k1 > 0 or --delta 0`);
  BM25_ENGINES[engine].check(settings);
  return { engine, settings };
}

/** Everything that changes the index's contents, so its hash names the index directory. */
function indexConfig(engine: Bm25EngineName, { variant, params, analyzer }: Bm25Settings, corpus: Corpus) {
  return {
    engine,
    variant,
    k1: params.k1,
    b: params.b,
    // delta only enters BM25L and BM25+; leaving it out elsewhere lets a delta change reuse the index
    delta: BM25_VARIANTS[variant].absentTermScores ? params.delta : undefined,
    analyzer: analyzer.config,
    fields: 'title + " " + text',
    // one dataset may hold several corpora (corpus.es.jsonl…): each gets its own index
    corpusFile: basename(corpus.source),
  };
}

async function countDocs(corpus: Corpus): Promise<number> {
  let n = 0;
  for await (const _ of corpus.docs()) n++;
  return n;
}

/** The corpus as the engines see it, with progress and a check for repeated ids. */
async function* indexable(corpus: Corpus): AsyncGenerator<IndexableDoc> {
  const progress = new Progress(`bm25 index ${corpus.name}`, await countDocs(corpus));
  const seen = new Set<string>();
  for await (const doc of corpus.docs()) {
    if (seen.has(doc.id)) throw new MedirError('BAD_INPUT', `${corpus.source}: duplicate document id '${doc.id}'`);
    seen.add(doc.id);
    yield { id: doc.id, text: documentText(doc) };
    progress.tick();
  }
  progress.finish();
}

/** Where these settings' index lives and what identifies it (sharded builds, src/jobs, build the same). */
export async function bm25Plan(ctx: RetrieverContext) {
  const { engine, settings } = settingsOf(ctx.params);
  const { corpus } = ctx.dataset;
  const config = indexConfig(engine, settings, corpus);
  const dir = join(ctx.loc.indexes, ctx.dataset.name, `bm25-${configHash(config)}`);
  const libraries = Object.fromEntries(
    ['snowball-stemmers', 'stopwords-iso', ...BM25_ENGINES[engine].libraries].map((name) => [name, libraryVersion(name)]),
  );
  const identity: IndexIdentity = { component: `bm25-${engine}`, config, corpus: { source: corpus.source, sha256: await fileSha256(corpus.source, ctx.loc) }, libraries };
  return { dir, identity, engine, settings, config };
}

async function buildIndex(ctx: RetrieverContext) {
  const plan = await bm25Plan(ctx);
  return reuseOrBuild(plan.dir, plan.identity, (tmp) => BM25_ENGINES[plan.engine].build(indexable(ctx.dataset.corpus), plan.settings, tmp));
}

export default defineRetriever({
  name: 'bm25',
  description: 'BM25 over title + text with a per-language analyzer (fast typed-array engine, or wink as reference)',
  params: [
    { key: 'engine', type: 'string', default: 'fast', choices: Object.keys(BM25_ENGINES), help: 'scoring engine' },
    { key: 'variant', type: 'string', default: 'lucene', choices: Object.keys(BM25_VARIANTS), help: 'BM25 formula (Kamphuis et al. 2020)' },
    { key: 'k1', type: 'number', default: 1.5, help: 'term-frequency saturation' },
    { key: 'b', type: 'number', default: 0.75, help: 'document-length normalisation, 0..1' },
    { key: 'delta', type: 'number', default: 0.5, help: 'lower bound on a present term\'s tf component (bm25l, bm25plus only)' },
    { key: 'language', type: 'string', default: 'en', choices: LANGUAGES, help: 'analyzer: tokenizer, stop words, stemmer' },
    { key: 'threads', type: 'integer', default: 1, help: 'threads building the index from 100k documents (fast engine; the index is the same)' },
  ],
  index: buildIndex,
  async open(ctx, result) {
    const { engine, settings } = settingsOf(ctx.params);
    const config = result.manifest.config;
    const searcher = BM25_ENGINES[engine].open(result.dir, settings);
    return {
      name: 'bm25',
      config: { retriever: 'bm25', ...config, analyzerId: settings.analyzer.id, index: result.dir },
      async retrieve(queries, topK) {
        const run: Run = new Map();
        const progress = new Progress('bm25 search', queries.length);
        for (const q of queries) {
          run.set(q.id, searcher.search(q.text, topK));
          progress.tick();
        }
        progress.finish();
        return run;
      },
    };
  },
});

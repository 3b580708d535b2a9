import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import type { ParamSpec, ParamValues } from '../core/params.js';
import type { Corpus } from '../core/types.js';
import { EmbeddingCache } from '../embed/cache.js';
import { embedToMatrix } from '../embed/corpus.js';
import { loadEmbedder, resolveEmbeddingModel, type Embedder, type EmbeddingProfile } from '../embed/embedder.js';
import { DTYPES, POOLINGS } from '../embed/profile.js';
import { configHash, fileSha256, libraryVersion } from '../provenance/provenance.js';
import { reuseOrBuild, type IndexIdentity, type IndexResult } from '../index/manifest.js';
import { VECTOR_STORES, vectorStoreDefinition } from '../vectors/registry.js';
import { defineRetriever, type RetrieverContext } from './retriever.js';

/** Each store's parameters once (stores may share a key such as `refineFactor`). */
const STORE_PARAMS: ParamSpec[] = [
  ...new Map(Object.values(VECTOR_STORES).flatMap((s) => s.params.map((p): [string, ParamSpec] => [p.key, p]))).values(),
];

const PARAMS: readonly ParamSpec[] = [
  { key: 'model', type: 'string', default: 'glove-sg100-en-static', help: 'sentence-embedding model: a name from `medir models` or a model folder' },
  { key: 'vectorStore', type: 'string', default: 'exact', choices: Object.keys(VECTOR_STORES), help: 'where the vectors are searched' },
  { key: 'batchSize', type: 'integer', min: 1, default: 32, help: 'texts per forward pass of the model' },
  { key: 'chunkSize', type: 'integer', min: 1, default: 1024, help: 'documents per checkpoint of the embedding build (a killed build resumes from the last one)' },
  { key: 'pooling', type: 'string', choices: POOLINGS, help: "override the model's pooling" },
  { key: 'dtype', type: 'string', choices: DTYPES, help: "override the model's weights: fp32 or int8-quantized (onnx/model_quantized.onnx)" },
  { key: 'maxLength', type: 'integer', min: 1, help: "override the model's max tokens per text (longer texts are cut, and counted)" },
  { key: 'queryPrefix', type: 'string', help: "override the model's query prefix (e.g. 'query: ')" },
  { key: 'passagePrefix', type: 'string', help: "override the model's passage prefix (e.g. 'passage: ')" },
  ...STORE_PARAMS,
];

function profileOverrides(p: ParamValues): Partial<EmbeddingProfile> {
  return {
    pooling: p.pooling as EmbeddingProfile['pooling'] | undefined,
    dtype: p.dtype as EmbeddingProfile['dtype'] | undefined,
    maxLength: p.maxLength as number | undefined,
    queryPrefix: p.queryPrefix as string | undefined,
    passagePrefix: p.passagePrefix as string | undefined,
  };
}

function pick(params: ParamValues, keys: readonly string[]): ParamValues {
  return Object.fromEntries(keys.map((k) => [k, params[k]]));
}

/**
 * Where these settings' index lives, what identifies it, and its two build steps: embed documents
 * into a matrix folder, then build the store over it (sharded builds, src/jobs, use the same).
 */
export async function densePlan(ctx: RetrieverContext) {
  const { dataset, loc, params } = ctx;
  const store = vectorStoreDefinition(String(params.vectorStore));
  const model = await resolveEmbeddingModel(String(params.model), loc, profileOverrides(params));
  const config = { embedder: model.config, store: store.name, ...pick(params, store.buildKeys) };
  const libraries = Object.fromEntries(['@huggingface/transformers', 'onnxruntime-node', ...store.libraries].map((l) => [l, libraryVersion(l)]));
  const corpus = { source: dataset.corpus.source, sha256: await fileSha256(dataset.corpus.source, loc) };
  // One embedder per plan, loaded when first needed: by the embed step, or by a store that calibrates on queries.
  let embedder: Promise<Embedder> | undefined;
  const embedderOf = () => (embedder ??= loadEmbedder(model.id, loc, profileOverrides(params), { batchSize: params.batchSize as number }));
  return {
    dir: join(loc.indexes, dataset.name, `dense-${configHash(config)}`),
    identity: { component: `dense-${store.name}`, config, corpus, libraries } as IndexIdentity,
    model,
    async embed(docs: Corpus, into: string) {
      const loaded = await embedderOf();
      const cache = EmbeddingCache.open(join(loc.cache, 'embeddings'), loaded);
      return embedToMatrix(docs, loaded, cache, into, params.chunkSize as number);
    },
    buildStore: (into: string) =>
      store.build({ dir: into, params, documents: () => dataset.corpus.docs(), embedQueries: async (texts) => (await embedderOf()).embedQueries(texts) }),
  };
}

/** Builds (or reuses) `indexes/<dataset>/dense-<hash>/`: the matrix, ids and the store's own files. */
async function buildIndex(ctx: RetrieverContext): Promise<IndexResult> {
  const plan = await densePlan(ctx);
  return reuseOrBuild(plan.dir, plan.identity, async (tmp) => {
    const stats = await plan.embed(ctx.dataset.corpus, tmp);
    const storeStats = await plan.buildStore(tmp);
    return { ...stats, ...(storeStats ? { store: storeStats } : {}) };
  });
}

export default defineRetriever({
  name: 'dense',
  description: 'dense retrieval: a local ONNX sentence-embedding model, cosine top-k in an exact, HNSW or LanceDB store',
  params: PARAMS,
  index: buildIndex,
  async open(ctx, index) {
    const { params, loc } = ctx;
    const storeDef = vectorStoreDefinition(String(params.vectorStore));
    const store = await storeDef.open(index.dir, params);
    const embedder = await loadEmbedder(String(params.model), loc, profileOverrides(params), { batchSize: params.batchSize as number });
    if (embedder.dim !== store.dim) {
      throw new MedirError('INDEX', `${index.dir}: the index holds ${store.dim}-d vectors but model '${embedder.id}' gives ${embedder.dim}-d ones`, `delete ${index.dir} and index again`);
    }
    const searchParams = pick(params, storeDef.params.map((p) => p.key));
    return {
      name: 'dense',
      config: { ...(index.manifest.config as Record<string, unknown>), ...searchParams, ...store.settings, index: index.dir },
      async retrieve(queries, topK) {
        const vectors = await embedder.embedQueries(queries.map((q) => q.text));
        return store.search(queries.map((q) => q.id), vectors, topK);
      },
      vectors: { embedder, search: (ids, vectors, topK) => store.search(ids, vectors, topK) },
    };
  },
});

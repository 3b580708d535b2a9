import { MedirError } from '../core/errors.js';
import type { Run } from '../core/types.js';
import { loadEmbedder, type Embedder, type EmbeddingProfile } from '../embed/embedder.js';
import type { RetrieverContext, RetrieverDefinition } from '../retrieve/retriever.js';
import { vectorStoreDefinition } from '../vectors/registry.js';
import type { VectorStore } from '../vectors/store.js';

/** A dense index opened at the vector level: what averaging query and passage embeddings needs. */
export interface VectorSearch {
  embedder: Embedder;
  store: VectorStore;
  config: Record<string, unknown>;
}

interface DenseIndexConfig {
  embedder?: { model?: string; profile?: EmbeddingProfile };
  store?: string;
}

/**
 * Opens the dense retriever's index with the embedder recorded in its manifest (model and
 * profile), so query vectors come from exactly the model and settings the documents did.
 */
export async function openVectorSearch(def: RetrieverDefinition, ctx: RetrieverContext): Promise<VectorSearch> {
  const index = await def.index(ctx);
  const config = index.manifest.config as DenseIndexConfig;
  if (!config.embedder?.model || !config.embedder.profile || !config.store) {
    throw new MedirError('INDEX', `${index.dir}/manifest.json: no embedder model/profile or store recorded; not a dense index`);
  }
  const embedder = await loadEmbedder(config.embedder.model, ctx.loc, config.embedder.profile);
  const store = await vectorStoreDefinition(config.store).open(index.dir, ctx.params);
  return { embedder, store, config: { ...index.manifest.config, index: index.dir } };
}

export interface DenseQuery {
  id: string;
  query: string;
  /** Embedded as a passage and averaged with the query's vector (HyDE, LameR). */
  document?: string;
}

/** `(emb_query(q) + emb_passage(d)) / 2` where a document is given, else `emb_query(q)`; then top-k. */
export async function denseSearch(search: VectorSearch, queries: readonly DenseQuery[], k: number): Promise<Run> {
  const vectors = await search.embedder.embedQueries(queries.map((q) => q.query));
  const withDoc = queries.map((q, i) => [q, i] as const).filter(([q]) => q.document !== undefined);
  const docVectors = await search.embedder.embedDocuments(withDoc.map(([q]) => q.document!));
  withDoc.forEach(([, i], j) => {
    const mean = new Float32Array(vectors[i].length);
    for (let d = 0; d < mean.length; d++) mean[d] = (vectors[i][d] + docVectors[j][d]) / 2;
    vectors[i] = mean;
  });
  return search.store.search(queries.map((q) => q.id), vectors, k);
}

import type { Run } from '../core/types.js';
import type { VectorSearch } from '../retrieve/retriever.js';

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
  return search.search(queries.map((q) => q.id), vectors, k);
}

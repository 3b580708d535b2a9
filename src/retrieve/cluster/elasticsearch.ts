import { clusterRetriever } from './definition.js';
import { elasticsearchTransport } from './elasticsearch-transport.js';

/** Candidates per shard an approximate k-NN search considers: at least k, Elasticsearch's cap is 10,000. */
export function numCandidates(k: number): number {
  return Math.min(10_000, Math.max(k, 100));
}

/** Elasticsearch: k-NN is the search's top-level `knn` section on a `dense_vector` field. */
export default clusterRetriever({
  name: 'elasticsearch',
  description: 'Elasticsearch',
  library: '@elastic/elasticsearch',
  transport: elasticsearchTransport,
  knn: (field, vector, k) => ({ knn: { field, query_vector: vector, k, num_candidates: numCandidates(k) } }),
});

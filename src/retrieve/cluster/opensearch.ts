import { clusterRetriever } from './definition.js';
import { openSearchTransport } from './opensearch-transport.js';

/** OpenSearch: k-NN is a `knn` query on a `knn_vector` field (the k-NN plugin). */
export default clusterRetriever({
  name: 'opensearch',
  description: 'OpenSearch',
  library: '@opensearch-project/opensearch',
  transport: openSearchTransport,
  knn: (field, vector, k) => ({ query: { knn: { [field]: { vector, k } } } }),
});

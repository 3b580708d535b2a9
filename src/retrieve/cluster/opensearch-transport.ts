import { MedirError } from '../../core/errors.js';
import { MAX_RETRIES, type TransportFactory } from './transport.js';

/** OpenSearch through its own client (it checks no product header, unlike Elasticsearch's); imported when first used. */
export const openSearchTransport: TransportFactory = async (endpoint) => {
  const { auth } = endpoint;
  if (auth && 'apiKey' in auth) throw new MedirError('BAD_OPTION', `${endpoint.url}: OpenSearch takes no API key (MEDIR_CLUSTER_API_KEY)`, 'give a user and password instead (MEDIR_CLUSTER_USERNAME/MEDIR_CLUSTER_PASSWORD)');
  const { Client } = await import('@opensearch-project/opensearch');
  const client = new Client({ node: endpoint.url, ...(auth ? { auth } : {}), requestTimeout: endpoint.timeoutMs, maxRetries: MAX_RETRIES });
  return {
    async send({ method, path, body, ndjson }) {
      const response = await client.transport.request({ method, path, ...(ndjson ? { bulkBody: ndjson as Record<string, unknown>[] } : body !== undefined ? { body: body as Record<string, unknown> } : {}) });
      return response.body;
    },
    close: () => client.close(),
  };
};

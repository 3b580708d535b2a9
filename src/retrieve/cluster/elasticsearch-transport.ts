import { MAX_RETRIES, type TransportFactory } from './transport.js';

/** Elasticsearch through its own client, which refuses a server without `x-elastic-product: Elasticsearch`; imported when first used (it takes a second to load). */
export const elasticsearchTransport: TransportFactory = async (endpoint) => {
  const { Client } = await import('@elastic/elasticsearch');
  const client = new Client({ node: endpoint.url, ...(endpoint.auth ? { auth: endpoint.auth } : {}), requestTimeout: endpoint.timeoutMs, maxRetries: MAX_RETRIES });
  return {
    send: ({ method, path, body, ndjson }) =>
      client.transport.request({ method, path, ...(ndjson ? { bulkBody: ndjson as Record<string, unknown>[] } : body !== undefined ? { body: body as Record<string, unknown> } : {}) }),
    close: () => client.close(),
  };
};

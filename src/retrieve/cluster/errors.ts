import { MedirError } from '../../core/errors.js';
import { redact, type ClusterEndpoint } from './endpoint.js';

/** The transports of both clients throw errors with these fields (@elastic/transport, opensearch-js lib/errors). */
interface TransportError {
  name?: string;
  message?: string;
  meta?: { statusCode?: number; body?: unknown };
}

function reasonOf(body: unknown): string {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error === 'string') return error;
  const root = error as { type?: string; reason?: string } | undefined;
  return root?.reason ? `${root.type ?? 'error'}: ${root.reason}` : JSON.stringify(body ?? '').slice(0, 200);
}

/**
 * A client's failure as a MedirError naming the URL and index: unreachable, timed out, refused
 * credentials, a missing index, a server that is not the product the client expects, or any other
 * error status. Never the raw error, whose message could hold the URL with its credentials.
 */
export function clusterError(err: unknown, endpoint: ClusterEndpoint, what: string): MedirError {
  if (err instanceof MedirError) return err;
  const e = err as TransportError;
  const where = `${endpoint.url} (index '${endpoint.index}')`;
  const status = e.meta?.statusCode;
  switch (e.name) {
    case 'ConnectionError':
    case 'NoLivingConnectionsError':
      return new MedirError('INDEX', `${where}: cannot reach the cluster while ${what}: ${redact(e.message ?? '')}`, 'check --url and that the cluster is running');
    case 'TimeoutError':
    case 'RequestAbortedError':
      return new MedirError('INDEX', `${where}: no answer within ${endpoint.timeoutMs / 1000}s while ${what}`, 'raise --timeout, or check the cluster\'s health');
    case 'ProductNotSupportedError':
      return new MedirError('INDEX', `${where}: the server is not Elasticsearch (no x-elastic-product header)`, 'for an OpenSearch cluster use --retriever opensearch');
    case 'DeserializationError':
      return new MedirError('INDEX', `${where}: malformed JSON in the answer while ${what}`);
  }
  if (status === 401 || status === 403) {
    return new MedirError('INDEX', `${where}: the cluster refused the credentials (HTTP ${status}) while ${what}`, 'give them in the URL (https://user:pass@host) or MEDIR_CLUSTER_USERNAME/MEDIR_CLUSTER_PASSWORD or MEDIR_CLUSTER_API_KEY');
  }
  if (status === 404) return new MedirError('INDEX', `${where}: no such index (HTTP 404) while ${what}: ${reasonOf(e.meta?.body)}`, 'load it with `medir index --retriever … --url … --index …`');
  if (status !== undefined) return new MedirError('INDEX', `${where}: HTTP ${status} while ${what}: ${reasonOf(e.meta?.body)}`);
  return new MedirError('INDEX', `${where}: ${what} failed: ${redact(e.message ?? String(err))}`);
}

/** A malformed answer (a shape medir cannot read) as an error naming URL, index and call. */
export function malformed(endpoint: ClusterEndpoint, what: string, detail: string): MedirError {
  return new MedirError('INDEX', `${endpoint.url} (index '${endpoint.index}'): malformed answer while ${what}: ${detail}`);
}

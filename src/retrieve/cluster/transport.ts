import { clusterError } from './errors.js';
import type { ClusterEndpoint } from './endpoint.js';

/** One REST call: the same paths and bodies on OpenSearch and Elasticsearch. `ndjson` bodies are `_bulk`/`_msearch` lines. */
export interface ClusterRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  ndjson?: readonly unknown[];
}

/** The raw connection a client library gives: send one request, answer its parsed body. */
export interface RawTransport {
  send(req: ClusterRequest): Promise<unknown>;
  close(): Promise<void>;
}

/** Opens a raw connection to an endpoint: the one part that differs between OpenSearch and Elasticsearch. */
export type TransportFactory = (endpoint: ClusterEndpoint) => Promise<RawTransport>;

/** Retries of a failed connection (both clients retry idempotent calls on connection errors and 502–504). */
export const MAX_RETRIES = 2;

/**
 * A cluster connection whose every failure is a MedirError naming the URL, the index and what was
 * being done (src/retrieve/cluster/client.ts says which failures are told apart).
 */
export class Cluster {
  private raw?: Promise<RawTransport>;

  constructor(
    private readonly factory: TransportFactory,
    readonly endpoint: ClusterEndpoint,
  ) {}

  async request(req: ClusterRequest, what: string): Promise<unknown> {
    const raw = (this.raw ??= this.factory(this.endpoint));
    try {
      return await (await raw).send(req);
    } catch (err) {
      throw clusterError(err, this.endpoint, what);
    }
  }

  /** HEAD `path`: true when it exists (both clients answer a HEAD's 404 with false, not an error). */
  async exists(path: string, what: string): Promise<boolean> {
    return (await this.request({ method: 'HEAD', path }, what)) === true;
  }

  async close(): Promise<void> {
    // a client that failed to open has nothing to close
    if (this.raw) await (await this.raw.catch(() => undefined))?.close();
  }
}

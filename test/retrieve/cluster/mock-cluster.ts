import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, vi } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';

/** One recorded call: the request the client must send, the answer the server gives. */
export interface Exchange {
  request: { method: string; path: string; body?: unknown };
  response: { status: number; body?: unknown; raw?: string; headers?: Record<string, string>; delayMs?: number };
}

export interface Fixture {
  /** Where the request/response shapes come from (the clients' documented REST API). */
  source: string;
  exchanges: Exchange[];
}

export function readFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

/**
 * Fixture values may stand for what a test run computes: `{"$numbers": n}` any n finite numbers (a
 * query vector: the test checks its values itself), `{"$endsWith": s}` a string ending so (a temp
 * folder's path), `{"$string": true}` any string (medir's version).
 */
function matches(expected: unknown, actual: unknown): boolean {
  if (expected && typeof expected === 'object' && '$numbers' in expected) {
    return Array.isArray(actual) && actual.length === (expected as { $numbers: number }).$numbers && actual.every((x) => typeof x === 'number' && Number.isFinite(x));
  }
  if (expected && typeof expected === 'object' && '$endsWith' in expected) return typeof actual === 'string' && actual.endsWith((expected as { $endsWith: string }).$endsWith);
  if (expected && typeof expected === 'object' && '$string' in expected) return typeof actual === 'string';
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i]));
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return isDeepStrictEqual(keys.sort(), Object.keys(actual).sort()) && keys.every((k) => matches((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
  }
  return isDeepStrictEqual(expected, actual);
}

/** A JSON body, or the parsed lines of an ndjson one (`_bulk`, `_msearch`); undefined when empty. */
function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('ndjson')) return text.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
  return JSON.parse(text) as unknown;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

/**
 * A cluster on 127.0.0.1 (a free port) that answers a fixture's exchanges in order: each request's
 * method, path and body must equal the fixture's, else it answers 400 and records the mismatch.
 * `product` adds Elasticsearch's `x-elastic-product` header, without which its client refuses a server.
 */
export class MockCluster {
  readonly received: Exchange['request'][] = [];
  readonly mismatches: string[] = [];
  readonly authorization: (string | undefined)[] = [];
  private next = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(fixture: Fixture, product?: 'Elasticsearch'): Promise<MockCluster> {
    let mock!: MockCluster;
    const server = createServer((req, res) => {
      void (async () => {
        const text = await bodyOf(req);
        const got = { method: req.method!, path: req.url!, body: parseBody(text, req.headers['content-type']) };
        mock.received.push(got);
        mock.authorization.push(req.headers.authorization);
        const exchange = fixture.exchanges[mock.next++];
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(product ? { 'x-elastic-product': product } : {}), ...exchange?.response.headers };
        if (!exchange || exchange.request.method !== got.method || exchange.request.path !== got.path || !matches(exchange.request.body, got.body)) {
          mock.mismatches.push(`request ${mock.next}: expected ${JSON.stringify(exchange?.request)}, got ${JSON.stringify(got)}`);
          res.writeHead(400, headers).end(JSON.stringify({ error: { type: 'mock_mismatch', reason: 'request differs from the fixture' }, status: 400 }));
          return;
        }
        const { status, body, raw, delayMs } = exchange.response;
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        if (res.destroyed) return;
        res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : (raw ?? JSON.stringify(body ?? {})));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mock = new MockCluster(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return mock;
  }

  /** How many of the fixture's exchanges were used. */
  get used(): number {
    return this.next;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Gives each test its own mock cluster slot (stopped after the test), a quiet CLI and a cache of its own. */
export function mockClusterPerTest(): { current?: MockCluster } {
  const slot: { current?: MockCluster } = {};
  beforeEach(() => {
    vi.stubEnv('MEDIR_QUIET', '1');
    vi.stubEnv('MEDIR_CACHE', tempDir('medir-cluster-cache-'));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await slot.current?.stop();
    slot.current = undefined;
  });
  return slot;
}

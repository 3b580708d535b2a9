import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MedirError } from '../../../src/core/errors.js';
import { loadDataset } from '../../../src/data/datasets.js';
import { resolveLocations } from '../../../src/mirror/locations.js';
import { retrieve } from '../../../src/pipeline/retrieve.js';
import { RetrieverPool } from '../../../src/pipeline/retrievers.js';
import { medirAsync } from '../../helpers/cli.js';
import { medirErrorOf } from '../../helpers/errors.js';
import { tempDir } from '../../helpers/tmp.js';
import { clusterDataset } from './dataset.js';
import { MockCluster, mockClusterPerTest, readFixture, type Exchange, type Fixture } from './mock-cluster.js';

const cluster = mockClusterPerTest();

/** The search fixture with its exchange `at` answered differently (and nothing after it). */
function searchFixture(retriever: string, at: number, response: Exchange['response']): Fixture {
  const fx = readFixture(`${retriever}-search`);
  return { ...fx, exchanges: [...fx.exchanges.slice(0, at), { request: fx.exchanges[at]!.request, response }] };
}

async function searchError(retriever: string, fx: Fixture, params: Record<string, unknown> = {}, product = retriever === 'elasticsearch'): Promise<MedirError> {
  const mock = await MockCluster.start(fx, product ? 'Elasticsearch' : undefined);
  cluster.current = mock;
  const loc = { ...resolveLocations(), cache: tempDir('medir-cluster-cache-') };
  const dataset = await loadDataset(clusterDataset(), {}, loc);
  const extra = retriever === 'elasticsearch' ? { field: 'text', searchType: 'dfs_query_then_fetch', idField: 'id', searchBatch: 1 } : {};
  const spec = { retriever, params: { url: mock.url, index: 'medir-test', timeout: 0.5, ...extra, ...params } };
  return medirErrorOf(() => retrieve(spec, { dataset, loc, topK: 10, pool: new RetrieverPool() }));
}

const where = (m: MockCluster) => `${m.url} (index 'medir-test')`;

describe.each(['opensearch', 'elasticsearch'])('%s: failures are MedirErrors naming the URL and index', (retriever) => {
  it('a 401 with credentials in the URL: names URL and index, never the password', async () => {
    const fx = searchFixture(retriever, 0, { status: 401, body: { error: { type: 'security_exception', reason: 'unable to authenticate user [reader]' }, status: 401 } });
    const mock = await MockCluster.start(fx, retriever === 'elasticsearch' ? 'Elasticsearch' : undefined);
    cluster.current = mock;
    const loc = { ...resolveLocations(), cache: tempDir('medir-cluster-cache-') };
    const dataset = await loadDataset(clusterDataset(), {}, loc);
    const url = mock.url.replace('//', '//reader:s3cret@');
    const err = await medirErrorOf(() => retrieve({ retriever, params: { url, index: 'medir-test' } }, { dataset, loc, topK: 10, pool: new RetrieverPool() }));
    expect(err.message).toContain(`${where(mock)}: the cluster refused the credentials (HTTP 401)`);
    expect(`${err.message} ${err.hint}`).not.toContain('s3cret');
  });

  it('a missing index (404 on _settings)', async () => {
    const err = await searchError(retriever, searchFixture(retriever, 1, { status: 404, body: { error: { root_cause: [], type: 'index_not_found_exception', reason: 'no such index [medir-test]', index: 'medir-test' }, status: 404 } }));
    expect(err.message).toBe(`${where(cluster.current!)}: no such index (HTTP 404) while reading the settings (GET /medir-test/_settings): index_not_found_exception: no such index [medir-test]`);
  });

  it('a field the mapping lacks', async () => {
    const fx = readFixture(`${retriever}-search`);
    const err = await searchError(retriever, { ...fx, exchanges: fx.exchanges.slice(0, 3) }, { field: 'body' });
    expect(err.message).toBe(`${where(cluster.current!)}: no field 'body' in the mapping; fields: id, text, title`);
  });

  it('malformed JSON in the _msearch answer', async () => {
    const err = await searchError(retriever, searchFixture(retriever, 3, { status: 200, raw: '{"responses": [' }));
    expect(err.message).toContain(`${where(cluster.current!)}: malformed JSON in the answer while searching queries 1–`);
  });

  it('an answer of the wrong shape: too few responses, a hit without a score, an error for one query', async () => {
    const one = (hits: unknown[]) => ({ hits: { hits }, status: 200 });
    let err = await searchError(retriever, searchFixture(retriever, 3, { status: 200, body: { responses: [] } }));
    expect(err.message).toMatch(/malformed answer while searching queries 1–\d \(POST \/_msearch\): expected \d responses, got 0/);
    await cluster.current!.stop();
    const hit = retriever === 'elasticsearch' ? { _id: 'd1', fields: { id: ['d1'] } } : { _id: 'd1' };
    err = await searchError(retriever, searchFixture(retriever, 3, { status: 200, body: { responses: [one([hit]), one([])].slice(0, retriever === 'elasticsearch' ? 1 : 2) } }));
    expect(err.message).toBe(`${where(cluster.current!)}: malformed answer while searching query 'q1': hit 'd1' has no numeric _score`);
    await cluster.current!.stop();
    const failed = { error: { type: 'query_shard_exception', reason: 'failed to create query' }, status: 400 };
    err = await searchError(retriever, searchFixture(retriever, 3, { status: 200, body: { responses: [failed, failed].slice(0, retriever === 'elasticsearch' ? 1 : 2) } }));
    expect(err.message).toBe(`${where(cluster.current!)}: query 'q1' failed (HTTP 400): query_shard_exception failed to create query`);
  });

  it('no answer within --timeout', async () => {
    const fx = readFixture(`${retriever}-search`);
    const slow = { ...fx.exchanges[0]!, response: { ...fx.exchanges[0]!.response, delayMs: 3000 } };
    // the client may retry a timed-out request: each retry finds the same slow answer
    const err = await searchError(retriever, { ...fx, exchanges: [slow, slow, slow] }, { timeout: 0.2 });
    expect(err.message).toBe(`${where(cluster.current!)}: no answer within 0.2s while reading the cluster version (GET /)`);
  });
});

describe('cluster failures that do not depend on a recorded answer', () => {
  it('through the CLI: a refused login exits non-zero with the error naming URL and index, and no password', async () => {
    const fx = searchFixture('opensearch', 0, { status: 401, body: { error: { type: 'security_exception', reason: 'unable to authenticate user [reader]' }, status: 401 } });
    const mock = await MockCluster.start(fx);
    cluster.current = mock;
    const url = mock.url.replace('//', '//reader:s3cret@');
    const r = await medirAsync(['run', '--dataset', clusterDataset(), '--retriever', 'opensearch', '--url', url, '--index', 'medir-test', '--out', `${tempDir('medir-cluster-run-')}/run.trec`]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`medir: error: ${where(mock)}: the cluster refused the credentials (HTTP 401) while reading the cluster version (GET /)`);
    expect(r.stderr + r.stdout).not.toContain('s3cret');
  });

  it('an unreachable cluster', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const loc = { ...resolveLocations(), cache: tempDir('medir-cluster-cache-') };
    const dataset = await loadDataset(clusterDataset(), {}, loc);
    for (const retriever of ['opensearch', 'elasticsearch']) {
      const err = await medirErrorOf(() => retrieve({ retriever, params: { url: `http://127.0.0.1:${port}`, index: 'medir-test' } }, { dataset, loc, topK: 10, pool: new RetrieverPool() }));
      expect(err.message).toContain(`http://127.0.0.1:${port} (index 'medir-test'): cannot reach the cluster while reading the cluster version (GET /)`);
    }
  });

  it('the Elasticsearch client refuses a server that is not Elasticsearch (no product header)', async () => {
    const err = await searchError('elasticsearch', readFixture('elasticsearch-search'), {}, false);
    expect(err.message).toBe(`${where(cluster.current!)}: the server is not Elasticsearch (no x-elastic-product header)`);
  });

  it('an index medir loaded from another corpus', async () => {
    const fx = readFixture('elasticsearch-search');
    const mapping = structuredClone(fx.exchanges[2]!);
    ((mapping.response.body as any)['medir-test'].mappings._meta.medir as { corpusSha256: string }).corpusSha256 = '0'.repeat(64);
    const err = await searchError('elasticsearch', { ...fx, exchanges: [fx.exchanges[0]!, fx.exchanges[1]!, mapping] });
    expect(err.message).toMatch(new RegExp(`holds the corpus /elsewhere/corpus.jsonl \\(sha256 000000000000…\\), not .*corpus.jsonl$`));
  });

  it('a bulk item the cluster refused names the document', async () => {
    const fx = readFixture('opensearch-load');
    const bulk = structuredClone(fx.exchanges[2]!);
    const body = bulk.response.body as { errors: boolean; items: { index: Record<string, unknown> }[] };
    body.errors = true;
    body.items[1]!.index = { _index: 'medir-test', _id: 'd2', status: 400, error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [title]' } };
    const mock = await MockCluster.start({ ...fx, exchanges: [fx.exchanges[0]!, fx.exchanges[1]!, bulk] });
    cluster.current = mock;
    const loc = { ...resolveLocations(), cache: tempDir('medir-cluster-cache-') };
    const dataset = await loadDataset(clusterDataset(), {}, loc);
    const { retrieverDefinition } = await import('../../../src/retrieve/registry.js');
    const { readParams } = await import('../../../src/core/params.js');
    const def = retrieverDefinition('opensearch');
    const err = await medirErrorOf(() => def.load!({ dataset, loc, params: readParams(def.params, { url: cluster.current!.url, index: 'medir-test', bulkBatch: 2 }) }));
    expect(err.message).toBe(`${where(cluster.current!)}: loading documents 1–2 (POST /_bulk): document 'd2' was refused (HTTP 400): mapper_parsing_exception: failed to parse field [title]`);
  });

  it('bad options: no --url, a URL that is not http, an index name that is a path', async () => {
    const loc = { ...resolveLocations(), cache: tempDir('medir-cluster-cache-') };
    const dataset = await loadDataset(clusterDataset(), {}, loc);
    const run = (params: Record<string, unknown>) => medirErrorOf(() => retrieve({ retriever: 'opensearch', params }, { dataset, loc, topK: 10, pool: new RetrieverPool() }));
    expect((await run({ index: 'x' })).message).toMatch(/^--url: the cluster to search is required/);
    expect((await run({ url: 'ftp://h', index: 'x' })).message).toBe("--url: expected http:// or https://, got 'ftp:'");
    expect((await run({ url: 'http://h:9200', index: '_all/_doc' })).message).toMatch(/^--index: '_all\/_doc' is not a plain index name/);
  });
});

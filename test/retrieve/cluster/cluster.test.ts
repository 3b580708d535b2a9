import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRun } from '../../../src/formats/run.js';
import { loadEmbedder } from '../../../src/embed/embedder.js';
import { resolveLocations } from '../../../src/mirror/locations.js';
import { medirInProcess } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/tmp.js';
import { clusterDataset } from './dataset.js';
import { MockCluster, mockClusterPerTest, readFixture } from './mock-cluster.js';

const cluster = mockClusterPerTest();

/** `medir run` against the mock; the run file's lines and the manifest. */
async function runAgainst(retriever: string, fixture: string, extra: string[] = []) {
  const fx = readFixture(fixture);
  const mock = await MockCluster.start(fx, retriever === 'elasticsearch' ? 'Elasticsearch' : undefined);
  cluster.current = mock;
  const out = join(tempDir('medir-cluster-run-'), 'run.trec');
  const url = mock.url.replace('//', '//reader:s3cret@');
  await medirInProcess(['run', '--dataset', clusterDataset(), '--retriever', retriever, '--url', url, '--index', 'medir-test', '--top-k', '10', '--out', out, ...extra]);
  expect(mock.mismatches).toEqual([]);
  expect(mock.used).toBe(fx.exchanges.length);
  const manifestText = readFileSync(`${out}.json`, 'utf8');
  return { out, lines: readFileSync(out, 'utf8').trim().split('\n'), manifestText, manifest: JSON.parse(manifestText), run: (await readRun(out)).run };
}

describe('cluster retrievers against recorded fixtures', () => {
  it('opensearch: BEIR multi_match in one _msearch; the run is in trec_eval order, ties by docid descending; the manifest records the cluster', async () => {
    const { lines, run, manifest, manifestText } = await runAgainst('opensearch', 'opensearch-search');
    expect(lines).toEqual([
      'q1 Q0 d1 1 1.3862944 medir-opensearch',
      'q1 Q0 d2 2 0.9808292 medir-opensearch',
      'q2 Q0 d3 1 1.5 medir-opensearch',
      'q2 Q0 d2 2 0.5 medir-opensearch',
      'q2 Q0 d1 3 0.5 medir-opensearch',
    ]);
    expect(run.get('q2')).toHaveLength(3);
    const config = manifest.retriever.config;
    expect(config).toMatchObject({
      retriever: 'opensearch',
      url: cluster.current!.url,
      index: 'medir-test',
      searchType: 'query_then_fetch',
      idField: '_id',
      query: 'multi_match best_fields tie_breaker 0.5',
      cluster: { distribution: 'opensearch', version: '2.17.1', lucene: '9.11.1' },
      indices: { 'medir-test': { shards: 1, similarity: { default: { type: 'BM25', k1: '1.2', b: '0.75' } } } },
      fields: { title: { type: 'text', analyzer: 'english', similarity: { name: 'BM25', settings: { type: 'BM25', k1: '1.2', b: '0.75' } } } },
    });
    expect(config.client['@opensearch-project/opensearch']).toBe('3.5.1');
    expect(manifest.index.dir).toBe(`${cluster.current!.url}/medir-test`);
    // the credentials went to the server, never into the manifest
    expect(cluster.current!.authorization[0]).toBe(`Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
    expect(manifestText).not.toContain('s3cret');
  });

  it('elasticsearch: one field, dfs_query_then_fetch, ids and tie order from the keyword id field, one query per _msearch', async () => {
    const { lines, manifest } = await runAgainst('elasticsearch', 'elasticsearch-search', ['--field', 'text', '--search-type', 'dfs_query_then_fetch', '--id-field', 'id', '--search-batch', '1']);
    expect(lines.map((l) => l.split(' ').slice(0, 5).join(' '))).toEqual(['q1 Q0 d1 1 2.1', 'q1 Q0 d2 2 1.05', 'q2 Q0 d3 1 1.7', 'q2 Q0 d2 2 0.25', 'q2 Q0 d1 3 0.25']);
    expect(manifest.retriever.config).toMatchObject({
      cluster: { distribution: 'elasticsearch', version: '8.15.0' },
      indices: { 'medir-test': { shards: 3 } },
      // no similarity configured: Lucene's BM25 defaults, said so
      fields: { text: { analyzer: 'english', similarity: { name: 'BM25', settings: { type: 'BM25', k1: 1.2, b: 0.75 } } }, id: { type: 'keyword' } },
      loadedBy: { documents: 3 },
      searchType: 'dfs_query_then_fetch',
      idField: 'id',
      query: 'match',
    });
    expect(manifest.retriever.config.client['@elastic/elasticsearch']).toBe('8.19.1');
  });

  it.each([
    ['opensearch', 'opensearch-knn'],
    ['elasticsearch', 'elasticsearch-knn'],
  ])('%s k-NN: each query embedded by the local model, sent in the engine\'s own k-NN syntax', async (retriever, fixture) => {
    const { lines, manifest } = await runAgainst(retriever, fixture, ['--knn-field', 'embedding', '--model', 'tiny-random-bert-embed', '--top-k', '2']);
    expect(lines).toHaveLength(4);
    expect(manifest.retriever.config).toMatchObject({ query: 'knn', knnField: 'embedding', fields: { embedding: { dimension: 32 } } });
    const embedder = await loadEmbedder('tiny-random-bert-embed', resolveLocations());
    const expected = await embedder.embedQueries(['fever treatment', 'cholesterol fever']);
    const bodies = (cluster.current!.received.at(-1)!.body as Record<string, unknown>[]).filter((_, i) => i % 2 === 1);
    const sent = bodies.map((b) => (retriever === 'opensearch' ? (b.query as any).knn.embedding.vector : (b.knn as any).query_vector) as number[]);
    sent.forEach((v, i) => v.forEach((x, j) => expect(x).toBeCloseTo(expected[i]![j]!, 6)));
  });
});

describe('medir index --retriever opensearch|elasticsearch', () => {
  it('creates the index with the stated analyzer, k1/b and one shard, sends _bulk batches, refreshes and counts', async () => {
    const fx = readFixture('opensearch-load');
    const mock = await MockCluster.start(fx);
    cluster.current = mock;
    const printed = await medirInProcess(['index', '--dataset', clusterDataset(), '--retriever', 'opensearch', '--url', mock.url, '--index', 'medir-test', '--bulk-batch', '2']);
    expect(mock.mismatches).toEqual([]);
    expect(mock.used).toBe(fx.exchanges.length);
    expect(printed).toContain(`built (new index)`);
    expect(printed).toContain(`${mock.url}/medir-test`);
  });

  it('refuses an existing index, and replaces it with --replace', async () => {
    const fx = readFixture('elasticsearch-load-replace');
    const mock = await MockCluster.start({ ...fx, exchanges: fx.exchanges.slice(0, 1) }, 'Elasticsearch');
    cluster.current = mock;
    const args = ['index', '--dataset', clusterDataset(), '--retriever', 'elasticsearch', '--url', mock.url, '--index', 'medir-test', '--bulk-batch', '2'];
    await expect(medirInProcess(args)).rejects.toThrow(`${mock.url} (index 'medir-test'): the index already exists`);
    await mock.stop();
    const replacing = await MockCluster.start(fx, 'Elasticsearch');
    cluster.current = replacing;
    const printed = await medirInProcess([...args.map((a) => (a.startsWith('http') ? replacing.url : a)), '--replace']);
    expect(replacing.mismatches).toEqual([]);
    expect(replacing.used).toBe(fx.exchanges.length);
    expect(printed).toContain('built (replaced the existing index)');
  });
});

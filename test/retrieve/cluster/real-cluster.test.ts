import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/api/evaluate.js';
import { readParams } from '../../../src/core/params.js';
import { loadDataset } from '../../../src/data/datasets.js';
import { resolveLocations } from '../../../src/mirror/locations.js';
import { retrieve } from '../../../src/pipeline/retrieve.js';
import { RetrieverPool } from '../../../src/pipeline/retrievers.js';
import { clusterEndpoint } from '../../../src/retrieve/cluster/endpoint.js';
import { elasticsearchTransport } from '../../../src/retrieve/cluster/elasticsearch-transport.js';
import { openSearchTransport } from '../../../src/retrieve/cluster/opensearch-transport.js';
import { Cluster } from '../../../src/retrieve/cluster/transport.js';
import { retrieverDefinition } from '../../../src/retrieve/registry.js';
import { tempDir } from '../../helpers/tmp.js';

/**
 * Against a real cluster, only when its URL is given (no server can be installed where CI runs):
 * NFCorpus loaded in BEIR's setting (English analyzer, BM25 k1 1.2 b 0.75, one shard), its test
 * queries run, nDCG@10 compared with medir's own BM25 at the same k1/b.
 *
 * Tolerance 0.02 absolute: the two differ on purpose in the analyzer (Lucene's English analyzer:
 * Porter stemmer, 33 stop words; medir's: Snowball English, stopwords-iso) and in the query (BEIR's
 * multi_match over title and text, best_fields with tie_breaker 0.5; medir: one field of
 * title + " " + text). Published figures for these two setups differ by 0.004 on NFCorpus (BEIR's
 * Elasticsearch 0.325, medir 0.3208 in the README), while a broken load or query (a wrong field,
 * no analyzer, lost documents) moves nDCG@10 by far more than 0.02.
 */
const CLUSTERS = [
  ['opensearch', process.env.MEDIR_OPENSEARCH_URL],
  ['elasticsearch', process.env.MEDIR_ELASTICSEARCH_URL],
] as const;

for (const [retriever, url] of CLUSTERS) {
  const variable = retriever === 'opensearch' ? 'MEDIR_OPENSEARCH_URL' : 'MEDIR_ELASTICSEARCH_URL';
  describe.skipIf(!url)(`${retriever} on a real cluster (${url ? 'at $' + variable : `skipped: set ${variable} to run it`})`, () => {
    it('loads NFCorpus in BEIR\'s setting and ranks its test queries within 0.02 nDCG@10 of medir\'s BM25', async () => {
      const loc = { ...resolveLocations(), cache: tempDir('medir-real-cluster-cache-'), indexes: tempDir('medir-real-cluster-indexes-') };
      const dataset = await loadDataset('nfcorpus', {}, loc);
      const index = `medir-test-nfcorpus-${process.pid}`;
      const params = { url, index, replace: true };
      const def = retrieverDefinition(retriever);
      const loaded = await def.load!({ dataset, loc, params: readParams(def.params, params) });
      expect(loaded.manifest.corpus.documents).toBe(3633);
      const pool = new RetrieverPool();
      const cluster = await retrieve({ retriever, params }, { dataset, loc, topK: 100, pool });
      const bm25 = await retrieve({ retriever: 'bm25', params: { k1: 1.2, b: 0.75 } }, { dataset, loc, topK: 100, pool });
      const ndcg = (run: typeof cluster.run) => evaluate(dataset.qrels, run, { measures: ['ndcg@10'] }).aggregate.ndcg_cut_10!;
      const [theirs, ours] = [ndcg(cluster.run), ndcg(bm25.run)];
      console.log(`${retriever} nDCG@10 ${theirs.toFixed(4)}, medir bm25 (k1 1.2, b 0.75) ${ours.toFixed(4)}, |Δ| ${Math.abs(theirs - ours).toFixed(4)}`);
      expect(Math.abs(theirs - ours)).toBeLessThanOrEqual(0.02);
      expect(cluster.manifest.retriever.config).toMatchObject({ indices: { [index]: { shards: 1 } }, fields: { title: { analyzer: 'english' }, text: { analyzer: 'english' } } });
      const owner = new Cluster(retriever === 'opensearch' ? openSearchTransport : elasticsearchTransport, clusterEndpoint(url, index, 30));
      await owner.request({ method: 'DELETE', path: `/${index}` }, 'deleting the test index');
      await owner.close();
    }, 600_000);
  });
}

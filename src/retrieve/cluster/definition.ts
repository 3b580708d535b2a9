import { MedirError } from '../../core/errors.js';
import { flagName, type ParamSpec, type ParamValues } from '../../core/params.js';
import type { Query } from '../../core/types.js';
import { loadEmbedder } from '../../embed/embedder.js';
import { INDEX_FORMAT_VERSION, type IndexResult } from '../../index/manifest.js';
import { fileSha256, libraryVersion, MEDIR_VERSION } from '../../provenance/provenance.js';
import { defineRetriever, type RetrieverContext, type RetrieverDefinition } from '../retriever.js';
import { describeIndex, type IndexDescription } from './describe.js';
import { clusterEndpoint } from './endpoint.js';
import { loadCorpus } from './load.js';
import { lexicalQuery, msearch, searchBody, SEARCH_TYPES, type SearchPlan, type SearchType } from './search.js';
import { Cluster, type TransportFactory } from './transport.js';

/** What differs between OpenSearch and Elasticsearch: the client, and how a k-NN search is written. */
export interface ClusterEngine {
  name: string;
  description: string;
  /** The npm client whose version the manifest records. */
  library: string;
  transport: TransportFactory;
  /** The search body's k-NN part for a query vector (OpenSearch: a `knn` query; Elasticsearch: a top-level `knn`). */
  knn(field: string, vector: readonly number[], k: number): Record<string, unknown>;
}

const PARAMS: readonly ParamSpec[] = [
  { key: 'url', type: 'string', help: 'the cluster (http[s]://[user:pass@]host:port; or MEDIR_CLUSTER_USERNAME/PASSWORD, MEDIR_CLUSTER_API_KEY)' },
  { key: 'index', type: 'string', help: 'the index on the cluster' },
  { key: 'field', type: 'string', default: 'title,text', help: 'text field(s) searched with BM25, comma-separated (several: multi_match best_fields, tie_breaker 0.5, as BEIR)' },
  { key: 'searchType', type: 'string', default: 'query_then_fetch', choices: SEARCH_TYPES, help: 'dfs_query_then_fetch scores with statistics over all shards' },
  { key: 'idField', type: 'string', help: "keyword field with the document id: ties are then broken by it as medir does (medir's loader writes 'id'); default: _id" },
  { key: 'knnField', type: 'string', help: 'vector field: k-NN search with query vectors from --model instead of BM25' },
  { key: 'model', type: 'string', help: 'local embedding model for --knn-field (`medir models`); unused without it (dense retrievers share the flag)' },
  { key: 'timeout', type: 'number', default: 30, help: 'seconds to wait for each request' },
  { key: 'searchBatch', type: 'integer', min: 1, default: 128, help: 'queries per _msearch request (BEIR: 128)' },
  { key: 'analyzer', type: 'string', default: 'english', help: 'medir index: analyzer of title and text (BEIR: english)' },
  { key: 'k1', type: 'number', default: 1.2, help: "medir index: BM25 k1 (BEIR kept the engines' default, 1.2)" },
  { key: 'b', type: 'number', default: 0.75, help: "medir index: BM25 b (BEIR kept the engines' default, 0.75)" },
  { key: 'numberOfShards', type: 'integer', min: 1, default: 1, help: 'medir index: primary shards of the new index (BEIR: 1)' },
  { key: 'bulkBatch', type: 'integer', min: 1, default: 500, help: 'medir index: documents per _bulk request' },
  { key: 'replace', type: 'boolean', default: false, help: 'medir index: delete and reload an existing index of that name' },
];

function endpointOf(params: ParamValues) {
  return clusterEndpoint(params.url as string | undefined, params.index as string | undefined, params.timeout as number);
}

function fieldsOf(params: ParamValues): string[] {
  if (params.knnField) return [params.knnField as string];
  const fields = String(params.field).split(',').map((f) => f.trim());
  if (fields.some((f) => f === '')) throw new MedirError('BAD_OPTION', `${flagName('field')}: expected field names separated by commas, got '${String(params.field)}'`);
  return fields;
}

/** Opens a connection for one piece of work and always closes it (idle client sockets would keep the process alive). */
async function withCluster<T>(engine: ClusterEngine, params: ParamValues, work: (cluster: Cluster) => Promise<T>): Promise<T> {
  const cluster = new Cluster(engine.transport, endpointOf(params));
  try {
    return await work(cluster);
  } finally {
    await cluster.close();
  }
}

/** The remote index, described (never built: `load` does that); it must hold the dataset's corpus when medir loaded it. */
async function describe(engine: ClusterEngine, ctx: RetrieverContext): Promise<IndexResult> {
  const { params, dataset, loc } = ctx;
  const fields = fieldsOf(params);
  const description = await withCluster(engine, params, (cluster) => describeIndex(cluster, params.idField ? [...fields, params.idField as string] : fields));
  const sha256 = await fileSha256(dataset.corpus.source, loc);
  const endpoint = endpointOf(params);
  if (description.loadedBy && description.loadedBy.corpusSha256 !== sha256) {
    throw new MedirError('INDEX', `${endpoint.url} (index '${endpoint.index}'): holds the corpus ${description.loadedBy.corpus} (sha256 ${description.loadedBy.corpusSha256.slice(0, 12)}…), not ${dataset.corpus.source}`, 'run with the dataset that was loaded, or load this one into another --index');
  }
  return {
    dir: `${endpoint.url}/${endpoint.index}`,
    reused: true,
    manifest: {
      formatVersion: INDEX_FORMAT_VERSION,
      component: engine.name,
      config: description as unknown as Record<string, unknown>,
      corpus: { source: description.loadedBy?.corpus ?? '(unknown: not loaded by medir)', sha256: description.loadedBy?.corpusSha256 ?? '' },
      libraries: { [engine.library]: libraryVersion(engine.library) },
      medirVersion: MEDIR_VERSION,
      createdAt: new Date().toISOString(),
    },
  };
}

/** A search cluster as a retriever: each query one search for the top k, sent in `_msearch` batches. */
export function clusterRetriever(engine: ClusterEngine): RetrieverDefinition {
  return defineRetriever({
    name: engine.name,
    description: `an existing ${engine.description} index over HTTP: BM25 (or k-NN on a vector field) ranked by the cluster`,
    params: PARAMS,
    index: (ctx) => describe(engine, ctx),
    load: async ({ params, dataset, loc }) =>
      withCluster(engine, params, async (cluster) =>
        loadCorpus(cluster, dataset.corpus, await fileSha256(dataset.corpus.source, loc), {
          analyzer: params.analyzer as string,
          k1: params.k1 as number,
          b: params.b as number,
          shards: params.numberOfShards as number,
          batchSize: params.bulkBatch as number,
          replace: params.replace as boolean,
        }, engine.name),
      ),
    async open(ctx, index) {
      const { params, loc } = ctx;
      const endpoint = endpointOf(params);
      const description = index.manifest.config as unknown as IndexDescription;
      const plan: SearchPlan = { searchType: params.searchType as SearchType, ...(params.idField ? { idField: params.idField as string } : {}) };
      const batch = params.searchBatch as number;
      const knnField = params.knnField as string | undefined;
      const config = {
        retriever: engine.name,
        url: endpoint.url,
        index: endpoint.index,
        searchType: plan.searchType,
        idField: plan.idField ?? '_id',
        ...description,
        client: { [engine.library]: libraryVersion(engine.library) },
      };
      const search = (label: string, queryIds: readonly string[], bodyOf: (i: number) => Record<string, unknown>) =>
        withCluster(engine, params, (cluster) => msearch(cluster, queryIds, (from, to) => Array.from({ length: to - from }, (_, i) => bodyOf(from + i)), plan, batch, label));
      if (!knnField) {
        const fields = fieldsOf(params);
        return {
          name: engine.name,
          config: { ...config, query: fields.length === 1 ? 'match' : 'multi_match best_fields tie_breaker 0.5', queryFields: fields },
          retrieve: (queries: readonly Query[], topK: number) => search(`${engine.name} search`, queries.map((q) => q.id), (i) => searchBody(lexicalQuery(queries[i]!.text, fields), topK, plan)),
        };
      }
      if (!params.model) throw new MedirError('BAD_OPTION', `${flagName('knnField')} needs ${flagName('model')}: the local model that embeds the queries as the documents were`);
      const embedder = await loadEmbedder(params.model as string, loc);
      const dimension = description.fields[knnField]?.dimension;
      if (dimension !== embedder.dim) {
        throw new MedirError('BAD_OPTION', `${endpoint.url} (index '${endpoint.index}'): field '${knnField}' holds ${dimension ?? 'no'}-d vectors (type ${description.fields[knnField]?.type}) but model '${embedder.id}' gives ${embedder.dim}-d ones`);
      }
      const vectorSearch = (ids: readonly string[], vectors: readonly Float32Array[], topK: number) =>
        search(`${engine.name} k-NN search`, ids, (i) => searchBody(engine.knn(knnField, Array.from(vectors[i]!), topK), topK, plan, false));
      return {
        name: engine.name,
        config: { ...config, query: 'knn', knnField, embedder: embedder.config },
        retrieve: async (queries, topK) => vectorSearch(queries.map((q) => q.id), await embedder.embedQueries(queries.map((q) => q.text)), topK),
        vectors: { embedder, search: vectorSearch },
      };
    },
  });
}

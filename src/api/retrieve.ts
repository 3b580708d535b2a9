/**
 * Datasets and retrieval: load a dataset from the mirror (or a folder), build or reuse a BM25 or
 * dense index over its corpus, and search it. Indexes are directories named by a hash of
 * everything that changes their contents; an index built once is reused by the CLI and the API.
 *
 * @module medir/retrieve
 */
import { basename, dirname } from 'node:path';
import { MedirError } from '../core/errors.js';
import type { Corpus, Query, QuerySet, Run } from '../core/types.js';
import type { DatasetLayout } from '../mirror/cards.js';
import { loadDataset as loadDatasetFrom, type Dataset, type DatasetOptions } from '../data/datasets.js';
import { jsonlCorpus } from '../formats/beir.js';
import { sharedPool } from '../pipeline/retrievers.js';
import { retrieverDefinition } from '../retrieve/registry.js';
import { locationsFrom, type LocationOptions } from './locations.js';

export type { Corpus, Dataset, DatasetLayout, Query, QuerySet };

/** Which split, and optionally other queries, qrels or corpus files; plus where to look. */
export interface LoadDatasetOptions extends DatasetOptions, LocationOptions {}

/**
 * Loads a retrieval dataset by name (`nfcorpus`, `scifact`… from `medir datasets`, found in the
 * mirror or downloaded into the cache) or from a BEIR / R2MED folder: its corpus (streamed), the
 * queries judged in the split (default `test`) and their qrels.
 */
export function loadDataset(nameOrPath: string, opts: LoadDatasetOptions = {}): Promise<Dataset> {
  return loadDatasetFrom(nameOrPath, opts, locationsFrom(opts));
}

/** What can be indexed: a loaded dataset, a {@link Corpus}, or the path of a BEIR `corpus.jsonl`. */
export type CorpusSource = Dataset | Corpus | string;

/** A query to search: an id and its text (other fields are ignored). */
export interface SearchQuery {
  id: string;
  text: string;
}

/** An opened index. */
export interface SearchIndex {
  /** `bm25` or `dense`. */
  name: string;
  /** Everything that identifies this configuration, the index folder included (run manifests hold it). */
  config: Record<string, unknown>;
  /** The top `k` documents of each query, by query id. */
  search(queries: readonly SearchQuery[], k: number): Promise<Run>;
}

/** A dataset around a bare corpus: retrievers read only its name and corpus. */
function datasetOf(source: CorpusSource): Dataset {
  if (typeof source !== 'string' && 'qrels' in source) return source;
  const corpus = typeof source === 'string' ? jsonlCorpus(basename(dirname(source)), source) : source;
  return { name: corpus.name, dir: dirname(corpus.source), layout: 'beir', split: 'test', corpus, queries: { name: corpus.name, queries: [] }, qrels: new Map() };
}

const LOCATION_KEYS = new Set<string>(['mirror', 'cache', 'indexes', 'offline'] satisfies (keyof LocationOptions)[]);

/** Builds the index if it is missing (reusing it otherwise) and opens it. Unknown parameters are errors. */
async function openIndex(retriever: string, source: CorpusSource, opts: Record<string, unknown>): Promise<SearchIndex> {
  const params = Object.fromEntries(Object.entries(opts).filter(([key]) => !LOCATION_KEYS.has(key)));
  const def = retrieverDefinition(retriever);
  const known = new Set(def.params.map((p) => p.key));
  const unknown = Object.keys(params).filter((k) => !known.has(k));
  if (unknown.length) throw new MedirError('BAD_OPTION', `${retriever}: unknown parameter '${unknown[0]}'; valid: ${[...known, ...LOCATION_KEYS].join(', ')}`);
  const { retriever: opened } = await sharedPool.open(retriever, datasetOf(source), locationsFrom(opts as LocationOptions), params);
  return {
    name: opened.name,
    config: opened.config,
    search: (queries, k) => opened.retrieve(queries.map((q) => ({ id: q.id, text: q.text, meta: {} })), k),
  };
}

/** BM25 parameters; every one has the CLI's default (`medir run --help`). */
export interface Bm25Params extends LocationOptions {
  /** `fast` (typed arrays, default) or `wink` (reference). */
  engine?: string;
  /** BM25 formula: `lucene` (default), `robertson`, `atire`, `bm25l`, `bm25plus`. */
  variant?: string;
  k1?: number;
  b?: number;
  /** Lower bound of a present term's tf component (bm25l, bm25plus). */
  delta?: number;
  /** Analyzer language: `en` (default), `es`, `de`, `fr`, `it`, `pt`, `hi`, `zh`, `zh-words`, `plain`. */
  language?: string;
  /** Worker threads analysing documents while indexing. */
  threads?: number;
}

/**
 * A BM25 index over a corpus, built under `indexes` (or reused when nothing changed) and opened.
 *
 * @example
 * const index = await bm25Index(dataset, { k1: 0.9, b: 0.4 });
 * const run = await index.search(dataset.queries.queries, 100);
 */
export function bm25Index(source: CorpusSource, params: Bm25Params = {}): Promise<SearchIndex> {
  return openIndex('bm25', source, { ...params });
}

/** Dense-retrieval parameters (`medir run --retriever dense --help` lists them all). */
export interface DenseParams extends LocationOptions {
  /** A sentence-embedding model from `medir models`, or a model folder (default `glove-sg100-en-static`). */
  model?: string;
  /** `exact` (default), `hnsw` or `lancedb`. */
  vectorStore?: string;
  batchSize?: number;
  [param: string]: unknown;
}

/**
 * A dense index: the corpus embedded with a local ONNX model, in an exact, HNSW or LanceDB store.
 * The model loads when the index opens, not when medir is imported.
 */
export function denseIndex(source: CorpusSource, params: DenseParams = {}): Promise<SearchIndex> {
  return openIndex('dense', source, { ...params });
}

/**
 * The stages behind every command, for studies written in code: `retrieve` (index once, open, search),
 * `fuse`, `rerank`, `generate` and `evaluate`. Each stage's output is content-addressed — its key is
 * the hash of its inputs' keys and its own parameters — and stored under the cache, so calling a
 * stage again with the same inputs reads the stored output instead of recomputing it.
 *
 * @example
 * import { pipeline, loadDataset, locationsFrom } from 'medir';
 * const loc = locationsFrom();
 * const dataset = await loadDataset('nfcorpus');
 * const bm25 = await pipeline.retrieve({ retriever: 'bm25' }, { dataset, loc, topK: 100 });
 * const scores = await pipeline.evaluate(bm25, dataset.qrels, ['ndcg@10'], {}, loc);
 *
 * @module medir/pipeline
 */
export { retrieve, type RetrieveSpec, type RetrieveOptions, type RetrieveResult } from '../pipeline/retrieve.js';
export { fuse } from '../pipeline/fuse.js';
export { rerank, type Reranker, type RerankedRunManifest } from '../pipeline/rerank.js';
export { generate } from '../pipeline/generate.js';
export { evaluate, type Scores } from '../pipeline/evaluate.js';
export { stageCacheCounts, resetStageCacheCounts, type StageRun, type StageName } from '../pipeline/stage-cache.js';
export { createReranker } from '../rerank/registry.js';
export type { EvalResult } from '../evaluate/evaluator.js';
export type { RerankManifest } from '../rerank/rerank-run.js';
export type { RerankList } from '../rerank/reranker.js';
export type { RunManifest } from '../provenance/provenance.js';
export type { FuseOptions } from '../fuse/fuse.js';
export type { Generator, GenerateOptions, ScoredReply } from '../generate/generator.js';
export type { ChatMessage } from '../generate/messages.js';

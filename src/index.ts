/**
 * medir as a library: read and write runs and qrels, evaluate with trec_eval's semantics, compare
 * runs with paired tests, fuse them, load datasets and search BM25 and dense indexes. Each area is
 * also its own entry point (`medir/formats`, `medir/evaluate`, `medir/fuse`, `medir/retrieve`,
 * `medir/pipeline`).
 *
 * Nothing here keeps global state: where data, models, caches and indexes live is an options
 * object ({@link LocationOptions}) that defaults to the environment. Errors medir throws on purpose
 * are {@link MedirError}s with a stable `code`.
 *
 * @example
 * import { evaluate, readQrels, readRun } from 'medir';
 * const qrels = await readQrels('qrels.txt');
 * const { run } = await readRun('my.run');
 * console.log(evaluate(qrels, run, { measures: ['ndcg@10', 'map'] }).aggregate);
 *
 * @module medir
 */
export { MedirError, type ErrorCode } from './core/errors.js';
export type { Document } from './core/types.js';
export { locationsFrom, type LocationOptions } from './api/locations.js';
export type { Locations } from './mirror/locations.js';
export * from './api/formats.js';
export * from './api/evaluate.js';
export * from './api/fuse.js';
export * from './api/retrieve.js';

/** The stages (retrieve | fuse | rerank | generate | evaluate over content-addressed outputs); also `medir/pipeline`. */
export * as pipeline from './api/pipeline.js';

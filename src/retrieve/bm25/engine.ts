import type { Analyzer } from '../../analyze/registry.js';
import type { ScoredDoc } from '../../core/types.js';
import type { Bm25Params, Bm25VariantName } from './variants.js';

/** One document as an engine indexes it: its id and the text to analyze (title + " " + text). */
export interface IndexableDoc {
  id: string;
  text: string;
  /** The text already analyzed (a sharded build's merge, src/jobs): the fast engine then skips analysis. */
  terms?: readonly string[];
}

export interface Bm25Settings {
  variant: Bm25VariantName;
  params: Bm25Params;
  analyzer: Analyzer;
  /** The analyzer's registry code, so worker threads can build the same analyzer. */
  language: string;
  /** Threads building the index (1: the calling thread alone; see parallel-build.ts). */
  threads: number;
}

export interface Bm25Searcher {
  search(text: string, k: number): ScoredDoc[];
}

/** A way to build and query a BM25 index; both engines score with the same formulas (variants.ts). */
export interface Bm25Engine {
  /** Packages whose version changes what this engine writes (recorded in the index manifest). */
  libraries: readonly string[];
  /** Throws a BAD_OPTION MedirError for settings this engine cannot honour. */
  check(settings: Bm25Settings): void;
  /** Builds the index into `dir` (a fresh temp directory); returns stats for the manifest. */
  build(docs: AsyncIterable<IndexableDoc>, settings: Bm25Settings, dir: string): Promise<Record<string, unknown>>;
  open(dir: string, settings: Bm25Settings): Bm25Searcher;
}

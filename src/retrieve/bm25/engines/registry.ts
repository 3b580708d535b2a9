import type { Bm25Engine } from '../engine.js';
import { fast } from './fast.js';
import { wink } from './wink.js';

/** The BM25 engines behind `--engine`. Adding one = its file here + one line. */
export const BM25_ENGINES = {
  fast,
  wink,
} as const satisfies Record<string, Bm25Engine>;

export type Bm25EngineName = keyof typeof BM25_ENGINES;

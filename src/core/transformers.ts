/**
 * transformers.js, loaded on first use: importing it costs about 0.3 s and 30 MB, which commands
 * that never run a model (eval, compare, datasets, BM25 runs) should not pay at start-up.
 */
export type Transformers = typeof import('@huggingface/transformers');

let library: Promise<Transformers> | undefined;

export function loadTransformers(): Promise<Transformers> {
  return (library ??= import('@huggingface/transformers'));
}

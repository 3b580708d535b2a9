import { MedirError } from '../../core/errors.js';
import { documentText } from '../../core/types.js';
import { loadCrossEncoder, type CrossEncoderProfile } from '../cross-encoder-model.js';
import { defineReranker } from '../reranker.js';

/** A cross-encoder (sentence-transformers' CrossEncoder) scoring each (query, title + " " + text) pair. */
export const crossEncoder = defineReranker({
  name: 'cross-encoder',
  description: 'a cross-encoder model scores each (query, passage) pair',
  params: [
    { key: 'model', type: 'string', help: 'cross-encoder: a model name (see `medir models`) or an ONNX folder' },
    { key: 'batchSize', type: 'integer', default: 32, min: 1, help: 'pairs per forward pass' },
    { key: 'threads', type: 'integer', min: 1, help: 'onnxruntime threads (default: all cores)' },
    { key: 'maxLength', type: 'integer', min: 4, help: "tokens per pair (default: the model card's)" },
    { key: 'dtype', type: 'string', choices: ['fp32', 'q8'], help: "weights (default: the model card's)" },
  ],
  async create(params, loc) {
    const name = params.model as string | undefined;
    if (!name) throw new MedirError('BAD_OPTION', '--rerank: a cross-encoder model is required', 'run `medir models` to list the cross-encoders');
    const overrides: Partial<CrossEncoderProfile> = { maxLength: params.maxLength as number | undefined, dtype: params.dtype as CrossEncoderProfile['dtype'] | undefined };
    const model = await loadCrossEncoder(name, loc, overrides, { batchSize: params.batchSize as number, threads: params.threads as number | undefined });
    const before = { ...model.truncation };
    return {
      name: 'cross-encoder',
      config: model.model.config,
      async rerank(lists) {
        const queries = lists.flatMap((l) => l.docs.map(() => l.query.text));
        const flat = await model.score(queries, lists.flatMap((l) => l.docs.map(documentText)));
        let next = 0;
        return lists.map((l) => flat.slice(next, (next += l.docs.length)));
      },
      stats: () => ({
        pairs: model.truncation.pairs - before.pairs,
        truncated: model.truncation.truncated - before.truncated,
        maxLength: model.model.profile.maxLength,
        batchSize: params.batchSize as number,
      }),
    };
  },
});

import { MedirError } from '../../core/errors.js';
import { loadTransformers } from '../../core/transformers.js';
import { isLocalFolder, modelCard } from '../../mirror/cards.js';
import type { Locations } from '../../mirror/locations.js';
import { resolveArtifact } from '../../mirror/resolve.js';
import { resolve } from 'node:path';

/** Scores (premise, hypothesis) pairs: how well a passage supports a sentence, as a probability. */
export interface SupportScorer {
  model: string;
  score(pairs: readonly { passage: string; sentence: string }[]): Promise<number[]>;
}

/**
 * A cross-encoder (or NLI model with one relevance logit) through transformers.js, local files only:
 * σ(logit) of (passage, sentence). `tiny-random-bert-cross-encoder` has random weights: it exercises
 * the code path only, and its scores mean nothing.
 */
export async function loadSupportScorer(name: string, loc: Locations, batchSize = 16): Promise<SupportScorer> {
  const dir = isLocalFolder(name) ? resolve(name) : await (async () => {
    const card = modelCard(name);
    if (card.kind !== 'cross-encoder') throw new MedirError('BAD_OPTION', `--support-model ${name}: a model of kind '${card.kind}', not a cross-encoder`, 'run `medir models` to list cross-encoders');
    return resolveArtifact('models', card, loc);
  })();
  const { AutoTokenizer, AutoModelForSequenceClassification, env } = await loadTransformers();
  env.allowRemoteModels = false;
  let tokenizer, model;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
    model = await AutoModelForSequenceClassification.from_pretrained(dir, { local_files_only: true, dtype: 'fp32' });
  } catch (err) {
    throw new MedirError('MODEL', `${dir}: cannot load cross-encoder '${name}' (${(err as Error).message})`);
  }
  return {
    model: name,
    async score(pairs) {
      const out: number[] = [];
      for (let i = 0; i < pairs.length; i += batchSize) {
        const batch = pairs.slice(i, i + batchSize);
        const inputs = tokenizer(batch.map((p) => p.passage), { text_pair: batch.map((p) => p.sentence), padding: true, truncation: true });
        const { logits } = await model(inputs);
        const data = logits.data as Float32Array;
        const width = logits.dims[1];
        if (width !== 1) throw new MedirError('MODEL', `${dir}: '${name}' has ${width} outputs; citation support needs a cross-encoder with one relevance logit`);
        for (let r = 0; r < batch.length; r++) out.push(1 / (1 + Math.exp(-data[r])));
      }
      return out;
    },
  };
}

import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import { readJsonFile } from '../io/json-file.js';
import type { EmbeddingProfile, Pooling } from '../mirror/cards.js';

export type { EmbeddingProfile, Pooling };

export const POOLINGS: readonly Pooling[] = ['mean', 'cls'];
export const DTYPES: readonly EmbeddingProfile['dtype'][] = ['fp32', 'q8'];

export function readJson(file: string): Record<string, unknown> | undefined {
  return readJsonFile<Record<string, unknown>>(file, 'MODEL');
}

/**
 * The profile of a model folder without a card, read the way sentence-transformers lays it out:
 * pooling from `1_Pooling/config.json` (mean when absent), normalised (retrieval compares by
 * cosine), max length from `sentence_bert_config.json`, else the tokenizer's or the model's limit.
 */
export function folderProfile(dir: string): EmbeddingProfile {
  const pooling = readJson(join(dir, '1_Pooling', 'config.json'));
  const sbert = readJson(join(dir, 'sentence_bert_config.json'));
  const tokenizer = readJson(join(dir, 'tokenizer_config.json'));
  const config = readJson(join(dir, 'config.json'));
  const limits = [sbert?.max_seq_length, tokenizer?.model_max_length, config?.max_position_embeddings]
    .filter((n): n is number => Number.isInteger(n) && (n as number) >= 2 && (n as number) < 1e6);
  return {
    pooling: pooling?.pooling_mode_cls_token === true ? 'cls' : 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    maxLength: limits[0] ?? 512,
    dtype: 'fp32',
  };
}

/** Applies user overrides (`--pooling`, `--dtype`, `--max-length`, prefixes), checking each. */
export function withOverrides(base: EmbeddingProfile, overrides: Partial<EmbeddingProfile> = {}): EmbeddingProfile {
  const profile = { ...base };
  for (const [key, value] of Object.entries(overrides) as [keyof EmbeddingProfile, unknown][]) {
    if (value !== undefined) (profile as Record<string, unknown>)[key] = value;
  }
  if (!POOLINGS.includes(profile.pooling)) throw new MedirError('BAD_OPTION', `--pooling: unknown value '${profile.pooling}'; valid: ${POOLINGS.join(', ')}`);
  if (!DTYPES.includes(profile.dtype)) throw new MedirError('BAD_OPTION', `--dtype: unknown value '${profile.dtype}'; valid: ${DTYPES.join(', ')}`);
  if (!Number.isInteger(profile.maxLength) || profile.maxLength < 2) {
    throw new MedirError('BAD_OPTION', `--max-length: expected an integer ≥ 2, got '${profile.maxLength}'`);
  }
  return profile;
}

import { describe, expect, it } from 'vitest';
import { folderProfile, withOverrides } from '../../src/embed/profile.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe('folderProfile', () => {
  it('reads CLS pooling and max length the sentence-transformers way', () => {
    const dir = writeTree(tempDir(), {
      '1_Pooling/config.json': JSON.stringify({ word_embedding_dimension: 8, pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }),
      'sentence_bert_config.json': JSON.stringify({ max_seq_length: 384, do_lower_case: false }),
      'tokenizer_config.json': JSON.stringify({ model_max_length: 512 }),
    });
    expect(folderProfile(dir)).toEqual({ pooling: 'cls', normalize: true, queryPrefix: '', passagePrefix: '', maxLength: 384, dtype: 'fp32' });
  });

  it('falls back to mean pooling, normalised, and the model limit when no pooling config exists', () => {
    const dir = writeTree(tempDir(), {
      // transformers writes a huge sentinel when the tokenizer has no limit: it must be skipped.
      'tokenizer_config.json': JSON.stringify({ model_max_length: 1e30 }),
      'config.json': JSON.stringify({ max_position_embeddings: 128 }),
    });
    expect(folderProfile(dir)).toMatchObject({ pooling: 'mean', normalize: true, maxLength: 128 });
  });

  it('names the file when a config is not JSON', () => {
    const dir = writeTree(tempDir(), { '1_Pooling/config.json': '{oops' });
    expect(() => folderProfile(dir)).toThrow(/1_Pooling\/config\.json: invalid JSON/);
  });
});

describe('withOverrides', () => {
  const base = { pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', maxLength: 512, dtype: 'fp32' } as const;

  it('replaces only what is given', () => {
    expect(withOverrides(base, { pooling: 'cls', queryPrefix: 'query: ', maxLength: undefined })).toEqual({ ...base, pooling: 'cls', queryPrefix: 'query: ' });
  });

  it.each([
    [{ pooling: 'max' }, /--pooling: unknown value 'max'; valid: mean, cls/],
    [{ dtype: 'fp16' }, /--dtype: unknown value 'fp16'/],
    [{ maxLength: 1 }, /--max-length/],
  ])('rejects %o', (overrides, message) => {
    expect(() => withOverrides(base, overrides as never)).toThrow(message);
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_TOLERANCE, loadEmbedder, resolveEmbeddingModel } from '../../src/embed/embedder.js';
import { resolveLocations } from '../../src/mirror/locations.js';

const loc = resolveLocations();
const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
const realFetch = globalThis.fetch;

// The mirror holds every model used here: loading must not reach for the network at all.
beforeAll(() => {
  globalThis.fetch = () => Promise.reject(new Error('network touched'));
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

describe('glove-sg100-en-static (real pretrained vectors)', () => {
  it('states its profile and width', async () => {
    const e = await loadEmbedder('glove-sg100-en-static', loc);
    expect(e.dim).toBe(100);
    expect(e.profile).toMatchObject({ pooling: 'mean', normalize: true });
    expect(e.config).toMatchObject({ model: 'glove-sg100-en-static', files: { 'onnx/model.onnx': '727aade0e2d87a972da31b75ae5223ab781936b8b73a596fe21b8bb5cc4b354b' } });
  });

  it('ranks a medical paraphrase above an unrelated phrase (values from the model README)', async () => {
    const e = await loadEmbedder('glove-sg100-en-static', loc);
    const [heart, mi, tax] = await e.embedQueries(['heart attack', 'myocardial infarction', 'tax return']);
    expect(cos(heart, heart)).toBeCloseTo(1, 5);
    expect(cos(heart, mi)).toBeCloseTo(0.545, 2);
    expect(cos(heart, tax)).toBeCloseTo(0.013, 2);
  });

  it('gives the zero vector, not NaN, for a text with no known word', async () => {
    const e = await loadEmbedder('glove-sg100-en-static', loc);
    const [none, some] = await e.embedDocuments(['?!? ... ###', 'aspirin']);
    expect([...none].every((x) => x === 0)).toBe(true);
    expect(cos(none, some)).toBe(0);
  });

  it('has no int8 file: --dtype q8 names the missing file', async () => {
    await expect(loadEmbedder('glove-sg100-en-static', loc, { dtype: 'q8' })).rejects.toThrow(/onnx\/model_quantized\.onnx: no such file/);
  });
});

describe('tiny-random-bert-embed (BERT code paths)', () => {
  const texts = ['The Licensor grants you a license.', 'Héllo, World! Redistribution of SOFTWARE', 'short', 'a somewhat longer sentence about the terms of the license and its conditions'];

  it('gives the same vectors batched and one at a time', async () => {
    const batched = await (await loadEmbedder('tiny-random-bert-embed', loc, {}, { batchSize: 4 })).embedDocuments(texts);
    const single = await (await loadEmbedder('tiny-random-bert-embed', loc, {}, { batchSize: 1 })).embedDocuments(texts);
    expect(batched[0]).toHaveLength(32);
    batched.forEach((v, i) => v.forEach((x, d) => expect(Math.abs(x - single[i][d])).toBeLessThan(BATCH_TOLERANCE)));
    // Different texts give different vectors (the model is random, not constant).
    expect(cos(batched[0], batched[1])).toBeLessThan(0.9999);
  });

  it('counts the texts it cuts at max length', async () => {
    const e = await loadEmbedder('tiny-random-bert-embed', loc, { maxLength: 8 });
    const before = { ...e.truncation };
    await e.embedDocuments(['short', 'license '.repeat(20), 'grants you', 'redistribution of software '.repeat(5)]);
    expect(e.truncation.texts - before.texts).toBe(4);
    expect(e.truncation.truncated - before.truncated).toBe(2);
  });

  it('cuts a long text the way Hugging Face tokenizers do: the closing [SEP] is kept', async () => {
    const [cut] = await (await loadEmbedder('tiny-random-bert-embed', loc, { maxLength: 8 })).embedDocuments(['license '.repeat(20)]);
    // [CLS] + 6 × license + [SEP] is exactly 8 tokens: nothing to cut there.
    const [six] = await (await loadEmbedder('tiny-random-bert-embed', loc)).embedDocuments(['license '.repeat(6)]);
    cut.forEach((x, d) => expect(x).toBeCloseTo(six[d], 6));
  });

  it('applies the query and passage prefixes', async () => {
    const e = await loadEmbedder('tiny-random-bert-embed', loc, { queryPrefix: 'query: ', passagePrefix: 'passage: ' });
    const [q] = await e.embedQueries(['license']);
    const [p] = await e.embedDocuments(['license']);
    const [prefixed] = await (await loadEmbedder('tiny-random-bert-embed', loc)).embedDocuments(['query: license']);
    expect(cos(q, p)).toBeLessThan(0.9999);
    q.forEach((x, d) => expect(x).toBeCloseTo(prefixed[d], 5));
  });

  it('loads the int8 weights with --dtype q8: close to fp32, not identical', async () => {
    const [fp32] = await (await loadEmbedder('tiny-random-bert-embed', loc)).embedDocuments([texts[0]]);
    const [q8] = await (await loadEmbedder('tiny-random-bert-embed', loc, { dtype: 'q8' })).embedDocuments([texts[0]]);
    expect(cos(fp32, q8)).toBeGreaterThan(0.99);
    expect(fp32.some((x, d) => x !== q8[d])).toBe(true);
  });

  it('CLS pooling changes the vector', async () => {
    const [mean] = await (await loadEmbedder('tiny-random-bert-embed', loc)).embedDocuments([texts[0]]);
    const [cls] = await (await loadEmbedder('tiny-random-bert-embed', loc, { pooling: 'cls' })).embedDocuments([texts[0]]);
    expect(cos(mean, cls)).toBeLessThan(0.9999);
  });

  it('loads a model folder by path, its pooling from 1_Pooling/config.json', async () => {
    const dir = join(loc.mirrors[0], 'models', 'tiny-random-bert-embed');
    const byPath = await loadEmbedder(dir, loc);
    expect(byPath.id).toBe(dir);
    expect(byPath.profile).toMatchObject({ pooling: 'mean', normalize: true, maxLength: 128 });
    const [a] = await byPath.embedDocuments([texts[1]]);
    const [b] = await (await loadEmbedder('tiny-random-bert-embed', loc)).embedDocuments([texts[1]]);
    a.forEach((x, d) => expect(x).toBeCloseTo(b[d], 6));
  });
});

describe('bad models', () => {
  it.each([
    ['no-such-model', /unknown model 'no-such-model'; valid: .*glove-sg100-en-static/],
    ['tiny-random-bert-cross-encoder', /--model: 'tiny-random-bert-cross-encoder' is a cross-encoder model, not a sentence-embedding model/],
    ['./no/such/folder', /no\/such\/folder: no such model folder/],
  ])('%s', async (name, message) => {
    await expect(resolveEmbeddingModel(name, loc)).rejects.toThrow(message);
  });
});

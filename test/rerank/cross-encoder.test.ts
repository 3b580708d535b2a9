import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activate, loadCrossEncoder, resolveCrossEncoder } from '../../src/rerank/cross-encoder-model.js';
import { longestFirst, type PairEncoder } from '../../src/rerank/pair-encoding.js';
import { resolveLocations } from '../../src/mirror/locations.js';

const loc = resolveLocations();

/** Made once by bench/rerank/make-fixture.py with onnxruntime + tokenizers in Python. */
interface FixturePair {
  query: string;
  passage: string;
  inputIds: number[];
  tokenTypeIds: number[];
  truncated: boolean;
  logit: number;
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'tiny-cross-encoder-logits.json'), 'utf8')) as { maxLength: number; pairs: FixturePair[] };

describe('tiny-random-bert-cross-encoder against onnxruntime-Python', () => {
  it.each([1, 3, 32])('gives the same logits (to 1e-6) with batch size %i, long pairs cut longest_first', async (batchSize) => {
    const ce = await loadCrossEncoder('tiny-random-bert-cross-encoder', loc, {}, { batchSize });
    const scores = await ce.score(fixture.pairs.map((p) => p.query), fixture.pairs.map((p) => p.passage));
    fixture.pairs.forEach((p, i) => expect(Math.abs(scores[i] - p.logit), `pair ${i}`).toBeLessThan(1e-6));
    const truncated = fixture.pairs.filter((p) => p.truncated).length;
    expect(truncated).toBeGreaterThan(2);
    expect(ce.truncation.truncated / ce.truncation.pairs).toBeCloseTo(truncated / fixture.pairs.length, 9);
  });

  it('builds the same token ids and token types as the tokenizers package, from passage heads or whole passages', async () => {
    const ce = await loadCrossEncoder('tiny-random-bert-cross-encoder', loc);
    const encoder = (ce as unknown as { encoder: PairEncoder }).encoder;
    let wholeAsked = 0;
    for (const p of fixture.pairs) {
      const whole = () => (wholeAsked++, encoder.tokens(p.passage).tokens);
      const expected = { inputIds: p.inputIds, tokenTypeIds: p.tokenTypeIds, truncated: p.truncated };
      expect(encoder.encode(encoder.tokens(p.query).tokens, encoder.head(p.passage), whole)).toEqual(expected);
      expect(encoder.encode(encoder.tokens(p.query).tokens, encoder.tokens(p.passage), whole)).toEqual(expected);
    }
    // A query longer than a passage's head needs the whole passage to cut longest_first right.
    const longQuery = encoder.tokens('aspirin '.repeat(300)).tokens;
    const passage = 'stroke prevention '.repeat(150);
    expect(encoder.head(passage).complete).toBe(false);
    const before = wholeAsked;
    const viaHead = encoder.encode(longQuery, encoder.head(passage), () => (wholeAsked++, encoder.tokens(passage).tokens));
    expect(wholeAsked).toBe(before + 1);
    expect(viaHead).toEqual(encoder.encode(longQuery, encoder.tokens(passage), () => []));
  });
});

describe('longest_first truncation', () => {
  it.each([
    [10, 12, 11, [5, 6]],
    [12, 10, 11, [6, 5]],
    [7, 7, 11, [5, 6]],
    [2, 15, 10, [2, 8]],
    [15, 2, 10, [8, 2]],
    [3, 4, 10, [3, 4]],
  ])('(%i, %i) in %i tokens keeps %j', (n1, n2, budget, want) => {
    expect(longestFirst(n1, n2, budget)).toEqual(want);
  });
});

describe('cross-encoder profiles', () => {
  it('reads its profile from the card and pins the weights by sha256', async () => {
    const m = await resolveCrossEncoder('bench-minilm-l6-cross-shape', loc);
    expect(m.profile).toEqual({ maxLength: 512, activation: 'raw', label: 0, queryPrefix: '', passagePrefix: '', dtype: 'fp32' });
    expect(m.config).toMatchObject({ files: { 'onnx/model.onnx': '093ad72ec4d9097208b1635be6bdc8affcac103f202944ade1f269a0e4f97b88' } });
  });

  it('refuses an embedding model, an unknown activation and a missing q8 file', async () => {
    await expect(resolveCrossEncoder('tiny-random-bert-embed', loc)).rejects.toThrow(/--rerank: 'tiny-random-bert-embed' is a embedding model, not a cross-encoder/);
    await expect(resolveCrossEncoder('tiny-random-bert-cross-encoder', loc, { activation: 'tanh' as never })).rejects.toThrow(/--rerank-activation: unknown value 'tanh'/);
    await expect(resolveCrossEncoder('bench-minilm-l6-cross-shape', loc, { dtype: 'q8' })).rejects.toThrow(/model_quantized\.onnx: no such file/);
  });

  it('applies sigmoid and softmax to the relevant label', () => {
    const logits = Float32Array.from([0, 2, 1, -1]);
    expect(activate(logits, 1, { activation: 'raw', label: 0 })).toEqual([0, 2, 1, -1]);
    expect(activate(logits, 1, { activation: 'sigmoid', label: 0 })[1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    const soft = activate(logits, 2, { activation: 'softmax', label: 1 });
    expect(soft[0]).toBeCloseTo(Math.exp(2) / (1 + Math.exp(2)), 6);
    expect(soft[1]).toBeCloseTo(Math.exp(-1) / (Math.exp(1) + Math.exp(-1)), 6);
    expect(() => activate(logits, 2, { activation: 'raw', label: 2 })).toThrow(/label 2 does not exist: the model has 2 logit/);
  });
});

describe('q8 weights', () => {
  it('loads model_quantized.onnx with --rerank-dtype q8, pins it, and scores close to fp32', async () => {
    const q8 = await loadCrossEncoder('tiny-random-bert-cross-encoder', loc, { dtype: 'q8' });
    expect(q8.model.config).toMatchObject({ files: { 'onnx/model_quantized.onnx': 'b81cce7bb433861b9e5a4fb9ec906880785a3ecb8bf249c1849dd40f10a2ca6c' } });
    const pairs = fixture.pairs.slice(0, 4);
    const scores = await q8.score(pairs.map((p) => p.query), pairs.map((p) => p.passage));
    scores.forEach((s, i) => expect(Math.abs(s - pairs[i].logit)).toBeLessThan(1e-3));
    // …but not equal: the int8 weights were really used.
    expect(Math.max(...scores.map((s, i) => Math.abs(s - pairs[i].logit)))).toBeGreaterThan(1e-7);
  });
});

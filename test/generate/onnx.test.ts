import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../src/generate/generator.js';
import { resolveLocations } from '../../src/mirror/locations.js';

// tiny-random-gpt2 has random weights: these tests pin the code path (loading, greedy decoding,
// context window, stop sequences), never the quality of its text.
const loc = resolveLocations();

describe('onnx generator (tiny-random-gpt2)', () => {
  it('decodes greedily as the mirror README records and returns only the new text', async () => {
    const gen = await createGenerator('onnx', { llmModel: 'tiny-random-gpt2', maxTokens: 5 }, loc);
    // README: 'The license grants' + 5 greedy tokens → "The license grantsssfinfinfin".
    expect(await gen.generate('The license grants')).toBe('ssfinfinfin');
    expect(gen.config).toMatchObject({ model: 'tiny-random-gpt2', dtype: 'fp32', decoding: 'greedy', contextLength: 128 });
  });

  it('q8 weights load and carry another identity', async () => {
    const fp32 = await createGenerator('onnx', { llmModel: 'tiny-random-gpt2' }, loc);
    const q8 = await createGenerator('onnx', { llmModel: 'tiny-random-gpt2', llmDtype: 'q8' }, loc);
    expect(typeof (await q8.generate('The license grants', { maxTokens: 3 }))).toBe('string');
    expect(q8.config.weightsSha256).not.toBe(fp32.config.weightsSha256);
  });

  it('cuts an over-long prompt from the left to fit the 128-token window, and counts it', async () => {
    const gen = await createGenerator('onnx', { llmModel: 'tiny-random-gpt2', maxTokens: 8 }, loc);
    const long = 'the license grants you the right to copy '.repeat(40);
    expect(gen.countTokens!(long)).toBeGreaterThan(128);
    const reply = await gen.generate(long);
    expect(reply.length).toBeGreaterThan(0);
    expect(gen.stats?.()).toEqual({ truncatedPrompts: 1 });
    // A prompt that fits is not counted.
    await gen.generate('short prompt');
    expect(gen.stats?.()).toEqual({ truncatedPrompts: 1 });
  });

  it('ends the reply before a stop sequence', async () => {
    const gen = await createGenerator('onnx', { llmModel: 'tiny-random-gpt2', maxTokens: 5 }, loc);
    expect(await gen.generate('The license grants', { stop: ['fin'] })).toBe('ss');
  });

  it('refuses sampling it cannot seed, and non-generator models', async () => {
    const gen = await createGenerator('onnx', { llmModel: 'tiny-random-gpt2' }, loc);
    await expect(gen.generate('x', { temperature: 0.7 })).rejects.toThrow(/decodes greedily only/);
    await expect(createGenerator('onnx', { llmModel: 'tiny-random-bert-embed' }, loc)).rejects.toThrow(/a model of kind 'embedding', not a text generator/);
  });

  it('baseline readers are not text generators (they live in rag/readers/)', async () => {
    await expect(createGenerator('majority', {}, loc)).rejects.toThrow(/unknown generator 'majority'; valid: openai-compatible, onnx/);
    await expect(createGenerator('gpt5', {}, loc)).rejects.toThrow(/unknown generator 'gpt5'; valid: openai-compatible, onnx$/);
  });
});

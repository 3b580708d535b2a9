import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MedirError } from '../../src/core/errors.js';
import { createGenerator } from '../../src/generate/generator.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { startFakeOpenAI, type Fault } from '../generate/fake-openai.js';
import { bounded, outcome, params, textArb } from './fuzz.js';

const settings = { retries: 0, retryBaseMs: 1, timeoutMs: 2000, llmModel: 'm' };

describe('generator replies', () => {
  it('a well-formed body gives exactly its choices[0].message.content', async () => {
    const faults: Fault[] = [];
    const server = await startFakeOpenAI(faults);
    const gen = await createGenerator('openai-compatible', { ...settings, baseUrl: server.baseUrl }, resolveLocations());
    const bodyArb = fc.record({ content: textArb, extra: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) });
    await fc.assert(
      fc.asyncProperty(bodyArb, async ({ content, extra }) => {
        faults.push({ body: JSON.stringify({ ...extra, choices: [{ index: 0, message: { role: 'assistant', content } }] }) });
        expect(await bounded(() => gen.generate('q'))).toBe(content);
      }),
      params(),
    );
  });

  it('any other body is a MedirError naming the endpoint, never a crash or an answer', async () => {
    const faults: Fault[] = [];
    const server = await startFakeOpenAI(faults);
    const gen = await createGenerator('openai-compatible', { ...settings, baseUrl: server.baseUrl }, resolveLocations());
    const junkArb = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.jsonValue({ maxDepth: 2 }).map((content) => JSON.stringify({ choices: [{ message: { content } }] })),
    );
    await fc.assert(
      fc.asyncProperty(junkArb, async (body) => {
        let content: unknown;
        try {
          content = JSON.parse(body)?.choices?.[0]?.message?.content;
        } catch {
          content = undefined;
        }
        faults.push({ body });
        const result = await outcome(() => gen.generate('q'));
        if (typeof content === 'string') {
          expect(result).toEqual({ value: content });
          return;
        }
        expect('error' in result).toBe(true);
        const error = (result as { error: unknown }).error;
        if (!(error instanceof MedirError)) throw error;
        expect(error.message.startsWith(`${server.baseUrl}/chat/completions: `)).toBe(true);
      }),
      params(),
    );
  });
});

import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MedirError } from '../../src/core/errors.js';
import { createGenerator } from '../../src/generate/generator.js';
import { mapLimit } from '../../src/generate/limit.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { replyFor, startFakeOpenAI, type Fault } from './fake-openai.js';

const loc = resolveLocations();
const fast = { retryBaseMs: 5, timeoutMs: 300, llmModel: 'test-model' };

describe('openai-compatible generator', () => {
  it('sends model, messages and sampling settings, and returns the reply text', async () => {
    const server = await startFakeOpenAI();
    const gen = await createGenerator('openai-compatible', { ...fast, baseUrl: server.baseUrl, temperature: 0.2, maxTokens: 7, seed: 3, stop: 'END|###' }, loc);
    const reply = await gen.generate([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }]);
    expect(reply).toBe(replyFor('hello'));
    const body = server.received[0].body;
    expect(body).toMatchObject({ model: 'test-model', temperature: 0.2, max_tokens: 7, seed: 3, stop: ['END', '###'] });
    expect(body.messages).toEqual([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }]);
  });

  it('survives 429, 500, 503, a timeout and malformed JSON without losing or duplicating an answer', async () => {
    const faults: Fault[] = [429, 500, 'timeout', 'malformed', 503, 429, 'malformed', 500];
    const server = await startFakeOpenAI(faults);
    // A timeout long enough that only the held request times out, even on a loaded machine.
    const gen = await createGenerator('openai-compatible', { ...fast, timeoutMs: 2000, baseUrl: server.baseUrl, concurrency: 3, retries: 6 }, loc);
    const prompts = Array.from({ length: 12 }, (_, i) => `question ${i}`);
    const replies = await mapLimit(prompts, 3, (p) => gen.generate(p));
    expect(replies).toEqual(prompts.map(replyFor));
    // Every prompt answered exactly once by the server; the 8 faults cost 8 extra requests.
    expect([...server.answered].sort()).toEqual([...prompts].sort());
    expect(server.received).toHaveLength(prompts.length + 8);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    // Each reply takes 100 ms; a request counts as in flight for that long after it arrives.
    const server = await startFakeOpenAI([], { delayMs: 100 });
    let inFlight = 0;
    let most = 0;
    server.onRequest = () => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => inFlight--, 100);
    };
    const gen = await createGenerator('openai-compatible', { ...fast, baseUrl: server.baseUrl, concurrency: 2 }, loc);
    await Promise.all(Array.from({ length: 8 }, (_, i) => gen.generate(`q${i}`)));
    expect(most).toBe(2);
  });

  it('gives up with a GENERATOR error after its retries, naming the last fault', async () => {
    const server = await startFakeOpenAI([500, 500, 500]);
    const gen = await createGenerator('openai-compatible', { ...fast, baseUrl: server.baseUrl, retries: 2 }, loc);
    const err = await gen.generate('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MedirError);
    expect((err as MedirError).code).toBe('GENERATOR');
    expect((err as MedirError).message).toMatch(/gave up after 3 attempts; last: HTTP 500/);
    expect(server.received).toHaveLength(3);
  });

  it('does not retry a 4xx other than 429, and shows the server\'s message', async () => {
    const server = await startFakeOpenAI([400]);
    const gen = await createGenerator('openai-compatible', { ...fast, baseUrl: server.baseUrl }, loc);
    await expect(gen.generate('x')).rejects.toThrow(/HTTP 400: .*unknown model/);
    expect(server.received).toHaveLength(1);
  });

  it('does not follow a redirect: the prompt is never re-sent to another address, and the error says so', async () => {
    const elsewhere = await startFakeOpenAI();
    const server = await startFakeOpenAI([{ redirect: `${elsewhere.baseUrl}/chat/completions` }]);
    const gen = await createGenerator('openai-compatible', { ...fast, baseUrl: server.baseUrl }, loc);
    await expect(gen.generate('Patient Jones, 54, chest pain')).rejects.toThrow(/HTTP 307 redirect to http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: not followed/);
    expect(server.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
  });

  it('retries a refused connection, then names it', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const gen = await createGenerator('openai-compatible', { ...fast, baseUrl: `http://127.0.0.1:${port}/v1`, retries: 1 }, loc);
    await expect(gen.generate('x')).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port}/v1/chat/completions: gave up after 2 attempts; last: .*ECONNREFUSED`));
  });

  it('reads the API key from the named env var into the header only, never into config', async () => {
    const server = await startFakeOpenAI();
    process.env.MEDIR_TEST_KEY = 'sk-secret-123';
    try {
      const gen = await createGenerator('openai-compatible', { ...fast, baseUrl: server.baseUrl, apiKeyEnv: 'MEDIR_TEST_KEY' }, loc);
      await gen.generate('hi');
      expect(server.received[0].authorization).toBe('Bearer sk-secret-123');
      expect(JSON.stringify(gen.config)).not.toContain('sk-secret');
    } finally {
      delete process.env.MEDIR_TEST_KEY;
    }
  });

  it('requires --llm-model', async () => {
    await expect(createGenerator('openai-compatible', {}, loc)).rejects.toThrow(/--llm-model is required/);
  });
});

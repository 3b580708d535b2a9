import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedGenerator } from '../../src/generate/cache.js';
import { createGenerator, type Generator } from '../../src/generate/generator.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { tempDir } from '../helpers/tmp.js';
import { replyFor, startFakeOpenAI } from './fake-openai.js';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile());
}

describe('generation cache', () => {
  it('a rerun makes no calls; another prompt, option or config does', async () => {
    const server = await startFakeOpenAI();
    const dir = tempDir();
    const make = async (temperature: number) =>
      cachedGenerator(await createGenerator('openai-compatible', { baseUrl: server.baseUrl, llmModel: 'm', temperature }, resolveLocations()), dir);
    const first = await make(0);
    expect(await first.generate('a')).toBe(replyFor('a'));
    expect(await first.generate('b', { maxTokens: 5 })).toBe(replyFor('b'));
    expect(server.received).toHaveLength(2);

    const again = await make(0);
    expect(await again.generate('a')).toBe(replyFor('a'));
    expect(await again.generate('b', { maxTokens: 5 })).toBe(replyFor('b'));
    expect(server.received).toHaveLength(2);
    expect(again.stats?.()).toMatchObject({ cacheHits: 2, calls: 0 });

    await again.generate('b', { maxTokens: 6 });
    await (await make(0.7)).generate('a');
    expect(server.received).toHaveLength(4);
  });

  it('shares one call between identical prompts in flight', async () => {
    let calls = 0;
    const slow: Generator = {
      id: 'slow',
      config: {},
      generate: async (p) => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return `r:${String(p)}`;
      },
    };
    const gen = cachedGenerator(slow, tempDir());
    expect(await Promise.all([gen.generate('x'), gen.generate('x'), gen.generate('y')])).toEqual(['r:x', 'r:x', 'r:y']);
    expect(calls).toBe(2);
  });

  it('a failed call caches nothing, so the retry reaches the model', async () => {
    let fail = true;
    const flaky: Generator = {
      id: 'flaky',
      config: {},
      generate: async () => {
        if (fail) throw new Error('down');
        return 'ok';
      },
    };
    const dir = tempDir();
    const gen = cachedGenerator(flaky, dir);
    await expect(gen.generate('p')).rejects.toThrow('down');
    expect(files(dir)).toEqual([]);
    fail = false;
    expect(await gen.generate('p')).toBe('ok');
    expect(files(dir)).toHaveLength(1);
  });

  it('never writes the API key into the cache', async () => {
    const server = await startFakeOpenAI();
    const dir = tempDir();
    process.env.MEDIR_TEST_CACHE_KEY = 'sk-cache-secret';
    try {
      const gen = cachedGenerator(await createGenerator('openai-compatible', { baseUrl: server.baseUrl, llmModel: 'm', apiKeyEnv: 'MEDIR_TEST_CACHE_KEY' }, resolveLocations()), dir);
      await gen.generate('hello');
    } finally {
      delete process.env.MEDIR_TEST_CACHE_KEY;
    }
    const written = files(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(written).toContain(replyFor('hello'));
    expect(written).not.toContain('sk-cache-secret');
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../src/generate/generator.js';
import { cachedGenerator } from '../../src/generate/cache.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { TRANSLATORS, translatorDefinition } from '../../src/translate/registry.js';
import { translateQueries } from '../../src/translate/stage.js';
import { startFakeOpenAI } from '../generate/fake-openai.js';
import { tempDir } from '../helpers/tmp.js';

/** The seam and helpers of src/translate; every other file is one translator. */
const INFRASTRUCTURE = ['translator.ts', 'registry.ts', 'stage.ts'];

describe('translator registry', () => {
  it('lists exactly the translator files of src/translate, each under its own name', () => {
    const files = readdirSync(join(PACKAGE_ROOT, 'src', 'translate')).filter((f) => f.endsWith('.ts') && !INFRASTRUCTURE.includes(f)).map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(TRANSLATORS).sort()).toEqual(files.sort());
    for (const [name, def] of Object.entries(TRANSLATORS)) expect(def.name).toBe(name);
    expect(() => translatorDefinition('babel')).toThrow("unknown translator 'babel'; valid: dictionary, llm");
  });

  it('says why a translator cannot serve a language', () => {
    const ctx = { loc: resolveLocations() };
    expect(TRANSLATORS.dictionary.supports('es', ctx)).toBe(true);
    expect(TRANSLATORS.dictionary.supports('zh', ctx)).toBe('no zh→en dictionary');
    expect(TRANSLATORS.llm.supports('zh', ctx)).toBe('no generator configured (--generator)');
  });
});

describe('LLM translator through the generator seam', () => {
  it('prompts with language names, keeps query metadata, and a rerun is served from the cache', async () => {
    const server = await startFakeOpenAI();
    const loc = resolveLocations();
    const cache = tempDir();
    const generator = async () => cachedGenerator(await createGenerator('openai-compatible', { baseUrl: server.baseUrl, llmModel: 'm' }, loc), cache);
    const queries = [
      { id: '1-es', text: '¿Dejar de tegretol?', meta: { lang: 'es', group: '1' } },
      { id: '2-es', text: 'dolor de cabeza', meta: { lang: 'es', group: '2' } },
    ];
    const first = await TRANSLATORS.llm.create('es', { loc, generator: await generator() });
    const { queries: translated, searched } = await translateQueries(first, queries, 'es', 'en');
    expect(server.received).toHaveLength(2);
    const prompt = server.received[0].body.messages;
    expect(prompt[0]).toEqual({ role: 'system', content: 'You are a professional medical translator.' });
    expect(prompt[1].content).toContain('Translate this Spanish medical question into English.');
    // The fake server echoes the user message: the translation is derived from the query asked.
    expect(translated[0].text).toMatch(/^echo: .*¿Dejar de tegretol\?$/s);
    expect(translated[1]).toMatchObject({ id: '2-es', meta: { lang: 'es', group: '2' } });
    expect(searched[1]).toEqual({ id: '2-es', lang: 'es', text: 'dolor de cabeza', searched: translated[1].text });
    expect(first.config).toMatchObject({ translator: 'llm', model: 'm', prompt: { version: 'rewrite/translate/v1' } });

    const again = await TRANSLATORS.llm.create('es', { loc, generator: await generator() });
    expect((await translateQueries(again, queries, 'es', 'en')).queries.map((q) => q.text)).toEqual(translated.map((q) => q.text));
    expect(server.received).toHaveLength(2);
  });
});

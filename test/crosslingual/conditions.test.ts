import { describe, expect, it } from 'vitest';
import type { Query, Run } from '../../src/core/types.js';
import type { ConditionContext } from '../../src/crosslingual/condition.js';
import { CONDITIONS } from '../../src/crosslingual/registry.js';
import type { Dataset } from '../../src/data/datasets.js';
import type { Generator } from '../../src/generate/generator.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import type { Retriever } from '../../src/retrieve/retriever.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/** What a condition asked the context for: which retriever, with which flags, over which corpus file. */
interface Opened {
  name: string;
  params: Record<string, unknown>;
  corpusFile?: string;
}

/**
 * A context whose retrievers record how they were opened and what they searched: each returns, per
 * query, one document named after the text it searched (so a translation shows in the run).
 */
function fakeContext(files: Record<string, string> = {}, generator?: Generator) {
  const opened: Opened[] = [];
  const searched: { texts: string[]; topK: number }[] = [];
  const dir = writeTree(tempDir(), { 'corpus.jsonl': '', ...files });
  const ctx: ConditionContext = {
    dataset: { name: 'toy', dir } as Dataset,
    loc: resolveLocations(),
    params: { k1: 0.9 },
    translators: { loc: resolveLocations(), generator },
    topK: 7,
    async retriever(name, params, corpusFile) {
      opened.push({ name, params, ...(corpusFile === undefined ? {} : { corpusFile }) });
      const r: Retriever = {
        name,
        config: { opened: name, corpusFile },
        async retrieve(queries, topK) {
          searched.push({ texts: queries.map((q) => q.text), topK });
          return new Map(queries.map((q) => [q.id, [{ docId: `hit:${q.text}`, score: 1 }]])) as Run;
        },
      };
      return r;
    },
  };
  return { ctx, opened, searched };
}

const q = (id: string, text: string, lang: string): Query => ({ id, text, meta: { lang, group: id.split('-')[0] } });

describe('conditions: where each applies and what it searches', () => {
  it('bm25-english: every language, BM25 with the English analyzer over the English corpus, at the context depth', async () => {
    const { ctx, opened, searched } = fakeContext();
    const def = CONDITIONS['bm25-english'];
    for (const lang of ['en', 'es', 'xx']) expect(def.applies(lang, ctx)).toBe(true);
    const out = await def.run('es', [q('1-es', 'dolor', 'es')], ctx);
    expect(opened).toEqual([{ name: 'bm25', params: { k1: 0.9, language: 'en' } }]);
    expect(searched).toEqual([{ texts: ['dolor'], topK: 7 }]);
    expect(out.run.get('1-es')).toEqual([{ docId: 'hit:dolor', score: 1 }]);
    expect(out.config).toEqual({ opened: 'bm25', corpusFile: undefined });
    expect(out.searched).toBeUndefined();
  });

  it("bm25-native: the query language's analyzer over the English corpus, where there is one", async () => {
    const { ctx, opened, searched } = fakeContext();
    const def = CONDITIONS['bm25-native'];
    expect(def.applies('es', ctx)).toBe(true);
    expect(def.applies('en', ctx)).toBe(true);
    expect(def.applies('xx', ctx)).toBe('no xx analyzer');
    const out = await def.run('es', [q('1-es', 'dolor', 'es')], ctx);
    expect(opened).toEqual([{ name: 'bm25', params: { k1: 0.9, language: 'es' } }]);
    expect(searched).toEqual([{ texts: ['dolor'], topK: 7 }]);
    expect(out.config).toEqual({ opened: 'bm25', corpusFile: undefined });
    expect(out.run.get('1-es')).toHaveLength(1);
  });

  it('bm25-monolingual: the corpus in the query language (corpus.<lang>.jsonl, corpus.jsonl for en) with its analyzer', async () => {
    const { ctx, opened, searched } = fakeContext({ 'corpus.es.jsonl': '', 'corpus.xx.jsonl': '' });
    const def = CONDITIONS['bm25-monolingual'];
    expect(def.applies('en', ctx)).toBe(true);
    expect(def.applies('es', ctx)).toBe(true);
    expect(def.applies('fr', ctx)).toBe('no corpus.fr.jsonl');
    expect(def.applies('xx', ctx)).toBe('no xx analyzer');
    await def.run('es', [q('1-es', 'dolor', 'es')], ctx);
    const out = await def.run('en', [q('1-en', 'pain', 'en')], ctx);
    expect(opened).toEqual([
      { name: 'bm25', params: { k1: 0.9, language: 'es' }, corpusFile: 'corpus.es.jsonl' },
      { name: 'bm25', params: { k1: 0.9, language: 'en' }, corpusFile: 'corpus.jsonl' },
    ]);
    expect(searched).toEqual([{ texts: ['dolor'], topK: 7 }, { texts: ['pain'], topK: 7 }]);
    expect(out.config).toEqual({ opened: 'bm25', corpusFile: 'corpus.jsonl' });
    expect(out.run.get('1-en')).toEqual([{ docId: 'hit:pain', score: 1 }]);
  });

  it('bm25-monolingual: no English corpus file, no English row', () => {
    const { ctx } = fakeContext();
    const noEnglish: ConditionContext = { ...ctx, dataset: { ...ctx.dataset, dir: tempDir() } };
    expect(CONDITIONS['bm25-monolingual'].applies('en', noEnglish)).toBe('no corpus.jsonl');
  });

  it('dense: every language, the dense retriever with the flags as given', async () => {
    const { ctx, opened, searched } = fakeContext();
    const def = CONDITIONS.dense;
    for (const lang of ['en', 'zh']) expect(def.applies(lang, ctx)).toBe(true);
    const out = await def.run('zh', [q('1-zh', '疼痛', 'zh')], ctx);
    expect(opened).toEqual([{ name: 'dense', params: { k1: 0.9 } }]);
    expect(searched).toEqual([{ texts: ['疼痛'], topK: 7 }]);
    expect(out.config).toEqual({ opened: 'dense', corpusFile: undefined });
    expect(out.run.get('1-zh')).toHaveLength(1);
  });

  it('bm25-dictionary: English as it is, languages with a FreeDict dictionary translated word by word, others say why not', async () => {
    const { ctx, opened, searched } = fakeContext();
    const def = CONDITIONS['bm25-dictionary'];
    expect(def.applies('en', ctx)).toBe(true);
    expect(def.applies('es', ctx)).toBe(true);
    expect(def.applies('zh', ctx)).toBe('no zh→en dictionary');

    const en = await def.run('en', [q('1-en', 'pain', 'en')], ctx);
    expect(en.config).toEqual({ retriever: { opened: 'bm25', corpusFile: undefined }, translator: 'none (English)' });
    expect(en.searched).toBeUndefined();
    expect(en.run.get('1-en')).toEqual([{ docId: 'hit:pain', score: 1 }]);

    const es = await def.run('es', [q('1-es', 'dolor', 'es')], ctx);
    expect(opened).toEqual([
      { name: 'bm25', params: { k1: 0.9, language: 'en' } },
      { name: 'bm25', params: { k1: 0.9, language: 'en' } },
    ]);
    const translated = searched[1].texts[0];
    expect(translated).toMatch(/\bpain\b/);
    expect(searched[1].topK).toBe(7);
    expect(es.searched).toEqual([{ id: '1-es', lang: 'es', text: 'dolor', searched: translated }]);
    expect(es.run.get('1-es')).toEqual([{ docId: `hit:${translated}`, score: 1 }]);
    expect(es.config).toMatchObject({ retriever: { opened: 'bm25' }, translator: { id: 'dictionary:es-en', translator: 'dictionary', from: 'es', to: 'en' } });
  });

  it('bm25-llm: needs a generator for non-English queries; translates through it', async () => {
    const def = CONDITIONS['bm25-llm'];
    const without = fakeContext().ctx;
    expect(def.applies('en', without)).toBe(true);
    expect(def.applies('es', without)).toBe('no generator configured (--generator)');

    const prompts: string[] = [];
    const generator: Generator = {
      id: 'fake-llm',
      config: { model: 'fake' },
      async generate(prompt) {
        prompts.push(JSON.stringify(prompt));
        return 'chest pain';
      },
    };
    const { ctx, opened, searched } = fakeContext({}, generator);
    expect(def.applies('es', ctx)).toBe(true);
    const out = await def.run('es', [q('1-es', 'dolor de pecho', 'es')], ctx);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain('dolor de pecho');
    expect(prompts[0]).toContain('Spanish');
    expect(opened).toEqual([{ name: 'bm25', params: { k1: 0.9, language: 'en' } }]);
    expect(searched).toEqual([{ texts: ['chest pain'], topK: 7 }]);
    expect(out.searched).toEqual([{ id: '1-es', lang: 'es', text: 'dolor de pecho', searched: 'chest pain' }]);
    expect(out.config).toMatchObject({ translator: { id: 'llm:fake-llm', translator: 'llm' } });
  });
});

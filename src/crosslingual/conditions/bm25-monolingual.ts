import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../../analyze/registry.js';
import { defineCondition } from '../condition.js';

/** `corpus.<lang>.jsonl` beside the English `corpus.jsonl`: the same documents in the query's language. */
function corpusFileFor(lang: string): string {
  return lang === 'en' ? 'corpus.jsonl' : `corpus.${lang}.jsonl`;
}

/** No crossing at all: questions over answers in their own language, splitting the gap in two. */
export default defineCondition({
  name: 'bm25-monolingual',
  label: 'BM25 monolingual (corpus in the query language)',
  description: "BM25 over the corpus translated into the query's language, with that language's analyzer",
  applies(lang, ctx) {
    if (!existsSync(join(ctx.dataset.dir, corpusFileFor(lang)))) return `no ${corpusFileFor(lang)}`;
    return (LANGUAGES as readonly string[]).includes(lang) ? true : `no ${lang} analyzer`;
  },
  async run(lang, queries, ctx) {
    const retriever = await ctx.retriever('bm25', { ...ctx.params, language: lang }, corpusFileFor(lang));
    return { run: await retriever.retrieve(queries, ctx.topK), config: retriever.config };
  },
});

import { LANGUAGES } from '../../analyze/registry.js';
import { defineCondition } from '../condition.js';

/** The query stemmed as its own language (the English corpus through the same analyzer). */
export default defineCondition({
  name: 'bm25-native',
  label: "BM25 (query language's analyzer)",
  description: "BM25 with the query language's analyzer on both the queries and the English corpus",
  applies: (lang) => ((LANGUAGES as readonly string[]).includes(lang) ? true : `no ${lang} analyzer`),
  async run(lang, queries, ctx) {
    const retriever = await ctx.retriever('bm25', { ...ctx.params, language: lang });
    return { run: await retriever.retrieve(queries, ctx.topK), config: retriever.config };
  },
});

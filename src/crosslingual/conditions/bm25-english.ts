import { defineCondition } from '../condition.js';

/** Every language's queries analyzed as English over the English corpus: the reference row of bm25s. */
export default defineCondition({
  name: 'bm25-english',
  label: 'BM25 (English analyzer)',
  description: 'BM25, English analyzer on queries and corpus, whatever the query language',
  applies: () => true,
  async run(_lang, queries, ctx) {
    const retriever = await ctx.retriever('bm25', { ...ctx.params, language: 'en' });
    return { run: await retriever.retrieve(queries, ctx.topK), config: retriever.config };
  },
});

import { defineCondition } from '../condition.js';

/** The dense model given by --model (default: the English GloVe model) over the English corpus. */
export default defineCondition({
  name: 'dense',
  label: 'dense',
  description: 'dense retrieval with --model (default glove-sg100-en-static) over the English corpus',
  applies: () => true,
  async run(_lang, queries, ctx) {
    const retriever = await ctx.retriever('dense', ctx.params);
    return { run: await retriever.retrieve(queries, ctx.topK), config: retriever.config };
  },
});

import { translateQueries } from '../translate/stage.js';
import { translatorDefinition } from '../translate/registry.js';
import type { ConditionContext, ConditionRun } from './condition.js';
import type { Query } from '../core/types.js';

/**
 * BM25 (English analyzer) over the English corpus after translating the queries into English.
 * English queries are searched as they are: they are the reference the gap is measured against.
 */
export function translatorApplies(translator: string, lang: string, ctx: ConditionContext): true | string {
  return lang === 'en' ? true : translatorDefinition(translator).supports(lang, ctx.translators);
}

export async function runTranslated(translator: string, lang: string, queries: readonly Query[], ctx: ConditionContext): Promise<ConditionRun> {
  const retriever = await ctx.retriever('bm25', { ...ctx.params, language: 'en' });
  if (lang === 'en') return { run: await retriever.retrieve(queries, ctx.topK), config: { retriever: retriever.config, translator: 'none (English)' } };
  const t = await translatorDefinition(translator).create(lang, ctx.translators);
  const { queries: translated, searched } = await translateQueries(t, queries, lang, 'en');
  return { run: await retriever.retrieve(translated, ctx.topK), searched, config: { retriever: retriever.config, translator: { id: t.id, ...t.config } } };
}

import type { Query } from '../core/types.js';
import { translatorDefinition } from '../translate/registry.js';
import { translateQueries } from '../translate/stage.js';
import type { ConditionContext, ConditionRun } from './condition.js';

/*
 * What the translation conditions share: translate the queries into English, then BM25 with the
 * English analyzer over the English corpus. English queries are searched as they are (nothing to
 * translate), so the gap keeps its reference row.
 */

/** True for English and for languages the translator serves here; otherwise why not. */
export function translatorApplies(translator: string, lang: string, ctx: ConditionContext): true | string {
  return lang === 'en' ? true : translatorDefinition(translator).supports(lang, ctx.translators);
}

/** The condition's run for one language, with the translated text as the searched queries. */
export async function runTranslated(translator: string, lang: string, queries: readonly Query[], ctx: ConditionContext): Promise<ConditionRun> {
  const retriever = await ctx.retriever('bm25', { ...ctx.params, language: 'en' });
  if (lang === 'en') return { run: await retriever.retrieve(queries, ctx.topK), config: { retriever: retriever.config, translator: 'none (English)' } };
  const t = await translatorDefinition(translator).create(lang, ctx.translators);
  const { queries: translated, searched } = await translateQueries(t, queries, lang, 'en');
  return { run: await retriever.retrieve(translated, ctx.topK), searched, config: { retriever: retriever.config, translator: { id: t.id, ...t.config } } };
}

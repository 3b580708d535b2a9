import { defineCondition } from '../condition.js';
import { runTranslated, translatorApplies } from '../translated.js';

export default defineCondition({
  name: 'bm25-llm',
  label: 'BM25 + LLM translation',
  description: 'queries translated by the configured generator (--generator), then BM25 (English analyzer)',
  applies: (lang, ctx) => translatorApplies('llm', lang, ctx),
  run: (lang, queries, ctx) => runTranslated('llm', lang, queries, ctx),
});

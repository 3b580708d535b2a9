import { defineCondition } from '../condition.js';
import { runTranslated, translatorApplies } from '../translated.js';

export default defineCondition({
  name: 'bm25-dictionary',
  label: 'BM25 + dictionary translation',
  description: 'queries translated word by word with a FreeDict dictionary, then BM25 (English analyzer)',
  applies: (lang, ctx) => translatorApplies('dictionary', lang, ctx),
  run: (lang, queries, ctx) => runTranslated('dictionary', lang, queries, ctx),
});

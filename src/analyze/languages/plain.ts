import { defineLanguage } from '../analyzer.js';
import { WORDS } from '../tokenize.js';

/** Lowercased words only: no stop words, no stemming (any language, or to study the analyzer's effect). */
export default defineLanguage({ code: 'plain', name: 'plain words (no stop words, no stemming)', tokenizer: WORDS });

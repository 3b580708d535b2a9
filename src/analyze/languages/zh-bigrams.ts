import { defineLanguage } from '../analyzer.js';
import { isoStopwords } from '../stopwords.js';
import { HAN_BIGRAMS } from '../tokenize.js';

/** Chinese as character bigrams: needs no dictionary, robust to medical terms ICU does not know. */
export default defineLanguage({
  code: 'zh-bigrams',
  name: 'Chinese (character bigrams)',
  tokenizer: HAN_BIGRAMS,
  stopwords: isoStopwords('zh'),
});

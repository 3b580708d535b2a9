import { defineLanguage } from '../analyzer.js';
import { isoStopwords } from '../stopwords.js';
import { HAN_WORDS } from '../tokenize.js';

/** Chinese words from ICU's segmenter (the runtime's `Intl.Segmenter`); see zh.ts for the comparison. */
export default defineLanguage({
  code: 'zh-words',
  name: 'Chinese (ICU word segmentation)',
  tokenizer: HAN_WORDS,
  stopwords: isoStopwords('zh'),
});

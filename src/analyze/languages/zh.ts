import { defineLanguage } from '../analyzer.js';
import { isoStopwords } from '../stopwords.js';
import { HAN_WORDS } from '../tokenize.js';

/** Chinese words from ICU's segmenter; no stemming in Chinese. */
export default defineLanguage({
  code: 'zh',
  name: 'Chinese (ICU word segmentation)',
  tokenizer: HAN_WORDS,
  stopwords: isoStopwords('zh'),
});

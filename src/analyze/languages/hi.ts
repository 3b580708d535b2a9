import { defineLanguage } from '../analyzer.js';
import { isoStopwords } from '../stopwords.js';
import { WORDS } from '../tokenize.js';

/** No stemmer: `snowball-stemmers` has no Hindi algorithm, and hand-written stemmers are ruled out. */
export default defineLanguage({
  code: 'hi',
  name: 'Hindi',
  tokenizer: WORDS,
  stopwords: isoStopwords('hi'),
});

import { defineLanguage } from '../analyzer.js';
import { snowballStemmer } from '../stemmers.js';
import { isoStopwords } from '../stopwords.js';
import { WORDS } from '../tokenize.js';

export default defineLanguage({
  code: 'de',
  name: 'German',
  tokenizer: WORDS,
  stopwords: isoStopwords('de'),
  stemmer: snowballStemmer('german'),
});

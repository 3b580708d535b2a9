import { defineLanguage } from '../analyzer.js';
import { snowballStemmer } from '../stemmers.js';
import { isoStopwords } from '../stopwords.js';
import { WORDS } from '../tokenize.js';

export default defineLanguage({
  code: 'it',
  name: 'Italian',
  tokenizer: WORDS,
  stopwords: isoStopwords('it'),
  stemmer: snowballStemmer('italian'),
});

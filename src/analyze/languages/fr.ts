import { defineLanguage } from '../analyzer.js';
import { snowballStemmer } from '../stemmers.js';
import { isoStopwords } from '../stopwords.js';
import { WORDS } from '../tokenize.js';

export default defineLanguage({
  code: 'fr',
  name: 'French',
  tokenizer: WORDS,
  stopwords: isoStopwords('fr'),
  stemmer: snowballStemmer('french'),
});

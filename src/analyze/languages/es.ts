import { defineLanguage } from '../analyzer.js';
import { snowballStemmer } from '../stemmers.js';
import { isoStopwords } from '../stopwords.js';
import { WORDS } from '../tokenize.js';

export default defineLanguage({
  code: 'es',
  name: 'Spanish',
  tokenizer: WORDS,
  stopwords: isoStopwords('es'),
  stemmer: snowballStemmer('spanish'),
});

import { defineLanguage } from '../analyzer.js';
import { snowballStemmer } from '../stemmers.js';
import { isoStopwords } from '../stopwords.js';
import { WORDS } from '../tokenize.js';

export default defineLanguage({
  code: 'pt',
  name: 'Portuguese',
  tokenizer: WORDS,
  stopwords: isoStopwords('pt'),
  stemmer: snowballStemmer('portuguese'),
});

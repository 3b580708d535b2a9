import { defineLanguage } from '../analyzer.js';
import { snowballStemmer } from '../stemmers.js';
import { LUCENE_ENGLISH } from '../stopwords.js';
import { WORDS } from '../tokenize.js';

/** bm25s's English settings (token pattern, stop words, Porter2), so its reference numbers reproduce. */
export default defineLanguage({
  code: 'en',
  name: 'English',
  tokenizer: WORDS,
  stopwords: LUCENE_ENGLISH,
  stemmer: snowballStemmer('english'),
});

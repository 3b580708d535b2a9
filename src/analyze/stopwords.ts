import { createRequire } from 'node:module';
import { libraryVersion } from '../provenance/provenance.js';

/** A stop-word list; `id` names its source and version for index manifests. */
export interface StopwordList {
  id: string;
  words: ReadonlySet<string>;
}

/**
 * Lucene's English stop set (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`), which bm25s also uses for
 * `stopwords="en"`. Short on purpose: the reference BM25 numbers were made with it, and a long list
 * would drop words such as "above" or "most" that bm25s keeps.
 */
export const LUCENE_ENGLISH: StopwordList = {
  id: 'lucene-english-33',
  words: new Set(
    ('a an and are as at be but by for if in into is it no not of on or such that the their then there ' +
      'these they this to was will with').split(' '),
  ),
};

/**
 * The `stopwords-iso` list of a language (ISO 639-1 code), lowercased and in NFC like the tokens.
 * Read on first use: the languages ask for their lists when registered, at every CLI start.
 */
export function isoStopwords(code: string): StopwordList {
  let words: Set<string> | undefined;
  return {
    id: `stopwords-iso@${libraryVersion('stopwords-iso')}:${code}`,
    get words() {
      if (words) return words;
      const list = (createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>)[code];
      if (!list) throw new Error(`stopwords-iso has no list for '${code}'`);
      return (words = new Set(list.map((w) => w.normalize('NFC').toLowerCase())));
    },
  };
}

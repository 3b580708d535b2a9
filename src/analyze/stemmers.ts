import { createRequire } from 'node:module';
import { libraryVersion } from '../provenance/provenance.js';

export interface Stemmer {
  id: string;
  stem(word: string): string;
}

interface SnowballStemmers {
  algorithms(): string[];
  newStemmer(name: string): { stem(word: string): string };
}

const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballStemmers;

/** Above this many distinct words the memo is dropped, so a huge vocabulary cannot grow it forever. */
const MEMO_LIMIT = 1_000_000;

/**
 * A Snowball stemmer from `snowball-stemmers` (JS port of the Snowball algorithms; `english` is
 * Porter2, as PyStemmer's). Memoised: corpora repeat the same words, and stemming is the costly step.
 */
export function snowballStemmer(algorithm: string): Stemmer {
  if (!snowball.algorithms().includes(algorithm)) throw new Error(`snowball-stemmers has no '${algorithm}' stemmer`);
  const stemmer = snowball.newStemmer(algorithm);
  const memo = new Map<string, string>();
  return {
    id: `snowball-stemmers@${libraryVersion('snowball-stemmers')}:${algorithm}`,
    stem(word: string): string {
      let stem = memo.get(word);
      if (stem === undefined) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        stem = stemmer.stem(word);
        memo.set(word, stem);
      }
      return stem;
    },
  };
}

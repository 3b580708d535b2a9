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

/** Loaded on the first stem, not at import: the languages build their stemmers when registered. */
let library: SnowballStemmers | undefined;
const snowball = (): SnowballStemmers => (library ??= createRequire(import.meta.url)('snowball-stemmers') as SnowballStemmers);

function newStemmer(algorithm: string): { stem(word: string): string } {
  if (!snowball().algorithms().includes(algorithm)) throw new Error(`snowball-stemmers has no '${algorithm}' stemmer`);
  return snowball().newStemmer(algorithm);
}

/** Above this many distinct words the memo is dropped, so a huge vocabulary cannot grow it forever. */
const MEMO_LIMIT = 1_000_000;

/**
 * A Snowball stemmer from `snowball-stemmers` (JS port of the Snowball algorithms; `english` is
 * Porter2, as PyStemmer's). Memoised: corpora repeat the same words, and stemming is the costly step.
 */
export function snowballStemmer(algorithm: string): Stemmer {
  let stemmer: { stem(word: string): string } | undefined;
  const memo = new Map<string, string>();
  return {
    id: `snowball-stemmers@${libraryVersion('snowball-stemmers')}:${algorithm}`,
    stem(word: string): string {
      let stem = memo.get(word);
      if (stem === undefined) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        stemmer ??= newStemmer(algorithm);
        stem = stemmer.stem(word);
        memo.set(word, stem);
      }
      return stem;
    },
  };
}

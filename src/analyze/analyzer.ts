import type { Stemmer } from './stemmers.js';
import type { StopwordList } from './stopwords.js';
import type { Tokenizer } from './tokenize.js';
import { foldAccents } from './normalize.js';

/** Text → index terms. `id` and `config` go into index manifests, so a changed analyzer rebuilds. */
export interface Analyzer {
  id: string;
  config: Record<string, unknown>;
  analyze(text: string): string[];
}

/** Switches for one analyzer; every default is on except accent folding. */
export interface AnalyzerOptions {
  stem?: boolean;
  stopwords?: boolean;
  /** Strips diacritics from Latin letters after stemming (Snowball rules need the accents). */
  foldAccents?: boolean;
}

/** What a language brings: how to cut words, which ones to drop, how to stem the rest. */
export interface LanguageDefinition {
  code: string;
  name: string;
  tokenizer: Tokenizer;
  stopwords?: StopwordList;
  stemmer?: Stemmer;
}

export function defineLanguage(def: LanguageDefinition): LanguageDefinition {
  return def;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * NFC, lowercase, tokenize, drop stop words, stem, optionally fold accents — in bm25s's order
 * (stop words are matched before stemming), so English terms equal bm25s + PyStemmer's.
 */
export function buildAnalyzer(lang: LanguageDefinition, options: AnalyzerOptions = {}): Analyzer {
  const stopwords = options.stopwords === false ? undefined : lang.stopwords?.words;
  const stemmer = options.stem === false ? undefined : lang.stemmer;
  const fold = options.foldAccents === true;
  const suffix = [
    lang.stopwords && !stopwords ? 'nostop' : '',
    lang.stemmer && !stemmer ? 'nostem' : '',
    fold ? 'fold' : '',
  ].filter(Boolean);
  return {
    id: [lang.code, ...suffix].join('-'),
    config: {
      language: lang.code,
      normalization: 'NFC',
      lowercase: true,
      tokenizer: lang.tokenizer.id,
      stopwords: stopwords ? lang.stopwords!.id : null,
      stemmer: stemmer ? stemmer.id : null,
      foldAccents: fold,
    },
    analyze(text: string): string[] {
      const terms: string[] = [];
      // ASCII is already in NFC: skip ICU's pass over most English text
      const normalized = ASCII.test(text) ? text : text.normalize('NFC');
      for (const token of lang.tokenizer.tokens(normalized.toLowerCase())) {
        if (stopwords?.has(token)) continue;
        const term = stemmer ? stemmer.stem(token) : token;
        terms.push(fold ? foldAccents(term) : term);
      }
      return terms;
    },
  };
}

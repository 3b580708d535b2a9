import { unknownName } from '../core/errors.js';
import { buildAnalyzer, type Analyzer, type AnalyzerOptions, type LanguageDefinition } from './analyzer.js';
import de from './languages/de.js';
import en from './languages/en.js';
import es from './languages/es.js';
import fr from './languages/fr.js';
import hi from './languages/hi.js';
import it from './languages/it.js';
import plain from './languages/plain.js';
import pt from './languages/pt.js';
import zhWords from './languages/zh-words.js';
import zh from './languages/zh.js';

/** Every analyzer medir knows, by `--language` code. Adding one = `languages/<code>.ts` + one line here. */
export const ANALYZERS = {
  en,
  es,
  fr,
  it,
  de,
  pt,
  zh,
  'zh-words': zhWords,
  hi,
  plain,
} as const satisfies Record<string, LanguageDefinition>;

export type Language = keyof typeof ANALYZERS;

export const LANGUAGES = Object.keys(ANALYZERS) as Language[];

export function createAnalyzer(language: string, options?: AnalyzerOptions): Analyzer {
  const def = (ANALYZERS as Record<string, LanguageDefinition>)[language];
  if (!def) throw unknownName('language', language, LANGUAGES);
  return buildAnalyzer(def, options);
}

export type { Analyzer, AnalyzerOptions } from './analyzer.js';

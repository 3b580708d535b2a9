import { unknownName } from '../core/errors.js';
import dictionary from './dictionary.js';
import llm from './llm.js';
import type { TranslatorDefinition } from './translator.js';

/** Every query translator, by `--translator` name. Adding one = its file + one line here. */
export const TRANSLATORS = {
  dictionary,
  llm,
} as const satisfies Record<string, TranslatorDefinition>;

export type TranslatorName = keyof typeof TRANSLATORS;

export function translatorDefinition(name: string): TranslatorDefinition {
  const def = (TRANSLATORS as Record<string, TranslatorDefinition>)[name];
  if (!def) throw unknownName('translator', name, Object.keys(TRANSLATORS));
  return def;
}

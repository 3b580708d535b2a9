import { lookup } from '../core/registry.js';
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
  return lookup(TRANSLATORS, 'translator', name);
}

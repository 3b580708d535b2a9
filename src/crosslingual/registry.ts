import { lookup } from '../core/registry.js';
import type { ConditionDefinition } from './condition.js';
import bm25Dictionary from './conditions/bm25-dictionary.js';
import bm25English from './conditions/bm25-english.js';
import bm25Llm from './conditions/bm25-llm.js';
import bm25Monolingual from './conditions/bm25-monolingual.js';
import bm25Native from './conditions/bm25-native.js';
import dense from './conditions/dense.js';

/** The report's conditions in table order. Adding one = `conditions/<name>.ts` + one line here. */
export const CONDITIONS = {
  'bm25-english': bm25English,
  'bm25-native': bm25Native,
  'bm25-monolingual': bm25Monolingual,
  'bm25-dictionary': bm25Dictionary,
  'bm25-llm': bm25Llm,
  dense,
} as const satisfies Record<string, ConditionDefinition>;

export type ConditionName = keyof typeof CONDITIONS;

export function conditionDefinition(name: string): ConditionDefinition {
  return lookup(CONDITIONS, 'condition', name);
}

import { readParams } from '../core/params.js';
import { lookup } from '../core/registry.js';
import type { Locations } from '../mirror/locations.js';
import { crossEncoder } from './methods/cross-encoder.js';
import { llmListwise } from './methods/llm-listwise.js';
import { llmPointwise } from './methods/llm-pointwise.js';
import type { Reranker, RerankerDefinition } from './reranker.js';

/** Every reranker, by name. Adding one = its file in methods/ + one line here. */
export const RERANKERS = {
  'cross-encoder': crossEncoder,
  'llm-pointwise': llmPointwise,
  'llm-listwise': llmListwise,
} as const satisfies Record<string, RerankerDefinition>;

export function rerankerDefinition(name: string): RerankerDefinition {
  return lookup(RERANKERS, 'reranker', name);
}

/** A reranker by registry name, its params validated against its specs (errors name the flag). */
export async function createReranker(name: string, params: Record<string, unknown>, loc: Locations): Promise<Reranker> {
  const def = rerankerDefinition(name);
  return def.create(readParams(def.params, params), loc);
}

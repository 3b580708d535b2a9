import { lookup } from '../core/registry.js';
import bm25 from './bm25.js';
import dense from './dense.js';
import elasticsearch from './cluster/elasticsearch.js';
import opensearch from './cluster/opensearch.js';
import type { RetrieverDefinition } from './retriever.js';

/** Every retriever medir knows, by name. Adding one = its file + one line here. */
export const RETRIEVERS = {
  bm25,
  dense,
  opensearch,
  elasticsearch,
} as const satisfies Record<string, RetrieverDefinition>;

export type RetrieverName = keyof typeof RETRIEVERS;

export function retrieverDefinition(name: string): RetrieverDefinition {
  return lookup(RETRIEVERS, 'retriever', name);
}

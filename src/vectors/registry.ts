import { lookup } from '../core/registry.js';
import exact from './exact.js';
import hnsw from './hnsw.js';
import lancedb from './lancedb.js';
import type { VectorStoreDefinition } from './store.js';

/** Every vector store medir knows, by name. Adding one = its file + one line here. */
export const VECTOR_STORES = {
  exact,
  hnsw,
  lancedb,
} as const satisfies Record<string, VectorStoreDefinition>;

export type VectorStoreName = keyof typeof VECTOR_STORES;

export function vectorStoreDefinition(name: string): VectorStoreDefinition {
  return lookup(VECTOR_STORES, 'vector store', name);
}

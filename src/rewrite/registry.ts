import { lookup } from '../core/registry.js';
import type { RewriteMethod } from './method.js';
import hyde from './methods/hyde.js';
import lamer from './methods/lamer.js';
import query2doc from './methods/query2doc.js';

/** Every query-rewriting method, by `--method` name. Adding one = `methods/<name>.ts` + one line here. */
export const REWRITE_METHODS = {
  hyde,
  query2doc,
  lamer,
} as const satisfies Record<string, RewriteMethod>;

export type RewriteMethodName = keyof typeof REWRITE_METHODS;

export function rewriteMethod(name: string): RewriteMethod {
  return lookup(REWRITE_METHODS, 'rewrite method', name);
}

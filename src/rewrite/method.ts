/**
 * One generation-augmented rewriting method, after R2MED's code: which prompt it sends, and how the
 * question and the generated text become a BM25 query and a dense query.
 */
export interface RewriteMethod {
  name: string;
  description: string;
  /** The shipped prompt folder under prompts/ (`rewrite/hyde/v1`). */
  prompt: string;
  /** True when the prompt shows the generator first-stage BM25 passages (`{{passages}}`). */
  usesPassages: boolean;
  /** The text BM25 searches with. */
  lexicalQuery(question: string, generated: string): string;
  /**
   * The dense query: `query` is embedded as a query; when `document` is given its passage embedding
   * is averaged with it (R2MED: `(emb(query) + emb(hypothetical doc)) / 2`).
   */
  denseQuery(question: string, generated: string): { query: string; document?: string };
}

export function defineRewriteMethod(method: RewriteMethod): RewriteMethod {
  return method;
}

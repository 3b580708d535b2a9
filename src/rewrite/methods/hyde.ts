import { defineRewriteMethod } from '../method.js';

/** HyDE: search with a hypothetical answer passage (BM25: the passage alone, as R2MED's BM25 code does). */
export default defineRewriteMethod({
  name: 'hyde',
  description: 'HyDE: BM25 searches the generated passage; dense averages the query and passage embeddings',
  prompt: 'rewrite/hyde/v1',
  usesPassages: false,
  lexicalQuery: (_question, generated) => generated,
  denseQuery: (question, generated) => ({ query: question, document: generated }),
});

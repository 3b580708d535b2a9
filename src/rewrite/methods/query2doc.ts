import { defineRewriteMethod } from '../method.js';

/**
 * query2doc: the question repeated twice up-weights its own terms against the longer generated
 * text (R2MED joins the two copies with no space, merging two words; medir puts a space there).
 */
export default defineRewriteMethod({
  name: 'query2doc',
  description: 'query2doc: BM25 searches the query twice + the generated passage; dense embeds "query[SEP]passage"',
  prompt: 'rewrite/query2doc/v1',
  usesPassages: false,
  lexicalQuery: (question, generated) => `${question} ${question} ${generated}`,
  denseQuery: (question, generated) => ({ query: `${question}[SEP]${generated}` }),
});

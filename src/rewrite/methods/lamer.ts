import { defineRewriteMethod } from '../method.js';

/** LameR: the generator sees BM25's top passages (mostly wrong) and writes a correct one. */
export default defineRewriteMethod({
  name: 'lamer',
  description: "LameR: the generator reads BM25's top 10 passages first; BM25 searches query + passage, dense as HyDE",
  prompt: 'rewrite/lamer/v1',
  usesPassages: true,
  lexicalQuery: (question, generated) => `${question} ${generated}`,
  denseQuery: (question, generated) => ({ query: question, document: generated }),
});

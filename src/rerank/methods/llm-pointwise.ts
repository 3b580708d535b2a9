import { documentText } from '../../core/types.js';
import { mapLimit } from '../../generate/limit.js';
import { fillPrompt } from '../../rewrite/prompt.js';
import { llmRerankParams, openLlmJudge } from '../llm.js';
import { defineReranker } from '../reranker.js';

/** yes / no from a reply's first word, whatever its case and punctuation; undefined when it is neither. */
export function yesNo(reply: string): boolean | undefined {
  const word = reply.trim().toLowerCase().match(/^[a-z]+/)?.[0];
  return word === 'yes' ? true : word === 'no' ? false : undefined;
}

/**
 * One yes/no judgment per (query, passage). The score is 1 for yes, 0 for no or an unreadable reply
 * (counted), plus half the passage's first-stage position from the bottom over the list length:
 * judged-relevant passages come first, each group in first-stage order, and no two scores tie.
 */
export const llmPointwise = defineReranker({
  name: 'llm-pointwise',
  description: 'an LLM answers yes/no: is this passage relevant to the query?',
  params: [...llmRerankParams('rerank/pointwise/v1'), { key: 'maxTokens', type: 'integer', default: 4, min: 1, help: 'tokens per reply' }],
  async create(params, loc) {
    const judge = await openLlmJudge(params, ['query', 'passage'], loc);
    const maxTokens = params.maxTokens as number;
    let judged = 0;
    let unreadable = 0;
    return {
      name: 'llm-pointwise',
      config: { ...judge.config, maxTokens, score: 'yes = 1, no/unreadable = 0, + 0.5·(n − rank + 1)/n' },
      async rerank(lists) {
        const pairs = lists.flatMap((l, i) => l.docs.map((doc, rank) => ({ i, rank, n: l.docs.length, query: l.query.text, passage: documentText(doc) })));
        const out = lists.map((l) => new Array<number>(l.docs.length));
        await mapLimit(pairs, judge.generator.concurrency ?? 1, async (p) => {
          const answer = yesNo(await judge.generator.generate(fillPrompt(judge.prompt, { query: p.query, passage: p.passage }), { maxTokens, temperature: 0 }));
          judged++;
          if (answer === undefined) unreadable++;
          out[p.i][p.rank] = (answer ? 1 : 0) + (0.5 * (p.n - p.rank)) / p.n;
        });
        return out;
      },
      stats: () => ({ judged, unreadable, ...judge.generator.stats?.() }),
    };
  },
});

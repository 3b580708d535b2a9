import { documentText } from '../../core/types.js';
import type { ScoredReply } from '../../generate/generator.js';
import { mapLimit } from '../../generate/limit.js';
import type { ChatMessage } from '../../generate/messages.js';
import { fillPrompt } from '../../rewrite/prompt.js';
import { firstWords, llmRerankParams, openLlmJudge } from '../llm.js';
import { defineReranker } from '../reranker.js';

/** yes / no from a reply's first word, whatever its case and punctuation; undefined when it is neither. */
export function yesNo(reply: string): boolean | undefined {
  const word = reply.trim().toLowerCase().match(/^[a-z]+/)?.[0];
  return word === 'yes' ? true : word === 'no' ? false : undefined;
}

/** P(yes | yes or no) from the first token's top alternatives (" Yes", "yes"… summed), or undefined when neither is among them. */
export function yesProbability(logprobs: Record<string, number> | undefined): number | undefined {
  let yes = 0;
  let no = 0;
  for (const [token, lp] of Object.entries(logprobs ?? {})) {
    const word = token.trim().toLowerCase();
    if (word === 'yes') yes += Math.exp(lp);
    else if (word === 'no') no += Math.exp(lp);
  }
  return yes + no > 0 ? yes / (yes + no) : undefined;
}

/**
 * One yes/no judgment per (query, passage). Relevance is P(yes | yes or no) from the first token's
 * log-probabilities where the endpoint returns them, else 1 for a yes and 0 for a no or an unreadable
 * reply (counted). The score adds 1e-6 × (n − rank)/n, so equal judgments keep first-stage order.
 */
export const llmPointwise = defineReranker({
  name: 'llm-pointwise',
  description: 'an LLM answers yes/no: is this passage relevant to the query? (scored by P(yes) where logprobs come back)',
  params: [
    ...llmRerankParams('rerank/pointwise/v1'),
    { key: 'maxTokens', type: 'integer', default: 4, min: 1, help: 'tokens per reply' },
    { key: 'topLogprobs', type: 'integer', default: 5, min: 0, help: "first-token alternatives to ask for (0: don't ask; score from the answer alone)" },
  ],
  async create(params, loc) {
    const judge = await openLlmJudge(params, ['query', 'passage'], loc);
    const maxTokens = params.maxTokens as number;
    const topLogprobs = params.topLogprobs as number;
    const passageWords = params.passageWords as number;
    const { generator } = judge;
    const ask = async (prompt: ChatMessage[]): Promise<ScoredReply> =>
      topLogprobs > 0 && generator.generateWithLogprobs
        ? generator.generateWithLogprobs(prompt, { maxTokens, temperature: 0, topLogprobs })
        : { text: await generator.generate(prompt, { maxTokens, temperature: 0 }) };
    const counts = { judged: 0, unreadable: 0, fromLogprobs: 0 };
    return {
      name: 'llm-pointwise',
      config: { ...judge.config, maxTokens, topLogprobs, passageWords, score: 'P(yes | yes or no) from logprobs, else yes = 1, no/unreadable = 0; + 1e-6·(n − rank)/n' },
      async rerank(lists) {
        const pairs = lists.flatMap((l, i) => l.docs.map((doc, rank) => ({ i, rank, n: l.docs.length, query: l.query.text, passage: firstWords(documentText(doc), passageWords) })));
        const out = lists.map((l) => new Array<number>(l.docs.length));
        await mapLimit(pairs, generator.concurrency ?? 1, async (p) => {
          const reply = await ask(fillPrompt(judge.prompt, { query: p.query, passage: p.passage }));
          const fromLogprobs = yesProbability(reply.firstTokenLogprobs);
          const answer = yesNo(reply.text);
          counts.judged++;
          if (fromLogprobs !== undefined) counts.fromLogprobs++;
          else if (answer === undefined) counts.unreadable++;
          out[p.i][p.rank] = (fromLogprobs ?? (answer ? 1 : 0)) + (1e-6 * (p.n - p.rank)) / p.n;
        });
        return out;
      },
      stats: () => ({ ...counts, ...generator.stats?.() }),
    };
  },
});

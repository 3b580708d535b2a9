import { MedirError } from '../../core/errors.js';
import { documentText } from '../../core/types.js';
import { mapLimit } from '../../generate/limit.js';
import { fillPrompt } from '../../rewrite/prompt.js';
import { firstWords, llmRerankParams, openLlmJudge } from '../llm.js';
import { defineReranker } from '../reranker.js';

/**
 * RankGPT's sliding windows over positions [0, n): from the bottom up, `step` apart. Unlike RankGPT's
 * loop (which skips the top when n − window is not a multiple of step), the last window always
 * starts at the top, so the best passages can always rise to rank 1.
 */
export function slidingWindows(n: number, window: number, step: number): [number, number][] {
  const out: [number, number][] = [];
  for (let end = n; ; end -= step) {
    const start = Math.max(0, end - window);
    out.push([start, end]);
    if (start === 0) return out;
  }
}

/**
 * A reply read as RankGPT does: the numbers in order of appearance (1-based identifiers), repeats
 * and out-of-range numbers dropped, the identifiers it left out appended in their given order.
 * Returns 0-based positions and whether the reply named every passage once.
 */
export function readPermutation(reply: string, count: number): { order: number[]; complete: boolean } {
  const seen = new Set<number>();
  for (const m of reply.matchAll(/\d+/g)) {
    const k = Number(m[0]) - 1;
    if (k >= 0 && k < count) seen.add(k);
  }
  const complete = seen.size === count;
  for (let k = 0; k < count; k++) seen.add(k);
  return { order: [...seen], complete };
}

/** RankGPT: the LLM orders a window of passages; windows slide from the bottom of the list to the top. */
export const llmListwise = defineReranker({
  name: 'llm-listwise',
  description: 'an LLM orders windows of passages, sliding from the bottom up (RankGPT)',
  params: [
    ...llmRerankParams('rerank/listwise/v1'),
    { key: 'window', type: 'integer', default: 20, min: 2, help: 'passages per LLM call' },
    { key: 'step', type: 'integer', default: 10, min: 1, help: 'how far each window moves up' },
    { key: 'maxTokens', type: 'integer', default: 200, min: 1, help: 'tokens per reply' },
  ],
  async create(params, loc) {
    const judge = await openLlmJudge(params, ['query', 'count', 'passages'], loc);
    const window = params.window as number;
    const step = params.step as number;
    const passageWords = params.passageWords as number;
    const maxTokens = params.maxTokens as number;
    if (step > window) throw new MedirError('BAD_OPTION', `--rerank-step: ${step} is larger than --rerank-window ${window}: passages between windows would never be compared`);
    let windows = 0;
    let incomplete = 0;
    return {
      name: 'llm-listwise',
      config: { ...judge.config, window, step, passageWords, maxTokens, score: 'n − final position (n for rank 1)' },
      rerank: (lists) =>
        mapLimit(lists, judge.generator.concurrency ?? 1, async (list) => {
          const texts = list.docs.map((d) => firstWords(documentText(d), passageWords));
          const ranking = texts.map((_, i) => i);
          for (const [start, end] of slidingWindows(ranking.length, window, step)) {
            const slice = ranking.slice(start, end);
            const passages = slice.map((doc, k) => `[${k + 1}] ${texts[doc]}`).join('\n');
            const reply = await judge.generator.generate(fillPrompt(judge.prompt, { query: list.query.text, count: String(slice.length), passages }), { maxTokens, temperature: 0 });
            const { order, complete } = readPermutation(reply, slice.length);
            windows++;
            if (!complete) incomplete++;
            order.forEach((k, j) => (ranking[start + j] = slice[k]));
          }
          const scores = new Array<number>(ranking.length);
          ranking.forEach((doc, position) => (scores[doc] = ranking.length - position));
          return scores;
        }),
      stats: () => ({ windows, incomplete, ...judge.generator.stats?.() }),
    };
  },
});

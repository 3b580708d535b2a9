import { MedirError } from '../../core/errors.js';
import { hasContentlessOptions } from '../item.js';
import type { ReaderDefinition } from './reader.js';

/**
 * The IR baseline of the MedQA paper (Clark et al.'s IR solver): each option is scored by the
 * retrieval score of "question + option" over the setting's passages; the best-supported option wins.
 */
export const irSolver: ReaderDefinition = {
  kind: 'reader',
  usesContext: true,
  name: 'ir-solver',
  description: 'baseline: the option whose "question + option" retrieves the highest-scoring passages (MedQA paper IR baseline)',
  params: [],
  async create(_params, ctx) {
    const scoreOptions = ctx.scoreOptions;
    if (!scoreOptions) throw new MedirError('BAD_OPTION', '--generator ir-solver needs passages to search: use --setting rag, oracle or distractors, not closed-book');
    return {
      id: 'ir-solver',
      config: { score: 'sum of the retriever scores of the top passages for question + option' },
      async choose(items) {
        const contentless = items.find(hasContentlessOptions);
        if (contentless) {
          throw new MedirError('BAD_OPTION', `--generator ir-solver: not applicable to yes/no/maybe options (item '${contentless.id}'): it would answer by stop words`, 'use majority or random as the baseline here');
        }
        const scores = await scoreOptions(items);
        return new Map(items.map((item) => {
          let best: string | null = null;
          let bestScore = 0;
          // Keys in order, strict '>': ties go to the first key; no support at all is no answer.
          for (const key of Object.keys(item.options).sort()) {
            const s = scores.get(item.id)?.get(key) ?? 0;
            if (s > bestScore) [best, bestScore] = [key, s];
          }
          return [item.id, best];
        }));
      },
    };
  },
};

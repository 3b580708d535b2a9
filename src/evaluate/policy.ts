import { MedirError } from '../core/errors.js';

/**
 * Everything besides the measures that changes a number, recorded with every result (DESIGN: policies
 * are explicit). Defaults are trec_eval's: missing queries skipped, relevance level 1, linear gain.
 */
export interface EvalPolicy {
  /** trec_eval -c: queries in the qrels but absent from the run count as empty rankings (zeros). */
  complete: boolean;
  /** trec_eval -M: only the first N documents of each canonical ranking are evaluated. */
  maxPerQuery?: number;
  /** trec_eval -l: the lowest relevance value that counts as relevant. */
  relevanceLevel: number;
  /** trec_eval -J: drop unjudged documents from the ranking before evaluating. */
  judgedOnly: boolean;
  /** BEIR: a document whose id equals the query id is removed from that query's ranking. */
  ignoreIdenticalIds: boolean;
  /** nDCG gain: 'linear' = relevance (trec_eval, BEIR, MTEB); 'exp' = 2^rel - 1 (Burges et al.). */
  gain: 'linear' | 'exp';
}

export const GAINS = ['linear', 'exp'] as const;

export const DEFAULT_POLICY: Readonly<EvalPolicy> = Object.freeze({
  complete: false,
  relevanceLevel: 1,
  judgedOnly: false,
  ignoreIdenticalIds: false,
  gain: 'linear',
});

/** Fills defaults and checks values, naming the option that is wrong. */
export function resolvePolicy(given: Partial<EvalPolicy> = {}): EvalPolicy {
  const policy: EvalPolicy = { ...DEFAULT_POLICY };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) (policy as unknown as Record<string, unknown>)[key] = value;
  if (policy.maxPerQuery !== undefined && (!Number.isInteger(policy.maxPerQuery) || policy.maxPerQuery <= 0)) {
    throw new MedirError('BAD_OPTION', `--max-per-query: expected a positive integer, got '${policy.maxPerQuery}'`);
  }
  if (!Number.isInteger(policy.relevanceLevel)) {
    throw new MedirError('BAD_OPTION', `--relevance-level: expected an integer, got '${policy.relevanceLevel}'`);
  }
  if (!GAINS.includes(policy.gain)) throw new MedirError('BAD_OPTION', `--gain: unknown value '${policy.gain}'; valid: ${GAINS.join(', ')}`);
  return policy;
}

/** One line for report headers: `complete=no, -M none, -l 1, judged-only=no, identical ids kept, gain linear`. */
export function describePolicy(p: EvalPolicy): string {
  return [
    `missing queries ${p.complete ? 'count as 0 (-c)' : 'skipped'}`,
    `depth ${p.maxPerQuery ?? 'all'}`,
    `relevant if rel >= ${p.relevanceLevel}`,
    p.judgedOnly ? 'unjudged docs dropped (-J)' : 'unjudged docs kept',
    p.ignoreIdenticalIds ? 'query-id = doc-id dropped' : 'identical ids kept',
    `nDCG gain ${p.gain}`,
    'ties by docid desc',
  ].join(', ');
}

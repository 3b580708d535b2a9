import type { EvalResult } from './evaluator.js';
import type { EvalPolicy } from './policy.js';

/**
 * medir's own reports count a judged query the run has no ranking for as 0 (trec_eval -c), as BEIR,
 * bm25s and the demo do: a system that answers fewer queries must not score higher for it.
 * `medir eval --format trec_eval` alone keeps trec_eval's default (skip, unless -c), so its output
 * stays byte-identical to trec_eval's.
 */
export const REPORT_POLICY: Readonly<Partial<EvalPolicy>> = Object.freeze({ complete: true });

/** A named report: the measures it prints, scored under REPORT_POLICY unless the user says otherwise. */
export interface ReportSpec {
  measures: readonly string[];
  description: string;
}

/** Every report medir prints, by name: commands take their measures from here, never from a literal. */
export const REPORT_SPECS = {
  retrieval: { measures: ['ndcg@10', 'recall@100', 'map', 'mrr@10', 'p@10'], description: 'eval and compare defaults' },
  demo: { measures: ['ndcg@10', 'recall@100'], description: 'the demo table' },
  language: { measures: ['ndcg@10', 'recall@100', 'recip_rank'], description: 'per-language and per-rewrite tables (xling, rewrite)' },
  notes: { measures: ['ndcg_cut_10', 'recip_rank', 'recall_100'], description: 'the MTSamples notes task' },
  cliniqMulti: { measures: ['recip_rank', 'ndcg_cut_10', 'recall_100'], description: 'CliniQ multi-patient retrieval' },
  cliniqSingle: { measures: ['recip_rank', 'ndcg', 'map'], description: 'CliniQ single-patient retrieval' },
} as const satisfies Record<string, ReportSpec>;

/** The policy a report is scored under: REPORT_POLICY, then each layer's defined values on top (a report's own rules, the user's flags). */
export function reportPolicy(...layers: (Partial<EvalPolicy> | undefined)[]): Partial<EvalPolicy> {
  const policy: Partial<EvalPolicy> = { ...REPORT_POLICY };
  for (const layer of layers) for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined) Object.assign(policy, { [key]: value });
  return policy;
}

/** The warning a report prints when judged queries have no ranking, or undefined when none is missing. */
export function missingQueriesNote(result: Pick<EvalResult, 'judged' | 'missing' | 'policy'>, what = 'the run'): string | undefined {
  if (result.missing === 0) return undefined;
  return `${result.missing} of ${result.judged} judged queries are missing from ${what}: ${result.policy.complete ? 'counted as 0' : 'skipped'}`;
}

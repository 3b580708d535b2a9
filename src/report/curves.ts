import type { Qrels, Run } from '../core/types.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { EvalPolicy } from '../evaluate/policy.js';
import type { CurvePoint } from './model.js';

/** Cutoffs of the recall@k and nDCG@k curves: 1…1000, spread evenly on a log axis. */
export const CURVE_KS = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000] as const;

/**
 * recall@k and nDCG@k of one run for every k of CURVE_KS up to the run's depth (beyond it a curve
 * would only repeat its last value, as if the retriever had been asked), under the report's policy.
 */
export function curvesOf(variant: string, run: Run, qrels: Qrels, policy: Partial<EvalPolicy>): CurvePoint[] {
  const depth = Math.max(0, ...[...run.values()].map((docs) => docs.length));
  const cutoffs = CURVE_KS.filter((k) => k <= depth);
  if (cutoffs.length === 0) return [];
  const ks = cutoffs.join(',');
  const { mean } = evaluate(qrels, run, [`recall.${ks}`, `ndcg_cut.${ks}`], policy);
  return cutoffs.map((k) => ({ variant, k, recall: mean.get(`recall_${k}`)!, ndcg: mean.get(`ndcg_cut_${k}`)! }));
}

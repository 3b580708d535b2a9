import type { Qrels, Run } from '../core/types.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { EvalPolicy } from '../evaluate/policy.js';
import type { CurvePoint } from './model.js';

/** Cutoffs of the recall@k and nDCG@k curves: 1…1000, spread evenly on a log axis. */
export const CURVE_KS = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000] as const;

/** recall@k and nDCG@k of one run for every k of CURVE_KS, under the report's policy. */
export function curvesOf(variant: string, run: Run, qrels: Qrels, policy: Partial<EvalPolicy>): CurvePoint[] {
  const ks = CURVE_KS.join(',');
  const { mean } = evaluate(qrels, run, [`recall.${ks}`, `ndcg_cut.${ks}`], policy);
  return CURVE_KS.map((k) => ({ variant, k, recall: mean.get(`recall_${k}`)!, ndcg: mean.get(`ndcg_cut_${k}`)! }));
}

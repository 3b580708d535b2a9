import { describe, expect, it } from 'vitest';
import { parseMeasures } from '../../src/evaluate/parse.js';

const outputs = (spec: string) => parseMeasures(spec).flatMap((r) => r.outputs);

// Every spelling medir accepts for a measure (ir_measures' names lower-cased, trec_eval's, and the
// common long forms), with the output it must select: a spelling dropped from a family's alias list
// would make a user's --measures an error.
describe('measure spellings', () => {
  it.each([
    ['p@5', 'P_5'],
    ['precision@5', 'P_5'],
    ['prec@5', 'P_5'],
    ['recall@5', 'recall_5'],
    ['r@5', 'recall_5'],
    ['map@5', 'map_cut_5'],
    ['ap@5', 'map_cut_5'],
    ['map_cut@5', 'map_cut_5'],
    ['ndcg@5', 'ndcg_cut_5'],
    ['ndcg_cut@5', 'ndcg_cut_5'],
    ['mrr@5', 'RR@5'],
    ['rr@5', 'RR@5'],
    ['recip_rank@5', 'RR@5'],
    ['success@5', 'success_5'],
    ['hit_rate@5', 'success_5'],
    ['hitrate@5', 'success_5'],
    ['hits@5', 'success_5'],
    ['judged@5', 'Judged@5'],
    ['unj@5', 'unj_5'],
    ['unjudged@5', 'unj_5'],
    ['relative_p@5', 'relative_P_5'],
  ])('%s (with a cutoff) → %s', (spec, output) => {
    expect(outputs(spec)).toEqual([output]);
  });

  it.each([
    ['map', 'map'],
    ['ap', 'map'],
    ['mrr', 'recip_rank'],
    // RR is a family of its own (cut at 10 by default): its name wins over recip_rank's spellings
    ['rr', 'RR@10'],
    ['recip_rank', 'recip_rank'],
    ['rprec', 'Rprec'],
    ['r-prec', 'Rprec'],
    ['r_prec', 'Rprec'],
    ['bpref', 'bpref'],
    ['infap', 'infAP'],
    ['ndcg', 'ndcg'],
    ['rbp', 'rbp'],
  ])('%s (bare) → %s', (spec, output) => {
    expect(outputs(spec)).toEqual([output]);
  });
});

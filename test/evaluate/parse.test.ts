import { describe, expect, it } from 'vitest';
import { MedirError } from '../../src/core/errors.js';
import { parseMeasures } from '../../src/evaluate/parse.js';

const outputs = (spec: string) => parseMeasures(spec).flatMap((r) => r.outputs);

describe('parseMeasures', () => {
  it.each([
    ['ndcg@10,recall@100,map,mrr@10,p@10', ['ndcg_cut_10', 'recall_100', 'map', 'RR@10', 'P_10']],
    ['nDCG@10 MRR', ['ndcg_cut_10', 'recip_rank']],
    ['ndcg_cut_10', ['ndcg_cut_10']],
    ['ndcg_cut.10,100', ['ndcg_cut_10', 'ndcg_cut_100']],
    ['P.5,10,map', ['P_5', 'P_10', 'map']],
    ['P.10,5', ['P_5', 'P_10']],
    ['hit_rate@5,judged@10', ['success_5', 'Judged@10']],
    ['map@100', ['map_cut_100']],
    ['iprec_at_recall_0.10', ['iprec_at_recall_0.10']],
    ['Rprec_mult.0.5,1', ['Rprec_mult_0.50', 'Rprec_mult_1.00']],
    ['ndcg@10,ndcg_cut_10', ['ndcg_cut_10']],
  ])('%s → %j', (spec, expected) => {
    expect(outputs(spec)).toEqual(expected);
  });

  it('selects every trec_eval measure with all_trec (alias all), in trec_eval order', () => {
    const all = outputs('all_trec');
    expect(outputs('all')).toEqual(all);
    expect(all.slice(0, 6)).toEqual(['runid', 'num_q', 'num_ret', 'num_rel', 'num_rel_ret', 'map']);
    expect(all).toContain('ndcg_cut_1000');
    expect(all).not.toContain('RR@10');
  });

  it('parses every output name back to the same output', () => {
    for (const name of [...outputs('all_trec'), 'RR@10', 'Judged@5']) {
      if (name === 'runid' || name === 'relstring') continue;
      expect(outputs(name)).toContain(name);
    }
  });

  it.each([['foo', 'UNKNOWN_NAME'], ['ndcg@x', 'UNKNOWN_NAME'], ['P.0', 'BAD_OPTION'], ['map.5', 'BAD_OPTION'], ['', 'BAD_OPTION']])('rejects %j (%s)', (spec, code) => {
    try {
      parseMeasures(spec);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(MedirError);
      expect((err as MedirError).code).toBe(code);
    }
  });
});

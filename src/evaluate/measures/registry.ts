import { unknownName } from '../../core/errors.js';
import type { MeasureFamily } from './measure.js';
import runid from './runid.js';
import numQ from './num-q.js';
import numRet from './num-ret.js';
import numRel from './num-rel.js';
import numRelRet from './num-rel-ret.js';
import map from './map.js';
import gmMap from './gm-map.js';
import rprec from './rprec.js';
import bpref from './bpref.js';
import recipRank from './recip-rank.js';
import iprecAtRecall from './iprec-at-recall.js';
import p from './p.js';
import relstring from './relstring.js';
import recall from './recall.js';
import infap from './infap.js';
import gmBpref from './gm-bpref.js';
import rprecMult from './rprec-mult.js';
import utility from './utility.js';
import elevenPtAvg from './11pt-avg.js';
import binG from './bing.js';
import g from './g.js';
import ndcg from './ndcg.js';
import ndcgRel from './ndcg-rel.js';
import rndcg from './rndcg.js';
import ndcgCut from './ndcg-cut.js';
import mapCut from './map-cut.js';
import relativeP from './relative-p.js';
import success from './success.js';
import setP from './set-p.js';
import setRelativeP from './set-relative-p.js';
import setRecall from './set-recall.js';
import setMap from './set-map.js';
import setF from './set-f.js';
import numNonrelJudgedRet from './num-nonrel-judged-ret.js';
import rbp from './rbp.js';
import rbpResid from './rbp-resid.js';
import unj from './unj.js';
import rr from './rr.js';
import judged from './judged.js';

/**
 * Every measure family medir knows. trec_eval's come first in trec_eval's own order (measures.c),
 * which is the order `all_trec` selects them and the trec_eval format prints them.
 * Adding a measure = its file + one line here.
 */
export const MEASURES = {
  runid,
  num_q: numQ,
  num_ret: numRet,
  num_rel: numRel,
  num_rel_ret: numRelRet,
  map,
  gm_map: gmMap,
  Rprec: rprec,
  bpref,
  recip_rank: recipRank,
  iprec_at_recall: iprecAtRecall,
  P: p,
  relstring,
  recall,
  infAP: infap,
  gm_bpref: gmBpref,
  Rprec_mult: rprecMult,
  utility,
  '11pt_avg': elevenPtAvg,
  binG,
  G: g,
  ndcg,
  ndcg_rel: ndcgRel,
  Rndcg: rndcg,
  ndcg_cut: ndcgCut,
  map_cut: mapCut,
  relative_P: relativeP,
  success,
  set_P: setP,
  set_relative_P: setRelativeP,
  set_recall: setRecall,
  set_map: setMap,
  set_F: setF,
  num_nonrel_judged_ret: numNonrelJudgedRet,
  rbp,
  rbp_resid: rbpResid,
  unj,
  RR: rr,
  Judged: judged,
} as const satisfies Record<string, MeasureFamily>;

export type MeasureName = keyof typeof MEASURES;

const FAMILIES: readonly MeasureFamily[] = Object.values(MEASURES);

/** Position in trec_eval's print order (non-trec_eval measures after). */
export function familyOrder(family: MeasureFamily): number {
  return FAMILIES.indexOf(family);
}

/** A family by its exact name, or by its name in any case (`ndcg_CUT`); unknown names list the valid ones. */
export function measureFamily(name: string): MeasureFamily {
  const family = findFamily(name);
  if (!family) throw unknownName('measure', name, FAMILIES.map((f) => f.name), 'measures also parse as ndcg@10, recall@100, mrr@10, p@10, all_trec');
  return family;
}

export function findFamily(name: string): MeasureFamily | undefined {
  // Names are unique in any case, so this finds the exact name too; MEASURES[name] would also find
  // Object.prototype's members ('toString', '__proto__') and crash on them.
  const lower = name.toLowerCase();
  return FAMILIES.find((f) => f.name.toLowerCase() === lower);
}

/** The family spelled `alias@k` (ndcg@10 → ndcg_cut) or bare (mrr → recip_rank), case-insensitive. */
export function familyByAlias(alias: string, withCutoff: boolean): MeasureFamily | undefined {
  const lower = alias.toLowerCase();
  return FAMILIES.find((f) => (withCutoff ? f.atAliases : f.plainAliases)?.includes(lower));
}

export const TREC_FAMILIES: readonly MeasureFamily[] = FAMILIES.filter((f) => f.trec);

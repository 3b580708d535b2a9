import type { JudgedRanking } from '../ranking.js';

/** What a measure may read besides the ranking. */
export interface MeasureContext {
  relevanceLevel: number;
  gain: 'linear' | 'exp';
}

/**
 * A measure's parameters as written after the family name (`ndcg_cut.5,10`, `rbp.p=0.8`):
 * a list of numbers, and `name=value` pairs.
 */
export interface MeasureParams {
  list: readonly number[];
  pairs: Readonly<Record<string, number>>;
}

/** How the `all` value is formed from per-query values (trec_eval's calc_avg). */
export type Summary = 'mean' | 'sum' | 'gm' | 'runid';

/**
 * One measure family (trec_eval's TREC_MEAS): a name, how it is spelled in `@` style, its default
 * parameters, the output names the parameters give, and the per-query computation.
 */
export interface MeasureFamily {
  /** trec_eval's name, or the ir_measures-style root for measures trec_eval lacks (`RR`). */
  name: string;
  /** Part of trec_eval's all_trec (in registry order, which is trec_eval's print order). */
  trec: boolean;
  /** Lower-case spellings used as `alias@k` (e.g. `ndcg` in `ndcg@10`), besides the family's name, which parses in any case. */
  atAliases?: readonly string[];
  /** Lower-case spellings used bare (e.g. `mrr` for recip_rank), besides the family's name in any case (which wins). */
  plainAliases?: readonly string[];
  /** 'list' families take numbers (`P.5,10`); 'pairs' families take `name=value` (`rbp.p=0.8`). */
  params: 'none' | 'list' | 'pairs';
  /** A list of coefficients in a fixed order (utility's p1..p4), kept as given: cutoff lists are sorted and deduplicated. */
  ordered?: boolean;
  defaults: MeasureParams;
  value: 'float' | 'int' | 'text';
  summary: Summary;
  /** False for summary-only measures (num_q, gm_map, gm_bpref, runid). */
  perQuery: boolean;
  outputs(params: MeasureParams): string[];
  /** Deepest rank read; Infinity when the whole ranking (or its counts) is needed. */
  depth(params: MeasureParams): number;
  /** Writes one value per output into out[at..]. */
  compute(r: JudgedRanking, params: MeasureParams, ctx: MeasureContext, out: Float64Array, at: number): void;
  /** Text measures (relstring) give their per-query string here. */
  text?(r: JudgedRanking, params: MeasureParams): string;
  /** Why the parameters are invalid, or undefined when they are fine. */
  check?(params: MeasureParams): string | undefined;
  /** True for nDCG measures, whose values and names follow the policy's gain. */
  usesGain?: boolean;
}

export function defineMeasure(def: MeasureFamily): MeasureFamily {
  return def;
}

const NO_PAIRS: Readonly<Record<string, number>> = Object.freeze({});

export function listParams(...list: number[]): MeasureParams {
  return { list, pairs: NO_PAIRS };
}

export const NO_PARAMS: MeasureParams = listParams();

type Shared = Pick<MeasureFamily, 'name' | 'trec' | 'atAliases' | 'plainAliases'>;

/**
 * A family with one value per rank cutoff (P_5, P_10…). `name_k` for trec_eval's measures,
 * `name@k` for the others. The computation gets the cutoff and must not read deeper.
 */
export function cutoffMeasure(
  def: Shared & { defaults: number[]; usesGain?: boolean; compute(r: JudgedRanking, k: number, ctx: MeasureContext): number },
): MeasureFamily {
  return {
    ...def,
    check: (p) => (p.list.every((k) => Number.isInteger(k) && k > 0) ? undefined : 'cutoffs must be positive integers'),
    params: 'list',
    defaults: listParams(...def.defaults),
    value: 'float',
    summary: 'mean',
    perQuery: true,
    outputs: (p) => p.list.map((k) => (def.trec ? `${def.name}_${k}` : `${def.name}@${k}`)),
    depth: (p) => Math.max(...p.list),
    compute(r, p, ctx, out, at) {
      for (let i = 0; i < p.list.length; i++) out[at + i] = def.compute(r, p.list[i], ctx);
    },
  };
}

/** A family with one value and no parameters (map, bpref…). */
export function scalarMeasure(
  def: Shared & {
    usesGain?: boolean; value?: 'float' | 'int'; summary?: Summary; perQuery?: boolean; depth?: number; compute(r: JudgedRanking, ctx: MeasureContext): number },
): MeasureFamily {
  return {
    ...def,
    params: 'none',
    defaults: NO_PARAMS,
    value: def.value ?? 'float',
    summary: def.summary ?? 'mean',
    perQuery: def.perQuery ?? true,
    outputs: () => [def.name],
    depth: () => def.depth ?? Infinity,
    compute(r, _p, ctx, out, at) {
      out[at] = def.compute(r, ctx);
    },
  };
}

/** trec_eval prints fractional parameters with two decimals: iprec_at_recall_0.10, Rprec_mult_2.00. */
export function fractionName(name: string, x: number): string {
  return `${name}_${x.toFixed(2)}`;
}

/** Relevant (>= level) documents among the first k ranks. */
export function relevantInTop(r: JudgedRanking, k: number, level: number): number {
  const n = Math.min(k, r.depth);
  let count = 0;
  for (let i = 0; i < n; i++) if (r.rels[i] >= level) count++;
  return count;
}

/** trec_eval's MIN_GEO_MEAN: values are floored here before the log of a geometric mean. */
export const MIN_GEO_MEAN = 0.00001;

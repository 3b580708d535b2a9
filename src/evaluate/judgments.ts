import type { Qrels } from '../core/types.js';

/**
 * One query's judgments, summarised once and reused for every run evaluated against them: the
 * per-level counts are what the ideal rankings (nDCG, G) and num_rel come from.
 */
export interface QueryJudgments {
  docs: ReadonlyMap<string, number>;
  /** Number of judged documents at each relevance value 0..numRelLevels-1 (negative values are "in pool, unjudged"). */
  relLevels: Int32Array;
  /** Highest judged value + 1 (0 when nothing is judged >= 0), trec_eval's num_rel_levels. */
  numRelLevels: number;
  /** Judged documents with relevance >= the relevance level. */
  numRel: number;
}

export function summariseJudgments(docs: ReadonlyMap<string, number>, relevanceLevel: number): QueryJudgments {
  let max = -1;
  for (const rel of docs.values()) if (rel > max) max = rel;
  const relLevels = new Int32Array(Math.max(max + 1, 0));
  for (const rel of docs.values()) if (rel >= 0) relLevels[rel]++;
  let numRelLevels = 0;
  let numRel = 0;
  for (let level = 0; level < relLevels.length; level++) {
    if (relLevels[level] > 0) numRelLevels = level + 1;
    if (level >= relevanceLevel) numRel += relLevels[level];
  }
  return { docs, relLevels, numRelLevels, numRel };
}

/**
 * Summaries for every query of a qrels, computed on first use and shared by every evaluation of the
 * same qrels object at the same relevance level (compare, sweeps, repeated evaluate calls). Qrels are
 * immutable once built (DESIGN), which is what makes caching by identity safe.
 */
export class JudgmentCache {
  private static readonly shared = new WeakMap<Qrels, Map<number, JudgmentCache>>();
  private readonly cache = new Map<string, QueryJudgments>();

  private constructor(
    private readonly qrels: Qrels,
    private readonly relevanceLevel: number,
  ) {}

  static for(qrels: Qrels, relevanceLevel: number): JudgmentCache {
    let byLevel = JudgmentCache.shared.get(qrels);
    if (!byLevel) JudgmentCache.shared.set(qrels, (byLevel = new Map()));
    let cache = byLevel.get(relevanceLevel);
    if (!cache) byLevel.set(relevanceLevel, (cache = new JudgmentCache(qrels, relevanceLevel)));
    return cache;
  }

  get(qid: string): QueryJudgments | undefined {
    let j = this.cache.get(qid);
    if (j) return j;
    const docs = this.qrels.get(qid);
    if (!docs) return undefined;
    j = summariseJudgments(docs, this.relevanceLevel);
    this.cache.set(qid, j);
    return j;
  }
}

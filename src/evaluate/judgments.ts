import type { Qrels } from '../core/types.js';

/**
 * One query's judgments, summarised once and reused for every run evaluated against them: the
 * per-level counts are what the ideal rankings (nDCG, G) and num_rel come from.
 */
export interface QueryJudgments {
  docs: ReadonlyMap<string, number>;
  /** The distinct judged values >= 0, ascending: sparse, since a value may be as large as 2^53 - 1. */
  levels: Float64Array;
  /** Number of judged documents at each of `levels` (negative values are "in pool, unjudged"). */
  levelCounts: Float64Array;
  /** Highest judged value + 1 (0 when nothing is judged >= 0), trec_eval's num_rel_levels. */
  numRelLevels: number;
  /** Judged documents with relevance >= the relevance level. */
  numRel: number;
}

export function summariseJudgments(docs: ReadonlyMap<string, number>, relevanceLevel: number): QueryJudgments {
  const counts = new Map<number, number>();
  for (const rel of docs.values()) if (rel >= 0) counts.set(rel, (counts.get(rel) ?? 0) + 1);
  const levels = Float64Array.from(counts.keys()).sort();
  const levelCounts = levels.map((level) => counts.get(level)!);
  let numRel = 0;
  // Stryker disable next-line EqualityOperator: levels[length] is undefined, not >= the level
  for (let i = 0; i < levels.length; i++) if (levels[i] >= relevanceLevel) numRel += levelCounts[i];
  return { docs, levels, levelCounts, numRelLevels: levels.length ? levels[levels.length - 1] + 1 : 0, numRel };
}

/** Judged documents (relevance >= 0) whose relevance is below `level`. */
export function judgedBelow(j: QueryJudgments, level: number): number {
  let n = 0;
  for (let i = 0; i < j.levels.length && j.levels[i] < level; i++) n += j.levelCounts[i];
  return n;
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
    // Stryker disable next-line ConditionalExpression: a cache; a fresh one summarises the same judgments
    if (!byLevel) JudgmentCache.shared.set(qrels, (byLevel = new Map()));
    let cache = byLevel.get(relevanceLevel);
    // Stryker disable next-line ConditionalExpression: a cache; a fresh one summarises the same judgments
    if (!cache) byLevel.set(relevanceLevel, (cache = new JudgmentCache(qrels, relevanceLevel)));
    return cache;
  }

  get(qid: string): QueryJudgments | undefined {
    let j = this.cache.get(qid);
    // Stryker disable next-line ConditionalExpression: a cache; summarised again, the judgments are the same
    if (j) return j;
    const docs = this.qrels.get(qid);
    if (!docs) return undefined;
    j = summariseJudgments(docs, this.relevanceLevel);
    this.cache.set(qid, j);
    return j;
  }
}

import type { ScoredDoc } from '../core/types.js';
import type { QueryJudgments } from './judgments.js';
import type { EvalPolicy } from './policy.js';

/** trec_eval's codes for a retrieved document without a judgment >= 0. */
export const NONPOOL = -1;
export const UNJUDGED = -2;

/**
 * A ranking as measures see it (trec_eval's RES_RELS): the relevance at each rank of the canonical
 * order, plus the counts. Only the first `depth` entries of `rels` are filled when no requested
 * measure looks deeper; the `num*Ret` counts are then NaN.
 */
export interface JudgedRanking {
  rels: Float64Array;
  numRet: number;
  depth: number;
  numRel: number;
  numRelRet: number;
  numNonpool: number;
  numUnjudged: number;
  judgments: QueryJudgments;
}

/** How far a ranking is from canonical order (score descending, then docid descending, trec_eval's strcmp). */
const enum Sortedness {
  Canonical,
  /** Scores never increase; only some ties are out of docid order. */
  TiesOnly,
  Unsorted,
}

/** One pass over a ranking given as objects; no closure in the loop, since this runs for every query. */
function sortednessOfDocs(docs: readonly ScoredDoc[]): Sortedness {
  let result = Sortedness.Canonical;
  for (let i = 1; i < docs.length; i++) {
    const a = docs[i - 1];
    const b = docs[i];
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only picks the fast path; a ranking classed Unsorted gets the same order from the full sort
    if (a.score < b.score) return Sortedness.Unsorted;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a ranking classed TiesOnly when Canonical gets the same (identity) order, only later
    if (a.score === b.score && a.docId < b.docId) result = Sortedness.TiesOnly;
  }
  return result;
}

/**
 * The permutation to canonical order of a ranking that is not in it. Runs are almost always written
 * by score with only ties in arbitrary order: then only the runs of equal scores are sorted.
 */
function canonicalOrder(n: number, how: Sortedness, idAt: (i: number) => string, scoreAt: (i: number) => number): number[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: V8's sort reads only `< 0`, so 0 and 1 are one answer; equal ids are one document twice (same relevance)
  const byId = (a: number, b: number) => (idAt(a) < idAt(b) ? 1 : idAt(a) > idAt(b) ? -1 : 0);
  const order = Array.from({ length: n }, (_, i) => i);
  // Stryker disable next-line ConditionalExpression: the full sort gives a ties-only ranking the same order
  if (how === Sortedness.Unsorted) return order.sort((a, b) => scoreAt(b) - scoreAt(a) || byId(a, b));
  // Stryker disable next-line EqualityOperator: a start at n makes a run of one, which is not sorted
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scoreAt(end) === scoreAt(start)) end++;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: sorting a run of one changes nothing
    if (end - start > 1) {
      const tie = order.slice(start, end).sort(byId);
      for (let k = 0; k < tie.length; k++) order[start + k] = tie[k];
    }
    start = end;
  }
  return order;
}

/**
 * Puts rankings in trec_eval's canonical order (score desc, docid desc; the rank column never counts),
 * applies the policy and looks up relevance. One builder serves a whole evaluation and reuses its
 * buffers, so a query whose ranking is already sorted (the usual case) costs no allocation per document.
 */
export class RankingBuilder {
  private rels = new Float64Array(1024);

  constructor(
    private readonly policy: EvalPolicy,
    /** Deepest rank any requested measure reads; Infinity when one needs the whole ranking. */
    private readonly depth: number,
  ) {}

  /** A ranking given as ScoredDoc objects (in-memory runs). */
  build(qid: string, docs: readonly ScoredDoc[] | undefined, judgments: QueryJudgments): JudgedRanking {
    let ranked: readonly ScoredDoc[] = docs ?? [];
    if (this.policy.ignoreIdenticalIds) ranked = ranked.filter((d) => d.docId !== qid);
    const how = sortednessOfDocs(ranked);
    // Stryker disable next-line ConditionalExpression: the permutation of a canonical ranking is the identity
    const order = how === Sortedness.Canonical ? undefined : canonicalOrder(ranked.length, how, (i) => ranked[i].docId, (i) => ranked[i].score);
    const raw = this.scratch(ranked.length);
    const judged = judgments.docs;
    for (let i = 0, m = this.lookups(ranked.length); i < m; i++) raw[i] = judged.get(ranked[order ? order[i] : i].docId) ?? NaN;
    return this.fromRelevance(raw, ranked.length, judgments);
  }

  private raw = new Float64Array(1024);

  /** How many of `length` documents fromRelevance reads: only the measures' depth, unless -J filters. */
  private lookups(length: number): number {
    return this.policy.judgedOnly ? length : Math.min(length, this.depth);
  }

  /** A reusable buffer of at least n relevance values. */
  scratch(n: number): Float64Array {
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: how much a buffer grows beyond n changes only how often it grows
    if (this.raw.length < n) this.raw = new Float64Array(Math.max(n, this.raw.length * 2));
    return this.raw;
  }

  /**
   * The ranking of `length` documents whose relevance, in canonical order, is `raw[i]` (NaN when the
   * qrels do not judge the document): applies the policy and counts. Reuses its buffers, so a query
   * costs no allocation per document.
   */
  fromRelevance(raw: Float64Array, length: number, judgments: QueryJudgments): JudgedRanking {
    let n = Math.min(length, this.policy.maxPerQuery ?? Infinity);
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: how much a buffer grows beyond n changes only how often it grows
    if (this.rels.length < n) this.rels = new Float64Array(Math.max(n, this.rels.length * 2));
    const rels = this.rels;
    const level = this.policy.relevanceLevel;
    const r: JudgedRanking = { rels, numRet: n, depth: n, numRel: judgments.numRel, numRelRet: 0, numNonpool: 0, numUnjudged: 0, judgments };
    if (this.policy.judgedOnly) {
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const rel = raw[i];
        if (!(rel >= 0)) continue;
        rels[kept++] = rel;
        if (rel >= level) r.numRelRet++;
      }
      n = kept;
      r.numRet = r.depth = n;
    } else if (this.depth >= n) {
      for (let i = 0; i < n; i++) {
        const rel = raw[i];
        if (rel !== rel) {
          rels[i] = NONPOOL;
          r.numNonpool++;
        } else if (rel < 0) {
          rels[i] = UNJUDGED;
          r.numUnjudged++;
        } else {
          rels[i] = rel;
          if (rel >= level) r.numRelRet++;
        }
      }
    } else {
      r.depth = this.depth;
      r.numRelRet = r.numNonpool = r.numUnjudged = NaN;
      // Stryker disable next-line EqualityOperator: rels[depth] exists (depth < n) and no measure reads past r.depth
      for (let i = 0; i < this.depth; i++) {
        const rel = raw[i];
        rels[i] = rel !== rel ? NONPOOL : rel < 0 ? UNJUDGED : rel;
      }
    }
    return r;
  }
}

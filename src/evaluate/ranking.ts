import type { ScoredDoc } from '../core/types.js';
import { compareCanonical } from '../formats/run.js';
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
  rels: Int32Array;
  numRet: number;
  depth: number;
  numRel: number;
  numRelRet: number;
  numNonpool: number;
  numUnjudged: number;
  judgments: QueryJudgments;
}

const EMPTY = new Int32Array(0);

/** True when the ranking is already in canonical order (the usual case: run files are written sorted). */
function isCanonical(docs: readonly ScoredDoc[]): boolean {
  for (let i = 1; i < docs.length; i++) if (compareCanonical(docs[i - 1], docs[i]) > 0) return false;
  return true;
}

/**
 * Puts rankings in trec_eval's canonical order (score desc, docid desc; the rank column never counts),
 * applies the policy and looks up relevance. One builder serves a whole evaluation and reuses its
 * buffer, so a query costs no allocation when its ranking is already sorted.
 */
export class RankingBuilder {
  private buffer = new Int32Array(1024);

  constructor(
    private readonly policy: EvalPolicy,
    /** Deepest rank any requested measure reads; Infinity when one needs the whole ranking. */
    private readonly depth: number,
  ) {}

  build(qid: string, docs: readonly ScoredDoc[] | undefined, judgments: QueryJudgments): JudgedRanking {
    let ranked: readonly ScoredDoc[] = docs ?? [];
    if (this.policy.ignoreIdenticalIds) ranked = ranked.filter((d) => d.docId !== qid);
    if (!isCanonical(ranked)) ranked = [...ranked].sort(compareCanonical);
    let n = Math.min(ranked.length, this.policy.maxPerQuery ?? Infinity);
    if (this.buffer.length < n) this.buffer = new Int32Array(Math.max(n, this.buffer.length * 2));
    const rels = this.buffer;
    const judged = judgments.docs;
    const level = this.policy.relevanceLevel;
    const result: JudgedRanking = { rels: EMPTY, numRet: n, depth: n, numRel: judgments.numRel, numRelRet: 0, numNonpool: 0, numUnjudged: 0, judgments };
    if (this.policy.judgedOnly) {
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const rel = judged.get(ranked[i].docId);
        if (rel === undefined || rel < 0) continue;
        rels[kept++] = rel;
        if (rel >= level) result.numRelRet++;
      }
      n = kept;
      result.numRet = result.depth = n;
    } else if (this.depth >= n) {
      for (let i = 0; i < n; i++) {
        const rel = judged.get(ranked[i].docId);
        if (rel === undefined) {
          rels[i] = NONPOOL;
          result.numNonpool++;
        } else if (rel < 0) {
          rels[i] = UNJUDGED;
          result.numUnjudged++;
        } else {
          rels[i] = rel;
          if (rel >= level) result.numRelRet++;
        }
      }
    } else {
      result.depth = this.depth;
      result.numRelRet = result.numNonpool = result.numUnjudged = NaN;
      for (let i = 0; i < this.depth; i++) {
        const rel = judged.get(ranked[i].docId);
        rels[i] = rel === undefined ? NONPOOL : rel < 0 ? UNJUDGED : rel;
      }
    }
    result.rels = rels.subarray(0, result.depth);
    return result;
  }
}

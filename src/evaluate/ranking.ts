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

/** Canonical order on columns: score descending, then docid descending (trec_eval's strcmp). */
function compareAt(docIds: readonly string[], scores: ArrayLike<number>, a: number, b: number): number {
  if (scores[a] !== scores[b]) return scores[b] - scores[a];
  return docIds[a] < docIds[b] ? 1 : docIds[a] > docIds[b] ? -1 : 0;
}

/**
 * Puts rankings in trec_eval's canonical order (score desc, docid desc; the rank column never counts),
 * applies the policy and looks up relevance. One builder serves a whole evaluation and reuses its
 * buffers, so a query whose ranking is already sorted (the usual case) costs no allocation per document.
 */
export class RankingBuilder {
  private rels = new Int32Array(1024);

  constructor(
    private readonly policy: EvalPolicy,
    /** Deepest rank any requested measure reads; Infinity when one needs the whole ranking. */
    private readonly depth: number,
  ) {}

  /** A ranking given as ScoredDoc objects (in-memory runs). */
  build(qid: string, docs: readonly ScoredDoc[] | undefined, judgments: QueryJudgments): JudgedRanking {
    let ranked: readonly ScoredDoc[] = docs ?? [];
    if (this.policy.ignoreIdenticalIds) ranked = ranked.filter((d) => d.docId !== qid);
    for (let i = 1; i < ranked.length; i++) {
      if (compareCanonical(ranked[i - 1], ranked[i]) > 0) {
        ranked = [...ranked].sort(compareCanonical);
        break;
      }
    }
    return this.fill(ranked.length, (i) => ranked[i].docId, judgments);
  }

  /** A ranking given as columns (streamed run files). */
  buildColumns(qid: string, docIds: readonly string[], scores: ArrayLike<number>, judgments: QueryJudgments): JudgedRanking {
    let order: number[] | undefined;
    if (this.policy.ignoreIdenticalIds && docIds.includes(qid)) order = docIds.map((_, i) => i).filter((i) => docIds[i] !== qid);
    const at = (i: number) => (order ? order[i] : i);
    const n = order ? order.length : docIds.length;
    for (let i = 1; i < n; i++) {
      if (compareAt(docIds, scores, at(i - 1), at(i)) > 0) {
        order = (order ?? docIds.map((_, j) => j)).sort((a, b) => compareAt(docIds, scores, a, b));
        break;
      }
    }
    return order ? this.fill(n, (i) => docIds[order[i]], judgments) : this.fill(n, (i) => docIds[i], judgments);
  }

  private fill(length: number, docIdAt: (i: number) => string, judgments: QueryJudgments): JudgedRanking {
    let n = Math.min(length, this.policy.maxPerQuery ?? Infinity);
    if (this.rels.length < n) this.rels = new Int32Array(Math.max(n, this.rels.length * 2));
    const rels = this.rels;
    const judged = judgments.docs;
    const level = this.policy.relevanceLevel;
    const r: JudgedRanking = { rels, numRet: n, depth: n, numRel: judgments.numRel, numRelRet: 0, numNonpool: 0, numUnjudged: 0, judgments };
    if (this.policy.judgedOnly) {
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const rel = judged.get(docIdAt(i));
        if (rel === undefined || rel < 0) continue;
        rels[kept++] = rel;
        if (rel >= level) r.numRelRet++;
      }
      n = kept;
      r.numRet = r.depth = n;
    } else if (this.depth >= n) {
      for (let i = 0; i < n; i++) {
        const rel = judged.get(docIdAt(i));
        if (rel === undefined) {
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
      for (let i = 0; i < this.depth; i++) {
        const rel = judged.get(docIdAt(i));
        rels[i] = rel === undefined ? NONPOOL : rel < 0 ? UNJUDGED : rel;
      }
    }
    return r;
  }
}

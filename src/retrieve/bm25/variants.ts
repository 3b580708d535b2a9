/**
 * The BM25 variants of Kamphuis et al. (ECIR 2020, "Which BM25 do you mean?"), as bm25s defines
 * them. N = documents, df = documents holding the term, tf = its count in the document,
 * L = (1 − b) + b·dl/avgdl (length normalisation). A document's score for a query is the sum over
 * query terms (repeats counted) of idf(df)·tfc(tf, L).
 *
 * BM25L and BM25+ give a term absent from a document idf·tfc(0) > 0; the index stores
 * idf·(tfc(tf) − tfc(0)) and a query adds Σ idf·tfc(0) over its terms to every matching document,
 * which keeps postings sparse and scores equal to the full formula.
 */
export interface Bm25Params {
  k1: number;
  b: number;
  delta: number;
}

export interface Bm25Variant {
  idf(df: number, n: number): number;
  /** Term-frequency component; `norm` is L above. */
  tfc(tf: number, norm: number, p: Bm25Params): number;
  /** Whether tfc(0) ≠ 0, i.e. a query adds a constant per term (BM25L, BM25+). */
  absentTermScores: boolean;
}

/**
 * tf / (tf + k1·L), the saturation every variant but BM25L shares (up to a constant factor); 0 for
 * an absent term, also at k1 = 0, where the formula reads 0/0 (NaN would empty every ranking).
 */
const saturation = (tf: number, norm: number, k1: number) => (tf === 0 ? 0 : tf / (tf + k1 * norm));

export const BM25_VARIANTS = {
  /** Lucene ≥ 8: idf = ln(1 + (N − df + 0.5)/(df + 0.5)); tfc = tf / (tf + k1·L). */
  lucene: {
    idf: (df, n) => Math.log(1 + (n - df + 0.5) / (df + 0.5)),
    tfc: (tf, norm, p) => saturation(tf, norm, p.k1),
    absentTermScores: false,
  },
  /** Robertson et al.: idf = ln((N − df + 0.5)/(df + 0.5)), floored at 0 (ln 1) for very common terms; tfc as Lucene. */
  robertson: {
    idf: (df, n) => Math.log(Math.max(1, (n - df + 0.5) / (df + 0.5))),
    tfc: (tf, norm, p) => saturation(tf, norm, p.k1),
    absentTermScores: false,
  },
  /** ATIRE (Trotman et al.): idf = ln(N/df); tfc = (k1 + 1)·tf / (tf + k1·L). */
  atire: {
    idf: (df, n) => Math.log(n / df),
    tfc: (tf, norm, p) => (p.k1 + 1) * saturation(tf, norm, p.k1),
    absentTermScores: false,
  },
  /** BM25L (Lv & Zhai): idf = ln((N + 1)/(df + 0.5)); c = tf/L; tfc = (k1 + 1)(c + δ) / (k1 + c + δ). */
  bm25l: {
    idf: (df, n) => Math.log((n + 1) / (df + 0.5)),
    tfc: (tf, norm, p) => {
      const c = tf / norm + p.delta;
      // c = 0 (an absent term at δ = 0) with k1 = 0 reads 0/0: no contribution
      return c === 0 ? 0 : ((p.k1 + 1) * c) / (p.k1 + c);
    },
    absentTermScores: true,
  },
  /** BM25+ (Lv & Zhai): idf = ln((N + 1)/df); tfc = (k1 + 1)·tf / (tf + k1·L) + δ. */
  bm25plus: {
    idf: (df, n) => Math.log((n + 1) / df),
    tfc: (tf, norm, p) => (p.k1 + 1) * saturation(tf, norm, p.k1) + p.delta,
    absentTermScores: true,
  },
} as const satisfies Record<string, Bm25Variant>;

export type Bm25VariantName = keyof typeof BM25_VARIANTS;

/** L = (1 − b) + b·dl/avgdl. */
export function lengthNorm(docLength: number, avgLength: number, b: number): number {
  return 1 - b + (b * docLength) / avgLength;
}

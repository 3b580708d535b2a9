/**
 * BLEU as sacreBLEU computes it (v2, defaults): the 13a tokenizer, n-grams up to 4, clipped counts,
 * brevity penalty, 'exp' smoothing; a sentence score uses the effective order (sacreBLEU's
 * `sentence_bleu`), a corpus score pools the counts of all sentences (`corpus_bleu`). Scores are
 * 0–100. A small implementation because no maintained BLEU package for Node exists; its values
 * are tested against sacreBLEU 2.6.0.
 */
const MAX_ORDER = 4;

/** sacreBLEU's `13a` tokenizer (mteval-v13a): punctuation split off, periods and commas kept inside numbers. */
export function tokenize13a(text: string): string[] {
  let s = text.replace(/<skipped>/g, '').replace(/-\n/g, '').replace(/\n/g, ' ');
  s = s.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  s = ` ${s} `
    .replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ')
    .replace(/([^0-9])([.,])/g, '$1 $2 ')
    .replace(/([.,])([^0-9])/g, ' $1 $2')
    .replace(/([0-9])(-)/g, '$1 $2 ');
  return s.split(/\s+/).filter(Boolean);
}

export interface BleuStats {
  correct: number[];
  total: number[];
  hypLen: number;
  refLen: number;
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(' ');
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Clipped n-gram matches and totals of one hypothesis against one reference. */
export function bleuStats(hypothesis: string, reference: string): BleuStats {
  const hyp = tokenize13a(hypothesis);
  const ref = tokenize13a(reference);
  const correct: number[] = [];
  const total: number[] = [];
  for (let n = 1; n <= MAX_ORDER; n++) {
    const h = ngrams(hyp, n);
    const r = ngrams(ref, n);
    let c = 0;
    for (const [g, k] of h) c += Math.min(k, r.get(g) ?? 0);
    correct.push(c);
    total.push(Math.max(0, hyp.length - n + 1));
  }
  return { correct, total, hypLen: hyp.length, refLen: ref.length };
}

/** The BLEU score (0–100) of pooled statistics. */
export function bleuFromStats(s: BleuStats, effectiveOrder: boolean): number {
  if (!s.correct.some((c) => c > 0)) return 0;
  const bp = s.hypLen < s.refLen ? Math.exp(1 - s.refLen / s.hypLen) : 1;
  const precisions = new Array<number>(MAX_ORDER).fill(0);
  let smooth = 1;
  let order = MAX_ORDER;
  for (let n = 1; n <= MAX_ORDER; n++) {
    if (s.total[n - 1] === 0) break;
    if (effectiveOrder) order = n;
    if (s.correct[n - 1] === 0) {
      smooth *= 2;
      precisions[n - 1] = 100 / (smooth * s.total[n - 1]);
    } else precisions[n - 1] = (100 * s.correct[n - 1]) / s.total[n - 1];
  }
  // A zero precision (sacreBLEU's log of -9999999999) is log 0 = -Infinity here: the score is 0 either way.
  const logs = precisions.slice(0, order).map(Math.log);
  return bp * Math.exp(logs.reduce((a, b) => a + b, 0) / order);
}

/** sacreBLEU's `sentence_bleu(hypothesis, [reference])`. */
export function sentenceBleu(hypothesis: string, reference: string): number {
  return bleuFromStats(bleuStats(hypothesis, reference), true);
}

/** sacreBLEU's `corpus_bleu(hypotheses, [references])`: counts pooled over all pairs. */
export function corpusBleu(pairs: readonly { hypothesis: string; reference: string }[]): number {
  const pooled: BleuStats = { correct: new Array(MAX_ORDER).fill(0), total: new Array(MAX_ORDER).fill(0), hypLen: 0, refLen: 0 };
  for (const p of pairs) {
    const s = bleuStats(p.hypothesis, p.reference);
    for (let n = 0; n < MAX_ORDER; n++) (pooled.correct[n] += s.correct[n]), (pooled.total[n] += s.total[n]);
    pooled.hypLen += s.hypLen;
    pooled.refLen += s.refLen;
  }
  return bleuFromStats(pooled, false);
}

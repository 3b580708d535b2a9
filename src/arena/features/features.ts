import type { Qrels } from '../../core/types.js';
import { citedSentences, resolveCitations, stripCitations } from '../../rag/citations.js';
import { rougeL } from '../../rag/metrics/rouge.js';
import { tokenF1 } from '../../rag/metrics/text-match.js';
import type { SystemAnswer } from '../answers.js';
import { citationQuality } from './citation-quality.js';
import { detectLanguage } from './language.js';
import type { SupportScorer } from './support.js';

/** The heuristic features of an answer (no LLM), by name, with what each measures. */
export const FEATURES = {
  lang_match: 'the answer is in the expected language (eld language id vs the row\'s lang): 1 or 0',
  citation_precision: 'share of cited passages that the qrels mark relevant',
  citation_recall: 'share of relevant passages (qrels) that the answer cites',
  citation_map: 'average precision of the citations in order of first citation',
  citation_support: 'mean cross-encoder support σ(logit) of (cited passage, citing sentence) pairs; 0 when nothing is cited',
  length: 'answer length in whitespace tokens, citation markers removed',
  reference_f1: 'token F1 with the reference answer (per-language normalisation)',
  reference_rouge_l: 'ROUGE-L F1 with the reference answer',
} as const;
export type FeatureName = keyof typeof FEATURES;
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

export interface FeatureContext {
  qrels?: Qrels;
  support?: SupportScorer;
}

export interface AnswerFeatures {
  queryId: string;
  system: string;
  detectedLang: string;
  /** null: not available for this answer (no qrels for the query, no passages, no reference…). */
  values: Record<FeatureName, number | null>;
}

/** The features of every answer; citation support is scored in one batch over all answers. */
export async function answerFeatures(answers: readonly SystemAnswer[], ctx: FeatureContext): Promise<AnswerFeatures[]> {
  const pairs: { passage: string; sentence: string }[] = [];
  const spans = answers.map((a) => {
    if (!a.passages || !ctx.support) return null;
    const byId = new Map(a.passages.map((p) => [p.id, p.text]));
    const start = pairs.length;
    for (const s of citedSentences(a.answer, a.passages)) for (const id of s.ids) pairs.push({ passage: byId.get(id)!, sentence: s.sentence });
    return [start, pairs.length] as const;
  });
  const support = ctx.support && pairs.length ? await ctx.support.score(pairs) : [];
  const out: AnswerFeatures[] = [];
  for (const [i, a] of answers.entries()) {
    const text = stripCitations(a.answer);
    const detectedLang = await detectLanguage(text);
    const cited = a.passages ? resolveCitations(a.answer, a.passages).ids : null;
    const quality = cited && ctx.qrels ? citationQuality(cited, ctx.qrels, a.queryId) : null;
    const span = spans[i];
    const supportValue = span ? (span[1] > span[0] ? support.slice(span[0], span[1]).reduce((x, y) => x + y, 0) / (span[1] - span[0]) : 0) : null;
    out.push({
      queryId: a.queryId,
      system: a.system,
      detectedLang,
      values: {
        lang_match: a.lang ? Number(detectedLang === a.lang.toLowerCase().split(/[-_]/)[0]) : null,
        citation_precision: quality?.precision ?? null,
        citation_recall: quality?.recall ?? null,
        citation_map: quality?.map ?? null,
        citation_support: supportValue,
        length: text.split(/\s+/).filter(Boolean).length,
        reference_f1: a.reference !== undefined ? tokenF1(text, a.reference, a.lang) : null,
        reference_rouge_l: a.reference !== undefined ? rougeL(text, a.reference, a.lang) : null,
      },
    });
  }
  return out;
}

/** Each system's mean of each feature over the answers where it is available (NaN where it never is). */
export function systemMeans(table: readonly AnswerFeatures[]): { system: string; answers: number; means: Record<FeatureName, number> }[] {
  const systems = [...new Set(table.map((f) => f.system))].sort();
  return systems.map((system) => {
    const own = table.filter((f) => f.system === system);
    const means = Object.fromEntries(
      FEATURE_NAMES.map((n) => {
        const xs = own.map((f) => f.values[n]).filter((v): v is number => v !== null);
        return [n, xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN];
      }),
    ) as Record<FeatureName, number>;
    return { system, answers: own.length, means };
  });
}

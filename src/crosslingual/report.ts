import type { MeasureLabel } from './measures.js';

/** A cell that does not apply, and why (rendered as the reason, never left empty). */
export interface NotApplicable {
  notApplicable: string;
}

export function notApplicable(reason: string): NotApplicable {
  return { notApplicable: reason };
}

export function isNotApplicable(value: unknown): value is NotApplicable {
  return typeof value === 'object' && value !== null && 'notApplicable' in value;
}

/** One language's score minus the reference language's, over the groups asked in both. */
export interface Gap {
  /** mean(lang) − mean(reference) over the paired groups. */
  absolute: number;
  /** absolute / mean(reference). */
  relative: number;
  /** Two-sided p-value of the paired test over groups. */
  p: number;
  /** Bootstrap confidence interval of `absolute`, resampling groups. */
  ci: [number, number];
  pairs: number;
}

export interface LanguageRow {
  condition: string;
  label: string;
  lang: string;
  /** Queries evaluated (0 when the condition does not apply). */
  queries: number;
  scores: Record<MeasureLabel, number> | NotApplicable;
  /** Gap to the reference language per measure. */
  gap: Record<MeasureLabel, Gap> | NotApplicable;
  /** Mean overlap@10 with the other languages' lists for the same question. */
  overlap: number | NotApplicable;
}

export interface ConditionSummary {
  condition: string;
  label: string;
  languages: string[];
  /** Worst and best language on the primary measure, and best − worst. */
  worst: { lang: string; value: number } | NotApplicable;
  best: { lang: string; value: number } | NotApplicable;
  spread: number | NotApplicable;
  /** Mean pairwise overlap@10 between languages of the same group. */
  overlap: number | NotApplicable;
  /** Fraction of groups where every language finds a relevant document in the top 10. */
  allLanguagesHit: number | NotApplicable;
  groups: number;
}

export interface XlingReport {
  dataset: string;
  split: string;
  measures: MeasureLabel[];
  primary: MeasureLabel;
  /** The language gaps are measured against (`en`), or why there is none. */
  reference: string | NotApplicable;
  /** How p-values and intervals were computed, and the evaluation policy. */
  method: { test: string; bootstrap: string; policy: string };
  rows: LanguageRow[];
  summaries: ConditionSummary[];
  notes: string[];
  runs: { condition: string; run: string; queries?: string }[];
}

import { REPORT_SPECS } from '../evaluate/report-spec.js';

const LABELS = { 'ndcg@10': 'nDCG@10', 'recall@100': 'R@100', recip_rank: 'MRR' } as const;

export type MeasureLabel = (typeof LABELS)[keyof typeof LABELS];

/** The measures of the `language` report spec (per language, per rewrite), with their labels. */
export const REPORT_MEASURES: readonly { spec: string; label: MeasureLabel }[] = REPORT_SPECS.language.measures.map((spec) => ({ spec, label: LABELS[spec] }));

/** The gap, spread and CI are reported on this one (the others are in the JSON). */
export const PRIMARY: MeasureLabel = 'nDCG@10';

/** Overlap and all-languages-hit are measured at this depth. */
export const CONSISTENCY_DEPTH = 10;

/** The measures medir's retrieval reports print (per language, per rewrite), with their labels. */
export const REPORT_MEASURES = [
  { spec: 'ndcg@10', label: 'nDCG@10' },
  { spec: 'recall@100', label: 'R@100' },
  { spec: 'recip_rank', label: 'MRR' },
] as const;

export type MeasureLabel = (typeof REPORT_MEASURES)[number]['label'];

/** The gap, spread and CI are reported on this one (the others are in the JSON). */
export const PRIMARY: MeasureLabel = 'nDCG@10';

/** Overlap and all-languages-hit are measured at this depth. */
export const CONSISTENCY_DEPTH = 10;

import type { AnswerRow } from '../answer.js';
import { accuracy, type Accuracy } from './accuracy.js';

export interface RetrievalLink {
  /** Share of items whose context held a gold passage. */
  goldRate: number;
  withGold: Accuracy;
  withoutGold: Accuracy;
}

/** Accuracy split by whether a gold passage reached the reader; null where no item had context. */
export function retrievalLink(rows: readonly AnswerRow[]): RetrievalLink | null {
  const judged = rows.filter((r) => r.goldInContext !== null);
  if (judged.length === 0) return null;
  const hit = judged.filter((r) => r.goldInContext);
  const miss = judged.filter((r) => !r.goldInContext);
  const correct = (rs: AnswerRow[]) => rs.filter((r) => r.correct).length;
  return { goldRate: hit.length / judged.length, withGold: accuracy(correct(hit), hit.length), withoutGold: accuracy(correct(miss), miss.length) };
}

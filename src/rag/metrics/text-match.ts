/** SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

/** Exact match after normalisation (not containment: "aspirin" does not match "aspirin 100 mg"). */
export function exactMatch(prediction: string, reference: string): boolean {
  return normalizeAnswer(prediction) === normalizeAnswer(reference);
}

/** Token-level F1 between normalised texts, counting repeated tokens as SQuAD does. */
export function tokenF1(prediction: string, reference: string): number {
  const pred = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const ref = normalizeAnswer(reference).split(' ').filter(Boolean);
  if (pred.length === 0 || ref.length === 0) return pred.length === ref.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of ref) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of pred) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      overlap++;
      counts.set(t, c - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / pred.length;
  const recall = overlap / ref.length;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * The number grammars of every input file medir reads (runs, qrels). C's atof/atol, which trec_eval
 * uses, read any prefix they can (`abc` → 0, `0x10` → 16, `1.5` as a relevance → 1) and JavaScript's
 * Number reads `0b11` as 3: both silently turn a malformed field into a plausible number. Here a field
 * either matches the grammar whole or is rejected, so the caller can say file:line.
 */

/** A decimal score: sign, digits with an optional point (or a point and digits), optional exponent. */
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A relevance judgment: an integer, written with a zero fraction if at all (`2`, `+2`, `2.0`). */
const INTEGER = /^[+-]?\d+(\.0*)?$/;

/** Parses a decimal score; undefined when `text` is not one or is out of the double range. */
export function parseDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Parses a relevance value; undefined unless it is an integer exactly representable (|v| ≤ 2^53 − 1). */
export function parseRelevance(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** What an error says a relevance must be. */
export const RELEVANCE_RULE = `an integer between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;

/** What an error says a score must be. */
export const SCORE_RULE = 'a finite number in decimal notation ([+-]digits[.digits][e[+-]digits])';

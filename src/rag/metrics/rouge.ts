import { l as rougeLcs } from 'js-rouge';
import { answerTokens } from './text-match.js';

/**
 * ROUGE-L F1 (β = 1) of an answer against a reference: the longest common subsequence of their
 * normalised tokens (per language, as exact match and F1), over the whole text as Google's
 * rouge-score `rougeL` does, not per sentence (`rougeLsum`). The LCS comes from js-rouge.
 */
export function rougeL(prediction: string, reference: string, lang = 'en'): number {
  const pred = answerTokens(prediction, lang);
  const ref = answerTokens(reference, lang);
  if (pred.length === 0 || ref.length === 0) return pred.length === ref.length ? 1 : 0;
  // Tokens are already normalised: joined by a separator no token contains, split back by the tokenizer.
  // Stryker disable next-line BooleanLiteral: tokens are already lower case, so case sensitivity changes nothing
  return rougeLcs(pred.join('\u0001'), ref.join('\u0001'), { beta: 1, caseSensitive: true, segmenter: (s) => [s], tokenizer: (s) => s.split('\u0001') });
}

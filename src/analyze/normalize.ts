/**
 * Removes diacritics from Latin letters only (é → e, ñ → n). Marks on other scripts are left
 * alone: a Devanagari vowel sign is part of the letter, not an accent.
 */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC');
}

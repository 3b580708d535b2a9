/**
 * Answer normalisation per language. English is SQuAD's exactly (lower case, ASCII punctuation
 * removed, a/an/the dropped, single spaces); other languages follow MLQA's evaluation script (all
 * Unicode punctuation removed, the language's articles dropped), with French and Italian elisions
 * (l', d', un') split off first so the article goes too. Chinese, Japanese and Thai are scored per
 * character, as MLQA does for Chinese: they have no spaces between words.
 */
const ARTICLES: Record<string, readonly string[]> = {
  en: ['a', 'an', 'the'],
  es: ['un', 'una', 'unos', 'unas', 'el', 'la', 'lo', 'los', 'las'],
  de: ['ein', 'eine', 'einen', 'einem', 'eines', 'einer', 'der', 'die', 'das', 'den', 'dem', 'des'],
  fr: ['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'd'],
  it: ['il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'un', 'uno', 'una'],
  pt: ['o', 'a', 'os', 'as', 'um', 'uma', 'uns', 'umas'],
  vi: ['của', 'là', 'cái', 'chiếc', 'những'],
};
const ELISION = new Set(['fr', 'it']);
const PER_CHARACTER = new Set(['zh', 'ja', 'th']);
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

function baseLang(lang: string): string {
  return lang.toLowerCase().split(/[-_]/)[0];
}

/** The normalised tokens of an answer in its language (characters for zh/ja/th). */
export function answerTokens(text: string, lang = 'en'): string[] {
  const l = baseLang(lang);
  let s = text.toLowerCase();
  if (ELISION.has(l)) s = s.replace(/['’]/g, ' ');
  s = l === 'en' ? s.replace(ASCII_PUNCTUATION, '') : s.replace(/[\p{P}]/gu, '').replace(ASCII_PUNCTUATION, '');
  // Stryker disable next-line ArrayDeclaration: tokens are lower case, so a placeholder article in capitals never matches
  const articles = new Set(ARTICLES[l] ?? []);
  const words = s.split(/\s+/).filter((w) => w && !articles.has(w));
  return PER_CHARACTER.has(l) ? words.flatMap((w) => [...w]) : words;
}

/** SQuAD-style normalised text (MLQA's for other languages): tokens joined by single spaces. */
export function normalizeAnswer(text: string, lang = 'en'): string {
  return answerTokens(text, lang).join(' ');
}

/** Exact match after normalisation (not containment: "aspirin" does not match "aspirin 100 mg"). */
export function exactMatch(prediction: string, reference: string, lang = 'en'): boolean {
  return normalizeAnswer(prediction, lang) === normalizeAnswer(reference, lang);
}

/** Token-level F1 between normalised texts, counting repeated tokens as SQuAD does. */
export function tokenF1(prediction: string, reference: string, lang = 'en'): number {
  const pred = answerTokens(prediction, lang);
  const ref = answerTokens(reference, lang);
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

/** Cuts lowercased text into tokens; `id` names the rule in index manifests. */
export interface Tokenizer {
  id: string;
  tokens(text: string): string[];
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/** Word-character class of each BMP code unit, filled on first sight: 0 unknown, 1 word, 2 not. */
const bmpClass = new Uint8Array(65536);

function isWordChar(cp: number): boolean {
  if (cp < 0x10000) {
    let cls = bmpClass[cp];
    if (cls === 0) bmpClass[cp] = cls = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
    return cls === 1;
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * Runs of two or more word characters (letters, marks, digits, `_`): bm25s's and scikit-learn's
 * `(?u)\b\w\w+\b`. Combining marks count as word characters (Python's `\w` drops them), or Hindi
 * words would split at every vowel sign; in NFC English text they hardly occur, so terms still
 * match bm25s. A scan over char codes: several times faster than a Unicode-property regex.
 */
export function wordTokens(text: string, out: string[] = []): string[] {
  let start = 0;
  let chars = 0;
  for (let i = 0; i <= text.length; i++) {
    const cp = i < text.length ? text.codePointAt(i)! : -1;
    if (cp >= 0 && isWordChar(cp)) {
      if (chars++ === 0) start = i;
      if (cp > 0xffff) i++; // the low surrogate
      continue;
    }
    if (chars >= 2) out.push(text.slice(start, i));
    chars = 0;
  }
  return out;
}

export const WORDS: Tokenizer = {
  id: 'words2',
  tokens: (text) => wordTokens(text),
};

const HAN_RUN = /(\p{Script=Han}+)/u;

/** Splits out runs of Han characters (odd indices after `split` with a capture group). */
function byHanRuns(text: string, han: (run: string, out: string[]) => void): string[] {
  const out: string[] = [];
  text.split(HAN_RUN).forEach((part, i) => {
    if (i % 2 === 1) han(part, out);
    else wordTokens(part, out);
  });
  return out;
}

/** Chinese as overlapping character bigrams (a lone character stays a unigram); other text as WORDS. */
export const HAN_BIGRAMS: Tokenizer = {
  id: 'han-bigrams',
  tokens: (text) =>
    byHanRuns(text, (run, out) => {
      const chars = [...run];
      if (chars.length === 1) out.push(chars[0]);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    }),
};

/** Made on first use: loading ICU's Chinese dictionary takes a tenth of a second at every CLI start. */
let zhSegmenter: Intl.Segmenter | undefined;

/** Chinese words from ICU's dictionary segmenter (the runtime's `Intl.Segmenter`); other text as WORDS. */
export const HAN_WORDS: Tokenizer = {
  id: `icu-words:${process.versions.icu}`,
  tokens: (text) =>
    byHanRuns(text, (run, out) => {
      for (const s of (zhSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' })).segment(run)) if (s.isWordLike) out.push(s.segment);
    }),
};

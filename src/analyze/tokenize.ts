/** Cuts lowercased text into tokens; `id` names the rule in index manifests. */
export interface Tokenizer {
  id: string;
  tokens(text: string): string[];
}

/**
 * Runs of two or more word characters: bm25s's and scikit-learn's `(?u)\b\w\w+\b`. Combining
 * marks count as word characters (Python's `\w` drops them), or Hindi words would split at
 * every vowel sign; in NFC English or Spanish text they hardly occur, so terms still match bm25s.
 */
const WORD = /[\p{L}\p{M}\p{N}_]{2,}/gu;

export const WORDS: Tokenizer = {
  id: 'words2',
  tokens: (text) => text.match(WORD) ?? [],
};

const HAN_RUN = /(\p{Script=Han}+)/u;

/** Splits out runs of Han characters (odd indices after `split` with a capture group). */
function byHanRuns(text: string, han: (run: string, out: string[]) => void): string[] {
  const out: string[] = [];
  text.split(HAN_RUN).forEach((part, i) => {
    if (i % 2 === 1) han(part, out);
    else for (const word of part.match(WORD) ?? []) out.push(word);
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

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Chinese words from ICU's dictionary segmenter (the runtime's `Intl.Segmenter`); other text as WORDS. */
export const HAN_WORDS: Tokenizer = {
  id: `icu-words:${process.versions.icu}`,
  tokens: (text) =>
    byHanRuns(text, (run, out) => {
      for (const s of zhSegmenter.segment(run)) if (s.isWordLike) out.push(s.segment);
    }),
};

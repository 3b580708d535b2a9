import { pythonStripWidths, pythonWordCount } from './python-text.js';

/** A piece of a text with its offsets in that text. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** Where character `at` of `splits[from..to)` joined by `sepLength`-wide separators lies in the source. */
function sourceOffset(splits: readonly Span[], from: number, to: number, sepLength: number, at: number): number {
  let pos = 0;
  for (let k = from; k < to; k++) {
    const len = splits[k].text.length;
    if (at <= pos + len) return splits[k].start + (at - pos);
    pos += len + sepLength;
    if (at < pos) return splits[k + 1].start;
  }
  return splits[to - 1].end;
}

/**
 * Packs consecutive splits into chunks of at most `size` (as `length` measures) that overlap by up
 * to `overlap`: LangChain's `TextSplitter._merge_splits`, the algorithm behind CliniQ's chunks,
 * kept step for step (including its popping rule and the zero length of a whitespace-only split)
 * so the i-th chunk here is CliniQ's i-th chunk. Chunks are joined with `separator`, stripped, and
 * dropped when empty.
 */
export function mergeSplits(splits: readonly Span[], separator: string, size: number, overlap: number, length: (s: string) => number): Span[] {
  const sepLen = length(separator);
  const chunks: Span[] = [];
  let from = 0;
  let to = 0;
  let total = 0;
  const emit = () => {
    const joined = splits.slice(from, to).map((s) => s.text).join(separator);
    const { left, right } = pythonStripWidths(joined);
    if (left + right >= joined.length) return;
    const start = sourceOffset(splits, from, to, separator.length, left);
    const end = sourceOffset(splits, from, to, separator.length, joined.length - right);
    chunks.push({ text: joined.slice(left, joined.length - right), start, end });
  };
  for (const split of splits) {
    const len = length(split.text);
    if (total + len + (to > from ? sepLen : 0) > size && to > from) {
      emit();
      while (total > overlap || (total + len + (to > from ? sepLen : 0) > size && total > 0)) {
        total -= length(splits[from].text) + (to - from > 1 ? sepLen : 0);
        from++;
      }
    }
    to++;
    total += len + (to - from > 1 ? sepLen : 0);
  }
  if (to > from) emit();
  return chunks;
}

/** Word windows over `text.slice(from, to)`, offsets in `text`: the fallback for over-long sentences and sections. */
export function wordWindows(text: string, from: number, to: number, size: number, overlap: number): Span[] {
  const words = [...text.slice(from, to).matchAll(/\S+/g)].map((m) => ({ text: m[0], start: from + m.index, end: from + m.index + m[0].length }));
  return mergeSplits(words, ' ', size, overlap, pythonWordCount);
}

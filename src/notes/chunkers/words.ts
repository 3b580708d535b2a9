import { cliniqClean, originalSpan, uncleaned } from '../clean.js';
import { mergeSplits, type Span } from '../merge-splits.js';
import { pythonWordCount, pythonWords } from '../python-text.js';
import { PASSAGE_OVERLAP, PASSAGE_WORDS, defineChunker, windowOf } from './chunker.js';

/** The non-empty pieces of `text` between single spaces: Python's `re.split(' ', text)` minus empties. */
function spaceSplits(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === ' ') {
      if (i > start) out.push({ text: text.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  return out;
}

/**
 * Fixed word windows with overlap. With `--clean cliniq` this is CliniQ's preprocessing exactly
 * (its cleaning, then LangChain's CharacterTextSplitter on ' ' with Python word counts), so the
 * i-th passage of a note is CliniQ's chunk `HADM_ID_i`; without cleaning, words are whitespace runs.
 */
export default defineChunker({
  name: 'words',
  description: 'fixed word windows with overlap (CliniQ: 100 words, 10 overlap, --clean cliniq)',
  params: [
    PASSAGE_WORDS,
    PASSAGE_OVERLAP,
    { key: 'clean', type: 'string', choices: ['none', 'cliniq'], default: 'none', help: "text cleaning before chunking: 'cliniq' drops [bracketed] de-identification tags, turns newlines into spaces and collapses spaces" },
  ],
  chunk(text, params) {
    const { size, overlap } = windowOf(params);
    const clean = params.clean === 'cliniq' ? cliniqClean(text) : uncleaned(text);
    const splits = params.clean === 'cliniq' ? spaceSplits(clean.text) : pythonWords(clean.text);
    return mergeSplits(splits, ' ', size, overlap, pythonWordCount).map((c) => ({ text: c.text, ...originalSpan(clean, c.start, c.end) }));
  },
});

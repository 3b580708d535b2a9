import { mergeSplits, wordWindows, type Span } from '../merge-splits.js';
import { pythonWordCount } from '../python-text.js';
import { PASSAGE_OVERLAP, PASSAGE_WORDS, defineChunker, windowOf } from './chunker.js';

// A sentence ends at . ! or ? (closing quotes/brackets included) before whitespace, or at a line break:
// clinical notes put list items and headers on lines of their own, without full stops.
const SENTENCE = /[^\n]*?(?:[.!?]["')\]]*(?=\s)|(?=\n)|$)/g;

function sentences(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push({ text: body, start: m.index + lead, end: m.index + lead + body.length });
    if (m[0].length === 0 && m.index >= text.length) break;
  }
  return out;
}

/**
 * Sentence-aware windows: whole sentences packed up to `--passage-words` words; consecutive passages
 * share trailing whole sentences of at most `--passage-overlap` words. A sentence longer than a
 * passage is cut into word windows first.
 */
export default defineChunker({
  name: 'sentences',
  description: 'whole sentences packed into windows of up to --passage-words words',
  params: [PASSAGE_WORDS, PASSAGE_OVERLAP],
  chunk(text, params) {
    const { size, overlap } = windowOf(params);
    const pieces = sentences(text).flatMap((s) => (pythonWordCount(s.text) > size ? wordWindows(text, s.start, s.end, size, overlap) : [s]));
    return mergeSplits(pieces, ' ', size, overlap, pythonWordCount);
  },
});

import { wordWindows } from '../merge-splits.js';
import { PASSAGE_OVERLAP, PASSAGE_WORDS, defineChunker, windowOf, type Chunk } from './chunker.js';

// A clinical header: at the start of the text, of a line, or after a comma (MTSamples flattened its line
// breaks into commas), a capitalised phrase of up to six words and a colon: "HISTORY OF PRESENT ILLNESS:",
// "Discharge Medications:", ",MEDICATIONS: ,".
const HEADER = /(?:^|[\n,])[ \t]*([A-Z][A-Za-z0-9/&()'-]*(?:[ \t]+[A-Za-z][A-Za-z0-9/&()'-]*){0,5})[ \t]*:/g;

/**
 * Section-aware splitting: a passage never crosses a clinical header; each section is cut into word
 * windows of `--passage-words` words, and every passage records its section's header.
 */
export default defineChunker({
  name: 'sections',
  description: 'split at clinical headers (HISTORY OF PRESENT ILLNESS:, MEDICATIONS:), then into word windows',
  params: [PASSAGE_WORDS, PASSAGE_OVERLAP],
  chunk(text, params) {
    const { size, overlap } = windowOf(params);
    const starts: { at: number; header: string }[] = [{ at: 0, header: '' }];
    for (const m of text.matchAll(HEADER)) {
      const at = m.index + m[0].indexOf(m[1]);
      if (at === 0) starts[0].header = m[1].toUpperCase();
      else starts.push({ at, header: m[1].toUpperCase() });
    }
    const chunks: Chunk[] = [];
    starts.forEach(({ at, header }, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].at : text.length;
      for (const w of wordWindows(text, at, end, size, overlap)) chunks.push(header ? { ...w, section: header } : w);
    });
    return chunks;
  },
});

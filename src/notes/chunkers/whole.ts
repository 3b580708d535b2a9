import { pythonStripWidths } from '../python-text.js';
import { defineChunker } from './chunker.js';

/** The whole note as one passage: note-level retrieval through the same pipeline. */
export default defineChunker({
  name: 'whole',
  description: 'the whole note as one passage (note-level retrieval)',
  params: [],
  chunk(text) {
    const { left, right } = pythonStripWidths(text);
    if (left + right >= text.length) return [];
    return [{ text: text.slice(left, text.length - right), start: left, end: text.length - right }];
  },
});

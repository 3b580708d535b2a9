import type { ExtractorDefinition } from './extractor.js';

const CUE = /The correct answer is:?\s*\(?([A-F])\b/;

export const longhealth: ExtractorDefinition = {
  name: 'longhealth',
  description: 'LongHealth: "The correct answer is X"; F ("cannot be answered") is an answer that is never an option key, so it counts wrong',
  extract(reply, keys) {
    const m = CUE.exec(reply);
    if (!m) return { choice: null, parsed: false };
    // F is a parsed reply (the model abstained on purpose), not a parse failure.
    return { choice: keys.includes(m[1]) ? m[1] : null, parsed: true };
  },
};

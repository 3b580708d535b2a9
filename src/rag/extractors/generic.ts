import type { ExtractorDefinition } from './extractor.js';

function escape(key: string): string {
  return key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Any letter or number keys: an explicit "answer (is|:) X" wins (the last one, where reasoning
 * comes first); else a reply that is only a key ("B", "(2).", "3)"); else nothing.
 */
export const generic: ExtractorDefinition = {
  name: 'generic',
  description: 'letters or numbers: the last "answer is X" / "answer: X" / "option X", else a reply that is just a key',
  extract(reply, keys) {
    const alt = keys.map(escape).join('|');
    // Keys match case-sensitively: "the answer is a trick question" must not read as option A.
    const explicit = new RegExp(`(?:[Aa]nswer|[Oo]ption|[Cc]hoice)(?:\\s+is)?\\s*[:\\-]?\\s*\\(?(${alt})\\b`, 'g');
    const found = [...reply.matchAll(explicit)].map((m) => m[1]);
    if (found.length) return { choice: found[found.length - 1], parsed: true };
    const bare = new RegExp(`^\\s*\\(?(${alt})\\)?[.:]?\\s*$`).exec(reply);
    return bare ? { choice: bare[1], parsed: true } : { choice: null, parsed: false };
  },
};

import type { ExtractorDefinition } from './extractor.js';

/** The phrase MedExpQA's prompt asks the model to end with, per language. */
export const MEDEXPQA_CUES: Readonly<Record<string, string>> = {
  en: 'The correct answer is:',
  es: 'La opción correcta es:',
  it: "L'opzione corretta è:",
  fr: 'La bonne option est:',
};

export const medexpqa: ExtractorDefinition = {
  name: 'medexpqa',
  description: "MedExpQA: the first character after the language's cue phrase (\"The correct answer is:\"…) must be an option number",
  extract(reply, keys, lang) {
    const cue = MEDEXPQA_CUES[lang] ?? MEDEXPQA_CUES.en;
    const at = reply.indexOf(cue);
    if (at < 0) return { choice: null, parsed: false };
    const first = reply.slice(at + cue.length).trimStart().charAt(0);
    return keys.includes(first) ? { choice: first, parsed: true } : { choice: null, parsed: false };
  },
};

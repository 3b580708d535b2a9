import type { Passage } from './item.js';
import { seededUniform } from './seeded.js';

/** Whitespace tokens: the budget unit when the generator has no tokenizer of its own (HTTP models). */
export function whitespaceTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Whole passages in rank order while they fit the token budget (MedExpQA's RAG-7/RAG-32 style):
 * a passage is never cut, and one that does not fit ends the packing (later ones are worse ranked).
 */
export function packPassages(passages: readonly Passage[], budget: number, count: (text: string) => number): Passage[] {
  const packed: Passage[] = [];
  let used = 0;
  for (const p of passages) {
    const n = count(p.title ? `${p.title} ${p.text}` : p.text);
    if (used + n > budget) break;
    packed.push(p);
    used += n;
  }
  return packed;
}

/** Fisher–Yates driven by (seed, item id, step): the same order for an item whatever else runs. */
export function shufflePassages<T>(passages: readonly T[], seed: number, itemId: string): T[] {
  const out = [...passages];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(seededUniform(seed, itemId, i) * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

import type { Passage } from './item.js';

/**
 * Citation markers in a free-text answer: `[3]`, `[1, 2]`, `[1][3]`, `[2-4]`. Numbers index the
 * passages shown to the reader, from 1, in the order shown (the `Document [i]` numbering of the prompt).
 */
const MARKER = /\[\s*(\d+(?:\s*(?:[-–,;]|and)\s*\d+)*)\s*\]/g;

function numbersIn(marker: string): number[] {
  const out: number[] = [];
  for (const part of marker.split(/\s*(?:[,;]|and)\s*/)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) for (let i = Number(range[1]); i <= Number(range[2]) && i - Number(range[1]) < 100; i++) out.push(i);
    else if (/^\d+$/.test(part)) out.push(Number(part));
  }
  return out;
}

/** The numbers cited in a text, in order of first citation, each once. */
export function citedNumbers(text: string): number[] {
  const seen = new Set<number>();
  for (const m of text.matchAll(MARKER)) for (const n of numbersIn(m[1])) seen.add(n);
  return [...seen];
}

/** The passage ids a text cites, and the numbers that point at no passage shown (a hallucinated citation). */
export function resolveCitations(text: string, shown: readonly Passage[]): { ids: string[]; unknown: number[] } {
  const numbers = citedNumbers(text);
  return {
    ids: [...new Set(numbers.filter((n) => n >= 1 && n <= shown.length).map((n) => shown[n - 1].id))],
    unknown: numbers.filter((n) => n < 1 || n > shown.length),
  };
}

/** The text without its citation markers (for exact match, F1, ROUGE and BLEU against a reference). */
export function stripCitations(text: string): string {
  return text.replace(MARKER, '').replace(/[ \t]+([.,;:!?])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}

/** Sentences of an answer with the passage ids each cites (a citation after the full stop belongs to the sentence before). */
export function citedSentences(text: string, shown: readonly Passage[]): { sentence: string; ids: string[] }[] {
  const parts: string[] = [];
  for (const piece of text.split(/(?<=[.!?。！？])\s+/u)) {
    // Stryker disable next-line StringLiteral: any text without a marker cites nothing, so the fallback is never moved
    const lead = /^(?:\s*\[[^\]]*\])+/.exec(piece)?.[0] ?? '';
    const moved = parts.length > 0 && citedNumbers(lead).length > 0;
    if (moved) parts[parts.length - 1] += ` ${lead}`;
    const rest = (moved ? piece.slice(lead.length) : piece).trim();
    if (rest) parts.push(rest);
  }
  return parts.map((s) => ({ sentence: stripCitations(s), ids: resolveCitations(s, shown).ids })).filter((s) => s.sentence !== '');
}

/** What a free-text answer row keeps so it can be judged and its citations checked later. */
export interface CitedAnswer {
  question: string;
  /** The passages shown, in the order shown: `[i]` in the reply is `passages[i - 1]`. */
  passages: Passage[];
  citations: string[];
  /** Cited numbers that point at no passage shown. */
  unknownCitations: number[];
}

export function citedAnswer(question: string, reply: string, shown: readonly Passage[]): CitedAnswer {
  const { ids, unknown } = resolveCitations(reply, shown);
  return { question, passages: [...shown], citations: ids, unknownCitations: unknown };
}

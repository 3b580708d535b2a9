import type { Extraction, ExtractorDefinition } from './extractors/extractor.js';
import type { QaItem } from './item.js';
import { stripCitations, type CitedAnswer } from './citations.js';
import { sentenceBleu } from './metrics/bleu.js';
import { rougeL } from './metrics/rouge.js';
import { exactMatch, tokenF1 } from './metrics/text-match.js';

/** One answered question: what the reader saw and said, and how it was scored. */
export interface AnswerRow {
  id: string;
  group: string;
  lang: string;
  answer: string;
  /** The option key read from the reply (the reply itself for a free-text question); null when there was none. */
  choice: string | null;
  /** Whether the extractor found an answer in the reply (a compat fallback counts as not parsed). */
  parsed: boolean;
  /** Option questions: the key matches; free-text questions: exact match after normalisation. */
  correct: boolean;
  /** Token F1, ROUGE-L F1 and sentence BLEU (0–100) against the reference, normalised for the item's language (free-text questions only). */
  f1?: number;
  rougeL?: number;
  bleu?: number;
  reply: string;
  /** Passage ids shown to the reader, in the order shown. */
  context: string[];
  /** Whether a gold passage was among them; null without context (closed-book). */
  goldInContext: boolean | null;
}

/** A row of a prompt whose replies cite passages: the question, passages shown and cited ids go with it. */
export type CitedAnswerRow = AnswerRow & Partial<CitedAnswer>;

function isFreeText(item: QaItem): boolean {
  return Object.keys(item.options).length === 0;
}

/** The answer in a reply: the extractor's reading for option questions, the trimmed reply for free text. */
export function readReply(extractor: ExtractorDefinition, reply: string, item: QaItem): Extraction {
  if (!isFreeText(item)) return extractor.extract(reply, Object.keys(item.options), item.lang);
  // Citation markers ([2]) are not part of the answer a reference is compared with.
  const text = stripCitations(reply);
  return { choice: text || null, parsed: text !== '' };
}

export function answerRow(item: QaItem, reply: string, { choice, parsed }: Extraction, context: string[], goldInContext: boolean | null): AnswerRow {
  const freeText = isFreeText(item);
  return {
    id: item.id,
    group: item.group,
    lang: item.lang,
    answer: item.answer,
    choice,
    parsed,
    correct: freeText ? choice !== null && exactMatch(choice, item.answer, item.lang) : choice === item.answer,
    // Stryker disable next-line StringLiteral: a null choice scores 0 against the reference, as any text without its words would
    ...(freeText ? { f1: tokenF1(choice ?? '', item.answer, item.lang), rougeL: rougeL(choice ?? '', item.answer, item.lang), bleu: sentenceBleu(choice ?? '', item.answer) } : {}),
    reply,
    context,
    goldInContext,
  };
}

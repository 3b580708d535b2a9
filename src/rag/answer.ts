/** One answered question: what the reader saw and said, and how it was scored. */
export interface AnswerRow {
  id: string;
  group: string;
  lang: string;
  answer: string;
  /** The option key read from the reply; null when there was none. */
  choice: string | null;
  /** Whether the extractor found an answer in the reply (a compat fallback counts as not parsed). */
  parsed: boolean;
  correct: boolean;
  reply: string;
  /** Passage ids shown to the reader, in the order shown. */
  context: string[];
  /** Whether a gold passage was among them; null without context (closed-book). */
  goldInContext: boolean | null;
}

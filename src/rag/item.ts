/** A passage given to a reader as context. */
export interface Passage {
  id: string;
  title: string;
  text: string;
}

/** One question a RAG condition answers, whatever the data set's own layout. */
export interface QaItem {
  id: string;
  question: string;
  /** Option key → text (`A`…, or `1`…); empty for free-text questions. */
  options: Record<string, string>;
  /** The correct option key (or the reference text of a free-text question). */
  answer: string;
  lang: string;
  /** The sub-dataset it belongs to (MIRAGE's `medqa`…), else the data set's name: accuracy is reported per group. */
  group: string;
  /** Ids of its gold passages in the retrieval corpus (empty where the corpus has none). */
  gold: string[];
  /** Its gold context taken from the data (own abstract, doctors' explanation), for the oracle setting. */
  oracle: Passage[];
}

const YES_NO_MAYBE = new Set(['yes', 'no', 'maybe']);

/** Options that carry no content (yes/no/maybe): a lexical reader can only match stop words there. */
export function hasContentlessOptions(item: QaItem): boolean {
  const texts = Object.values(item.options);
  return texts.length > 0 && texts.every((t) => YES_NO_MAYBE.has(t.trim().toLowerCase()));
}

/** The plain data that flows between medir's stages. Built once, never mutated downstream. */

export interface Document {
  id: string;
  title: string;
  text: string;
  /** Extra fields of the source record (note/patient ids, language…), kept for filters and reports. */
  meta?: Record<string, unknown>;
}

export interface Query {
  id: string;
  text: string;
  /** Per-query metadata from queries.jsonl (`lang`, `group`, `task`, `options`, `answer`…). */
  meta: Record<string, unknown>;
}

/** A corpus streams its documents; `source` names where they come from (for manifests and errors). */
export interface Corpus {
  name: string;
  source: string;
  docs(): AsyncIterable<Document>;
}

export interface QuerySet {
  name: string;
  queries: readonly Query[];
}

/** Relevance judgments: query id → document id → relevance (may be negative, as in TREC). */
export type Qrels = Map<string, Map<string, number>>;

export interface ScoredDoc {
  docId: string;
  score: number;
}

/**
 * A run: query id → retrieved documents with scores. The order inside a ranking carries no meaning;
 * evaluation puts it in trec_eval's canonical order (score desc, docid desc) itself.
 */
export type Run = Map<string, ScoredDoc[]>;

/** The text an index sees for a document: title and text joined by one space, as BEIR does. */
export function documentText(doc: Document): string {
  return doc.title ? `${doc.title} ${doc.text}` : doc.text;
}

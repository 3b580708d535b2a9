import { documentText, type Corpus, type Run } from '../core/types.js';
import { compareCanonical } from '../formats/run.js';

/** R2MED gives LameR's generator the top 10 BM25 passages, each cut to 512 words, one line each. */
export const LAMER_PASSAGES = { count: 10, words: 512 } as const;

/**
 * The `{{passages}}` slot per query: `\n[1]. text\n[2]. text…` from a first-stage run, reading
 * only the documents that appear in it from the corpus.
 */
export async function passagesFromRun(run: Run, corpus: Corpus, { count, words } = LAMER_PASSAGES): Promise<Map<string, string>> {
  const top = new Map<string, string[]>();
  const wanted = new Set<string>();
  for (const [qid, docs] of run) {
    const ids = [...docs].sort(compareCanonical).slice(0, count).map((d) => d.docId);
    top.set(qid, ids);
    ids.forEach((id) => wanted.add(id));
  }
  const texts = new Map<string, string>();
  for await (const doc of corpus.docs()) {
    if (wanted.has(doc.id)) texts.set(doc.id, documentText(doc).split(/\s+/).filter(Boolean).slice(0, words).join(' '));
  }
  const out = new Map<string, string>();
  for (const [qid, ids] of top) out.set(qid, ids.map((id, i) => `\n[${i + 1}]. ${texts.get(id) ?? ''}`).join(''));
  return out;
}

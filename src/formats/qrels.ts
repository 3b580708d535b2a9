import { inputError } from '../core/errors.js';
import type { Qrels } from '../core/types.js';
import { readLines } from '../io/lines.js';
import { AtomicLineWriter } from '../io/atomic.js';
import { parseRelevance, RELEVANCE_RULE } from './numbers.js';

/** trec_eval's isspace: the field separators of the TREC formats. */
const WHITESPACE = /[ \t\n\v\f\r]+/;

type Layout = 'trec' | 'beir';

/**
 * The layout of a qrels file, decided once from its first content line (never per line, so an id with
 * a space cannot turn one BEIR line into a TREC one): BEIR when that line has exactly three
 * tab-separated fields (a header `query-id<TAB>corpus-id<TAB>score` or a first judgment), TREC otherwise.
 */
function layoutOf(text: string): { layout: Layout; header: boolean } {
  const fields = text.split('\t');
  if (fields.length !== 3) return { layout: 'trec', header: false };
  return { layout: 'beir', header: parseRelevance(fields[2].trim()) === undefined };
}

/**
 * Reads relevance judgments in either layout: TREC `qid iter docid rel` (4 whitespace-separated
 * fields, trec_eval's reading) or BEIR `query-id<TAB>corpus-id<TAB>score` (ids may hold spaces; an
 * optional header). Blank lines and lines starting with `#` are skipped. A relevance that is not an
 * integer within ±(2^53 − 1) or a judgment given twice for one pair is an error naming file:line. (An
 * empty qrels is not: a dataset may have a split without judgments; evaluating against it is an error.)
 */
export async function readQrels(file: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  let layout: Layout | undefined;
  for await (const { text, number } of readLines(file)) {
    if (text.charCodeAt(0) === 35 || text.trim() === '') continue; // '#': a comment, as in trec_eval
    let qid: string, docid: string, rel: string;
    if (!layout) {
      const first = layoutOf(text);
      layout = first.layout;
      if (first.header) continue;
    }
    if (layout === 'beir') {
      const fields = text.split('\t');
      if (fields.length !== 3) throw inputError(file, number, `expected 'query-id<TAB>corpus-id<TAB>score' like the file's first line, got ${fields.length} tab-separated fields`);
      [qid, docid, rel] = fields;
      rel = rel.trim();
    } else {
      const fields = text.trim().split(WHITESPACE);
      if (fields.length !== 4) throw inputError(file, number, `expected 'qid 0 docid rel' (TREC qrels), got ${fields.length} columns`);
      [qid, , docid, rel] = fields;
    }
    const value = parseRelevance(rel);
    if (value === undefined) throw inputError(file, number, `relevance must be ${RELEVANCE_RULE}, got '${rel}'`);
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    if (judged.has(docid)) throw inputError(file, number, `duplicate judgment for query '${qid}', document '${docid}'`);
    judged.set(docid, value);
  }
  return qrels;
}

/** BEIR's qrels/<split>.tsv is the same reader; the name keeps call sites honest about what they expect. */
export const readQrelsTsv = readQrels;

/** Writes TREC qrels (`qid 0 docid rel`), atomically. */
export async function writeTrecQrels(file: string, qrels: Qrels): Promise<void> {
  const out = new AtomicLineWriter(file);
  for (const [qid, judged] of qrels) {
    for (const [docid, rel] of judged) await out.write(`${qid} 0 ${docid} ${rel}\n`);
  }
  await out.close();
}

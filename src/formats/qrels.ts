import { inputError } from '../core/errors.js';
import type { Qrels } from '../core/types.js';
import { readLines } from '../io/lines.js';
import { AtomicLineWriter } from '../io/atomic.js';

const INTEGER = /^-?\d+$/;

/**
 * Reads relevance judgments in either layout, told apart per line by the column count:
 * TREC `qid iter docid rel` (4 columns, whitespace) or BEIR `query-id<TAB>corpus-id<TAB>score`
 * (3 columns; a header line is skipped). A judgment given twice for one pair is an error.
 */
export async function readQrels(file: string): Promise<Qrels> {
  const qrels: Qrels = new Map();
  for await (const { text, number } of readLines(file)) {
    const fields = text.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') continue;
    let qid: string, docid: string, rel: string;
    if (fields.length === 4) [qid, , docid, rel] = fields;
    else if (fields.length === 3) {
      if (number === 1 && !INTEGER.test(fields[2])) continue; // BEIR header: query-id corpus-id score
      [qid, docid, rel] = fields;
    } else {
      throw inputError(file, number, `expected 'qid 0 docid rel' (TREC) or 'query-id<TAB>corpus-id<TAB>score' (BEIR), got ${fields.length} columns`);
    }
    if (!INTEGER.test(rel)) throw inputError(file, number, `relevance must be an integer, got '${rel}'`);
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    if (judged.has(docid)) throw inputError(file, number, `duplicate judgment for query '${qid}', document '${docid}'`);
    judged.set(docid, Number(rel));
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

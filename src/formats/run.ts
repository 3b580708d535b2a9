import { inputError } from '../core/errors.js';
import type { Run, ScoredDoc } from '../core/types.js';
import { readLines } from '../io/lines.js';
import { AtomicLineWriter } from '../io/atomic.js';

/** One query's ranking as read from a run file, in file order. */
export interface RunQuery {
  qid: string;
  docs: ScoredDoc[];
  tag: string;
}

/** Thrown by `streamRun` when a query's lines are not contiguous; `readRun` handles such files. */
export class UnsortedRunError extends Error {}

interface RunLine {
  qid: string;
  docId: string;
  score: number;
  tag: string;
  line: number;
}

async function* runLines(file: string): AsyncGenerator<RunLine> {
  for await (const { text, number } of readLines(file)) {
    const fields = text.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== 6) throw inputError(file, number, `expected 6 columns 'qid Q0 docid rank score tag', got ${fields.length}`);
    const [qid, , docId, , scoreText, tag] = fields;
    const score = Number(scoreText);
    if (!Number.isFinite(score)) throw inputError(file, number, `score must be a finite number, got '${scoreText}'`);
    yield { qid, docId, score, tag, line: number };
  }
}

function addUnique(file: string, ranking: RunQuery, seen: Set<string>, l: RunLine): void {
  if (seen.has(l.docId)) throw inputError(file, l.line, `document '${l.docId}' appears twice for query '${l.qid}'`);
  seen.add(l.docId);
  ranking.docs.push({ docId: l.docId, score: l.score });
}

/**
 * Streams a TREC run (`qid Q0 docid rank score tag`) one query at a time, in file order, holding one
 * query in memory. Runs are grouped by query in practice; a query whose lines are split throws
 * `UnsortedRunError` (use `readRun`). A document twice for one query, a non-numeric score or a wrong
 * column count is a `file:line` error. The rank column is ignored, as trec_eval does.
 */
export async function* streamRun(file: string): AsyncGenerator<RunQuery> {
  const done = new Set<string>();
  let current: RunQuery | undefined;
  let seen = new Set<string>();
  for await (const l of runLines(file)) {
    if (current?.qid !== l.qid) {
      if (current) {
        done.add(current.qid);
        yield current;
      }
      if (done.has(l.qid)) throw new UnsortedRunError(`${file}:${l.line}: query '${l.qid}' appears again after other queries`);
      current = { qid: l.qid, docs: [], tag: l.tag };
      seen = new Set();
    }
    addUnique(file, current, seen, l);
  }
  if (current) yield current;
}

/** Reads a whole run into memory, in any line order. */
export async function readRun(file: string): Promise<{ run: Run; tag: string }> {
  const byQuery = new Map<string, { ranking: RunQuery; seen: Set<string> }>();
  let tag = '';
  for await (const l of runLines(file)) {
    tag ||= l.tag;
    let entry = byQuery.get(l.qid);
    if (!entry) byQuery.set(l.qid, (entry = { ranking: { qid: l.qid, docs: [], tag: l.tag }, seen: new Set() }));
    addUnique(file, entry.ranking, entry.seen, l);
  }
  const run: Run = new Map();
  for (const [qid, { ranking }] of byQuery) run.set(qid, ranking.docs);
  return { run, tag };
}

/** Orders a ranking as trec_eval does: score descending, ties by docid in descending string order. */
export function compareCanonical(a: ScoredDoc, b: ScoredDoc): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.docId < b.docId ? 1 : a.docId > b.docId ? -1 : 0;
}

/**
 * Writes a TREC run atomically, each ranking in canonical order with ranks from 1. Scores are written
 * in the shortest form that round-trips (never `%.6f`, which creates ties the evaluator re-breaks).
 */
export async function writeRun(file: string, run: Run, tag: string): Promise<void> {
  const out = new AtomicLineWriter(file);
  try {
    for (const [qid, docs] of run) {
      const ranked = [...docs].sort(compareCanonical);
      let lines = '';
      for (let i = 0; i < ranked.length; i++) lines += `${qid} Q0 ${ranked[i].docId} ${i + 1} ${ranked[i].score} ${tag}\n`;
      await out.write(lines);
    }
    await out.close();
  } catch (err) {
    out.abort();
    throw err;
  }
}

/**
 * Reading and writing the files of an evaluation: TREC runs, TREC and BEIR qrels, BEIR queries.
 * Every reader takes plain or gzipped (`.gz`) files; malformed input is a `MedirError` naming the
 * file and line.
 *
 * @module medir/formats
 */
import { MedirError } from '../core/errors.js';
import type { Qrels, Query, Run, ScoredDoc } from '../core/types.js';
import { readQueriesJsonl } from '../formats/beir.js';
import { readQrels as readQrelsFile, writeTrecQrels } from '../formats/qrels.js';
import { readRun as readRunFile, streamRun as streamRunFile, writeRun as writeRunFile } from '../formats/run.js';

export type { Qrels, Query, Run, ScoredDoc };

/** Judgments as a plain object, as pytrec_eval, ranx and BEIR's JSON hold them: qid → docid → relevance. */
export type QrelsObject = Record<string, Record<string, number>>;
/** A run as a plain object: qid → docid → score (the order of the documents carries no meaning). */
export type RunObject = Record<string, Record<string, number>>;
/** Qrels in either form: medir's `Map`s or a plain object. */
export type QrelsInput = Qrels | QrelsObject;
/** A run in either form: medir's `Map` of rankings or a plain object. */
export type RunInput = Run | RunObject;

/** A TREC run read from a file: its rankings and its tag (the last column). */
export interface RunFile {
  run: Run;
  tag: string;
}

/** One query's ranking from {@link streamRun}, in file order. */
export interface RunQuery {
  qid: string;
  tag: string;
  docs: ScoredDoc[];
}

/** Reads a whole TREC run (`qid Q0 docid rank score tag`, lines in any order; `.gz` too). */
export function readRun(file: string): Promise<RunFile> {
  return readRunFile(file);
}

/**
 * Streams a TREC run one query at a time, for runs too large to hold: each query's lines must be
 * contiguous (as every retriever writes them).
 */
export function streamRun(file: string): AsyncGenerator<RunQuery> {
  return streamRunFile(file);
}

/**
 * Writes a TREC run atomically: each ranking in canonical order (score descending, ties by docid
 * descending, as trec_eval breaks them), ranks from 1, scores in the shortest form that round-trips.
 */
export function writeRun(file: string, run: RunInput, tag = 'medir'): Promise<void> {
  return writeRunFile(file, toRun(run), tag);
}

/** Reads qrels: TREC (`qid 0 docid rel`) or BEIR TSV (`query-id corpus-id score`, header optional); `.gz` too. */
export function readQrels(file: string): Promise<Qrels> {
  return readQrelsFile(file);
}

/** Writes TREC qrels (`qid 0 docid rel`) atomically. */
export function writeQrels(file: string, qrels: QrelsInput): Promise<void> {
  return writeTrecQrels(file, toQrels(qrels));
}

/** Reads BEIR queries (`queries.jsonl`: one `{"_id", "text", …}` per line; other fields become `meta`). */
export function readQueries(file: string): Promise<Query[]> {
  return readQueriesJsonl(file);
}

function checkScore(what: string, qid: string, docId: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new MedirError('BAD_INPUT', `${what}: query '${qid}', document '${docId}': expected a number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkObject(what: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MedirError('BAD_INPUT', `${what}: expected a Map or a plain object qid → docid → number`);
  }
  return value as Record<string, unknown>;
}

/** A run in medir's form; a plain object is checked and converted, a `Map` is used as is. */
export function toRun(run: RunInput): Run {
  if (run instanceof Map) return run;
  const out: Run = new Map();
  for (const [qid, docs] of Object.entries(checkObject('run', run))) {
    out.set(qid, Object.entries(checkObject(`run: query '${qid}'`, docs)).map(([docId, score]) => ({ docId, score: checkScore('run', qid, docId, score) })));
  }
  return out;
}

/** Qrels in medir's form; a plain object is checked (integer relevance) and converted. */
export function toQrels(qrels: QrelsInput): Qrels {
  if (qrels instanceof Map) return qrels;
  const out: Qrels = new Map();
  for (const [qid, docs] of Object.entries(checkObject('qrels', qrels))) {
    const judged = new Map<string, number>();
    for (const [docId, rel] of Object.entries(checkObject(`qrels: query '${qid}'`, docs))) {
      if (!Number.isInteger(checkScore('qrels', qid, docId, rel))) throw new MedirError('BAD_INPUT', `qrels: query '${qid}', document '${docId}': relevance must be an integer, got ${rel}`);
      judged.set(docId, rel as number);
    }
    out.set(qid, judged);
  }
  return out;
}

/** A run as a plain, JSON-serialisable object (qid → docid → score). */
export function runToObject(run: Run): RunObject {
  const out: RunObject = {};
  for (const [qid, docs] of run) out[qid] = Object.fromEntries(docs.map((d) => [d.docId, d.score]));
  return out;
}

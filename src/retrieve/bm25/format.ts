import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { MedirError } from '../../core/errors.js';
import { FastIndex, type FastIndexData } from './fast-index.js';

/**
 * The fast engine on disk (inside an index directory that reuseOrBuild writes atomically):
 *   fast.json          { documents, terms, postings, avgLength, endianness, absentScores }
 *   docids.json        document ids by document number (JSON array)
 *   terms.json         terms by term id (JSON array)
 *   term_ptr.u32       vocabulary+1 offsets into the postings
 *   post_docs.i32      document numbers, term by term, ascending within a term
 *   post_scores.f32    precomputed BM25 scores, aligned with post_docs
 *   absent_scores.f32  BM25L/BM25+ only: idf·tfc(0) per term
 * Arrays are raw typed arrays in the machine's byte order, read back in one go without parsing.
 * Every file is checked against fast.json's counts: a truncated or mismatched file is an error
 * naming it, never an index that silently ranks the wrong documents.
 */
const FILES = {
  meta: 'fast.json',
  docIds: 'docids.json',
  terms: 'terms.json',
  termPtr: 'term_ptr.u32',
  postDocs: 'post_docs.i32',
  postScores: 'post_scores.f32',
  absentScores: 'absent_scores.f32',
} as const;

interface FastMeta {
  documents: number;
  terms: number;
  postings: number;
  avgLength: number;
  endianness: 'LE' | 'BE';
  /** Whether absent_scores.f32 belongs to the index (BM25L, BM25+); indexes written before it say nothing. */
  absentScores?: boolean;
}

const rebuild = 'rebuild the index (delete its directory)';

export function saveFastIndex(dir: string, index: FastIndex): FastMeta {
  const d = index.data;
  const meta: FastMeta = {
    documents: d.docIds.length,
    terms: d.terms.length,
    postings: d.postDocs.length,
    avgLength: d.avgLength,
    endianness: endianness(),
    absentScores: d.absentScores !== undefined,
  };
  writeFileSync(join(dir, FILES.docIds), JSON.stringify(d.docIds));
  writeFileSync(join(dir, FILES.terms), JSON.stringify(d.terms));
  writeFileSync(join(dir, FILES.termPtr), d.termPtr);
  writeFileSync(join(dir, FILES.postDocs), d.postDocs);
  writeFileSync(join(dir, FILES.postScores), d.postScores);
  if (d.absentScores) writeFileSync(join(dir, FILES.absentScores), d.absentScores);
  writeFileSync(join(dir, FILES.meta), JSON.stringify(meta, null, 2) + '\n');
  return meta;
}

/** A typed array over a file's bytes (copied only if the buffer is not aligned for the element size). */
function readArray<T>(file: string, make: (buf: ArrayBuffer, offset: number, length: number) => T, bytes: number, expected: number): T {
  const buf = read(file);
  if (buf.length !== expected * bytes) throw new MedirError('INDEX', `${file}: expected ${expected * bytes} bytes, found ${buf.length}`, rebuild);
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: copying an aligned buffer too changes only the time (format-unaligned.test.ts checks the copy)
  const aligned = buf.byteOffset % bytes === 0 ? buf : Buffer.from(buf);
  return make(aligned.buffer as ArrayBuffer, aligned.byteOffset, expected);
}

/** A JSON array of `expected` strings. */
function readStrings(file: string, expected: number): string[] {
  const list = readJson(file) as unknown;
  if (!Array.isArray(list) || list.length !== expected) {
    throw new MedirError('INDEX', `${file}: expected a JSON array of ${expected} strings, found ${Array.isArray(list) ? list.length : typeof list}`, rebuild);
  }
  return list as string[];
}

function readJson(file: string): unknown {
  const text = read(file).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new MedirError('INDEX', `${file}: invalid JSON (${(err as Error).message})`, rebuild);
  }
}

function read(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new MedirError('INDEX', `${file}: cannot be read (${(err as NodeJS.ErrnoException).code})`, rebuild);
  }
}

export function loadFastIndex(dir: string): FastIndex {
  const metaFile = join(dir, FILES.meta);
  if (!existsSync(metaFile)) throw new MedirError('INDEX', `${metaFile}: missing; not a fast BM25 index`, 'rebuild the index');
  const meta = readJson(metaFile) as FastMeta;
  if (meta.endianness !== endianness()) {
    throw new MedirError('INDEX', `${dir}: built on a ${meta.endianness} machine, this one is ${endianness()}`, 'rebuild the index here');
  }
  const absentFile = join(dir, FILES.absentScores);
  const data: FastIndexData = {
    docIds: readStrings(join(dir, FILES.docIds), meta.documents),
    terms: readStrings(join(dir, FILES.terms), meta.terms),
    termPtr: readArray(join(dir, FILES.termPtr), (b, o, n) => new Uint32Array(b, o, n), 4, meta.terms + 1),
    postDocs: readArray(join(dir, FILES.postDocs), (b, o, n) => new Int32Array(b, o, n), 4, meta.postings),
    postScores: readArray(join(dir, FILES.postScores), (b, o, n) => new Float32Array(b, o, n), 4, meta.postings),
    absentScores: (meta.absentScores ?? existsSync(absentFile)) ? readArray(absentFile, (b, o, n) => new Float32Array(b, o, n), 4, meta.terms) : undefined,
    avgLength: meta.avgLength,
  };
  const disorder = postingsDisorder(data);
  if (disorder) throw new MedirError('INDEX', `${join(dir, disorder.file)}: ${disorder.what}`, rebuild);
  return new FastIndex(data);
}

/**
 * What the search relies on and the byte counts cannot show: offsets rising from 0 to the number
 * of postings, and each term's documents rising within 0..documents-1 (a dense query splits rows
 * by document, and a document out of range would be summed into the wrong place). Terms are named
 * by number only: a term of clinical notes is private text.
 */
function postingsDisorder({ termPtr, postDocs, docIds }: FastIndexData): { file: string; what: string } | undefined {
  const last = termPtr.length - 1;
  if (termPtr[0] !== 0 || termPtr[last] !== postDocs.length) {
    return { file: FILES.termPtr, what: `offsets run from ${termPtr[0]} to ${termPtr[last]}, expected 0 to ${postDocs.length}` };
  }
  for (let t = 0; t < last; t++) {
    if (termPtr[t + 1] < termPtr[t]) return { file: FILES.termPtr, what: `offsets fall at term ${t} (${termPtr[t]} then ${termPtr[t + 1]})` };
    let previous = -1;
    for (let p = termPtr[t]; p < termPtr[t + 1]; p++) {
      const d = postDocs[p];
      if (d <= previous || d >= docIds.length) {
        return { file: FILES.postDocs, what: `posting ${p} (term ${t}) is document ${d}, expected one after ${previous} and below ${docIds.length}` };
      }
      previous = d;
    }
  }
  return undefined;
}

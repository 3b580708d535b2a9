import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inputError, MedirError } from '../core/errors.js';
import { pathComponent } from '../core/paths.js';
import type { Corpus, Document, Query, QuerySet } from '../core/types.js';
import { readJsonl } from '../io/lines.js';
import { readQrelsTsv } from './qrels.js';
import type { Qrels } from '../core/types.js';

/** The BEIR layout: corpus.jsonl (`_id`,`title`,`text`), queries.jsonl (`_id`,`text`,…), qrels/<split>.tsv. */
export const BEIR_FILES = {
  corpus: 'corpus.jsonl',
  queries: 'queries.jsonl',
  qrels: (split: string) => join('qrels', `${pathComponent(split, '--split')}.tsv`),
} as const;

/**
 * A document or query id. Whitespace is refused: a TREC run or qrels line cannot carry it (the
 * line would gain a column), and a remapped id would never match its judgment.
 */
function idField(value: Record<string, unknown>, file: string, line: number, keys: readonly string[]): string {
  for (const key of keys) {
    const raw = value[key];
    const id = typeof raw === 'number' ? String(raw) : raw;
    if (typeof id !== 'string' || id === '') continue;
    if (/\s/u.test(id)) throw inputError(file, line, `'${key}' ${JSON.stringify(id)} contains whitespace, which TREC run and qrels files cannot carry`);
    return id;
  }
  throw inputError(file, line, `missing '${keys[0]}' (a non-empty string id)`);
}

function textField(value: Record<string, unknown>, key: string, file: string, line: number): string {
  const text = value[key] ?? '';
  if (typeof text !== 'string') throw inputError(file, line, `'${key}' must be a string`);
  return text;
}

/**
 * Streams a BEIR-style corpus file. Accepts `id` for `_id` (R2MED's layout) and a `.gz` file. A
 * repeated id is an error naming both lines; a corpus whose every text is empty is an error (it
 * would rank nothing for every query: an empty run, not a result).
 */
export function jsonlCorpus(name: string, file: string): Corpus {
  return {
    name,
    source: file,
    async *docs(): AsyncGenerator<Document> {
      const firstLine = new Map<string, number>();
      let withText = 0;
      for await (const { value, line } of readJsonl(file)) {
        const id = idField(value, file, line, ['_id', 'id']);
        const first = firstLine.get(id);
        if (first !== undefined) throw inputError(file, line, `duplicate document id '${id}' (first on line ${first})`);
        firstLine.set(id, line);
        const { _id, id: _unused, title, text, ...meta } = value;
        const doc: Document = {
          id,
          title: textField(value, 'title', file, line),
          text: textField(value, 'text', file, line),
          ...(Object.keys(meta).length ? { meta } : {}),
        };
        if (doc.title.trim() !== '' || doc.text.trim() !== '') withText++;
        yield doc;
      }
      if (firstLine.size > 0 && withText === 0) {
        throw new MedirError('BAD_INPUT', `${file}: every document's title and text are empty (${firstLine.size} documents)`, 'check the corpus file: an index of empty texts retrieves nothing');
      }
    },
  };
}

/** Reads queries.jsonl; every field besides `_id` and `text` lands in `meta`. Duplicate ids are an error. */
export async function readQueriesJsonl(file: string): Promise<Query[]> {
  const queries: Query[] = [];
  const seen = new Set<string>();
  for await (const { value, line } of readJsonl(file)) {
    const id = idField(value, file, line, ['_id', 'id', 'q_id']);
    if (seen.has(id)) throw inputError(file, line, `duplicate query id '${id}'`);
    seen.add(id);
    const { _id, id: _i, q_id: _q, text, ...meta } = value;
    queries.push({ id, text: textField(value, 'text', file, line), meta });
  }
  // "0 queries" then an empty run would look like a result.
  if (queries.length === 0) throw new MedirError('BAD_INPUT', `${file}: no queries (the file is empty)`);
  return queries;
}

/** A BEIR folder as a corpus, the queries judged in `split` and that split's qrels. */
export async function loadBeirFolder(
  dir: string,
  split: string,
): Promise<{ corpus: Corpus; queries: QuerySet; qrels: Qrels }> {
  const qrelsFile = join(dir, BEIR_FILES.qrels(split));
  if (!existsSync(qrelsFile)) {
    throw new MedirError('MISSING_FILE', `${qrelsFile}: no qrels for split '${split}'`, 'pass --split with one of the files in qrels/');
  }
  const qrels = await readQrelsTsv(qrelsFile);
  const all = await readQueriesJsonl(join(dir, BEIR_FILES.queries));
  return {
    corpus: jsonlCorpus(dir, join(dir, BEIR_FILES.corpus)),
    queries: { name: `${dir}:${split}`, queries: all.filter((q) => qrels.has(q.id)) },
    qrels,
  };
}

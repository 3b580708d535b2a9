import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inputError, MedirError } from '../core/errors.js';
import type { Corpus, Document, Query, QuerySet } from '../core/types.js';
import { readJsonl } from '../io/lines.js';
import { readQrelsTsv } from './qrels.js';
import type { Qrels } from '../core/types.js';

/** The BEIR layout: corpus.jsonl (`_id`,`title`,`text`), queries.jsonl (`_id`,`text`,…), qrels/<split>.tsv. */
export const BEIR_FILES = {
  corpus: 'corpus.jsonl',
  queries: 'queries.jsonl',
  qrels: (split: string) => join('qrels', `${split}.tsv`),
} as const;

function idField(value: Record<string, unknown>, file: string, line: number, keys: readonly string[]): string {
  for (const key of keys) {
    const id = value[key];
    if (typeof id === 'string' && id !== '') return id;
    if (typeof id === 'number') return String(id);
  }
  throw inputError(file, line, `missing '${keys[0]}' (a non-empty string id)`);
}

function textField(value: Record<string, unknown>, key: string, file: string, line: number): string {
  const text = value[key] ?? '';
  if (typeof text !== 'string') throw inputError(file, line, `'${key}' must be a string`);
  return text;
}

/** Streams a BEIR-style corpus file. Accepts `id` for `_id` (R2MED's layout) and a `.gz` file. */
export function jsonlCorpus(name: string, file: string): Corpus {
  return {
    name,
    source: file,
    async *docs(): AsyncGenerator<Document> {
      for await (const { value, line } of readJsonl(file)) {
        const id = idField(value, file, line, ['_id', 'id']);
        const { _id, id: _unused, title, text, ...meta } = value;
        yield {
          id,
          title: textField(value, 'title', file, line),
          text: textField(value, 'text', file, line),
          ...(Object.keys(meta).length ? { meta } : {}),
        };
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

import { extname } from 'node:path';
import { AtomicLineWriter } from '../io/atomic.js';

/** What was actually searched for one query, beside what the user asked. */
export interface SearchedQuery {
  id: string;
  /** The query as in the query set. */
  text: string;
  /** The text (or texts, for a dense average) the retriever was given. */
  searched: string | { query: string; document?: string };
  /** The stage's intermediate output (translation, generated passage), where there is one. */
  generated?: string;
  lang?: string;
}

/** `runs/x.trec` → `runs/x.queries.jsonl`: the searched text lives beside its run. */
function searchedFileFor(runFile: string): string {
  const ext = extname(runFile);
  return `${ext ? runFile.slice(0, -ext.length) : runFile}.queries.jsonl`;
}

/** Writes the searched queries beside a run, atomically; returns the file written. */
export async function writeSearchedQueries(runFile: string, queries: readonly SearchedQuery[]): Promise<string> {
  const file = searchedFileFor(runFile);
  const out = new AtomicLineWriter(file);
  try {
    for (const q of queries) await out.write(JSON.stringify(q) + '\n');
    await out.close();
  } catch (err) {
    out.abort();
    throw err;
  }
  return file;
}

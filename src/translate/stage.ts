import { Progress } from '../core/progress.js';
import type { Query } from '../core/types.js';
import { mapLimit } from '../generate/limit.js';
import type { SearchedQuery } from '../rewrite/searched-file.js';
import type { Translator } from './translator.js';

/**
 * Query translation as a retrieval stage: the queries with their text translated (metadata kept),
 * and the record of what was searched, for `runs/<name>.queries.jsonl`.
 */
export async function translateQueries(
  translator: Translator,
  queries: readonly Query[],
  from: string,
  to: string,
): Promise<{ queries: Query[]; searched: SearchedQuery[] }> {
  const progress = new Progress(`translate ${from}→${to} (${translator.id})`, queries.length);
  const texts = await mapLimit(queries, translator.concurrency ?? 1, async (q) => {
    const text = await translator.translate(q.text, from, to);
    progress.tick();
    return text;
  });
  progress.finish();
  return {
    queries: queries.map((q, i) => ({ ...q, text: texts[i] })),
    searched: queries.map((q, i) => ({ id: q.id, lang: from, text: q.text, searched: texts[i] })),
  };
}

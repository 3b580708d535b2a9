import { MedirError } from '../core/errors.js';
import type { Query, Run } from '../core/types.js';
import type { Corpus } from '../core/types.js';
import type { Retriever } from '../retrieve/retriever.js';
import { denseSearch } from './dense-search.js';
import type { RewriteMethod } from './method.js';
import { LAMER_PASSAGES, passagesFromRun } from './passages.js';
import type { PromptedGenerator } from './prompted.js';
import type { SearchedQuery } from './searched-file.js';
import { stripThinking } from './think.js';

/** Where generated texts come from: a generator now, or a file published with the benchmark. */
export type RewriteSource =
  | { kind: 'generator'; prompted: PromptedGenerator }
  | { kind: 'precomputed'; file: string; texts: ReadonlyMap<string, string> };

export function sourceConfig(source: RewriteSource): Record<string, unknown> {
  return source.kind === 'generator' ? source.prompted.config : { precomputed: source.file };
}

/**
 * The generated text per query, in query order. LameR's prompt gets the first-stage retriever's
 * top passages; precomputed texts are looked up by query id. Reasoning blocks are stripped either way.
 */
export async function generateRewrites(
  method: RewriteMethod,
  queries: readonly Query[],
  source: RewriteSource,
  firstStage?: { retriever: Retriever; corpus: Corpus },
): Promise<string[]> {
  if (source.kind === 'precomputed') {
    return queries.map((q) => {
      const text = source.texts.get(q.id);
      if (text === undefined) throw new MedirError('BAD_INPUT', `${source.file}: no generated text for query '${q.id}'`, 'the file must cover every query of the split');
      return stripThinking(text);
    });
  }
  let passages: Map<string, string> | undefined;
  if (method.usesPassages) {
    if (!firstStage) throw new MedirError('BAD_OPTION', `--method ${method.name} needs a first-stage retriever for its passages`);
    passages = await passagesFromRun(await firstStage.retriever.retrieve(queries, LAMER_PASSAGES.count), firstStage.corpus);
  }
  const inputs = queries.map((q) => ({ query: q.text, ...(passages ? { passages: passages.get(q.id) ?? '' } : {}) }));
  return source.prompted.generateAll(inputs, `${method.name} (${source.prompted.generator.id})`);
}

/**
 * Retrieval with rewritten queries: a retriever that searches by vector gets the method's dense
 * query (an average of query and passage vectors for HyDE/LameR); any other gets its text query.
 */
export async function retrieveRewritten(
  method: RewriteMethod,
  retriever: Retriever,
  queries: readonly Query[],
  generated: readonly string[],
  topK: number,
): Promise<{ run: Run; searched: SearchedQuery[]; retrieverConfig: Record<string, unknown> }> {
  const base = (q: Query, i: number) => ({ id: q.id, text: q.text, generated: generated[i], ...(typeof q.meta.lang === 'string' ? { lang: q.meta.lang } : {}) });
  if (retriever.vectors) {
    const dense = queries.map((q, i) => ({ id: q.id, ...method.denseQuery(q.text, generated[i]) }));
    const run = await denseSearch(retriever.vectors, dense, topK);
    return { run, searched: queries.map((q, i) => ({ ...base(q, i), searched: { query: dense[i].query, document: dense[i].document } })), retrieverConfig: retriever.config };
  }
  const rewritten = queries.map((q, i) => ({ ...q, text: method.lexicalQuery(q.text, generated[i]) }));
  const run = await retriever.retrieve(rewritten, topK);
  return { run, searched: queries.map((q, i) => ({ ...base(q, i), searched: rewritten[i].text })), retrieverConfig: retriever.config };
}

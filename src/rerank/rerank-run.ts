import { MedirError } from '../core/errors.js';
import type { Corpus, Document, Query, Run, ScoredDoc } from '../core/types.js';
import { compareCanonical } from '../formats/run.js';
import type { Reranker, RerankList } from './reranker.js';

/** Looks a document up by id (a Map from `documentsById`, or any store). */
export type DocLookup = (id: string) => Document | undefined;

export interface RerankInput {
  /** The first stage's run; never modified. */
  run: Run;
  /** The queries whose text the reranker reads (each query of `run` must be here). */
  queries: readonly Query[];
  docs: DocLookup;
  reranker: Reranker;
  /** How many top documents of each ranking are rescored; the rest keep their first-stage order below them. */
  depth: number;
}

/** What the reranking stage adds to a run's manifest. */
export interface RerankManifest {
  reranker: { name: string; config: Record<string, unknown> };
  depth: number;
  queries: number;
  /** (query, document) pairs rescored. */
  pairs: number;
  tail: string;
  seconds: number;
  stats: Record<string, number>;
}

/** The documents of a corpus whose ids are wanted, read in one pass. */
export async function documentsById(corpus: Corpus, ids: ReadonlySet<string>): Promise<Map<string, Document>> {
  const found = new Map<string, Document>();
  for await (const doc of corpus.docs()) if (ids.has(doc.id)) found.set(doc.id, doc);
  return found;
}

/** The ids of the documents in the top `depth` of each ranking: what `documentsById` must read. */
export function idsToRerank(run: Run, depth: number): Set<string> {
  const ids = new Set<string>();
  for (const docs of run.values()) for (const d of [...docs].sort(compareCanonical).slice(0, depth)) ids.add(d.docId);
  return ids;
}

/**
 * Reranks the top `depth` of each ranking (in trec_eval's order of the first stage) and returns a
 * new run: reranked documents carry the reranker's score (equal scores keep first-stage order only
 * as trec_eval breaks ties, by docid); the documents below the depth follow in their first-stage
 * order with scores rewritten to `lowest reranked − 1, − 2, …`, so a run ordered by score (all a
 * TREC file says) puts them where the stage put them.
 */
export async function rerankRun(input: RerankInput): Promise<{ run: Run; manifest: RerankManifest }> {
  const { run, reranker, depth } = input;
  if (!Number.isInteger(depth) || depth < 1) throw new MedirError('BAD_OPTION', `--rerank-depth: expected a positive integer, got '${depth}'`);
  const byId = new Map(input.queries.map((q) => [q.id, q]));
  const rankings: { qid: string; head: ScoredDoc[]; tail: ScoredDoc[] }[] = [];
  const lists: RerankList[] = [];
  for (const [qid, docs] of run) {
    if (docs.length === 0) continue;
    const query = byId.get(qid);
    if (!query) throw new MedirError('BAD_INPUT', `the run has query '${qid}', which is not among the ${byId.size} queries given: its text is needed to rerank`);
    const ranked = [...docs].sort(compareCanonical);
    const head = ranked.slice(0, depth);
    rankings.push({ qid, head, tail: ranked.slice(depth) });
    lists.push({
      query,
      docs: head.map((d) => {
        const doc = input.docs(d.docId);
        if (!doc) throw new MedirError('BAD_INPUT', `the run ranks document '${d.docId}' for query '${qid}', but the corpus has no such document`);
        return doc;
      }),
    });
  }
  const start = performance.now();
  const scores = await reranker.rerank(lists);
  const seconds = (performance.now() - start) / 1000;

  const out: Run = new Map();
  rankings.forEach(({ qid, head, tail }, i) => {
    const s = scores[i];
    if (s?.length !== head.length) throw new MedirError('BAD_INPUT', `reranker ${reranker.name} gave ${s?.length ?? 0} scores for ${head.length} documents of query '${qid}'`);
    const bad = s.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new MedirError('BAD_INPUT', `reranker ${reranker.name} gave a non-finite score (${s[bad]}) to document '${head[bad].docId}' of query '${qid}'`);
    const lowest = Math.min(...s);
    out.set(qid, [...head.map((d, j) => ({ docId: d.docId, score: s[j] })), ...tail.map((d, j) => ({ docId: d.docId, score: lowest - (j + 1) }))]);
  });
  for (const [qid, docs] of run) if (docs.length === 0) out.set(qid, []);
  return {
    run: out,
    manifest: {
      reranker: { name: reranker.name, config: reranker.config },
      depth,
      queries: lists.length,
      pairs: lists.reduce((n, l) => n + l.docs.length, 0),
      tail: 'below the depth: first-stage order, scores rewritten to lowest reranked score − 1, − 2, …',
      seconds,
      stats: reranker.stats(),
    },
  };
}

/** `rerankRun` with the documents read from a corpus: the rerank stage as `medir run --rerank` and the stage layer call it. */
export async function rerankWithCorpus(input: Omit<RerankInput, 'docs'> & { corpus: Corpus }): Promise<{ run: Run; manifest: RerankManifest }> {
  const docs = await documentsById(input.corpus, idsToRerank(input.run, input.depth));
  return rerankRun({ ...input, docs: (id) => docs.get(id) });
}

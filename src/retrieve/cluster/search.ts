import { MedirError } from '../../core/errors.js';
import { Progress } from '../../core/progress.js';
import type { Run, ScoredDoc } from '../../core/types.js';
import { malformed } from './errors.js';
import type { Cluster } from './transport.js';

export const SEARCH_TYPES = ['query_then_fetch', 'dfs_query_then_fetch'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** How each query becomes a search body. */
export interface SearchPlan {
  searchType: SearchType;
  /**
   * A keyword field holding the document id: hits are then sorted by score, then this id
   * descending (trec_eval's order), so which tied documents make the top k is decided as medir
   * decides it, not by the shards' internal order. Absent: `_id`, ties at the cut-off as the cluster returns them.
   */
  idField?: string;
}

/** BM25 over one field (`match`) or several (`multi_match` best_fields with tie_breaker 0.5: BEIR's query). */
export function lexicalQuery(text: string, fields: readonly string[]): Record<string, unknown> {
  if (fields.length === 1) return { query: { match: { [fields[0]!]: { query: text } } } };
  return { query: { multi_match: { query: text, type: 'best_fields', fields, tie_breaker: 0.5 } } };
}

/**
 * A search body for the top k: the query, no `_source`, ids from `_id` or the id field. Lexical
 * searches then sort ties by that id (BM25 scores tie often); k-NN ones do not (float similarities
 * rarely tie, and a sort beside Elasticsearch's top-level `knn` is not what its docs show).
 */
export function searchBody(query: Record<string, unknown>, topK: number, plan: SearchPlan, sortTies = true): Record<string, unknown> {
  const { idField } = plan;
  return {
    ...query,
    size: topK,
    _source: false,
    ...(idField ? { docvalue_fields: [idField] } : {}),
    ...(idField && sortTies ? { sort: [{ _score: 'desc' }, { [idField]: 'desc' }], track_scores: true } : {}),
  };
}

type Json = Record<string, unknown>;

/** A hit's id and score; anything else is a malformed answer naming the query. */
function hitOf(hit: unknown, plan: SearchPlan, fail: (detail: string) => MedirError): ScoredDoc {
  const h = hit as Json;
  const fromField = plan.idField ? ((h?.fields as Json | undefined)?.[plan.idField] as unknown[] | undefined)?.[0] : undefined;
  const docId = plan.idField ? fromField : h?._id;
  if (typeof docId !== 'string' || docId === '') throw fail(`a hit without ${plan.idField ? `fields.${plan.idField}` : '_id'}`);
  if (typeof h._score !== 'number' || !Number.isFinite(h._score)) throw fail(`hit '${docId}' has no numeric _score`);
  return { docId, score: h._score };
}

/**
 * Sends the queries' search bodies in `_msearch` batches and reads each answer's hits into a run
 * (query order kept). An answer that is an error, has the wrong count of responses, or returns
 * a document twice for one query is an error naming the query.
 */
export async function msearch(
  cluster: Cluster,
  queryIds: readonly string[],
  bodies: (from: number, to: number) => Json[],
  plan: SearchPlan,
  batchSize: number,
  label: string,
): Promise<Run> {
  const { endpoint } = cluster;
  const header = { index: endpoint.index, search_type: plan.searchType };
  const run: Run = new Map();
  const progress = new Progress(label, queryIds.length);
  for (let from = 0; from < queryIds.length; from += batchSize) {
    const to = Math.min(from + batchSize, queryIds.length);
    const what = `searching queries ${from + 1}–${to} (POST /_msearch)`;
    const answer = (await cluster.request({ method: 'POST', path: '/_msearch', ndjson: bodies(from, to).flatMap((body) => [header, body]) }, what)) as Json;
    const responses = answer?.responses;
    if (!Array.isArray(responses) || responses.length !== to - from) throw malformed(endpoint, what, `expected ${to - from} responses, got ${Array.isArray(responses) ? responses.length : 'none'}`);
    responses.forEach((response: Json, i) => {
      const qid = queryIds[from + i]!;
      const fail = (detail: string) => malformed(endpoint, `searching query '${qid}'`, detail);
      if (response?.error !== undefined) {
        const e = response.error as Json;
        throw new MedirError('INDEX', `${endpoint.url} (index '${endpoint.index}'): query '${qid}' failed (HTTP ${String(response.status ?? '?')}): ${String(e?.type ?? '')} ${String(e?.reason ?? JSON.stringify(e))}`.trim());
      }
      const hits = (response?.hits as Json | undefined)?.hits;
      if (!Array.isArray(hits)) throw fail('no hits.hits');
      const seen = new Set<string>();
      const ranking = hits.map((hit) => {
        const doc = hitOf(hit, plan, fail);
        if (seen.has(doc.docId)) throw fail(`document '${doc.docId}' returned twice`);
        seen.add(doc.docId);
        return doc;
      });
      run.set(qid, ranking);
    });
    progress.tick(to - from);
  }
  progress.finish();
  return run;
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inputError, MedirError } from '../../core/errors.js';
import type { Qrels, Query } from '../../core/types.js';
import { readQueriesJsonl } from '../../formats/beir.js';
import { readLines } from '../../io/lines.js';

/** CliniQ's query types, one queries/qrels file pair each, in its eval order. */
export const CLINIQ_QUERY_TYPES = ['disease', 'procedure', 'drug'] as const;
export type CliniqQueryType = (typeof CLINIQ_QUERY_TYPES)[number];

/** The label of each CliniQ judgment: how the chunk matches the query. */
export const CLINIQ_MATCH_TYPES = ['string', 'synonym', 'abbreviation', 'hyponym', 'implication'] as const;
export type CliniqMatchType = (typeof CLINIQ_MATCH_TYPES)[number];

/** The metrics CliniQ reports: multi-patient (per query) and single-patient (per query and note). */
export const MULTI_METRICS = ['MRR', 'nDCG@10', 'R@100'] as const;
export const SINGLE_METRICS = ['MRR', 'nDCG@n', 'MAP'] as const;

/** CliniQ's public `benchmark/` folder, read: its queries, typed judgments and the 1,000 admissions. */
export interface CliniqBenchmark {
  /** Every query, `meta.type` its query type. */
  queries: Query[];
  /** query id → chunk id (`HADM_ID_i`) → match type. */
  judgments: Map<string, Map<string, CliniqMatchType>>;
  hadmIds: Set<string>;
  /** Judgments given twice for one (query, chunk): the first is kept. */
  repeated: number;
}

const CLINIQ_FILES = {
  queries: (t: CliniqQueryType) => `queries_${t}.jsonl`,
  qrels: (t: CliniqQueryType) => `qrels_${t}.tsv`,
  hadmIds: 'test_hadm_ids.txt',
} as const;

function need(dir: string, name: string): string {
  const file = join(dir, name);
  if (!existsSync(file)) {
    throw new MedirError('MISSING_FILE', `${file}: not found`, 'pass --cliniq the benchmark/ folder of the CliniQ repository (queries_*.jsonl, qrels_*.tsv, test_hadm_ids.txt)');
  }
  return file;
}

/**
 * Reads CliniQ's benchmark folder. Qrels lines are `query-id<TAB>chunk-id<TAB>match-type` without a
 * header; an unknown query or match type is a `file:line` error (CliniQ's eval would crash on it).
 */
export async function readCliniqBenchmark(dir: string): Promise<CliniqBenchmark> {
  const queries: Query[] = [];
  const judgments = new Map<string, Map<string, CliniqMatchType>>();
  let repeated = 0;
  for (const type of CLINIQ_QUERY_TYPES) {
    const qfile = need(dir, CLINIQ_FILES.queries(type));
    const ids = new Set<string>();
    for (const q of await readQueriesJsonl(qfile)) {
      if (judgments.has(q.id)) throw new MedirError('BAD_INPUT', `${qfile}: query id '${q.id}' is also used by another query file`);
      judgments.set(q.id, new Map());
      ids.add(q.id);
      queries.push({ ...q, meta: { ...q.meta, type } });
    }
    const rfile = need(dir, CLINIQ_FILES.qrels(type));
    for await (const { text, number } of readLines(rfile)) {
      if (text.trim() === '') continue;
      const fields = text.split('\t');
      if (fields.length !== 3) throw inputError(rfile, number, `expected 'query-id<TAB>chunk-id<TAB>match-type', got ${fields.length} columns`);
      const [qid, chunk, match] = fields.map((f) => f.trim());
      if (!ids.has(qid)) throw inputError(rfile, number, `query '${qid}' is not in ${CLINIQ_FILES.queries(type)}`);
      if (!(CLINIQ_MATCH_TYPES as readonly string[]).includes(match)) throw inputError(rfile, number, `unknown match type '${match}'; valid: ${CLINIQ_MATCH_TYPES.join(', ')}`);
      const judged = judgments.get(qid)!;
      if (judged.has(chunk)) repeated++;
      else judged.set(chunk, match as CliniqMatchType);
    }
  }
  const hadmIds = new Set<string>();
  for await (const { text } of readLines(need(dir, CLINIQ_FILES.hadmIds))) if (text.trim()) hadmIds.add(text.trim());
  return { queries, judgments, hadmIds, repeated };
}

/** The judgments as binary qrels (every labelled chunk is relevant), for trec_eval measures. */
export function cliniqQrels(bench: CliniqBenchmark): Qrels {
  const qrels: Qrels = new Map();
  for (const [qid, judged] of bench.judgments) if (judged.size) qrels.set(qid, new Map([...judged.keys()].map((c) => [c, 1])));
  return qrels;
}

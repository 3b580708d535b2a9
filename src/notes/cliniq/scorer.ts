import type { Query, Qrels, Run, ScoredDoc } from '../../core/types.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { compareCanonical } from '../../formats/run.js';
import type { PassageGroups } from '../passage-groups.js';
import { recordCases, type RecordCase, type SkipCounts } from '../single-record.js';
import { CLINIQ_MATCH_TYPES, type CliniqBenchmark, type CliniqMatchType } from './benchmark.js';
import { cliniqNdcgAt } from './ndcg-variant.js';

/** Which nDCG is reported: `standard` (trec_eval: ideal from every relevant chunk) or CliniQ's variant. */
export const CLINIQ_NDCG_MODES = ['standard', 'cliniq'] as const;
export type CliniqNdcgMode = (typeof CLINIQ_NDCG_MODES)[number];

/** A metric's mean and how many values it averages. */
export interface Mean {
  mean: number;
  n: number;
}

class Means {
  private readonly sums = new Map<string, Map<string, { sum: number; n: number }>>();

  add(scope: string, metric: string, value: number): void {
    let row = this.sums.get(scope);
    if (!row) this.sums.set(scope, (row = new Map()));
    const cell = row.get(metric) ?? { sum: 0, n: 0 };
    row.set(metric, { sum: cell.sum + value, n: cell.n + 1 });
  }

  table(): Map<string, Map<string, Mean>> {
    return new Map([...this.sums].map(([scope, row]) => [scope, new Map([...row].map(([m, c]) => [m, { mean: c.sum / c.n, n: c.n }]))]));
  }
}

/** CliniQ's results: rows keyed by query type (and `all`) or match type, columns by metric. */
export interface CliniqReport {
  ndcg: CliniqNdcgMode;
  /** Multi-patient retrieval over all chunks: MRR, nDCG@10, Recall@100 per query. */
  multi: Map<string, Map<string, Mean>>;
  /** Single-patient retrieval within one note: MRR, nDCG@(chunks in the note), MAP per (query, note). */
  single: Map<string, Map<string, Mean>>;
  /** Single-patient, per match type: the note's relevant chunks of the other types removed first. */
  byMatch: Map<string, Map<string, Mean>>;
  skipped: SkipCounts & { unjudgedQueries: number };
}

export const MULTI_METRICS = ['MRR', 'nDCG@10', 'R@100'] as const;
export const SINGLE_METRICS = ['MRR', 'nDCG@n', 'MAP'] as const;

/** The canonical ranking's ids (score desc, ties by docid desc), as every measure here reads it. */
function rankedIds(ranking: readonly ScoredDoc[]): string[] {
  return [...ranking].sort(compareCanonical).map((d) => d.docId);
}

/**
 * Scores runs the way CliniQ's eval.py does, batch by batch so a full-depth run over every chunk
 * never sits in memory whole. trec_eval measures come from `evaluate` (recip_rank, ndcg_cut_10,
 * recall_100; and recip_rank, ndcg, map on the single-note rankings, which hold every chunk of the
 * note, so `ndcg` is nDCG@(chunks in the note)). Means pool all values of a scope, as eval.py does.
 */
export class CliniqScorer {
  private readonly multi = new Means();
  private readonly single = new Means();
  private readonly byMatch = new Means();
  private readonly skipped = { fewPassages: 0, allRelevant: 0, unjudgedQueries: 0 };

  constructor(
    private readonly bench: CliniqBenchmark,
    private readonly groups: PassageGroups,
    private readonly ndcg: CliniqNdcgMode,
  ) {}

  /** Adds the results of one batch of queries; `run` must rank every chunk the retriever scores. */
  add(queries: readonly Query[], run: Run): void {
    const judgedQueries = queries.filter((q) => (this.bench.judgments.get(q.id)?.size ?? 0) > 0);
    this.skipped.unjudgedQueries += queries.length - judgedQueries.length;
    const multiQrels: Qrels = new Map();
    const multiRun: Run = new Map();
    const cases: { c: RecordCase; type: string; scope: Means; match?: CliniqMatchType }[] = [];
    for (const q of judgedQueries) {
      const judged = this.bench.judgments.get(q.id)!;
      const ranking = run.get(q.id) ?? [];
      multiQrels.set(q.id, new Map([...judged.keys()].map((id) => [id, 1])));
      multiRun.set(q.id, ranking);
      for (const c of recordCases(q.id, ranking, judged.keys(), this.groups, this.skipped)) {
        cases.push({ c, type: String(q.meta.type), scope: this.single });
        for (const match of CLINIQ_MATCH_TYPES) {
          const typed = new Set([...c.relevant].filter((id) => judged.get(id) === match));
          if (typed.size === 0) continue;
          // eval.py also skips a type whose remaining chunks are all relevant: that needs a note whose every
          // chunk is relevant, which the note-level rule above has already skipped, so it cannot happen here.
          const ranking = c.ranking.filter((d) => typed.has(d.docId) || !c.relevant.has(d.docId));
          cases.push({ c: { ...c, ranking, relevant: typed }, type: String(q.meta.type), scope: this.byMatch, match });
        }
      }
    }
    this.scoreMulti(judgedQueries, multiQrels, multiRun);
    this.scoreCases(cases);
  }

  private scoreMulti(queries: readonly Query[], qrels: Qrels, run: Run): void {
    if (queries.length === 0) return;
    const result = evaluate(qrels, run, 'recip_rank,ndcg_cut_10,recall_100', { complete: true });
    for (const q of queries) {
      const v = result.perQuery.get(q.id)!;
      const ndcg = this.ndcg === 'cliniq' ? cliniqNdcgAt(rankedIds(run.get(q.id)!), new Set(qrels.get(q.id)!.keys()), 10) : v.get('ndcg_cut_10')!;
      for (const scope of [String(q.meta.type), 'all']) {
        this.multi.add(scope, 'MRR', v.get('recip_rank')!);
        this.multi.add(scope, 'nDCG@10', ndcg);
        this.multi.add(scope, 'R@100', v.get('recall_100')!);
      }
    }
  }

  private scoreCases(cases: { c: RecordCase; type: string; scope: Means; match?: CliniqMatchType }[]): void {
    if (cases.length === 0) return;
    const key = (i: number) => `case${i}`;
    const qrels: Qrels = new Map(cases.map(({ c }, i) => [key(i), new Map([...c.relevant].map((id) => [id, 1]))]));
    const run: Run = new Map(cases.map(({ c }, i) => [key(i), c.ranking]));
    const result = evaluate(qrels, run, 'recip_rank,ndcg,map', { complete: true });
    cases.forEach(({ c, type, scope, match }, i) => {
      const v = result.perQuery.get(key(i))!;
      const ndcg = this.ndcg === 'cliniq' ? cliniqNdcgAt(rankedIds(c.ranking), c.relevant, c.ranking.length) : v.get('ndcg')!;
      for (const s of match ? [match] : [type, 'all']) {
        scope.add(s, 'MRR', v.get('recip_rank')!);
        scope.add(s, 'nDCG@n', ndcg);
        scope.add(s, 'MAP', v.get('map')!);
      }
    });
  }

  report(): CliniqReport {
    return { ndcg: this.ndcg, multi: this.multi.table(), single: this.single.table(), byMatch: this.byMatch.table(), skipped: { ...this.skipped } };
  }
}


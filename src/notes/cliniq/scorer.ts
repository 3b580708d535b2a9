import type { Query, Qrels, Run, ScoredDoc } from '../../core/types.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { REPORT_POLICY, REPORT_SPECS } from '../../evaluate/report-spec.js';
import { compareCanonical } from '../../formats/run.js';
import type { PassageGroups } from '../passage-groups.js';
import { recordCases, type RecordCase, type SkipCounts } from '../single-record.js';
import { CLINIQ_MATCH_TYPES, type CliniqBenchmark, type CliniqMatchType } from './benchmark.js';
import { cliniqNdcgAt, type CliniqNdcgMode } from './ndcg-variant.js';

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

/** One value behind the means, for the long per-query file (`--out-dir`): pandas/polars read it directly. */
export interface CliniqValue {
  setting: 'multi' | 'single' | 'match';
  queryType: string;
  /** The match type (setting `match` only). */
  match: string;
  qid: string;
  /** The note (single-patient settings only). */
  record: string;
  metric: string;
  value: number;
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
  values: CliniqValue[];
}

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
  private readonly values: CliniqValue[] = [];

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
    const result = evaluate(qrels, run, REPORT_SPECS.cliniqMulti.measures, REPORT_POLICY);
    for (const q of queries) {
      const v = result.perQuery.get(q.id)!;
      const ndcg = this.ndcg === 'cliniq' ? cliniqNdcgAt(rankedIds(run.get(q.id)!), new Set(qrels.get(q.id)!.keys()), 10) : v.get('ndcg_cut_10')!;
      const type = String(q.meta.type);
      this.keep(this.multi, [type, 'all'], { setting: 'multi', queryType: type, match: '', qid: q.id, record: '' }, [
        ['MRR', v.get('recip_rank')!],
        ['nDCG@10', ndcg],
        ['R@100', v.get('recall_100')!],
      ]);
    }
  }

  private scoreCases(cases: { c: RecordCase; type: string; scope: Means; match?: CliniqMatchType }[]): void {
    if (cases.length === 0) return;
    const key = (i: number) => `case${i}`;
    const qrels: Qrels = new Map(cases.map(({ c }, i) => [key(i), new Map([...c.relevant].map((id) => [id, 1]))]));
    const run: Run = new Map(cases.map(({ c }, i) => [key(i), c.ranking]));
    const result = evaluate(qrels, run, REPORT_SPECS.cliniqSingle.measures, REPORT_POLICY);
    cases.forEach(({ c, type, scope, match }, i) => {
      const v = result.perQuery.get(key(i))!;
      const ndcg = this.ndcg === 'cliniq' ? cliniqNdcgAt(rankedIds(c.ranking), c.relevant, c.ranking.length) : v.get('ndcg')!;
      const where = { setting: match ? 'match' : 'single', queryType: type, match: match ?? '', qid: c.qid, record: c.record } as const;
      this.keep(scope, match ? [match] : [type, 'all'], where, [
        ['MRR', v.get('recip_rank')!],
        ['nDCG@n', ndcg],
        ['MAP', v.get('map')!],
      ]);
    });
  }

  /** Adds values to their scopes' means and to the long per-query list. */
  private keep(means: Means, scopes: readonly string[], where: Omit<CliniqValue, 'metric' | 'value'>, metrics: [string, number][]): void {
    for (const [metric, value] of metrics) {
      for (const scope of scopes) means.add(scope, metric, value);
      this.values.push({ ...where, metric, value });
    }
  }

  report(): CliniqReport {
    return { ndcg: this.ndcg, multi: this.multi.table(), single: this.single.table(), byMatch: this.byMatch.table(), skipped: { ...this.skipped }, values: [...this.values] };
  }
}


import { MedirError } from '../core/errors.js';
import type { Qrels, ScoredDoc } from '../core/types.js';
import { JudgmentCache, type QueryJudgments } from './judgments.js';
import type { MeasureContext, MeasureFamily, Summary } from './measures/measure.js';
import { parseMeasures, type MeasureRequest } from './parse.js';
import { resolvePolicy, type EvalPolicy } from './policy.js';
import { RankingBuilder, type JudgedRanking } from './ranking.js';

/** One output column: its name, where its value comes from and how it is summarised and printed. */
export interface OutputSpec {
  name: string;
  family: MeasureFamily;
  value: 'float' | 'int' | 'text';
  summary: Summary;
  perQuery: boolean;
}

export interface EvalResult {
  /** Numeric output names in request order (trec_eval's names where it has the measure, `RR@10` otherwise). */
  names: string[];
  /** qid → name → value, queries in trec_eval's order (qid string order); summary-only measures absent. */
  perQuery: Map<string, Map<string, number>>;
  /** The `all` value as trec_eval forms it: the mean, or the sum for num_* counts, or the geometric mean for gm_*. */
  mean: Map<string, number>;
  policy: EvalPolicy;
  /**
   * Every output including text ones (runid, relstring), in request order.
   *
   * @internal
   */
  outputs: OutputSpec[];
  /** qid → name → text for text measures (relstring). */
  perQueryText: Map<string, Map<string, string>>;
  /** The run's tag, for trec_eval's `runid` line. */
  runId: string;
  numQueries: number;
  /** Queries with judgments, and how many of them the run has no ranking for (counted as 0 or skipped, by the policy). */
  judged: number;
  missing: number;
}

interface QueryValues {
  values: Float64Array;
  texts: string[];
}

/** The name a measure's output takes under the policy: nDCG with exponential gain says so. */
function outputName(family: MeasureFamily, name: string, policy: EvalPolicy): string {
  return family.usesGain && policy.gain === 'exp' ? `${name}(exp)` : name;
}

/**
 * Evaluates a run one query at a time, so a run file can be streamed: `add` each ranking, then
 * `finish`. Holds the qrels, a reusable ranking buffer and one small vector of values per query.
 */
export class Evaluator {
  readonly policy: EvalPolicy;
  readonly outputs: OutputSpec[] = [];
  private readonly requests: MeasureRequest[];
  private readonly slots: { req: MeasureRequest; at: number }[] = [];
  private readonly textSlots: MeasureRequest[] = [];
  private readonly keep: number[] = [];
  private readonly width: number;
  private readonly judgments: JudgmentCache;
  private readonly builder: RankingBuilder;
  private readonly ctx: MeasureContext;
  private readonly results = new Map<string, QueryValues>();

  constructor(
    private readonly qrels: Qrels,
    measures: string | readonly string[],
    policy: Partial<EvalPolicy> = {},
  ) {
    this.policy = resolvePolicy(policy);
    this.requests = parseMeasures(measures);
    const seen = new Set<string>();
    let at = 0;
    for (const req of this.requests) {
      const f = req.family;
      if (f.value === 'text') {
        if (f.text) this.textSlots.push(req);
        this.outputs.push({ name: req.outputs[0], family: f, value: 'text', summary: f.summary, perQuery: f.perQuery });
        continue;
      }
      this.slots.push({ req, at });
      req.outputs.forEach((raw, i) => {
        const name = outputName(f, raw, this.policy);
        if (seen.has(name)) return;
        seen.add(name);
        this.keep.push(at + i);
        this.outputs.push({ name, family: f, value: f.value, summary: f.summary, perQuery: f.perQuery });
      });
      at += req.outputs.length;
    }
    this.width = at;
    const depth = this.policy.judgedOnly ? Infinity : Math.max(0, ...this.requests.map((r) => r.family.depth(r.params)));
    this.judgments = JudgmentCache.for(qrels, this.policy.relevanceLevel);
    this.builder = new RankingBuilder(this.policy, depth);
    this.ctx = { relevanceLevel: this.policy.relevanceLevel, gain: this.policy.gain };
  }

  /** Evaluates one query's ranking; queries without judgments are ignored, as trec_eval does. */
  add(qid: string, docs: readonly ScoredDoc[] | undefined): void {
    const judgments = this.judgments.get(qid);
    if (judgments) this.store(qid, this.builder.build(qid, docs, judgments));
  }

  /** The judgments of `qid` (undefined: the query is not evaluated). */
  judgmentsOf(qid: string): QueryJudgments | undefined {
    return this.judgments.get(qid);
  }

  /** A reusable buffer for `addRelevance`. */
  scratch(n: number): Float64Array {
    return this.builder.scratch(n);
  }

  /** `add` for a ranking given as its relevance values in canonical order (NaN: not in the qrels). */
  addRelevance(qid: string, raw: Float64Array, n: number): void {
    const judgments = this.judgments.get(qid);
    if (judgments) this.store(qid, this.builder.fromRelevance(raw, n, judgments));
  }

  /** Drops the result of `qid`, to evaluate it again (its lines were not all together in the run). */
  forget(qid: string): void {
    this.results.delete(qid);
  }

  private store(qid: string, r: JudgedRanking): void {
    if (this.results.has(qid)) throw new MedirError('BAD_INPUT', `query '${qid}' was evaluated twice`);
    const values = new Float64Array(this.width);
    for (const { req, at } of this.slots) req.family.compute(r, req.params, this.ctx, values, at);
    const texts = this.textSlots.map((req) => req.family.text!(r, req.params));
    this.results.set(qid, { values, texts });
  }

  finish(runId = ''): EvalResult {
    const missing = this.qrels.size - this.results.size;
    if (this.policy.complete) for (const qid of this.qrels.keys()) if (!this.results.has(qid)) this.add(qid, undefined);
    if (this.results.size === 0) {
      throw new MedirError('BAD_INPUT', 'no query of the run has judgments in the qrels', 'check that the run and the qrels use the same query ids (and split)');
    }
    const qids = [...this.results.keys()].sort(); // UTF-16 code unit order, as `<` compares strings
    const numeric = this.outputs.filter((o) => o.value !== 'text');
    const sums = new Float64Array(numeric.length);
    const perQuery = new Map<string, Map<string, number>>();
    const perQueryText = new Map<string, Map<string, string>>();
    const texts = this.outputs.filter((o) => o.value === 'text' && o.family.text);
    const shown = numeric.map((o) => o.perQuery);
    for (const qid of qids) {
      const { values, texts: strings } = this.results.get(qid)!;
      const row = new Map<string, number>();
      // Stryker disable next-line EqualityOperator: at i = length, shown[i] is undefined and a write past a Float64Array's end is dropped
      for (let i = 0; i < numeric.length; i++) {
        const v = values[this.keep[i]];
        sums[i] += v;
        if (shown[i]) row.set(numeric[i].name, v);
      }
      perQuery.set(qid, row);
      if (texts.length) perQueryText.set(qid, new Map(texts.map((o, i) => [o.name, strings[i]])));
    }
    const n = qids.length;
    const mean = new Map<string, number>();
    numeric.forEach((o, i) => mean.set(o.name, o.summary === 'sum' ? sums[i] : o.summary === 'gm' ? Math.exp(sums[i] / n) : sums[i] / n));
    return { names: numeric.map((o) => o.name), perQuery, mean, policy: this.policy, outputs: this.outputs, perQueryText, runId, numQueries: n, judged: this.qrels.size, missing };
  }
}

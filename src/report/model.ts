import { MedirError } from '../core/errors.js';
import { describePolicy, type EvalPolicy } from '../evaluate/policy.js';
import { correct } from '../evaluate/stats/corrections.js';
import { pairedTest } from '../evaluate/stats/registry.js';
import type { ArenaSectionData } from './arena.js';

// The report model: every number a report shows, computed once, then rendered as HTML, Markdown
// or LaTeX. Sources (run files, the results database) fill a ReportInput; buildModel adds the
// statistics (significance against the baseline, language gaps, wins/ties/losses).

export interface QueryInfo {
  text: string;
  fields: Record<string, unknown>;
}

export interface VariantInput {
  label: string;
  config?: unknown;
  /** measure → mean and the number of queries it is over (the database's values, or the evaluation's). */
  means: Record<string, { value: number; n: number }>;
  /** qid → measure → value; absent when the source has none (no significance, no scatter then). */
  perQuery?: Map<string, Record<string, number>>;
}

export interface CurvePoint {
  variant: string;
  k: number;
  recall: number;
  ndcg: number;
}

export interface TimingRow {
  variant: string;
  stage: string;
  seconds: number;
  cached: boolean;
}

/** One RAG variant's accuracy at k passages; mode says whether it is a reference line. */
export interface RagPoint {
  variant: string;
  k: number;
  accuracy: number;
  mode: 'retrieved' | 'closed-book' | 'oracle';
}

export interface ReportDetails {
  config?: string;
  versions: Record<string, string>;
  checksums: { kind: string; name: string; sha256: string }[];
  machine?: Record<string, unknown>;
}

export interface ReportInput {
  title: string;
  dataset: string;
  split: string;
  measures: string[];
  /** The evaluation policy every number is under (resolved). */
  policy: EvalPolicy;
  /** Label of the variant every other is tested against (the first when not given). */
  baseline?: string;
  variants: VariantInput[];
  queries: Map<string, QueryInfo>;
  curves: CurvePoint[];
  timings: TimingRow[];
  rag: RagPoint[];
  details: ReportDetails;
  /** What the source could not give (said on the page and on stderr). */
  warnings: string[];
  /** The arena section (`--arena judgments.jsonl`), computed by src/arena. */
  arena?: ArenaSectionData;
}

export interface Cell {
  value: number;
  n: number;
  best: boolean;
  /** Against the baseline after Holm over the variants: +1 better, -1 worse, 0 not significant; null for the baseline or without per-query values. */
  sig: 1 | -1 | 0 | null;
  p?: number;
}

export interface LangBar {
  variant: string;
  lang: string;
  mean: number;
  n: number;
  /** mean(lang) - mean(en), with a 95% normal-approximation CI (unpaired: different queries). */
  gap?: number;
  low?: number;
  high?: number;
}

export interface ScatterPoint {
  qid: string;
  text: string;
  x: number;
  y: number;
}

export interface ReportModel extends Omit<ReportInput, 'variants' | 'queries' | 'baseline' | 'policy'> {
  policy: string;
  baseline: string;
  rows: { label: string; cells: Record<string, Cell> }[];
  correction: string;
  langMeasure?: string;
  languages: LangBar[];
  scatter?: { measure: string; x: string; y: string; points: ScatterPoint[]; wins: number; ties: number; losses: number };
}

export const SIGNIFICANCE = { test: 'paired-t', correction: 'holm', alpha: 0.05 } as const;

/** Differences smaller than this count as ties (per-query values are printed to 4 decimals). */
const TIE = 1e-9;

function significance(input: ReportInput, baseline: VariantInput, measure: string): Map<string, { sig: 1 | -1 | 0; p: number }> {
  const out = new Map<string, { sig: 1 | -1 | 0; p: number }>();
  const base = baseline.perQuery;
  if (!base) return out;
  const others = input.variants.filter((v) => v !== baseline && v.perQuery);
  const tests = others.map((v) => {
    const qids = [...base.keys()].filter((q) => v.perQuery!.get(q)?.[measure] !== undefined && base.get(q)![measure] !== undefined);
    if (qids.length < 2) return undefined;
    return pairedTest(SIGNIFICANCE.test, qids.map((q) => v.perQuery!.get(q)![measure]), qids.map((q) => base.get(q)![measure]));
  });
  const ok = tests.flatMap((t, i) => (t ? [{ t, label: others[i].label }] : []));
  const adjusted = correct(SIGNIFICANCE.correction, ok.map((o) => o.t.p));
  ok.forEach(({ t, label }, i) => out.set(label, { p: adjusted[i], sig: adjusted[i] < SIGNIFICANCE.alpha ? (t.meanDiff > 0 ? 1 : -1) : 0 }));
  return out;
}

function meanOf(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function variance(xs: readonly number[]): number {
  const m = meanOf(xs);
  return xs.length > 1 ? xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) : 0;
}

/** Per-language means of the first measure, and each language's gap to English with its 95% CI. */
function languages(input: ReportInput, measure: string): LangBar[] {
  const bars: LangBar[] = [];
  for (const v of input.variants) {
    if (!v.perQuery) continue;
    const byLang = new Map<string, number[]>();
    for (const [qid, values] of v.perQuery) {
      const lang = input.queries.get(qid)?.fields.lang;
      if (typeof lang !== 'string' || values[measure] === undefined) continue;
      if (!byLang.has(lang)) byLang.set(lang, []);
      byLang.get(lang)!.push(values[measure]);
    }
    const en = byLang.get('en');
    for (const [lang, xs] of [...byLang].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const bar: LangBar = { variant: v.label, lang, mean: meanOf(xs), n: xs.length };
      if (en && lang !== 'en') {
        const gap = bar.mean - meanOf(en);
        const se = Math.sqrt(variance(xs) / xs.length + variance(en) / en.length);
        Object.assign(bar, { gap, low: gap - 1.96 * se, high: gap + 1.96 * se });
      }
      bars.push(bar);
    }
  }
  return bars;
}

function scatter(input: ReportInput, measure: string, x: VariantInput, y: VariantInput): ReportModel['scatter'] {
  const points: ScatterPoint[] = [];
  let wins = 0;
  let ties = 0;
  let losses = 0;
  for (const [qid, xs] of x.perQuery!) {
    const yv = y.perQuery!.get(qid)?.[measure];
    if (yv === undefined || xs[measure] === undefined) continue;
    points.push({ qid, text: input.queries.get(qid)?.text ?? '', x: xs[measure], y: yv });
    const d = yv - xs[measure];
    if (Math.abs(d) <= TIE) ties++;
    else if (d > 0) wins++;
    else losses++;
  }
  return { measure, x: x.label, y: y.label, points, wins, ties, losses };
}

/**
 * The model of a report: the main table (best in bold, significance of each variant against the
 * baseline, paired t-test with Holm over the variants of each measure), per-language bars and the
 * per-query scatter of the baseline against `versus` (default: the best variant on the first measure).
 */
export function buildModel(input: ReportInput, opts: { versus?: string } = {}): ReportModel {
  if (input.variants.length === 0 && !input.arena) throw new MedirError('BAD_INPUT', `${input.title}: no variants with results to report`);
  const baseline = input.variants.find((v) => v.label === input.baseline) ?? input.variants[0];
  const warnings = [...input.warnings];
  if (input.arena?.error) warnings.push(input.arena.error);
  for (const v of input.variants) {
    if (!v.perQuery || v.perQuery.size === 0) warnings.push(`variant ${v.label} has no per-query values: no significance test and no scatter for it`);
  }
  const sigs = new Map(input.measures.map((m) => [m, significance(input, baseline, m)]));
  const rows = input.variants.map((v) => ({
    label: v.label,
    cells: Object.fromEntries(
      input.measures.filter((m) => v.means[m]).map((m) => {
        const best = Math.max(...input.variants.map((o) => o.means[m]?.value ?? -Infinity));
        const s = sigs.get(m)!.get(v.label);
        const cell: Cell = { value: v.means[m].value, n: v.means[m].n, best: v.means[m].value === best, sig: v === baseline || !s ? null : s.sig, p: s?.p };
        return [m, cell];
      }),
    ),
  }));
  const measure = input.measures[0];
  const withPerQuery = input.variants.filter((v) => v.perQuery && v.perQuery.size > 0);
  let pair: ReportModel['scatter'];
  if (baseline?.perQuery?.size && withPerQuery.length >= 2) {
    const others = withPerQuery.filter((v) => v !== baseline);
    const chosen = others.find((v) => v.label === opts.versus) ?? [...others].sort((a, b) => (b.means[measure]?.value ?? 0) - (a.means[measure]?.value ?? 0))[0];
    if (opts.versus && chosen.label !== opts.versus) warnings.push(`--versus ${opts.versus}: no such variant with per-query values; the scatter shows ${chosen.label}`);
    pair = scatter(input, measure, baseline, chosen);
  }
  const langs = languages(input, measure);
  const { variants: _v, queries: _q, baseline: _b, ...rest } = input;
  return { ...rest, policy: describePolicy(input.policy), warnings, baseline: baseline?.label ?? '', rows, correction: `${SIGNIFICANCE.test}, Holm over the ${Math.max(0, withPerQuery.length - 1)} variants of each measure, alpha=${SIGNIFICANCE.alpha}`, langMeasure: langs.length ? measure : undefined, languages: langs, scatter: pair };
}

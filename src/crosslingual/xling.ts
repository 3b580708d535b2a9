import { join } from 'node:path';
import { MedirError } from '../core/errors.js';
import { Progress } from '../core/progress.js';
import type { Qrels, Query, Run } from '../core/types.js';
import type { Dataset } from '../data/datasets.js';
import { evaluate } from '../evaluate/evaluate.js';
import { mean } from '../evaluate/stats/paired.js';
import { describePolicy, resolvePolicy, type EvalPolicy } from '../evaluate/policy.js';
import { missingQueriesNote, reportPolicy, REPORT_SPECS } from '../evaluate/report-spec.js';
import { timed } from '../core/timed.js';
import { recordRun } from '../pipeline/record.js';
import { writeSearchedQueries, type SearchedQuery } from '../rewrite/searched-file.js';
import type { ConditionContext, ConditionDefinition } from './condition.js';
import { consistency } from './consistency.js';
import { gapMethod, languageGap, type GapSettings } from './gap.js';
import { CONSISTENCY_DEPTH, PRIMARY, REPORT_MEASURES, type MeasureLabel } from './measures.js';
import { pairs, parallelQueries, type ParallelQueries } from './parallel.js';
import { isNotApplicable, notApplicable, type ConditionSummary, type Gap, type LanguageRow, type XlingReport } from './report.js';

export interface XlingOptions {
  conditions: readonly ConditionDefinition[];
  /** Language the gap is measured against, when the set has it. */
  reference: string;
  /** Where the runs go: `<runsDir>/<dataset>.<condition>.trec` (+ `.json`, `.queries.jsonl`). */
  runsDir: string;
  gap: GapSettings;
  /** The evaluation policy (medir's reports: a missing query scores 0, so a language whose queries match nothing cannot look better). */
  policy?: Partial<EvalPolicy>;
}

function restrict(qrels: Qrels, ids: ReadonlySet<string>): Qrels {
  return new Map([...qrels].filter(([qid]) => ids.has(qid)));
}

/** Per-query values of each report measure, keyed by label, and the warning when judged queries have no ranking. */
function perQueryValues(qrels: Qrels, run: Run, policy: EvalPolicy, name: string): { values: Map<MeasureLabel, Map<string, number>>; missing?: string } {
  const result = evaluate(qrels, run, REPORT_SPECS.language.measures, policy);
  const values = new Map(
    REPORT_MEASURES.map((m, i) => {
      const output = result.names[i];
      return [m.label, new Map([...result.perQuery].map(([qid, v]) => [qid, v.get(output)!]))];
    }),
  );
  return { values, missing: missingQueriesNote(result, `the ${name} run`) };
}

/** The mean over the queries evaluated: under a complete policy every judged query has a value (0 when not in the run). */
function meanOf(values: Map<string, number>, ids: readonly string[]): number {
  return mean(ids.filter((id) => values.has(id)).map((id) => values.get(id)!));
}

interface ConditionRuns {
  run: Run;
  /** Languages run, in the set's order, and why the others were not. */
  ran: string[];
  skipped: Map<string, string>;
}

/** Runs one condition for each language it applies to; saves one run (all languages) with its manifest and searched text. */
async function runLanguages(def: ConditionDefinition, parallel: ParallelQueries, byLang: Map<string, Query[]>, ctx: ConditionContext, opts: XlingOptions, report: XlingReport): Promise<ConditionRuns> {
  const out: ConditionRuns = { run: new Map(), ran: [], skipped: new Map() };
  const searched: SearchedQuery[] = [];
  const configs: Record<string, unknown> = {};
  let seconds = 0;
  const progress = new Progress(`${def.name}: languages`, parallel.languages.length);
  for (const lang of parallel.languages) {
    const applies = def.applies(lang, ctx);
    if (applies === true) {
      const { value: part, seconds: s } = await timed(() => def.run(lang, byLang.get(lang)!, ctx));
      seconds += s;
      for (const [qid, docs] of part.run) out.run.set(qid, docs);
      searched.push(...(part.searched ?? []));
      configs[lang] = part.config;
      out.ran.push(lang);
    } else {
      out.skipped.set(lang, applies);
    }
    progress.tick();
  }
  progress.finish();

  const file = join(opts.runsDir, `${ctx.dataset.name}.${def.name}.trec`);
  const runQueries = out.ran.flatMap((l) => byLang.get(l)!);
  // A condition is several retrievers (one per language): the manifest records each language's.
  const dataset = { ...ctx.dataset, queries: { name: ctx.dataset.queries.name, queries: runQueries } };
  await recordRun(file, out.run, `medir-${def.name}`, { dataset, producer: { name: def.name, config: { condition: def.name, languages: configs } }, topK: ctx.topK, seconds: { retrieve: seconds } });
  const queriesFile = searched.length ? await writeSearchedQueries(file, searched) : undefined;
  report.runs.push({ condition: def.name, run: file, ...(queriesFile ? { queries: queriesFile } : {}) });
  return out;
}

/** One condition's rows (scores, gap, overlap per language) and its summary (spread, consistency). */
function scoreCondition(
  def: Pick<ConditionDefinition, 'name' | 'label'>,
  parallel: ParallelQueries,
  byLang: Map<string, Query[]>,
  runs: ConditionRuns,
  dataset: ReportDataset,
  opts: Pick<XlingOptions, 'reference' | 'gap' | 'policy'>,
  report: XlingReport,
): void {
  const { run, ran, skipped } = runs;
  const policy = resolvePolicy(reportPolicy(opts.policy));
  const qrels = restrict(dataset.qrels, new Set(ran.flatMap((l) => byLang.get(l)!.map((q) => q.id))));
  const { values, missing } = perQueryValues(qrels, run, policy, def.name);
  if (missing) report.notes.push(`${missing}.`);
  const cons = consistency({ ...parallel, languages: ran }, run, qrels, CONSISTENCY_DEPTH, policy.relevanceLevel);
  const reference = parallel.languages.includes(opts.reference) ? opts.reference : undefined;
  const means = new Map<string, number>();
  for (const lang of parallel.languages) {
    const reason = skipped.get(lang);
    const ids = byLang.get(lang)!.map((q) => q.id);
    const base = { condition: def.name, label: def.label, lang };
    if (reason !== undefined) {
      const na = notApplicable(reason);
      report.rows.push({ ...base, queries: 0, scores: na, gap: na, overlap: na });
      continue;
    }
    const scores = Object.fromEntries(REPORT_MEASURES.map((m) => [m.label, meanOf(values.get(m.label)!, ids)])) as Record<MeasureLabel, number>;
    means.set(lang, scores[PRIMARY]);
    let gap: LanguageRow['gap'];
    if (!reference) gap = notApplicable(`no ${opts.reference} queries`);
    else if (lang === reference) gap = notApplicable('reference');
    else if (!ran.includes(reference)) gap = notApplicable(`${reference} not run`);
    else if (pairs(parallel, lang, reference).length < 2) gap = notApplicable(`fewer than 2 groups asked in ${lang} and ${reference}`);
    else gap = Object.fromEntries(REPORT_MEASURES.map((m) => [m.label, languageGap(values.get(m.label)!, parallel, lang, reference, opts.gap)])) as Record<MeasureLabel, Gap>;
    report.rows.push({ ...base, queries: ids.filter((id) => values.get(PRIMARY)!.has(id)).length, scores, gap, overlap: cons.overlapByLanguage.get(lang) ?? notApplicable('one language only') });
  }
  report.summaries.push(summarise(def, means, cons));
}

function summarise(def: Pick<ConditionDefinition, 'name' | 'label'>, means: Map<string, number>, cons: ReturnType<typeof consistency>): ConditionSummary {
  const ranked = [...means].sort((a, b) => a[1] - b[1]);
  const few = notApplicable('fewer than 2 languages');
  const worst = ranked[0];
  const best = ranked[ranked.length - 1];
  return {
    condition: def.name,
    label: def.label,
    languages: [...means.keys()],
    worst: ranked.length >= 2 ? { lang: worst[0], value: worst[1] } : few,
    best: ranked.length >= 2 ? { lang: best[0], value: best[1] } : few,
    spread: ranked.length >= 2 ? best[1] - worst[1] : few,
    overlap: Number.isNaN(cons.overlap) ? few : cons.overlap,
    allLanguagesHit: ranked.length >= 2 ? cons.allLanguagesHit : few,
    groups: cons.groups,
  };
}

/**
 * The language-gap report over a parallel query set: for each condition and language, the scores,
 * the gap to the reference language with a paired test and a bootstrap CI over groups, and how
 * consistently parallel questions retrieve the same documents. Conditions that apply to no
 * language other than the reference are left out with a note.
 */
/** What the report reads of a dataset: its queries (with `lang` and `group`) and qrels. */
type ReportDataset = Pick<Dataset, 'name' | 'dir' | 'split' | 'qrels' | 'queries'>;

/** The parallel structure of a dataset's queries and an empty report over it. */
function startReport(dataset: ReportDataset, reference: string, gap: GapSettings, policy?: Partial<EvalPolicy>): { parallel: ParallelQueries; byLang: Map<string, Query[]>; report: XlingReport } {
  const parallel = parallelQueries(dataset.queries.queries, dataset.dir);
  if (parallel.languages.length < 2 && parallel.groups.size > 0) {
    throw new MedirError('BAD_INPUT', `${dataset.dir}: only one query language (${parallel.languages[0]}); the language-gap report needs a parallel query set`);
  }
  const byLang = new Map(parallel.languages.map((l) => [l, dataset.queries.queries.filter((q) => parallel.langOf.get(q.id) === l)]));
  const report: XlingReport = {
    dataset: dataset.name,
    split: dataset.split,
    measures: REPORT_MEASURES.map((m) => m.label),
    primary: PRIMARY,
    reference: parallel.languages.includes(reference) ? reference : notApplicable(`no ${reference} queries in ${dataset.name}`),
    method: { ...gapMethod(gap), policy: describePolicy(resolvePolicy(reportPolicy(policy))) },
    rows: [],
    summaries: [],
    notes: [],
    runs: [],
  };
  return { parallel, byLang, report };
}

/**
 * The language-gap report of one existing run (`medir eval --by lang`): each query language in the
 * dataset is a row; a language the run has no query of says so instead of scoring 0.
 */
export function runLanguageReport(dataset: ReportDataset, run: Run, name: string, opts: Pick<XlingOptions, 'reference' | 'gap' | 'policy'>): XlingReport {
  const { parallel, byLang, report } = startReport(dataset, opts.reference, opts.gap, opts.policy);
  const ran = parallel.languages.filter((l) => byLang.get(l)!.some((q) => run.has(q.id)));
  const skipped = new Map(parallel.languages.filter((l) => !ran.includes(l)).map((l) => [l, `no ${l} query in the run`]));
  scoreCondition({ name, label: name }, parallel, byLang, { run, ran, skipped }, dataset, opts, report);
  report.runs.push({ condition: name, run: name });
  return report;
}

export async function crossLingualReport(ctx: ConditionContext, opts: XlingOptions): Promise<XlingReport> {
  const { parallel, byLang, report } = startReport(ctx.dataset, opts.reference, opts.gap, opts.policy);
  if (isNotApplicable(report.reference)) report.notes.push(`${report.reference.notApplicable}: per-language scores and the spread are reported, not a gap to ${opts.reference}.`);
  for (const def of opts.conditions) {
    const reasons = parallel.languages.filter((l) => l !== opts.reference).map((l) => [l, def.applies(l, ctx)] as const);
    if (reasons.every(([, r]) => r !== true)) {
      report.notes.push(`${def.name} left out: ${reasons.map(([l, r]) => `${l}: ${r}`).join('; ')}.`);
      continue;
    }
    scoreCondition(def, parallel, byLang, await runLanguages(def, parallel, byLang, ctx, opts, report), ctx.dataset, opts, report);
  }
  return report;
}

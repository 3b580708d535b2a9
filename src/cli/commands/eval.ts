import { Option, type Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import type { Qrels, Query } from '../../core/types.js';
import { basename } from 'node:path';
import { formatReport } from '../../crosslingual/format.js';
import { DEFAULT_GAP } from '../../crosslingual/gap.js';
import { runLanguageReport } from '../../crosslingual/xling.js';
import { readRun } from '../../formats/run.js';
import { evaluateBy, evaluateRunFile } from '../../evaluate/evaluate.js';
import { formatBreakdown, formatResult, resultJson, RESULT_FORMATS, type ResultFormat } from '../../evaluate/format/results.js';
import { formatTrecEval } from '../../evaluate/format/trec-eval.js';
import { GAINS, type EvalPolicy } from '../../evaluate/policy.js';
import { readQueriesJsonl } from '../../formats/beir.js';
import { readQrels } from '../../formats/qrels.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { addDatasetOptions, datasetFrom, locationsFrom, positiveInt, type DatasetFlags } from '../common.js';

export const DEFAULT_MEASURES = 'ndcg@10,recall@100,map,mrr@10,p@10';

/** The evaluation policy flags, shared by eval, compare and fuse --sweep. */
export interface PolicyFlags {
  complete?: boolean;
  maxPerQuery?: number;
  relevanceLevel?: number;
  judgedOnly?: boolean;
  ignoreIdenticalIds?: boolean;
  gain: 'linear' | 'exp';
}

function integer(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new MedirError('BAD_OPTION', `${flag}: expected an integer, got '${value}'`);
    return n;
  };
}

export function addPolicyOptions(cmd: Command): Command {
  return cmd
    .option('-c, --complete', 'queries in the qrels but missing from the run count as 0 (trec_eval -c); default: skipped')
    .option('-M, --max-per-query <n>', 'evaluate only the first N documents of each ranking (trec_eval -M)', positiveInt('--max-per-query'))
    .option('-l, --relevance-level <n>', 'lowest relevance value that counts as relevant (trec_eval -l)', integer('--relevance-level'), 1)
    .option('-J, --judged-only', 'drop unjudged documents from rankings before evaluating (trec_eval -J)')
    .option('--ignore-identical-ids', 'drop a document whose id equals the query id (BEIR, R2MED)')
    .addOption(new Option('--gain <kind>', 'nDCG gain: linear = relevance (trec_eval, BEIR, MTEB), exp = 2^rel - 1').choices(GAINS).default('linear'));
}

export function policyFrom(flags: PolicyFlags): Partial<EvalPolicy> {
  return {
    complete: Boolean(flags.complete),
    maxPerQuery: flags.maxPerQuery,
    relevanceLevel: flags.relevanceLevel,
    judgedOnly: Boolean(flags.judgedOnly),
    ignoreIdenticalIds: Boolean(flags.ignoreIdenticalIds),
    gain: flags.gain,
  };
}

/** Qrels (and queries, when a dataset or --queries gives them) from --dataset or --qrels. */
export async function judgmentsFrom(flags: DatasetFlags): Promise<{ qrels: Qrels; queries?: readonly Query[] }> {
  if (flags.dataset) {
    const dataset = await datasetFrom(flags, locationsFrom(flags));
    return { qrels: dataset.qrels, queries: dataset.queries.queries };
  }
  if (!flags.qrels) throw new MedirError('BAD_OPTION', 'give --qrels FILE or --dataset NAME', 'e.g. medir eval --dataset nfcorpus --run runs/nfcorpus.bm25.trec');
  const qrels = await readQrels(flags.qrels);
  return { qrels, queries: flags.queries ? await readQueriesJsonl(flags.queries) : undefined };
}

/** Writes a report to --out (atomically) or stdout. */
export function emit(text: string, out?: string): void {
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
}

interface EvalFlags extends DatasetFlags, PolicyFlags {
  run: string;
  measures: string | string[];
  perQuery?: boolean;
  format: ResultFormat;
  by?: string;
  out?: string;
}

async function evalCommand(flags: EvalFlags): Promise<void> {
  if (flags.by && flags.format === 'trec_eval') throw new MedirError('BAD_OPTION', '--by: the trec_eval format has no groups; use --format table|markdown|csv|json');
  const { qrels, queries } = await judgmentsFrom(flags);
  const result = await evaluateRunFile(qrels, flags.run, flags.measures, policyFrom(flags));
  if (flags.by) {
    if (!queries) throw new MedirError('BAD_OPTION', `--by ${flags.by}: needs the queries' metadata: give --dataset NAME or --queries FILE`);
    const format = flags.format as Exclude<ResultFormat, 'trec_eval'>;
    let text = formatBreakdown(result, evaluateBy(result, queries, flags.by), format);
    // Parallel questions (a `group` per query): add the gap to English, its test and CI, and consistency
    // (not to CSV, which stays one table: the gap report's own CSV comes from `medir xling --format csv`).
    if (flags.by === 'lang' && format !== 'csv' && queries.every((q) => q.meta.group !== undefined)) {
      const { run, tag } = await readRun(flags.run);
      const source = flags.dataset ?? flags.queries ?? flags.qrels ?? '';
      const report = runLanguageReport({ name: basename(source), dir: source, split: flags.split, qrels, queries: { name: source, queries } }, run, tag || basename(flags.run), { reference: 'en', gap: DEFAULT_GAP });
      text = format === 'json' ? JSON.stringify({ breakdown: JSON.parse(text), languageGap: report }, null, 2) + '\n' : `${text}\n${formatReport(report, format)}`;
    }
    emit(text, flags.out);
    return;
  }
  const perQuery = Boolean(flags.perQuery);
  if (flags.format === 'trec_eval') emit(formatTrecEval(result, perQuery), flags.out);
  else if (flags.format === 'json') emit(resultJson(result, perQuery), flags.out);
  else emit(formatResult(result, flags.format, perQuery), flags.out);
}

export function registerEval(program: Command): void {
  const cmd = program
    .command('eval')
    .description("evaluate a TREC run against qrels with trec_eval's exact semantics (a drop-in for trec_eval -q [-c] -m ...)")
    .requiredOption('--run <file>', 'TREC run (qid Q0 docid rank score tag; .gz ok); streamed')
    .option('-m, --measures <list...>', 'measures: ndcg@10,recall@100,map,mrr@10,p@10, trec_eval names (ndcg_cut.10,100 P.5,10), all_trec', DEFAULT_MEASURES)
    .option('-q, --per-query', 'print per-query values too (trec_eval -q)')
    .addOption(new Option('--format <format>', 'output format').choices(RESULT_FORMATS).default('table'))
    .option('--by <field>', 'break results down by a query metadata field (lang, task…); needs --dataset or --queries')
    .option('--out <file>', 'write the report here instead of stdout');
  addPolicyOptions(addDatasetOptions(cmd, false))
    .addHelpText(
      'after',
      '\nExamples:\n  medir eval --dataset nfcorpus --run runs/nfcorpus.bm25.trec --measures ndcg@10,recall@100,map,mrr@10,p@10\n  medir eval --qrels my.qrels --run my.run --measures all_trec --per-query --complete --format trec_eval\n  medir eval --dataset xlinghealth-medicationqa --run runs/x.trec --by lang --format markdown',
    )
    .action(evalCommand);
}

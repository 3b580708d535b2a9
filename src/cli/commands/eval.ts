import type { Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import { basename } from 'node:path';
import { formatReport } from '../../crosslingual/format.js';
import { DEFAULT_GAP } from '../../crosslingual/gap.js';
import { runLanguageReport } from '../../crosslingual/xling.js';
import { readRun } from '../../formats/run.js';
import { evaluateBy, evaluateRunFile } from '../../evaluate/evaluate.js';
import { toEvaluationReport } from '../../api/evaluate.js';
import { formatBreakdown, formatResult, type ResultFormat } from '../../evaluate/format/results.js';
import { formatTrecEval } from '../../evaluate/format/trec-eval.js';
import { REPORT_SPECS } from '../../evaluate/report-spec.js';
import { addDatasetOptions, type DatasetFlags } from '../common.js';
import { judgmentsFrom } from '../options/judgments.js';
import { addPolicyOptions, policyFrom, policyLine, warnMissing, type PolicyFlags } from '../options/policy.js';
import { emit, formatOption, toJson } from '../output.js';

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
  const policy = policyFrom(flags, { trecEval: flags.format === 'trec_eval' });
  const result = await evaluateRunFile(qrels, flags.run, flags.measures, policy);
  warnMissing(result);
  if (flags.by) {
    if (!queries) throw new MedirError('BAD_OPTION', `--by ${flags.by}: needs the queries' metadata: give --dataset NAME or --queries FILE`);
    const format = flags.format as Exclude<ResultFormat, 'trec_eval'>;
    let text = formatBreakdown(result, evaluateBy(result, queries, flags.by), format);
    // Parallel questions (a `group` per query): add the gap to English, its test and CI, and consistency
    // (not to CSV, which stays one table: the gap report's own CSV comes from `medir xling --format csv`).
    if (flags.by === 'lang' && format !== 'csv' && queries.every((q) => q.meta.group !== undefined)) {
      const { run, tag } = await readRun(flags.run);
      const source = flags.dataset ?? flags.queries ?? flags.qrels ?? '';
      const report = runLanguageReport({ name: basename(source), dir: source, split: flags.split, qrels, queries: { name: source, queries } }, run, tag || basename(flags.run), { reference: 'en', gap: DEFAULT_GAP, policy: result.policy });
      text = format === 'json' ? JSON.stringify({ breakdown: JSON.parse(text), languageGap: report }, null, 2) + '\n' : `${text}\n${formatReport(report, format)}`;
    }
    emit(text, flags.out);
    return;
  }
  // CSV and trec_eval stay pure data on stdout: their policy goes to stderr.
  if (flags.format === 'csv' || flags.format === 'trec_eval') process.stderr.write(policyLine(result.policy));
  const perQuery = Boolean(flags.perQuery);
  if (flags.format === 'trec_eval') emit(formatTrecEval(result, perQuery), flags.out);
  else if (flags.format === 'json') emit(toJson(toEvaluationReport(result, perQuery)), flags.out);
  else emit(formatResult(result, flags.format, perQuery), flags.out);
}

export function registerEval(program: Command): void {
  const cmd = program
    .command('eval')
    .description("evaluate a TREC run against qrels with trec_eval's exact semantics (a drop-in for trec_eval -q [-c] -m ...)")
    .requiredOption('--run <file>', 'TREC run (qid Q0 docid rank score tag; .gz ok); streamed')
    .option('-m, --measures <list...>', `measures: ${REPORT_SPECS.retrieval.measures.join(',')}, trec_eval names (ndcg_cut.10,100 P.5,10), all_trec`, REPORT_SPECS.retrieval.measures.join(','))
    .option('-q, --per-query', 'print per-query values too (trec_eval -q)')
    .addOption(formatOption(['trec_eval']))
    .option('--by <field>', 'break results down by a query metadata field (lang, task…); needs --dataset or --queries')
    .option('--out <file>', 'write the report here instead of stdout');
  addPolicyOptions(addDatasetOptions(cmd, false))
    .addHelpText(
      'after',
      '\nExamples:\n  medir eval --dataset nfcorpus --run runs/nfcorpus.bm25.trec --measures ndcg@10,recall@100,map,mrr@10,p@10\n  medir eval --qrels my.qrels --run my.run --measures all_trec --per-query --complete --format trec_eval\n  medir eval --dataset xlinghealth-medicationqa --run runs/x.trec --by lang --format markdown',
    )
    .action(evalCommand);
}

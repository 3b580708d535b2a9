import { Option, type Command } from 'commander';
import { compareResults } from '../../evaluate/compare.js';
import { evaluateRunFile } from '../../evaluate/evaluate.js';
import { formatComparison, perQueryCsv, type ComparisonFormat } from '../../evaluate/format/comparison.js';
import { CORRECTIONS } from '../../evaluate/stats/corrections.js';
import { PAIRED_TESTS } from '../../evaluate/stats/registry.js';
import { addDatasetOptions, positiveInt, type DatasetFlags } from '../common.js';
import { REPORT_SPECS } from '../../evaluate/report-spec.js';
import { judgmentsFrom } from '../options/judgments.js';
import { addPolicyOptions, policyFrom, warnMissing, type PolicyFlags } from '../options/policy.js';
import { toComparisonReport } from '../../api/evaluate.js';
import { emit, formatOption, toJson } from '../output.js';
import { runLabel } from '../options/run-label.js';
import { MedirError } from '../../core/errors.js';

interface CompareFlags extends DatasetFlags, PolicyFlags {
  runs: string[];
  measures: string[] | string;
  test: string;
  correction: string;
  alpha: number;
  seed: number;
  permutations: number;
  format: ComparisonFormat;
  perQueryOut?: string;
  out?: string;
}

function alpha(value: string): number {
  const a = Number(value);
  if (!(a > 0 && a < 1)) throw new MedirError('BAD_OPTION', `--alpha: expected a number between 0 and 1, got '${value}'`);
  return a;
}

async function compareCommand(flags: CompareFlags): Promise<void> {
  const { qrels } = await judgmentsFrom(flags);
  const policy = policyFrom(flags);
  const results = [];
  for (const file of flags.runs) {
    const result = await evaluateRunFile(qrels, file, flags.measures, policy);
    warnMissing(result, runLabel(file, flags.runs));
    results.push({ name: runLabel(file, flags.runs), result });
  }
  // Skipping missing queries, runs that miss different queries would be compared on the intersection only: refuse.
  const sets = results.map((r) => [...r.result.perQuery.keys()].join('\n'));
  if (new Set(sets).size > 1) {
    throw new MedirError('BAD_INPUT', `--runs: the runs rank different judged queries (${results.map((r) => `${r.name}: ${r.result.numQueries}`).join(', ')}), so --skip-missing would compare them on the intersection`, 'drop --skip-missing: missing queries then count as 0 in every run');
  }
  const comparison = compareResults(results, { test: flags.test, correction: flags.correction, alpha: flags.alpha, seed: flags.seed, permutations: flags.permutations, samples: flags.permutations });
  emit(flags.format === 'json' ? toJson(toComparisonReport(comparison)) : formatComparison(comparison, flags.format), flags.out);
  if (flags.perQueryOut) emit(perQueryCsv(comparison), flags.perQueryOut);
}

export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .description('compare runs: a table of means with significance markers (ranx-style), paired tests, effect sizes and a summary')
    .requiredOption('--runs <files...>', 'two or more TREC runs')
    .option('-m, --measures <list...>', 'measures (as in `medir eval`)', REPORT_SPECS.retrieval.measures.join(','))
    .addOption(new Option('--test <name>', 'paired significance test').choices(Object.keys(PAIRED_TESTS)).default('paired-t'))
    .addOption(new Option('--correction <name>', 'multiple-comparison correction over the pairs of each measure').choices(Object.keys(CORRECTIONS)).default('holm'))
    .option('--alpha <p>', 'significance level', alpha, 0.05)
    .option('--seed <n>', 'seed of the randomization and bootstrap tests', positiveInt('--seed'), 42)
    .option('--permutations <n>', 'random permutations (randomization) or resamples (bootstrap)', positiveInt('--permutations'), 10_000)
    .addOption(formatOption(['latex']))
    .option('--per-query-out <file>', 'also write per-query values and deltas to the first run as CSV (for plots)')
    .option('--out <file>', 'write the report here instead of stdout');
  addPolicyOptions(addDatasetOptions(cmd, false))
    .addHelpText(
      'after',
      '\nExamples:\n  medir compare --dataset nfcorpus --runs runs/nfcorpus.bm25.trec runs/nfcorpus.dense.trec --measures ndcg@10,recall@100\n  medir compare --qrels q.txt --runs a.trec b.trec c.trec --test randomization --correction holm --format latex',
    )
    .action(compareCommand);
}

import { Option, type Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import type { EvalResult } from '../../evaluate/evaluator.js';
import { describePolicy, GAINS, resolvePolicy, type EvalPolicy } from '../../evaluate/policy.js';
import { missingQueriesNote, reportPolicy } from '../../evaluate/report-spec.js';
import { optionGroup, positiveInt } from '../common.js';

/** The evaluation policy flags of `medir eval`, shared by every command that reports retrieval measures. */
export interface PolicyFlags {
  complete?: boolean;
  skipMissing?: boolean;
  maxPerQuery?: number;
  relevanceLevel?: number;
  judgedOnly?: boolean;
  ignoreIdenticalIds?: boolean;
  gain?: 'linear' | 'exp';
}

function integer(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new MedirError('BAD_OPTION', `${flag}: expected an integer, got '${value}'`);
    return n;
  };
}

export function addPolicyOptions(cmd: Command): Command {
  return optionGroup(cmd, 'Evaluation policy options:', (c) =>
    c
      .option('-c, --complete', "judged queries missing from the run count as 0 (trec_eval -c); medir's reports do this by default, --format trec_eval only with -c")
      .option('--skip-missing', "judged queries missing from the run are skipped (trec_eval's default)")
      .option('-M, --max-per-query <n>', 'evaluate only the first N documents of each ranking (trec_eval -M)', positiveInt('--max-per-query'))
      .option('-l, --relevance-level <n>', 'lowest relevance value that counts as relevant (trec_eval -l)', integer('--relevance-level'))
      .option('-J, --judged-only', 'drop unjudged documents from rankings before evaluating (trec_eval -J)')
      .option('--ignore-identical-ids', 'drop a document whose id equals the query id (BEIR, R2MED)')
      .addOption(new Option('--gain <kind>', 'nDCG gain: linear = relevance (trec_eval, BEIR, MTEB), exp = 2^rel - 1').choices(GAINS)),
  );
}

/**
 * The policy the flags ask for, over `base` (a report's own, e.g. R2MED's identical-id rule). Missing
 * queries count as 0 unless --skip-missing; `trecEval` (--format trec_eval) skips them unless -c.
 */
export function policyFrom(flags: PolicyFlags, opts: { trecEval?: boolean; base?: Partial<EvalPolicy> } = {}): Partial<EvalPolicy> {
  if (flags.complete && flags.skipMissing) throw new MedirError('BAD_OPTION', '--complete and --skip-missing exclude each other: pick one');
  const given: Partial<EvalPolicy> = {
    maxPerQuery: flags.maxPerQuery,
    relevanceLevel: flags.relevanceLevel,
    judgedOnly: flags.judgedOnly || undefined,
    ignoreIdenticalIds: flags.ignoreIdenticalIds || undefined,
    gain: flags.gain,
  };
  const complete = flags.skipMissing ? false : flags.complete ? true : opts.trecEval ? false : undefined;
  return reportPolicy(opts.base, { ...given, complete });
}

/** `policy: …` for a report's footer. */
export function policyLine(policy: Partial<EvalPolicy>): string {
  return `policy: ${describePolicy(resolvePolicy(policy))}\n`;
}

/** Says on stderr how many judged queries had no ranking and what was done with them. */
export function warnMissing(result: Pick<EvalResult, 'judged' | 'missing' | 'policy'>, what?: string): void {
  const note = missingQueriesNote(result, what);
  if (note) process.stderr.write(`warning: ${note}\n`);
}

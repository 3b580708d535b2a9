import { Option, type Command } from 'commander';
import type { ConditionDefinition } from '../../crosslingual/condition.js';
import { conditionContext } from '../../crosslingual/context.js';
import { formatReport, type XlingFormat } from '../../crosslingual/format.js';
import { formatOption } from '../output.js';
import { DEFAULT_GAP } from '../../crosslingual/gap.js';
import { PAIRED_TESTS, type PairedTestName } from '../../evaluate/stats/registry.js';
import { CONDITIONS, conditionDefinition } from '../../crosslingual/registry.js';
import { crossLingualReport } from '../../crosslingual/xling.js';
import { RETRIEVERS } from '../../retrieve/registry.js';
import type { RetrieverDefinition } from '../../retrieve/retriever.js';
import { addDatasetOptions, addPluginOptions, datasetFrom, locationsFrom, positiveInt, rejectUnusedParams, type DatasetFlags } from '../common.js';
import { GENERATORS } from '../../generate/registry.js';
import type { GeneratorDefinition } from '../../generate/generator.js';
import { addGeneratorOptions, generatorFrom } from '../options/generator.js';
import { addPolicyOptions, policyFrom, type PolicyFlags } from '../options/policy.js';

interface XlingFlags extends DatasetFlags, PolicyFlags {
  conditions?: string;
  reference: string;
  topK: number;
  format: XlingFormat;
  runsDir: string;
  bootstrapSamples: number;
  bootstrapSeed: number;
  test: PairedTestName;
  generator?: string;
  [param: string]: unknown;
}

async function xlingCommand(flags: XlingFlags): Promise<void> {
  const conditions: ConditionDefinition[] = flags.conditions
    ? flags.conditions.split(',').filter(Boolean).map(conditionDefinition)
    : Object.values(CONDITIONS);
  const loc = locationsFrom(flags);
  const dataset = await datasetFrom(flags, loc);
  const params = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  const ctx = conditionContext(dataset, loc, params, flags.topK, { loc, generator: await generatorFrom(flags, loc) });
  const report = await crossLingualReport(ctx, {
    conditions,
    reference: flags.reference,
    runsDir: flags.runsDir,
    gap: { ...DEFAULT_GAP, test: flags.test, samples: flags.bootstrapSamples, seed: flags.bootstrapSeed },
    policy: policyFrom(flags),
  });
  process.stdout.write(formatReport(report, flags.format));
}

export function registerXling(program: Command): void {
  const conditions = Object.values(CONDITIONS) as ConditionDefinition[];
  const retrievers = Object.values(RETRIEVERS) as RetrieverDefinition[];
  const cmd = addDatasetOptions(
    program
      .command('xling')
      .description('the language-gap report on a parallel query set: per-language nDCG@10/R@100/MRR, gap to English with p-values and CIs, spread and cross-language consistency, per condition')
      .option('--conditions <list>', `conditions, comma-separated (default: all that apply): ${conditions.map((c) => `${c.name} (${c.description})`).join('; ')}`)
      .option('--reference <lang>', 'language the gap is measured against', 'en')
      .option('--top-k <n>', 'depth of each run', positiveInt('--top-k'), 1000)
      .addOption(formatOption())
      .option('--runs-dir <dir>', 'where the runs (and the translated query text beside them) are written', 'runs/xling')
      .addOption(new Option('--test <name>', 'paired significance test of each gap, over the parallel groups').choices(Object.keys(PAIRED_TESTS)).default(DEFAULT_GAP.test))
      .option('--bootstrap-samples <n>', 'bootstrap resamples of the groups for the gap CI', positiveInt('--bootstrap-samples'), DEFAULT_GAP.samples)
      .option('--bootstrap-seed <n>', 'seed of the bootstrap resampling', positiveInt('--bootstrap-seed'), DEFAULT_GAP.seed)
      .addHelpText('after', [
        '',
        'Examples:',
        '  medir xling --dataset xlinghealth-medicationqa',
        '  medir xling --dataset casimedicos-xling --conditions bm25-english,bm25-native,bm25-dictionary --format csv',
        '  medir xling --dataset xlinghealth-medicationqa --conditions bm25-llm --generator openai-compatible --llm-model Qwen/Qwen2.5-7B-Instruct',
        '  medir xling --dataset xlinghealth-medicationqa --conditions dense --model multilingual-e5-small   # online, or its folder in a mirror',
      ].join('\n')),
  );
  addGeneratorOptions(cmd, 'generator for LLM query translation (condition bm25-llm)');
  addPolicyOptions(cmd);
  // `--language` is the conditions' business: each sets the analyzer it stands for.
  addPluginOptions(cmd, retrievers.map((d) => ({ name: d.name, params: d.params.filter((p) => p.key !== 'language') })));
  cmd.action((flags: XlingFlags, c: Command) => {
    // A condition is named for the retriever it runs (bm25-native, dense): flags of a retriever no chosen condition runs are refused.
    const chosen = flags.conditions ? flags.conditions.split(',').filter(Boolean) : conditions.map((d) => d.name);
    const generators = Object.values(GENERATORS) as GeneratorDefinition[];
    rejectUnusedParams(c, [
      { kind: 'retriever', flag: '--conditions', chosen: retrievers.filter((d) => chosen.some((name) => name.split('-')[0] === d.name)), all: retrievers },
      { kind: 'generator', chosen: generators.filter((d) => d.name === flags.generator), all: generators },
    ]);
    return xlingCommand(flags);
  });
}

import { Option, type Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import { loadConfig } from '../../experiment/config.js';
import { againstBaseline, betweenExperiments, readExperiment, setupChanges, type TestOptions } from '../../experiment/compare.js';
import { CORRECTIONS } from '../../evaluate/stats/corrections.js';
import { PAIRED_TESTS } from '../../evaluate/stats/registry.js';
import { EXPORT_FORMATS, exportResults, type ExportFormat } from '../../experiment/export.js';
import { planExperiment, runExperiment } from '../../experiment/runner.js';
import { differencesTable, planTable, resultsTable } from '../../experiment/tables.js';
import { addLocationOptions, locationsFrom, positiveInt, type LocationFlags } from '../common.js';
import { emit, formatOption, toJson, type OutputFormat } from '../output.js';

/** More variants than this need --yes: a typo in a list can multiply a grid. */
export const MAX_VARIANTS_UNASKED = 50;

interface RunFlags extends LocationFlags {
  out?: string;
  jobs: number;
  yes?: boolean;
}

const defaultOut = (name: string): string => `experiments-out/${name}`;

function checkSize(count: number, yes: boolean | undefined): void {
  if (count > MAX_VARIANTS_UNASKED && !yes) throw new MedirError('BAD_OPTION', `the grid has ${count} variants (more than ${MAX_VARIANTS_UNASKED})`, 'check `medir experiment plan`, then pass --yes');
}

async function run(config: string, flags: RunFlags): Promise<void> {
  const loaded = loadConfig(config);
  const loc = locationsFrom(flags);
  const out = flags.out ?? defaultOut(loaded.config.name);
  const plan = await runExperiment(loaded, { out, jobs: flags.jobs, loc, approve: (p) => checkSize(p.variants.length, flags.yes) });
  process.stdout.write(resultsTable(out));
  process.stdout.write(`results in ${out}/results.sqlite (baseline ${plan.baseline})\n`);
}

/** Prose around a table: on stdout beside a table or Markdown, on stderr when stdout is CSV or JSON (data only). */
const noteStream = (format: OutputFormat) => (format === 'table' || format === 'markdown' ? process.stdout : process.stderr);

async function planCommand(config: string, flags: LocationFlags & { format: OutputFormat }): Promise<void> {
  const loaded = loadConfig(config);
  const plan = await planExperiment(loaded, locationsFrom(flags));
  const missing = plan.units.reduce((s, u) => s + u.stages.filter((x) => !x.cached).length, 0);
  if (flags.format === 'json') {
    const units = plan.units.map((u) => ({ variant: u.variant.label, dataset: u.dataset.name, split: u.dataset.split, stages: u.stages.map(({ stage, key, cached }) => ({ stage, key, cached })) }));
    process.stdout.write(toJson({ variants: plan.variants.map((v) => v.label), baseline: plan.baseline, units, toCompute: missing, needsYes: plan.variants.length > MAX_VARIANTS_UNASKED }));
    return;
  }
  process.stdout.write(planTable(plan, flags.format));
  noteStream(flags.format).write(`${plan.variants.length} variants, ${plan.units.length} results; ${missing} stage outputs to compute${plan.variants.length > MAX_VARIANTS_UNASKED ? `; more than ${MAX_VARIANTS_UNASKED} variants: run needs --yes` : ''}\n`);
}

interface CompareFlags extends TestOptions {
  baseline?: string;
  format: OutputFormat;
}

/** One folder: each variant against the baseline. Two: B against A, variant by variant, after what changed. */
function compareCommand(dirA: string, dirB: string | undefined, flags: CompareFlags): void {
  const opts: TestOptions = { test: flags.test, correction: flags.correction, alpha: flags.alpha, seed: 42 };
  const a = readExperiment(dirA);
  const b = dirB ? readExperiment(dirB) : undefined;
  const baseline = b ? undefined : (flags.baseline ?? a.meta.baseline);
  const changes = b ? setupChanges(a, b) : undefined;
  const differences = b ? betweenExperiments(a, b, opts) : againstBaseline(a, opts, baseline);
  const how = `${opts.test} tests over the queries both have, ${opts.correction}-corrected per (dataset, measure) over the variants`;
  if (flags.format === 'json') {
    process.stdout.write(toJson({ a: dirA, b: dirB ?? null, baseline: baseline ?? null, changes: changes ?? null, test: opts.test, correction: opts.correction, alpha: opts.alpha, differences }));
    return;
  }
  const notes = noteStream(flags.format);
  if (changes) notes.write(`what changed from A (${dirA}) to B (${dirB}):\n${changes.length ? changes.map((c) => `  ${c}`).join('\n') : '  nothing in the setup'}\n\n`);
  process.stdout.write(b ? differencesTable(differences, 'A', 'B', opts, flags.format) : differencesTable(differences, `${baseline} (baseline)`, 'variant', opts, flags.format));
  notes.write(`${how}\n`);
}

export function registerExperiment(program: Command): void {
  const exp = program
    .command('experiment')
    .description('studies from one config file: grids that resume from the stage cache, a results database, comparisons')
    .addHelpText('after', '\nExamples:\n  medir experiment plan experiments/nfcorpus.yaml\n  medir experiment run experiments/nfcorpus.yaml\n  medir experiment compare experiments-out/nfcorpus');
  addLocationOptions(
    exp
      .command('run <config>')
      .description('run every variant of an experiment config (YAML) and store the results in <out>/results.sqlite')
      .option('--out <dir>', 'experiment folder (default experiments-out/<config name>)')
      .option('--jobs <n>', 'results computed at once', positiveInt('--jobs'), 1)
      .option('--yes', `run a grid of more than ${MAX_VARIANTS_UNASKED} variants`)
      .addHelpText('after', '\nExample:\n  medir experiment run experiments/nfcorpus.yaml --out experiments-out/nfcorpus --jobs 2'),
  ).action(run);
  addLocationOptions(
    exp
      .command('plan <config>')
      .description('print the variants and which stage outputs are cached, without running')
      .addOption(formatOption())
      .addHelpText('after', '\nExample:\n  medir experiment plan experiments/nfcorpus.yaml'),
  ).action(planCommand);
  exp
    .command('compare <a> [b]')
    .description('one experiment folder: each variant against the baseline; two: what changed and which differences are significant')
    .option('--baseline <label>', 'the variant the others are tested against (default: the config\'s baseline)')
    .addOption(new Option('--test <name>', 'paired significance test').choices(Object.keys(PAIRED_TESTS)).default('paired-t'))
    .addOption(new Option('--correction <name>', 'multiple-comparison correction').choices(Object.keys(CORRECTIONS)).default('holm'))
    .option('--alpha <p>', 'significance level', Number, 0.05)
    .addOption(formatOption())
    .addHelpText('after', '\nExamples:\n  medir experiment compare experiments-out/nfcorpus\n  medir experiment compare experiments-out/nfcorpus experiments-out/nfcorpus-k1')
    .action(compareCommand);
  exp
    .command('export <dir>')
    .description('the result rows of an experiment folder as CSV or JSONL')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('csv'))
    .option('--out <file>', 'write here instead of stdout')
    .addHelpText('after', '\nExample:\n  medir experiment export experiments-out/nfcorpus --format jsonl --out results.jsonl')
    .action((dir: string, flags: { format: ExportFormat; out?: string }) => emit(exportResults(dir, flags.format), flags.out));
}

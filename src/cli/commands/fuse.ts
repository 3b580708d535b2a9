import { Option, type Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import type { Qrels, Run } from '../../core/types.js';
import { renderRows } from '../../evaluate/format/render.js';
import type { FuseOptions } from '../../fuse/fuse.js';
import { fuse } from '../../pipeline/fuse.js';
import { runFromFile } from '../../pipeline/run-file.js';
import { saveRun } from '../../provenance/provenance.js';
import { FUSION_METHODS } from '../../fuse/methods/registry.js';
import { NORMALIZERS } from '../../fuse/normalize.js';
import { seededHalf, sweepWeights } from '../../fuse/sweep.js';
import { readRun } from '../../formats/run.js';
import { addDatasetOptions, datasetFrom, locationsFrom, positiveInt, type DatasetFlags } from '../common.js';
import { addPolicyOptions, policyFrom, policyLine, type PolicyFlags } from '../options/policy.js';
import { resolvePolicy, type EvalPolicy } from '../../evaluate/policy.js';
import { emit, formatOption, toJson, type OutputFormat } from '../output.js';

interface FuseFlags extends DatasetFlags, PolicyFlags {
  runs: string[];
  method: string;
  norm: string;
  rrfK?: number;
  weights?: number[];
  topK: number;
  out?: string;
  tag?: string;
  sweep?: boolean;
  tuneSplit: string;
  tuneRuns?: string[];
  measures: string | string[];
  sweepStep: number;
  seed: number;
  format: OutputFormat;
}

function weightList(value: string): number[] {
  const weights = value.split(',').map(Number);
  if (!weights.every((w) => Number.isFinite(w) && w >= 0)) throw new MedirError('BAD_OPTION', `--weights: expected non-negative numbers separated by commas, got '${value}'`);
  return weights;
}

function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0)) throw new MedirError('BAD_OPTION', `${flag}: expected a positive number, got '${value}'`);
    return n;
  };
}

async function readRuns(files: readonly string[]): Promise<Run[]> {
  const runs: Run[] = [];
  for (const file of files) runs.push((await readRun(file)).run);
  return runs;
}

/** Tune qrels: the --tune-split of the dataset, or, where it has none, a seeded half of its train queries (said). */
async function tuneQrels(flags: FuseFlags): Promise<{ qrels: Qrels; note: string }> {
  const loc = locationsFrom(flags);
  try {
    const d = await datasetFrom({ ...flags, split: flags.tuneSplit, qrels: undefined }, loc);
    return { qrels: d.qrels, note: `tuned on split '${flags.tuneSplit}' (${d.qrels.size} queries)` };
  } catch (err) {
    if (!(err instanceof MedirError && err.code === 'MISSING_FILE')) throw err;
    const train = await datasetFrom({ ...flags, split: 'train', qrels: undefined }, loc);
    const half = seededHalf(train.qrels, flags.seed);
    return { qrels: half, note: `no '${flags.tuneSplit}' split in ${train.name}: tuned on a seeded half of train (${half.size} of ${train.qrels.size} queries, seed ${flags.seed})` };
  }
}

/** The sweep as `--format json` prints it (schemas/fuse.schema.json): every grid row, the best, the policy. */
interface SweepReport {
  measure: string;
  tune: string;
  split: string;
  queries: number;
  policy: EvalPolicy;
  rows: { weights: number[]; tune: number; test: Record<string, number>; best: boolean }[];
  best: { weights: number[]; tune: number; test: number };
}

async function sweepCommand(flags: FuseFlags, opts: Omit<FuseOptions, 'weights'>): Promise<SweepReport> {
  if (!flags.dataset) throw new MedirError('BAD_OPTION', '--sweep needs --dataset NAME (its --tune-split and --split qrels)');
  const test = await datasetFrom(flags, locationsFrom(flags));
  const tune = await tuneQrels(flags);
  const runs = await readRuns(flags.runs);
  const tuneRuns = flags.tuneRuns ? await readRuns(flags.tuneRuns) : runs;
  if (tuneRuns.length !== runs.length) throw new MedirError('BAD_OPTION', `--tune-runs: ${tuneRuns.length} runs for ${runs.length} --runs`);
  if (![...tune.qrels.keys()].some((q) => tuneRuns.some((r) => r.has(q)))) {
    throw new MedirError('BAD_OPTION', `${flags.tuneRuns ? '--tune-runs' : '--runs'}: no query of the tuning queries (${tune.note}) is in the runs`, `retrieve them too (e.g. medir run --split ${flags.tuneSplit}) and pass those runs as --tune-runs, in --runs order`);
  }
  const policy = policyFrom(flags);
  const result = sweepWeights({ tune: tuneRuns, test: runs }, { tune: tune.qrels, test: test.qrels }, { ...opts, measures: flags.measures, step: flags.sweepStep, policy });
  const report: SweepReport = {
    measure: result.measure,
    tune: tune.note,
    split: flags.split,
    queries: test.qrels.size,
    policy: resolvePolicy(policy),
    rows: result.rows.map((r) => ({ weights: r.weights, tune: r.tune, test: Object.fromEntries(r.testAll), best: r === result.best })),
    best: { weights: result.best.weights, tune: result.best.tune, test: result.best.test },
  };
  if (flags.format === 'json') return report;
  const rows = result.rows.map((r) => [r.weights.join(','), r.tune.toFixed(4), ...result.names.map((n) => r.testAll.get(n)!.toFixed(4)), r === result.best ? 'yes' : '']);
  emit(renderRows(flags.format, ['weights', `${result.measure} tune`, ...result.names.map((n) => `${n} ${flags.split}`), 'best on tune'], rows));
  // CSV stays one table on stdout: its notes go to stderr, as eval's policy line does.
  const notes = flags.format === 'csv' ? process.stderr : process.stdout;
  notes.write(policyLine(policy));
  notes.write(`${tune.note}; reported on split '${flags.split}' (${test.qrels.size} queries)\n`);
  notes.write(`best weights ${result.best.weights.join(',')}: ${result.measure} ${result.best.tune.toFixed(4)} on tune, ${result.best.test.toFixed(4)} on ${flags.split}\n`);
  return report;
}

async function fuseCommand(flags: FuseFlags): Promise<void> {
  const opts = { method: flags.method, norm: flags.norm, rrfK: flags.rrfK, topK: flags.topK };
  const sweep = flags.sweep ? await sweepCommand(flags, opts) : undefined;
  const weights = sweep?.best.weights ?? flags.weights;
  const loc = locationsFrom(flags);
  const inputs = [];
  for (const file of flags.runs) inputs.push(await runFromFile(file, loc));
  const fused = await fuse(inputs, { ...opts, weights }, loc);
  const out = flags.out ?? `runs/fused.${flags.method}.trec`;
  await saveRun(out, fused.run, flags.tag ?? `medir-fuse-${flags.method}`, fused.manifest);
  const summary = `${fused.run.size} queries fused with ${flags.method}${weights ? ` (weights ${weights.join(',')})` : ''} → ${out} (+ ${out}.json)\n`;
  if (flags.format !== 'json') return void (flags.format === 'csv' ? process.stderr : process.stdout).write(summary);
  const fusedReport = { queries: fused.run.size, method: flags.method, norm: flags.norm, weights: weights ?? null, topK: flags.topK, run: out, manifest: `${out}.json` };
  emit(toJson(sweep ? { fused: fusedReport, sweep } : { fused: fusedReport }));
}

export function registerFuse(program: Command): void {
  const cmd = program
    .command('fuse')
    .description('fuse runs (RRF, CombSUM, CombMNZ, weighted) into one TREC run; --sweep tunes the weights on one split and reports another')
    .requiredOption('--runs <files...>', 'two or more TREC runs')
    .addOption(new Option('--method <name>', Object.values(FUSION_METHODS).map((m) => `${m.name}: ${m.description}`).join('; ')).choices(Object.keys(FUSION_METHODS)).default('rrf'))
    .addOption(new Option('--norm <name>', 'per-query score normalisation for score-based methods (rank-based RRF ignores it)').choices(Object.keys(NORMALIZERS)).default('minmax'))
    .option('--rrf-k <n>', 'RRF constant (default: 60 for rrf, 100 for rrf-medrag)', positiveNumber('--rrf-k'))
    .option('--weights <list>', 'one weight per run, e.g. 0.3,0.7', weightList)
    .option('--top-k <n>', 'depth of the fused run', positiveInt('--top-k'), 1000)
    .option('--out <file>', 'fused run (default: runs/fused.<method>.trec)')
    .option('--tag <name>', 'run tag of the fused run')
    .addOption(formatOption())
    .option('--sweep', 'try weights on a grid: pick the best on --tune-split, report it on --split, write the run with it')
    .option('--tune-split <name>', 'split the weights are tuned on (no such split: a seeded half of train)', 'dev')
    .option('--tune-runs <files...>', 'runs over the tune queries, in --runs order (default: --runs)')
    .option('-m, --measures <list...>', 'measures the sweep reports; it optimises the first', 'ndcg@10')
    .option('--sweep-step <x>', 'grid step of the weights', positiveNumber('--sweep-step'), 0.1)
    .option('--seed <n>', 'seed of the train split when there is no tune split', positiveInt('--seed'), 42);
  addPolicyOptions(addDatasetOptions(cmd, false))
    .addHelpText(
      'after',
      '\nExamples:\n  medir fuse --runs runs/nfcorpus.bm25.trec runs/nfcorpus.dense.trec --method rrf --rrf-k 60 --out runs/nfcorpus.rrf.trec\n  medir fuse --runs bm25.trec dense.trec --method weighted --norm minmax --weights 0.7,0.3\n  medir fuse --runs test.bm25.trec test.dense.trec --tune-runs dev.bm25.trec dev.dense.trec --method weighted --sweep --dataset nfcorpus --tune-split dev --split test',
    )
    .action(fuseCommand);
}

import type { Command } from 'commander';
import { indexAndOpen, retrieverContext, timed } from '../../retrieve/open.js';
import { runManifest, saveRun } from '../../retrieve/run-file.js';
import { addLocationOptions, datasetFrom, locationsFrom, type LocationFlags } from '../common.js';
import { formatTable } from '../table.js';
import { REPORT_SPECS } from '../../evaluate/report-spec.js';
import { addPolicyOptions, policyFrom, policyLine, warnMissing, type PolicyFlags } from '../options/policy.js';

interface DemoFlags extends LocationFlags, PolicyFlags {
  dataset: string;
  split: string;
  model: string;
}

const DEPTH = 100;

/** The README's main job: BM25 against a dense model on one dataset, scored and timed, in one table. */
async function demo(flags: DemoFlags): Promise<void> {
  // Loaded on use: keeps `medir --help` fast and other commands independent of the evaluator.
  const { evaluate } = await import('../../evaluate/evaluate.js');
  const loc = locationsFrom(flags);
  const policy = policyFrom(flags);
  const dataset = await datasetFrom({ ...flags }, loc);
  const setups = [
    { retriever: 'bm25', params: {} },
    { retriever: 'dense', params: { model: flags.model } },
  ];
  const rows: string[][] = [];
  let names: string[] = [];
  for (const setup of setups) {
    const { def, ctx } = retrieverContext(setup.retriever, dataset, loc, setup.params);
    process.stderr.write(`${def.name}: indexing ${dataset.name}…\n`);
    const { index, retriever } = await indexAndOpen(def, ctx);
    const { value: run, seconds } = await timed(() => retriever.retrieve(dataset.queries.queries, DEPTH));
    const label = setup.retriever === 'dense' ? `dense (${flags.model})` : 'bm25';
    const out = `runs/demo/${dataset.name}.${def.name}.trec`;
    await saveRun(out, run, `medir-${def.name}`, runManifest(dataset, retriever, DEPTH, { index: index.seconds, retrieve: seconds }, { dir: index.value.dir, reused: index.value.reused }));
    const result = evaluate(dataset.qrels, run, REPORT_SPECS.demo.measures, policy);
    warnMissing(result, label);
    names = result.names;
    rows.push([
      label,
      ...result.names.map((n) => result.mean.get(n)!.toFixed(4)),
      `${index.seconds.toFixed(2)}${index.value.reused ? ' (reused)' : ''}`,
      seconds.toFixed(2),
    ]);
  }
  process.stdout.write(`\n${dataset.name} (${dataset.split} split, ${dataset.queries.queries.length} queries)\n`);
  process.stdout.write(formatTable(['retriever', ...names, 'index s', 'retrieve s'], rows) + '\n');
  process.stdout.write(policyLine(policy));
  process.stdout.write(`runs written under runs/demo/; rerun to see the indexes reused\n`);
}

export function registerDemo(program: Command): void {
  addPolicyOptions(addLocationOptions(
    program
      .command('demo')
      .description('BM25 vs a dense model on NFCorpus (test split) from the mirror: nDCG@10, recall@100 and wall times')
      .option('--dataset <name|path>', 'dataset', 'nfcorpus')
      .option('--split <name>', 'qrels split', 'test')
      .option('--model <name|path>', 'dense model', 'glove-sg100-en-static')
      .addHelpText('after', '\nExample:\n  npx medir demo\n  npx medir demo --dataset scifact'),
  )).action(demo);
}

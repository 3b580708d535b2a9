import type { Command } from 'commander';
import { evaluate } from '../../pipeline/evaluate.js';
import { retrieve } from '../../pipeline/retrieve.js';
import { saveRun } from '../../provenance/provenance.js';
import { addLocationOptions, datasetFrom, locationsFrom, type LocationFlags } from '../common.js';
import { formatTable } from '../../core/table.js';
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
  const loc = locationsFrom(flags);
  const policy = policyFrom(flags);
  const dataset = await datasetFrom({ ...flags }, loc);
  const setups = [
    { retriever: 'bm25', params: {} as Record<string, unknown> },
    { retriever: 'dense', params: { model: flags.model } },
  ];
  const rows: string[][] = [];
  let names: string[] = [];
  for (const setup of setups) {
    process.stderr.write(`${setup.retriever}: retrieving ${dataset.name} (index and run reused when nothing changed)…\n`);
    const ranked = await retrieve(setup, { dataset, loc, topK: DEPTH });
    const label = setup.retriever === 'dense' ? `dense (${flags.model})` : 'bm25';
    const out = `runs/demo/${dataset.name}.${setup.retriever}.trec`;
    await saveRun(out, ranked.run, `medir-${setup.retriever}`, ranked.manifest);
    const result = await evaluate(ranked, dataset.qrels, REPORT_SPECS.demo.measures, policy, loc);
    warnMissing(result, label);
    const { seconds } = ranked.manifest;
    names = result.names;
    rows.push([
      label,
      ...result.names.map((n) => result.mean.get(n)!.toFixed(4)),
      ranked.reused ? 'stage cache' : `${(seconds.index ?? 0).toFixed(2)}${ranked.manifest.index?.reused ? ' (reused)' : ''}`,
      ranked.reused ? 'stage cache' : seconds.retrieve.toFixed(2),
    ]);
  }
  process.stdout.write(`\n${dataset.name} (${dataset.split} split, ${dataset.queries.queries.length} queries)\n`);
  process.stdout.write(formatTable(['retriever', ...names, 'index s', 'retrieve s'], rows) + '\n');
  process.stdout.write(policyLine(policy));
  process.stdout.write(`runs written under runs/demo/; rerun to see indexes and runs reused from the cache\n`);
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

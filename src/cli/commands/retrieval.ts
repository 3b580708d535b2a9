import { Option, type Command } from 'commander';
import { RETRIEVERS } from '../../retrieve/registry.js';
import type { RetrieverDefinition } from '../../retrieve/retriever.js';
import { indexAndOpen, retrieverContext, timed } from '../../retrieve/open.js';
import { runManifest, saveRun } from '../../retrieve/run-file.js';
import { addDatasetOptions, addParamOptions, datasetFrom, locationsFrom, positiveInt, type DatasetFlags } from '../common.js';

interface RetrievalFlags extends DatasetFlags {
  retriever: string;
  topK: number;
  out?: string;
  [param: string]: unknown;
}

const definitions = () => Object.values(RETRIEVERS) as RetrieverDefinition[];

/** `--retriever` with its choices from the registry, then one flag per parameter of every retriever. */
function addRetrieverOptions(cmd: Command): Command {
  const names = definitions().map((d) => d.name);
  cmd.addOption(new Option('--retriever <name>', `retriever: ${definitions().map((d) => `${d.name} (${d.description})`).join('; ')}`).choices(names).makeOptionMandatory());
  return addParamOptions(addDatasetOptions(cmd), definitions().flatMap((d) => d.params));
}

async function indexCommand(flags: RetrievalFlags): Promise<void> {
  const loc = locationsFrom(flags);
  const dataset = await datasetFrom(flags, loc);
  const { def, ctx } = retrieverContext(flags.retriever, dataset, loc, flags);
  const { value: result, seconds } = await timed(() => def.index(ctx));
  const what = result.reused ? 'reused (nothing changed)' : `built (${result.reason ?? 'new'})`;
  process.stdout.write(`${def.name} index for ${dataset.name}: ${what} in ${seconds.toFixed(2)}s\n  ${result.dir}\n`);
}

async function runCommand(flags: RetrievalFlags): Promise<void> {
  const loc = locationsFrom(flags);
  const dataset = await datasetFrom(flags, loc);
  const { def, ctx } = retrieverContext(flags.retriever, dataset, loc, flags);
  const { index, retriever } = await indexAndOpen(def, ctx);
  const queries = dataset.queries.queries;
  const { value: run, seconds } = await timed(() => retriever.retrieve(queries, flags.topK));
  const out = flags.out ?? `runs/${dataset.name}.${def.name}.trec`;
  const manifest = runManifest(dataset, retriever, flags.topK, { index: index.seconds, retrieve: seconds }, { dir: index.value.dir, reused: index.value.reused });
  await saveRun(out, run, `medir-${def.name}`, manifest);
  process.stdout.write(`${queries.length} queries, top ${flags.topK}, in ${seconds.toFixed(2)}s (${(queries.length / Math.max(seconds, 1e-9)).toFixed(0)} q/s) → ${out} (+ ${out}.json)\n`);
}

export function registerRetrieval(program: Command): void {
  addRetrieverOptions(
    program
      .command('index')
      .description('build the index of a retriever over a dataset (reused when nothing changed)')
      .addHelpText('after', '\nExamples:\n  medir index --dataset nfcorpus --retriever bm25\n  medir index --dataset nfcorpus --retriever dense --model glove-sg100-en-static'),
  ).action(indexCommand);
  addRetrieverOptions(
    program
      .command('run')
      .description("retrieve the dataset's queries and write a TREC run (+ a .json manifest beside it)")
      .option('--top-k <n>', 'depth of the run', positiveInt('--top-k'), 1000)
      .option('--out <file>', 'run file (default: runs/<dataset>.<retriever>.trec)')
      .addHelpText('after', '\nExample:\n  medir run --dataset nfcorpus --retriever bm25 --top-k 1000 --out runs/nfcorpus.bm25.trec'),
  ).action(runCommand);
}

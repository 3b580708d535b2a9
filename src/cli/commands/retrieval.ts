import { Option, type Command } from 'commander';
import { RETRIEVERS } from '../../retrieve/registry.js';
import type { RetrieverDefinition } from '../../retrieve/retriever.js';
import { retrieve } from '../../pipeline/retrieve.js';
import { buildIndex, retrieverContext } from '../../pipeline/retrievers.js';
import { saveRun } from '../../provenance/provenance.js';
import { rerank } from '../../pipeline/rerank.js';
import { MedirError } from '../../core/errors.js';
import type { Dataset } from '../../data/datasets.js';
import type { Locations } from '../../mirror/locations.js';
import { addDatasetOptions, addPluginOptions, datasetFrom, locationsFrom, positiveInt, rejectUnusedParams, type DatasetFlags } from '../common.js';
import { addNotesOptions, notesDatasetFrom, type NotesFlags } from '../notes-options.js';
import { addRerankOptions, rerankerFrom, saveReranked, type RerankFlags } from '../options/rerank.js';
import { addShardOptions, shardJobFrom, type ShardFlags } from '../options/shard.js';
import { runShardJob } from '../../jobs/jobs.js';
import { addQueueOptions, queueIndexCommand, type QueueFlags } from '../options/queue.js';

type RetrievalFlags = DatasetFlags &
  NotesFlags & {
    retriever: string;
    topK: number;
    out?: string;
  } & RerankFlags;

const definitions = () => Object.values(RETRIEVERS) as RetrieverDefinition[];

/** `--retriever` with its choices from the registry, then one flag per parameter of every retriever. */
function addRetrieverOptions(cmd: Command): Command {
  const names = definitions().map((d) => d.name);
  cmd.addOption(new Option('--retriever <name>', `retriever: ${definitions().map((d) => `${d.name} (${d.description})`).join('; ')}`).choices(names).makeOptionMandatory());
  return addPluginOptions(addNotesOptions(addDatasetOptions(cmd, false)), definitions());
}

/** `--dataset` (a named or folder dataset) or `--notes` (clinical notes chunked into passages), not both. */
async function datasetOrNotes(flags: RetrievalFlags, loc: Locations): Promise<Dataset> {
  if (flags.notes && flags.dataset) throw new MedirError('BAD_OPTION', '--dataset and --notes exclude each other: pick one corpus');
  if (flags.notes) return notesDatasetFrom({ ...flags, notes: flags.notes }, loc);
  if (!flags.dataset) throw new MedirError('BAD_OPTION', 'one of --dataset NAME|PATH or --notes FILE is required', 'run `medir datasets` to list the datasets');
  return datasetFrom(flags, loc);
}

/** The command's flags, once those that the chosen retriever does not read are refused. */
function retrievalFlags<F extends RetrievalFlags>(flags: F, cmd: Command): F {
  rejectUnusedParams(cmd, [{ kind: 'retriever', chosen: definitions().filter((d) => d.name === flags.retriever), all: definitions() }]);
  return flags;
}

async function indexCommand(flags: RetrievalFlags & ShardFlags & QueueFlags): Promise<void> {
  if (await queueIndexCommand(flags)) return;
  const job = shardJobFrom(flags);
  const loc = locationsFrom(flags);
  const dataset = await datasetOrNotes(flags, loc);
  if (job) {
    const { def, ctx } = retrieverContext(flags.retriever, dataset, loc, flags);
    return void process.stdout.write((await runShardJob(job, def.name, ctx)).line + '\n');
  }
  const { value: result, seconds } = await buildIndex(flags.retriever, dataset, loc, flags);
  const what = result.reused ? 'reused (nothing changed)' : `built (${result.reason ?? 'new'})`;
  process.stdout.write(`${flags.retriever} index for ${dataset.name}: ${what} in ${seconds.toFixed(2)}s\n  ${result.dir}\n`);
}

async function runCommand(flags: RetrievalFlags): Promise<void> {
  const loc = locationsFrom(flags);
  const dataset = await datasetOrNotes(flags, loc);
  const reranker = await rerankerFrom(flags, loc); // checked before the first stage runs
  const first = await retrieve({ retriever: flags.retriever, params: flags }, { dataset, loc, topK: flags.topK });
  const { run, manifest, reused } = first;
  const queries = dataset.queries.queries;
  const out = flags.out ?? `runs/${dataset.name}.${flags.retriever}${reranker ? '.reranked' : ''}.trec`;
  if (reranker) return saveReranked(first, await rerank(first, queries, dataset.corpus, reranker, flags.rerankDepth, loc), out, `medir-${flags.retriever}`);
  await saveRun(out, run, `medir-${flags.retriever}`, manifest);
  const seconds = manifest.seconds.retrieve;
  const how = reused ? `reused from the stage cache (retrieved in ${seconds.toFixed(2)}s when made)` : `in ${seconds.toFixed(2)}s (${(queries.length / Math.max(seconds, 1e-9)).toFixed(0)} q/s)`;
  process.stdout.write(`${queries.length} queries, top ${flags.topK}, ${how} → ${out} (+ ${out}.json)\n`);
}

export function registerRetrieval(program: Command): void {
  addRetrieverOptions(
    addQueueOptions(addShardOptions(program.command('index')))
      .description('build the index of a retriever over a dataset (reused when nothing changed)')
      .addHelpText('after', '\nExamples:\n  medir index --dataset nfcorpus --retriever bm25\n  medir index --dataset nfcorpus --retriever dense --model glove-sg100-en-static\n  medir index --notes NOTEEVENTS.csv --category \'Discharge summary\' --retriever bm25'),
  ).action((flags: RetrievalFlags & ShardFlags & QueueFlags, cmd: Command) => indexCommand(retrievalFlags(flags, cmd)));
  addRerankOptions(addRetrieverOptions(
    program
      .command('run')
      .description("retrieve the dataset's queries and write a TREC run (+ a .json manifest beside it)")
      .option('--top-k <n>', 'depth of the run', positiveInt('--top-k'), 1000)
      .option('--out <file>', 'run file (default: runs/<dataset>.<retriever>.trec)')
      .addHelpText('after', '\nExamples:\n  medir run --dataset nfcorpus --retriever bm25 --top-k 1000 --out runs/nfcorpus.bm25.trec\n  medir run --dataset nfcorpus --retriever bm25 --rerank tiny-random-bert-cross-encoder --rerank-depth 100'),
  )).action((flags: RetrievalFlags, cmd: Command) => runCommand(retrievalFlags(flags, cmd)));
}

import type { Command } from 'commander';
import { writeTrecQrels } from '../../formats/qrels.js';
import { addDatasetOptions, datasetFrom, locationsFrom, type DatasetFlags } from '../common.js';

/** `qid 0 docid rel` lines for trec_eval users: to --out (atomically) or stdout. */
async function exportCommand(flags: DatasetFlags & { out?: string }): Promise<void> {
  const dataset = await datasetFrom(flags, locationsFrom(flags));
  if (flags.out) {
    await writeTrecQrels(flags.out, dataset.qrels);
    const judgments = [...dataset.qrels.values()].reduce((s, j) => s + j.size, 0);
    process.stderr.write(`${dataset.qrels.size} queries, ${judgments} judgments → ${flags.out}\n`);
    return;
  }
  for (const [qid, judged] of dataset.qrels) {
    process.stdout.write([...judged].map(([docid, rel]) => `${qid} 0 ${docid} ${rel}\n`).join(''));
  }
}

export function registerQrels(program: Command): void {
  const qrels = program
    .command('qrels')
    .description("a dataset's judgments in other formats")
    .addHelpText('after', '\nExample:\n  medir qrels export --dataset nfcorpus --split test --out nfcorpus.test.qrels');
  addDatasetOptions(
    qrels
      .command('export')
      .description("write a dataset's qrels of one split as TREC qrels (qid 0 docid rel), for trec_eval")
      .option('--out <file>', 'file to write (default: stdout)')
      .addHelpText('after', '\nExample:\n  medir qrels export --dataset nfcorpus --split test --out nfcorpus.test.qrels\n  trec_eval -m ndcg_cut.10 nfcorpus.test.qrels runs/nfcorpus.bm25.trec'),
  ).action(exportCommand);
}

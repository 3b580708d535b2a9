import type { Command } from 'commander';
import { fuse } from '../../pipeline/fuse.js';
import { retrieve } from '../../pipeline/retrieve.js';
import type { StageRun } from '../../pipeline/stage-cache.js';
import { saveRun } from '../../provenance/provenance.js';
import { reportFromRuns } from '../../report/from-runs.js';
import { renderHtml } from '../../report/html.js';
import { buildModel } from '../../report/model.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { addLocationOptions, datasetFrom, locationsFrom, type LocationFlags } from '../common.js';
import { formatTable } from '../../core/table.js';
import { REPORT_SPECS } from '../../evaluate/report-spec.js';
import { addPolicyOptions, policyFrom, policyLine, type PolicyFlags } from '../options/policy.js';

interface DemoFlags extends LocationFlags, PolicyFlags {
  dataset: string;
  split: string;
  model: string;
}

const DEPTH = 100;
const MARK = { 1: ' ▲', [-1]: ' ▼', 0: '' } as const;

/**
 * The README's main job: BM25, a dense model and their RRF fusion on one dataset, scored, tested
 * against BM25 and timed in one table, and the HTML report of the three runs to open.
 */
async function demo(flags: DemoFlags): Promise<void> {
  const loc = locationsFrom(flags);
  const policy = policyFrom(flags);
  const dataset = await datasetFrom({ ...flags }, loc);
  const setups = [
    { label: 'bm25', setup: { retriever: 'bm25', params: {} as Record<string, unknown> } },
    { label: `dense (${flags.model})`, setup: { retriever: 'dense', params: { model: flags.model } } },
  ];
  const runs: { label: string; file: string; ran: StageRun; reused: boolean }[] = [];
  for (const { label, setup } of setups) {
    const ranked = await retrieve(setup, { dataset, loc, topK: DEPTH });
    if (!ranked.reused) process.stderr.write(`${label}: ranked ${dataset.name}\n`);
    runs.push({ label, file: `runs/demo/${dataset.name}.${setup.retriever}.trec`, ran: ranked, reused: ranked.reused });
  }
  const fused = await fuse(runs.map((r) => r.ran), { method: 'rrf', topK: DEPTH }, loc);
  runs.push({ label: 'rrf (bm25 + dense)', file: `runs/demo/${dataset.name}.rrf.trec`, ran: fused, reused: runs.every((r) => r.reused) });
  for (const r of runs) await saveRun(r.file, r.ran.run, `medir-${r.label.split(' ')[0]}`, r.ran.manifest);

  const input = await reportFromRuns(runs, dataset, REPORT_SPECS.demo.measures, policy, loc);
  const model = buildModel(input);
  for (const w of model.warnings) process.stderr.write(`warning: ${w}\n`);
  const seconds = (r: (typeof runs)[number], stage: 'index' | 'retrieve') => (r.reused ? 'stage cache' : (r.ran.manifest.seconds[stage] ?? 0).toFixed(2));
  const rows = model.rows.map((row, i) => [
    row.label,
    ...input.measures.map((m) => `${row.cells[m].value.toFixed(4)}${row.cells[m].sig ? MARK[row.cells[m].sig!] : ''}`),
    seconds(runs[i], 'index'),
    seconds(runs[i], 'retrieve'),
  ]);
  const report = 'runs/demo/report.html';
  writeFileAtomic(report, renderHtml(model));
  process.stdout.write(`\n${dataset.name} (${dataset.split} split, ${dataset.queries.queries.length} queries)\n`);
  process.stdout.write(formatTable(['retriever', ...input.measures, 'index s', 'retrieve s'], rows) + '\n');
  process.stdout.write(`▲/▼: significantly better/worse than bm25 (${model.correction})\n`);
  process.stdout.write(policyLine(policy));
  process.stdout.write(`report: ${report}\n`);
}

export function registerDemo(program: Command): void {
  addPolicyOptions(addLocationOptions(
    program
      .command('demo')
      .description('BM25, a dense model and their RRF fusion on NFCorpus (test split) from the mirror: nDCG@10, recall@100, significance against BM25, wall times, and an HTML report')
      .option('--dataset <name|path>', 'dataset', 'nfcorpus')
      .option('--split <name>', 'qrels split', 'test')
      .option('--model <name|path>', 'dense model', 'glove-sg100-en-static')
      .addHelpText('after', '\nExample:\n  npx medir demo\n  npx medir demo --dataset scifact'),
  )).action(demo);
}

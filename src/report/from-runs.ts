import { existsSync } from 'node:fs';
import { cpus, platform, totalmem } from 'node:os';
import type { Dataset } from '../data/datasets.js';
import { parseMeasures } from '../evaluate/parse.js';
import { resolvePolicy, type EvalPolicy } from '../evaluate/policy.js';
import { reportPolicy } from '../evaluate/report-spec.js';
import type { Locations } from '../mirror/locations.js';
import { evaluate } from '../pipeline/evaluate.js';
import { runFromFile } from '../pipeline/run-file.js';
import { fileSha256, MEDIR_VERSION } from '../provenance/provenance.js';
import { curvesOf } from './curves.js';
import type { QueryInfo, ReportInput, TimingRow, VariantInput } from './model.js';

/** The machine a report was made on, as the results database records it. */
export function machine(): Record<string, unknown> {
  return { cores: cpus().length, memory: totalmem(), platform: platform() };
}

export function queryInfo(dataset: Pick<Dataset, 'queries'>): Map<string, QueryInfo> {
  return new Map(dataset.queries.queries.map((q) => [q.id, { text: q.text, fields: q.meta }]));
}

/**
 * A report's input from run files, evaluated now through the evaluate stage (cached like every
 * evaluation). A run none of whose queries are judged is left out with a warning, not drawn as zeros.
 */
export async function reportFromRuns(files: readonly { label: string; file: string }[], dataset: Dataset, measures: readonly string[], policy: Partial<EvalPolicy>, loc: Pick<Locations, 'cache'>): Promise<ReportInput> {
  const warnings: string[] = [];
  const variants: VariantInput[] = [];
  const curves = [];
  const timings: TimingRow[] = [];
  const checksums = [];
  const names = parseMeasures(measures).flatMap((r) => r.outputs);
  for (const { label, file } of files) {
    const run = await runFromFile(file, loc);
    checksums.push({ kind: 'run', name: file, sha256: await fileSha256(file, loc) });
    const unjudged = [...run.run.keys()].filter((q) => !dataset.qrels.has(q));
    if (unjudged.length === run.run.size) {
      warnings.push(`${file}: none of its ${run.run.size} queries is in the ${dataset.name} ${dataset.split} qrels (e.g. ${unjudged.slice(0, 3).join(', ')}): left out of the report`);
      continue;
    }
    if (unjudged.length) warnings.push(`${file}: ${unjudged.length} of its ${run.run.size} queries are not in the qrels (e.g. ${unjudged.slice(0, 3).join(', ')}); they are not evaluated`);
    const scores = await evaluate(run, dataset.qrels, measures, policy, loc);
    const perQuery = new Map([...scores.perQuery].map(([q, v]) => [q, Object.fromEntries(v)]));
    variants.push({
      label,
      config: run.manifest.retriever,
      means: Object.fromEntries(names.filter((m) => scores.mean.has(m)).map((m) => [m, { value: scores.mean.get(m)!, n: scores.numQueries }])),
      perQuery,
    });
    curves.push(...curvesOf(label, run.run, dataset.qrels, policy));
    // A run from elsewhere has no manifest beside it, so no timings (not zeros).
    const timed = existsSync(`${file}.json`) ? run.manifest.seconds : {};
    for (const [stage, seconds] of Object.entries(timed)) {
      if (typeof seconds === 'number') timings.push({ variant: label, stage, seconds, cached: stage === 'index' && !!run.manifest.index?.reused });
    }
  }
  return {
    title: `${dataset.name} (${dataset.split})`,
    dataset: dataset.name,
    split: dataset.split,
    measures: names,
    policy: resolvePolicy(reportPolicy(policy)),
    variants,
    queries: queryInfo(dataset),
    curves,
    timings,
    rag: [],
    details: { versions: { medir: MEDIR_VERSION, node: process.version }, checksums, machine: machine(), config: JSON.stringify(Object.fromEntries(variants.map((v) => [v.label, v.config])), null, 2) },
    warnings,
  };
}

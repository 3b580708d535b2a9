import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { TIE_POLICIES, type TiePolicy } from '../../arena/leaderboard.js';
import { MedirError } from '../../core/errors.js';
import { resolvePolicy } from '../../evaluate/policy.js';
import { reportPolicy, REPORT_SPECS } from '../../evaluate/report-spec.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { fileSha256, MEDIR_VERSION } from '../../provenance/provenance.js';
import { arenaSection } from '../../report/arena.js';
import { reportFromDb, RESULTS_DB } from '../../report/results-db.js';
import { machine, reportFromRuns } from '../../report/from-runs.js';
import { renderHtml } from '../../report/html.js';
import { renderLatex, renderMarkdown } from '../../report/markdown.js';
import { buildModel, type ReportInput } from '../../report/model.js';
import { addDatasetOptions, datasetFrom, locationsFrom, type DatasetFlags } from '../common.js';
import { addPolicyOptions, policyFrom, type PolicyFlags } from '../options/policy.js';
import { runLabel } from '../options/run-label.js';

export const REPORT_FORMATS = ['html', 'markdown', 'latex'] as const;

interface ReportFlags extends DatasetFlags, PolicyFlags {
  runs?: string[];
  measures: string[] | string;
  out?: string;
  format: (typeof REPORT_FORMATS)[number];
  versus?: string;
  baseline?: string;
  arena?: string;
  ties: TiePolicy;
}

const EXTENSION = { html: 'html', markdown: 'md', latex: 'tex' } as const;

/**
 * Writes a report of `input` in `format` to `out` (the HTML report beside a Markdown one, whose
 * plots are screenshots of it). Warnings go to stderr as well as into the page.
 */
export async function writeReport(input: ReportInput, out: string, format: ReportFlags['format'], versus?: string): Promise<string[]> {
  const model = buildModel(input, { versus });
  for (const w of model.warnings) process.stderr.write(`warning: ${w}\n`);
  if (format === 'latex') {
    writeFileAtomic(out, renderLatex(input));
    return [out];
  }
  const html = format === 'html' ? out : out.replace(/\.md$/, '') + '.html';
  writeFileAtomic(html, renderHtml(model));
  if (format === 'html') return [html];
  const { text, pngs } = await renderMarkdown(model, html, out);
  writeFileAtomic(out, text);
  if (!pngs) process.stderr.write('note: no Chromium found: the Markdown report has its tables, its plots were skipped\n');
  return [out, html, ...(pngs ?? [])];
}

async function report(dir: string | undefined, flags: ReportFlags): Promise<void> {
  const loc = locationsFrom(flags);
  let input: ReportInput;
  let out = flags.out;
  if (dir) {
    if (flags.runs) throw new MedirError('BAD_OPTION', 'give an experiment folder or --runs, not both');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new MedirError('BAD_INPUT', `${dir}: no such experiment folder`);
    if (!existsSync(join(dir, RESULTS_DB))) throw new MedirError('BAD_INPUT', `${dir}: no results (${RESULTS_DB} is missing)`, `run the experiment first: medir experiment run …`);
    input = await reportFromDb(join(dir, RESULTS_DB), loc, { dataset: flags.dataset });
    out ??= join(dir, `report.${EXTENSION[flags.format]}`);
  } else if (flags.runs?.length) {
    const dataset = await datasetFrom(flags, loc);
    const files = flags.runs.map((file) => ({ label: runLabel(file, flags.runs!), file }));
    input = await reportFromRuns(files, dataset, typeof flags.measures === 'string' ? flags.measures.split(',') : flags.measures, policyFrom(flags), loc);
    out ??= `report.${EXTENSION[flags.format]}`;
  } else if (flags.arena) {
    // The arena alone: no retrieval results, only its section.
    const details = { versions: { medir: MEDIR_VERSION, node: process.version }, checksums: [], machine: machine() };
    input = { title: `arena ${flags.arena}`, dataset: '', split: '', measures: [], policy: resolvePolicy(reportPolicy(policyFrom(flags))), variants: [], queries: new Map(), curves: [], timings: [], rag: [], details, warnings: [] };
    out ??= `report.${EXTENSION[flags.format]}`;
  } else {
    throw new MedirError('BAD_OPTION', 'give an experiment folder (medir report DIR), --dataset NAME --runs A.trec B.trec …, or --arena judgments.jsonl');
  }
  if (flags.arena) {
    if (flags.format === 'latex') throw new MedirError('BAD_OPTION', '--arena has no LaTeX output: use --format html|markdown, or medir arena leaderboard --format markdown|csv');
    input.arena = await arenaSection(flags.arena, flags.ties);
    input.details.checksums.push({ kind: 'judgments', name: flags.arena, sha256: await fileSha256(flags.arena, loc) });
  }
  if (flags.baseline) {
    if (!input.variants.some((v) => v.label === flags.baseline)) throw new MedirError('BAD_OPTION', `--baseline ${flags.baseline}: no such variant (${input.variants.map((v) => v.label).join(', ')})`);
    input.baseline = flags.baseline;
  }
  const written = await writeReport(input, out, flags.format, flags.versus);
  process.stdout.write(written.map((f) => `${f}\n`).join(''));
}

export function registerReport(program: Command): void {
  const cmd = program
    .command('report [dir]')
    .description('one self-contained HTML report (tables, significance, plots) of an experiment folder or of run files; also Markdown and LaTeX')
    .option('--runs <files...>', 'TREC runs to report on (the first is the baseline), evaluated on --dataset')
    .option('-m, --measures <list...>', 'measures of the main table (with --runs)', REPORT_SPECS.retrieval.measures.join(','))
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('html'))
    .option('--baseline <label>', 'the variant every other is tested against (default: the experiment\'s, or the first run)')
    .option('--versus <label>', 'the variant of the per-query scatter against the baseline (default: the best on the first measure)')
    .option('--arena <judgments>', "add the arena: Bradley–Terry leaderboard with bootstrap intervals, win-rate matrix and position bias of pairwise judgments (MIRAGE-Bench's schema), as medir arena leaderboard computes them")
    .addOption(new Option('--ties <policy>', 'ties in the arena fit: drop (MIRAGE-Bench) or half a win each (Chatbot Arena)').choices(TIE_POLICIES).default('drop'))
    .option('--out <file>', 'where to write (default: DIR/report.html, or report.html)');
  addPolicyOptions(addDatasetOptions(cmd, false))
    .addHelpText('after', '\nExamples:\n  medir report runs/exp1\n  medir report --dataset nfcorpus --runs runs/demo/nfcorpus.bm25.trec runs/demo/nfcorpus.dense.trec --out report.html\n  medir report runs/exp1 --format markdown\n  medir report --arena judgments.jsonl --ties half')
    .action(report);
}

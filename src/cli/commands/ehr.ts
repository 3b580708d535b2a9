import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import type { Run } from '../../core/types.js';
import type { Dataset } from '../../data/datasets.js';
import type { Locations } from '../../mirror/locations.js';
import { AGGREGATIONS, type Aggregation } from '../../notes/aggregate.js';
import { RECORD_LEVELS, type RecordLevel } from '../../notes/passage-groups.js';
import { BEIR_FILES, jsonlCorpus } from '../../formats/beir.js';
import { readRun } from '../../formats/run.js';
import { CLINIQ_MATCH_TYPES, CLINIQ_QUERY_TYPES, MULTI_METRICS, SINGLE_METRICS } from '../../notes/cliniq/benchmark.js';
import { CLINIQ_NDCG_MODES, type CliniqNdcgMode } from '../../notes/cliniq/ndcg-variant.js';
import type { CliniqReport } from '../../notes/cliniq/scorer.js';
import { RETRIEVERS, retrieverDefinition } from '../../retrieve/registry.js';
import type { Retriever, RetrieverDefinition } from '../../retrieve/retriever.js';
import { retrieve } from '../../pipeline/retrieve.js';
import { sharedPool } from '../../pipeline/retrievers.js';
import { recordRun } from '../../pipeline/record.js';
import { fileSha256 } from '../../provenance/provenance.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { addLocationOptions, addPluginOptions, rejectUnusedParams, locationsFrom, positiveInt, type LocationFlags } from '../common.js';
import { addChunkingOptions, chunkingFrom, describeNotesCorpus } from '../notes-options.js';
import { formatTable } from '../../core/table.js';
import { renderRows, type TableFormat } from '../../evaluate/format/render.js';
import { formatOption, toJson, type OutputFormat } from '../output.js';
import { REPORT_SPECS } from '../../evaluate/report-spec.js';
import { addPolicyOptions, policyFrom, policyLine, warnMissing, type PolicyFlags } from '../options/policy.js';

interface EhrFlags extends LocationFlags {
  retrievers: string[];
  outDir: string;
  examples: number;
  showText?: boolean;
  [param: string]: unknown;
}

interface CliniqFlags extends EhrFlags {
  noteevents: string;
  cliniq: string;
  ndcg: CliniqNdcgMode;
  format: OutputFormat;
}

interface MtsamplesFlags extends EhrFlags, PolicyFlags {
  format: OutputFormat;
  chunker: string;
  saveRuns?: boolean;
  aggregate: Aggregation;
  aggregateK: number;
  depth: number;
}

const retrievers = () => Object.values(RETRIEVERS) as RetrieverDefinition[];

function retrieverList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) retrieverDefinition(name);
  if (names.length === 0) throw new MedirError('BAD_OPTION', '--retrievers: expected a comma-separated list of retrievers');
  return names;
}

/** Flags every `ehr` task shares: retrievers and their parameters, examples, privacy, locations. */
function addEhrOptions(cmd: Command): Command {
  cmd
    .addOption(new Option('--retrievers <names>', `comma-separated retrievers (${retrievers().map((d) => d.name).join(', ')})`).argParser(retrieverList).default(['bm25', 'dense'], 'bm25,dense'))
    .option('--examples <n>', 'print the top passages of the first n queries (ids and scores; text only with --show-text)', positiveInt('--examples'), 0)
    .option('--show-text', 'print note text in examples (off by default: reports never show patient text)')
    .option('--out-dir <dir>', 'where per-query values (long TSV) are written', 'runs/ehr');
  return addLocationOptions(addPluginOptions(cmd, retrievers()));
}

/** Refuses a retriever flag that none of --retrievers reads (`--k1` with `--retrievers dense`). */
function onlyReadParams<T extends EhrFlags>(flags: T, cmd: Command): T {
  rejectUnusedParams(cmd, [{ kind: 'retriever', flag: '--retrievers', chosen: retrievers().filter((d) => flags.retrievers.includes(d.name)), all: retrievers() }]);
  return flags;
}

async function openRetriever(name: string, dataset: Dataset, loc: Locations, flags: EhrFlags): Promise<Retriever> {
  process.stderr.write(`${name}: indexing ${dataset.name}…\n`);
  return (await sharedPool.open(name, dataset, loc, flags)).retriever;
}

async function printExamples(dataset: Dataset, run: Run, flags: EhrFlags): Promise<void> {
  if (!flags.examples) return;
  const { exampleLines } = await import('../../notes/privacy.js');
  process.stdout.write(await exampleLines(dataset, run, flags.examples, Boolean(flags.showText)));
}

/** A long-format TSV (one value per line), written atomically: pandas/polars read it directly. */
function writeLongTsv(file: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  writeFileAtomic(file, [header, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
}

const QUERY_SCOPES = [...CLINIQ_QUERY_TYPES, 'all'];

/** The three CliniQ settings: multi-patient by query type, single-patient by query type, single-patient by match type. */
const CLINIQ_SETTINGS = [
  { setting: 'multi', label: 'query type', scopes: QUERY_SCOPES, count: 'queries', metrics: MULTI_METRICS, of: (r: CliniqReport) => r.multi },
  { setting: 'single', label: 'query type', scopes: QUERY_SCOPES, count: 'pairs', metrics: SINGLE_METRICS, of: (r: CliniqReport) => r.single },
  { setting: 'single-by-match', label: 'match type', scopes: CLINIQ_MATCH_TYPES, count: 'pairs', metrics: SINGLE_METRICS, of: (r: CliniqReport) => r.byMatch },
] as const;

/** Every (retriever, setting, scope) row with its count and each metric's mean: the JSON and CSV rows. */
function cliniqRows(reports: [string, CliniqReport][]) {
  return CLINIQ_SETTINGS.flatMap((s) =>
    reports.flatMap(([retriever, rep]) =>
      s.scopes.filter((scope) => s.of(rep).has(scope)).map((scope) => {
        const row = s.of(rep).get(scope)!;
        const means = Object.fromEntries(s.metrics.filter((m) => row.has(m)).map((m) => [m, row.get(m)!.mean]));
        return { retriever, setting: s.setting, scope, count: row.get(s.metrics[0])?.n ?? 0, means };
      }),
    ),
  );
}

/** One table per setting: a row per retriever and scope, the scope's count, then each metric's mean. */
function meansTable(format: TableFormat, setting: (typeof CLINIQ_SETTINGS)[number], reports: [string, CliniqReport][]): string {
  const rows = cliniqRows(reports).filter((r) => r.setting === setting.setting).map((r) => [r.retriever, r.scope, String(r.count), ...setting.metrics.map((m) => (m in r.means ? r.means[m].toFixed(4) : ''))]);
  return renderRows(format, ['retriever', setting.label, setting.count, ...setting.metrics], rows);
}

function cliniqOutput(reports: [string, CliniqReport][], header: string, format: TableFormat): string {
  const first = reports[0][1];
  const s = first.skipped;
  const ndcg = first.ndcg === 'cliniq' ? "CliniQ's variant (ideal DCG from the retrieved top k; compatibility option)" : 'standard (trec_eval: ideal DCG from every relevant chunk)';
  const [multi, single, byMatch] = CLINIQ_SETTINGS;
  return [
    header,
    `nDCG: ${ndcg}; relevance binary (every labelled chunk); means pooled over queries (multi) or (query, note) pairs (single), as CliniQ's eval.py`,
    '',
    'Multi-patient retrieval: every chunk ranked; MRR without cutoff',
    meansTable(format, multi, reports),
    '',
    `Single-patient retrieval: one note's chunks ranked; nDCG@n with n = chunks in the note; skipped (query, note) pairs: ${s.fewPassages} with fewer than 5 chunks, ${s.allRelevant} with every chunk relevant`,
    meansTable(format, single, reports),
    '',
    'Single-patient by match type: the note\'s relevant chunks of the other types removed first (pairs kept above only)',
    meansTable(format, byMatch, reports),
    '',
  ].join('\n');
}

async function cliniqCommand(flags: CliniqFlags): Promise<void> {
  if (flags.examples && (flags.format === 'json' || flags.format === 'csv')) throw new MedirError('BAD_OPTION', `--examples prints passages as text: use --format table or markdown, not ${flags.format}`);
  const { prepareCliniq, scoreCliniq } = await import('../../notes/cliniq/protocol.js');
  const loc = locationsFrom(flags);
  const setup = await prepareCliniq(flags.noteevents, flags.cliniq, loc);
  process.stderr.write(describeNotesCorpus(setup.corpus));
  if (setup.bench.repeated) process.stderr.write(`cliniq: ${setup.bench.repeated} repeated judgments ignored (first label kept)\n`);
  const reports: [string, CliniqReport][] = [];
  for (const name of flags.retrievers) {
    const retriever = await openRetriever(name, setup.corpus.dataset, loc, flags);
    reports.push([name, await scoreCliniq(setup, retriever, flags.ndcg)]);
    if (flags.examples) await printExamples(setup.corpus.dataset, await retriever.retrieve(setup.corpus.dataset.queries.queries.slice(0, flags.examples), 3), flags);
  }
  const perQuery = join(flags.outDir, 'cliniq.per-query.tsv');
  writeLongTsv(perQuery, ['retriever', 'setting', 'query_type', 'match_type', 'qid', 'note', 'metric', 'value'], reports.flatMap(([r, rep]) => rep.values.map((v) => [r, v.setting, v.queryType, v.match, v.qid, v.record, v.metric, v.value])));
  process.stderr.write(`per-query values: ${perQuery}\n`);
  const header = `CliniQ: ${setup.groups.members.size} of ${setup.bench.hadmIds.size} admissions found (${setup.missingAdmissions} missing), ${setup.groups.of.size} chunks, ${setup.bench.queries.length} queries (${reports[0][1].skipped.unjudgedQueries} without judgments skipped)`;
  const { skipped, ndcg } = reports[0][1];
  if (flags.format === 'json') {
    const admissions = { found: setup.groups.members.size, listed: setup.bench.hadmIds.size, missing: setup.missingAdmissions };
    return void process.stdout.write(toJson({ admissions, chunks: setup.groups.of.size, queries: setup.bench.queries.length, ndcg, skipped, results: cliniqRows(reports) }));
  }
  // CSV is one table (every setting's rows, one metric a line); its header goes to stderr.
  if (flags.format === 'csv') {
    process.stderr.write(header + '\n');
    const rows = cliniqRows(reports).flatMap((r) => Object.entries(r.means).map(([metric, mean]) => [r.retriever, r.setting, r.scope, String(r.count), metric, String(mean)]));
    return void process.stdout.write(renderRows('csv', ['retriever', 'setting', 'scope', 'count', 'metric', 'mean'], rows));
  }
  process.stdout.write(cliniqOutput(reports, header, flags.format) + policyLine({}));
}

async function mtsamplesCommand(flags: MtsamplesFlags): Promise<void> {
  const { evaluate } = await import('../../evaluate/evaluate.js');
  const { aggregateRun } = await import('../../notes/aggregate.js');
  const { passageGroups } = await import('../../notes/passage-groups.js');
  const { buildMtsamplesTask, mtsamplesCorpora, mtsamplesFile } = await import('../../notes/mtsamples.js');
  const loc = locationsFrom(flags);
  const file = await mtsamplesFile(loc);
  const task = await buildMtsamplesTask(file);
  const chunking = chunkingFrom(flags);
  const corpora = await mtsamplesCorpora(file, task, chunking, loc);
  for (const c of Object.values(corpora)) process.stderr.write(describeNotesCorpus(c));
  const measures = REPORT_SPECS.notes.measures;
  const policy = policyFrom(flags);
  const results: { retriever: string; level: string; ranking: string; queries: number; means: Record<string, number> }[] = [];
  const perQuery: (string | number)[][] = [];
  for (const name of flags.retrievers) {
    for (const [level, corpus] of [['passage', corpora.passage], ['note', corpora.note]] as const) {
      const dataset = corpus.dataset;
      process.stderr.write(`${name}: indexing ${dataset.name}…\n`);
      const { run: passages, manifest } = await retrieve({ retriever: name, params: flags }, { dataset, loc, topK: flags.depth });
      const groups = await passageGroups(dataset.corpus, 'note');
      const run = aggregateRun(passages, groups.of, flags.aggregate, flags.aggregateK);
      const result = evaluate(dataset.qrels, run, measures, policy);
      warnMissing(result, `${name} ${level}`);
      const how = level === 'passage' ? `${chunking.chunker} → ${flags.aggregate === 'max' ? 'max-passage' : `sum of top ${flags.aggregateK}`}` : 'whole note';
      results.push({ retriever: name, level, ranking: how, queries: result.numQueries, means: Object.fromEntries(measures.map((m) => [m, result.mean.get(m)!])) });
      for (const [qid, values] of result.perQuery) for (const m of measures) perQuery.push([name, level, qid, m, values.get(m)!]);
      if (flags.saveRuns) {
        const aggregation = { name: `${name}-${flags.aggregate}`, config: { passages: manifest.retriever, aggregate: flags.aggregate, aggregateK: flags.aggregateK, passagesKey: manifest.key } };
        await recordRun(join(flags.outDir, `mtsamples.${name}.${level}.trec`), run, `medir-${name}-${level}`, { dataset, producer: aggregation, topK: flags.depth, seconds: manifest.seconds });
      }
      await printExamples(dataset, passages, flags);
    }
  }
  const perQueryFile = join(flags.outDir, 'mtsamples.per-query.tsv');
  writeLongTsv(perQueryFile, ['retriever', 'level', 'qid', 'measure', 'value'], perQuery);
  process.stderr.write(`per-query values: ${perQueryFile}${flags.saveRuns ? `; note-level runs: ${flags.outDir}/mtsamples.<retriever>.<level>.trec` : ''}\n`);
  const passageNote = `passages: ${chunking.chunker} ${JSON.stringify(chunking.chunkerParams)}, top ${flags.depth} passages aggregated to notes`;
  const header = ['retriever', 'level', 'ranking', 'queries', 'nDCG@10', 'MRR', 'R@100'];
  const rows = results.map((r) => [r.retriever, r.level, r.ranking, String(r.queries), ...measures.map((m) => r.means[m].toFixed(4))]);
  if (flags.format === 'json') {
    // schemas/ehr-mtsamples.schema.json: the task's counts, how passages were made, the policy, one row per retriever × level.
    process.stdout.write(toJson({ notes: task.notes, queries: task.queries.length, chunking: { chunker: chunking.chunker, params: chunking.chunkerParams, depth: flags.depth }, policy, results }));
    return;
  }
  if (flags.format !== 'table') return void process.stdout.write(renderRows(flags.format, header, rows));
  process.stdout.write(
    [
      `MTSamples by construction: ${task.notes.distinctTexts} distinct note texts (of ${task.notes.records} notes; ${task.notes.duplicates} duplicates and ${task.notes.emptyText} without text dropped), ${task.queries.length} queries (description, sample_name), multi-note retrieval`,
      passageNote,
      `evaluation: trec_eval measures, relevance binary; ${policyLine(policy).trim()}`,
      formatTable(header, rows),
      '',
    ].join('\n'),
  );
}

interface AggregateFlags {
  run: string;
  corpus: string;
  level: RecordLevel;
  method: Aggregation;
  k: number;
  out: string;
}

/** A passage run of a notes corpus → a note- or patient-level run, for document-level judgments. */
async function aggregateCommand(flags: AggregateFlags): Promise<void> {
  const { aggregateRun } = await import('../../notes/aggregate.js');
  const { passageGroups } = await import('../../notes/passage-groups.js');
  const corpusFile = join(flags.corpus, BEIR_FILES.corpus);
  if (!existsSync(corpusFile)) throw new MedirError('MISSING_FILE', `${corpusFile}: no such file`, 'pass --corpus the notes corpus folder that `medir index --notes …` printed');
  const groups = await passageGroups(jsonlCorpus(basename(flags.corpus), corpusFile), flags.level);
  const { run, tag } = await readRun(flags.run);
  const aggregated = aggregateRun(run, groups.of, flags.method, flags.k);
  const config = { input: resolve(flags.run), inputSha256: await fileSha256(flags.run), corpus: resolve(flags.corpus), level: flags.level, method: flags.method, k: flags.k };
  const dataset = { name: basename(flags.corpus), dir: resolve(flags.corpus), split: '', corpus: { source: corpusFile }, queries: { queries: [...aggregated.keys()] } };
  await recordRun(flags.out, aggregated, `${tag}-${flags.level}-${flags.method}`, { dataset, producer: { name: `aggregate-${flags.level}-${flags.method}`, config }, topK: 0, seconds: { retrieve: 0 } });
  process.stdout.write(`${run.size} queries: passages → ${flags.level}s by ${flags.method} → ${flags.out}\n`);
}

export function registerEhr(program: Command): void {
  const ehr = program.command('ehr').description('clinical notes as a corpus: the CliniQ protocol on MIMIC-III, the MTSamples notes task, passage → note/patient runs')
    .addHelpText('after', '\nExamples:\n  medir ehr mtsamples --retrievers bm25 --format markdown\n  medir ehr aggregate --help');
  addEhrOptions(
    ehr
      .command('cliniq')
      .description("reproduce CliniQ (EHR retrieval benchmark): build its corpus from MIMIC-III NOTEEVENTS.csv exactly as its preprocess.py does, and report its multi- and single-patient metrics")
      .requiredOption('--noteevents <file>', 'MIMIC-III NOTEEVENTS.csv (or .csv.gz); needs credentialed PhysioNet access')
      .requiredOption('--cliniq <dir>', "CliniQ's benchmark/ folder (queries_*.jsonl, qrels_*.tsv, test_hadm_ids.txt)")
      .addOption(new Option('--ndcg <mode>', "nDCG reported: 'standard' (trec_eval) or 'cliniq' (CliniQ's eval.py: ideal DCG from the retrieved top k)").choices(CLINIQ_NDCG_MODES).default('standard'))
      .addOption(formatOption())
      .addHelpText('after', '\nExample:\n  medir ehr cliniq --noteevents ~/mimic-iii/NOTEEVENTS.csv.gz --cliniq CliniQ/benchmark --retrievers bm25,dense'),
  ).action((flags: CliniqFlags, cmd: Command) => cliniqCommand(onlyReadParams(flags, cmd)));
  addEhrOptions(
    addPolicyOptions(addChunkingOptions(
      ehr
        .command('mtsamples')
        .description('the MTSamples notes task (by construction: query = a note\'s description or sample name, relevant = the notes carrying it), at passage and note level')
        .addOption(new Option('--aggregate <method>', 'passage scores → note score').choices(Object.keys(AGGREGATIONS)).default('max'))
        .option('--aggregate-k <n>', 'passages summed by sum-top-k', positiveInt('--aggregate-k'), 3)
        .option('--depth <n>', 'passages (or notes) retrieved per query before aggregation', positiveInt('--depth'), 1000)
        .addOption(formatOption())
        .option('--save-runs', 'also write the note-level TREC runs to --out-dir (about 150-250 MB each at depth 1000)')
        .addHelpText('after', '\nExample:\n  medir ehr mtsamples --retrievers bm25,dense --chunker words --passage-words 100 --passage-overlap 10'),
    )),
  ).action((flags: MtsamplesFlags, cmd: Command) => mtsamplesCommand(onlyReadParams(flags, cmd)));
  ehr
    .command('aggregate')
    .description('turn a passage run over a notes corpus into a note- or patient-level run (for note-level qrels)')
    .requiredOption('--run <file>', 'TREC run over the passages')
    .requiredOption('--corpus <dir>', 'the notes corpus folder the run was made on (printed by `medir index|run --notes`)')
    .addOption(new Option('--level <level>', 'what passages are grouped into').choices(RECORD_LEVELS).default('note'))
    .addOption(new Option('--method <method>', 'passage scores → record score').choices(Object.keys(AGGREGATIONS)).default('max'))
    .option('--k <n>', 'passages summed by sum-top-k', positiveInt('--k'), 3)
    .requiredOption('--out <file>', 'the aggregated TREC run')
    .addHelpText('after', '\nExample:\n  medir ehr aggregate --run runs/notes.bm25.trec --corpus ~/.cache/medir/notes/NOTEEVENTS-0123456789ab --level patient --out runs/patients.bm25.trec')
    .action(aggregateCommand);
}

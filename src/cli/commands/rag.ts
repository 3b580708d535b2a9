import { basename, dirname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import { ANSWERERS, answererDefinition } from '../../rag/readers/registry.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { resolveDatasetDir } from '../../data/datasets.js';
import { remoteGeneratorWarning } from '../../notes/privacy.js';
import { conditionsFor, expandConditions } from '../../rag/condition.js';
import { EXTRACTORS, extractorDefinition } from '../../rag/extractors/registry.js';
import { loadQaSet, selectionName } from '../../rag/load.js';
import { RagExperiment, type ConditionResult } from '../../rag/pipeline.js';
import { PROMPTS } from '../../rag/prompts/registry.js';
import { buildReport, formatReport, macroLines } from '../../rag/report.js';
import { readReplies, scoreReplies } from '../../rag/score.js';
import { SETTINGS } from '../../rag/settings/registry.js';
import { RETRIEVERS } from '../../retrieve/registry.js';
import type { RetrieverDefinition } from '../../retrieve/retriever.js';
import { formatOption, toJson, withJsonAlias, type OutputFormat } from '../output.js';
import { addLocationOptions, addParamOptions, addPluginOptions, optionGroup, locationsFrom, positiveInt, rejectUnusedParams, type LocationFlags } from '../common.js';

interface RagFlags extends LocationFlags {
  dataset?: string;
  split: string;
  lang?: string;
  generator?: string;
  prompt?: string;
  extractor?: string;
  setting: string;
  retriever?: string;
  passages: string;
  contextTokens?: number;
  shuffleSeed?: number;
  corpus?: string;
  limit?: number;
  out: string;
  json?: boolean;
  format: OutputFormat;
  [param: string]: unknown;
}

interface ScoreFlags extends RagFlags {
  predictions: string;
  versus?: string;
}

const list = (value: string | undefined) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);
const describe = (defs: Record<string, { description: string }>) => Object.entries(defs).map(([n, d]) => `${n} (${d.description})`).join('; ');

function nonNegativeInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new MedirError('BAD_OPTION', `${flag}: expected an integer ≥ 0, got '${value}'`);
    return n;
  };
}

function passageCounts(value: string): number[] {
  const counts = list(value).map((v) => positiveInt('--passages')(v));
  if (counts.length === 0) throw new MedirError('BAD_OPTION', '--passages: expected one or more positive integers, e.g. 1,3,5');
  return counts;
}

function requireDataset(flags: RagFlags): string {
  if (!flags.dataset) throw new MedirError('BAD_OPTION', '--dataset is required', 'run `medir datasets` to list them');
  return flags.dataset;
}

async function qaSet(flags: RagFlags) {
  const loc = locationsFrom(flags);
  const langs = list(flags.lang);
  const set = await loadQaSet(requireDataset(flags), { split: flags.split, langs: langs.length ? langs : undefined }, loc);
  if (flags.limit !== undefined) {
    set.items = set.items.slice(0, flags.limit);
    set.limit = flags.limit;
  }
  return { loc, set };
}

/** Prints the report in the chosen format (JSON: schemas/rag.schema.json) and returns its text table for the report file. */
function printReport(results: { label: string; rows: ConditionResult['rows'] }[], format: OutputFormat, referenceOf: (label: string) => string | undefined): string {
  const lines = buildReport(results, referenceOf);
  const text = formatReport(lines);
  process.stdout.write(format === 'json' ? toJson({ lines, macro: macroLines(lines) }) : format === 'table' ? text + '\n' : formatReport(lines, format) + '\n');
  return text;
}

async function ragCommand(flags: RagFlags): Promise<void> {
  const generators = list(flags.generator).map(answererDefinition);
  if (generators.length === 0) throw new MedirError('BAD_OPTION', '--generator is required', `one or more of: ${Object.keys(ANSWERERS).join(', ')}`);
  const conditions = expandConditions(list(flags.setting), list(flags.retriever), passageCounts(flags.passages), {
    contextTokens: flags.contextTokens,
    shuffleSeed: flags.shuffleSeed,
  });
  const { loc, set } = await qaSet(flags);
  // Privacy by default: say so before passages of a clinical-notes corpus leave the process.
  if (flags.corpus && generators.some((g) => g.name === 'openai-compatible')) {
    const warning = remoteGeneratorWarning(await resolveDatasetDir(flags.corpus, loc), String(flags.baseUrl ?? 'the configured base URL'));
    if (warning) process.stderr.write(warning);
  }
  const results: (ConditionResult & { reader: string })[] = [];
  for (const def of generators) {
    const experiment = new RagExperiment({ set, loc, reader: { generator: def.name, params: flags, prompt: flags.prompt, extractor: flags.extractor }, corpus: flags.corpus, out: flags.out });
    for (const condition of conditionsFor(def, conditions, (note) => process.stderr.write(`${note}\n`))) {
      const result = await experiment.runCondition(condition);
      const truncated = (result.manifest.stats as { truncatedPrompts?: number }).truncatedPrompts;
      if (truncated) process.stderr.write(`${def.name} ${result.label}: ${truncated} prompts were cut from the left to fit the model's context window\n`);
      results.push({ ...result, reader: def.name, label: generators.length > 1 ? `${def.name} ${result.label}` : result.label });
    }
  }
  // McNemar pairs each condition with the same reader's closed-book answers.
  const closedBook = new Map(results.filter((r) => r.condition.setting === 'closed-book').map((r) => [r.reader, r.label]));
  const readerOf = new Map(results.map((r) => [r.label, r.reader]));
  const text = printReport(results, flags.format, (label) => closedBook.get(readerOf.get(label)!));
  const notes = [...new Set(results.map((r) => (r.manifest.corpus as { note?: string } | undefined)?.note).filter(Boolean))].map((n) => `corpus: ${n}\n`).join('');
  const reportFile = join(flags.out, set.name, selectionName(set), `report-${generators.map((g) => g.name).join('+')}.txt`);
  writeFileAtomic(reportFile, `${text}\n${notes}`);
  process.stderr.write(`${notes}answers, runs and manifests: ${[...new Set(results.map((r) => dirname(r.dir)))].join(', ')}\nreport: ${reportFile}\n`);
}

async function scoreCommand(flags: ScoreFlags): Promise<void> {
  const { set } = await qaSet(flags);
  const extractor = extractorDefinition(flags.extractor ?? 'strict');
  const groups = [...new Set(set.items.map((i) => i.group))];
  const scored = async (path: string) => ({ path, label: basename(path), ...scoreReplies(set.items, await readReplies(path, groups), extractor) });
  const runs = [await scored(flags.predictions), ...(flags.versus ? [await scored(flags.versus)] : [])];
  if (runs.length === 2 && runs[0].label === runs[1].label) runs[1].label = `${runs[1].label} (versus)`;
  printReport(runs, flags.format, (label) => (label === runs[0].label ? undefined : runs[0].label));
  for (const r of runs) {
    const unparsable = r.rows.filter((row) => !row.parsed).length - r.empty - r.missing;
    const fallback = extractor.name === 'mirage-compat' ? ` (mirage-compat scored them as "A"; strict counts them wrong)` : '';
    process.stderr.write(`${r.label}: extractor ${extractor.name}; ${unparsable} replies matched no rule${fallback}; ${r.empty} empty reply lists and ${r.missing} missing ids, scored wrong\n`);
    if (set.layout === 'mirage' && r.empty > 0) {
      process.stderr.write(`  note: MIRAGE's paper table came from an earlier evaluate.py that scored an empty reply list with the previous question's reply (MedQA CoT 0.6504 there); medir scores it wrong, as the current evaluate.py does\n`);
    }
  }
}

const generatorDefs = () => Object.values(ANSWERERS);
const retrieverDefs = () => Object.values(RETRIEVERS) as RetrieverDefinition[];

export function registerRag(program: Command): void {
  const rag = addLocationOptions(
    program
      .command('rag')
      .description('answer accuracy with and without retrieval: closed-book, RAG, oracle and distractor contexts, any generator or baseline reader')
      .option('--dataset <name|path>', 'QA data set (pubmedqa-pqal, casimedicos-mcq, mirage) or folder')
      .option('--split <name>', 'split to answer', 'test')
      .option('--lang <list>', 'only these languages, comma-separated (e.g. en,es)')
      .option('--generator <list>', `who answers, comma-separated for one table: ${describe(ANSWERERS)}`)
      .addOption(new Option('--prompt <name>', `prompt (default: medexpqa for CasiMedicos-style data, else medrag): ${describe(PROMPTS)}`).choices(Object.keys(PROMPTS)))
      .addOption(new Option('--extractor <name>', `answer extractor (default: the prompt's own): ${describe(EXTRACTORS)}`).choices(Object.keys(EXTRACTORS)))
      .option('--setting <list>', `context settings, comma-separated: ${describe(SETTINGS)}`, 'closed-book')
      .option('--retriever <list>', `retrievers for rag/distractors (and the IR solver), comma-separated: ${Object.keys(RETRIEVERS).join(', ')}`)
      .option('--passages <list>', 'passages shown, comma-separated (e.g. 1,3,5)', '5')
      .option('--context-tokens <n>', 'pack whole passages in rank order up to this many tokens (the model tokenizer, else whitespace tokens)', positiveInt('--context-tokens'))
      .option('--shuffle-seed <n>', 'shuffle each question\'s passages with this seed', nonNegativeInt('--shuffle-seed'))
      .option('--corpus <name|path>', 'retrieval corpus for data sets without one (a dataset name or a folder with corpus.jsonl)')
      .option('--limit <n>', 'answer only the first n questions (a quick check; recorded in the manifest)', positiveInt('--limit'))
      .option('--out <dir>', 'where answers, runs, manifests and the report go', 'runs/rag')
      .addOption(formatOption())
      .option('--json', 'same as --format json')
      .addHelpText('after', [
        '',
        'Examples:',
        '  medir rag --dataset pubmedqa-pqal --generator majority --setting closed-book,rag,oracle --retriever bm25,dense --passages 1,3,5',
        '  medir rag --dataset casimedicos-mcq --generator ir-solver --setting rag,oracle --retriever bm25 --passages 1',
        '  OPENAI_API_KEY=... medir rag --dataset pubmedqa-pqal --generator openai-compatible --base-url http://127.0.0.1:8000/v1 \\',
        '      --llm-model Qwen/Qwen2.5-7B-Instruct --setting closed-book,rag --retriever bm25 --passages 5',
      ].join('\n')),
  );
  optionGroup(rag, 'Generation options:', (c) => addParamOptions(c, generatorDefs().flatMap((d) => d.params)));
  // The retrievers' flags work as in `medir run`; listing them here would double rag's help.
  const before = new Set(rag.options);
  addPluginOptions(rag, retrieverDefs());
  for (const option of rag.options) if (!before.has(option)) option.hideHelp();
  rag.addHelpText('after', `\nRetriever options (${retrieverDefs().map((d) => d.name).join(', ')}): as in \`medir run --help\` (--k1, --model, --vector-store, …).`);
  rag.action((flags: RagFlags, cmd: Command) => {
    const chosen = <T extends { name: string }>(all: T[], names: string | undefined) => all.filter((d) => list(names).includes(d.name));
    rejectUnusedParams(cmd, [
      { kind: 'generator', chosen: chosen(generatorDefs(), flags.generator), all: generatorDefs() },
      { kind: 'retriever', chosen: chosen(retrieverDefs(), flags.retriever), all: retrieverDefs() },
    ]);
    return ragCommand(withJsonAlias(flags));
  });

  rag
    .command('score')
    .description("score stored replies (MIRAGE's DIR/<dataset>.jsonl, or a medir predictions.jsonl) with an extractor; takes rag's --dataset, --split, --lang, --extractor")
    .requiredOption('--predictions <dir|file>', 'folder of <group>.jsonl files ({"id", "responses": [...]}: the first response counts) or one file ({"id", "reply"})')
    .option('--versus <dir|file>', 'a second set of replies to the same questions (e.g. RAG against closed-book): paired McNemar test per group')
    .addHelpText('after', '\nExample:\n  medir rag score --dataset mirage --predictions ../shared/data/mirage/predictions/gpt-35-turbo-16k/cot --extractor mirage-compat')
    .action((_flags: unknown, cmd: Command) => scoreCommand(withJsonAlias(cmd.optsWithGlobals() as ScoreFlags)));
}

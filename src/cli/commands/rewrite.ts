import { Option, type Command } from 'commander';
import { MedirError } from '../../core/errors.js';
import { REPORT_MEASURES } from '../../crosslingual/measures.js';
import { REPORT_SPECS } from '../../evaluate/report-spec.js';
import type { Run } from '../../core/types.js';
import type { Dataset } from '../../data/datasets.js';
import { evaluate } from '../../evaluate/evaluate.js';
import { renderRows } from '../../evaluate/format/render.js';
import { resolvePolicy } from '../../evaluate/policy.js';
import { formatOption, toJson, type OutputFormat } from '../output.js';
import type { Locations } from '../../mirror/locations.js';
import { timed } from '../../core/timed.js';
import { retrieve } from '../../pipeline/retrieve.js';
import { sharedPool } from '../../pipeline/retrievers.js';
import { RETRIEVERS } from '../../retrieve/registry.js';
import type { RetrieverDefinition } from '../../retrieve/retriever.js';
import { recordRun } from '../../pipeline/record.js';
import { readPrecomputedRewrites } from '../../rewrite/precomputed.js';
import { loadPrompt } from '../../rewrite/prompt.js';
import { PromptedGenerator } from '../../rewrite/prompted.js';
import { r2medPreset } from '../../rewrite/r2med-preset.js';
import { REWRITE_METHODS, rewriteMethod } from '../../rewrite/registry.js';
import { writeSearchedQueries } from '../../rewrite/searched-file.js';
import { generateRewrites, retrieveRewritten, sourceConfig, type RewriteSource } from '../../rewrite/stage.js';
import { addDatasetOptions, addPluginOptions, datasetFrom, locationsFrom, positiveInt, rejectUnusedParams, type DatasetFlags } from '../common.js';
import { GENERATORS } from '../../generate/registry.js';
import type { GeneratorDefinition } from '../../generate/generator.js';
import { addGeneratorOptions, generatorFrom } from '../options/generator.js';
import { addPolicyOptions, policyFrom, policyLine, warnMissing, type PolicyFlags } from '../options/policy.js';

interface RewriteFlags extends DatasetFlags, PolicyFlags {
  method: string;
  retriever: string;
  generator?: string;
  rewrites?: string;
  prompt?: string;
  topK: number;
  out?: string;
  format: OutputFormat;
  [param: string]: unknown;
}

/** Flags given on the command line win over the R2MED preset, which wins over the retriever's defaults. */
function retrieverFlags(flags: RewriteFlags, dataset: Dataset): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  return { ...r2medPreset(dataset).bm25, ...given };
}

async function sourceFrom(flags: RewriteFlags, loc: Locations): Promise<RewriteSource> {
  const method = rewriteMethod(flags.method);
  if (flags.rewrites) return { kind: 'precomputed', file: flags.rewrites, texts: await readPrecomputedRewrites(flags.rewrites) };
  const generator = await generatorFrom(flags, loc);
  if (!generator) throw new MedirError('BAD_OPTION', '--generator or --rewrites is required', `generate with e.g. --generator openai-compatible --llm-model NAME, or load R2MED's query_with_hydoc.jsonl with --rewrites FILE`);
  const slots = method.usesPassages ? ['query', 'passages'] : ['query'];
  return { kind: 'generator', prompted: new PromptedGenerator(generator, loadPrompt(flags.prompt ?? method.prompt, slots)) };
}

async function rewriteCommand(flags: RewriteFlags): Promise<void> {
  const loc = locationsFrom(flags);
  const dataset = await datasetFrom(flags, loc);
  const method = rewriteMethod(flags.method);
  const source = await sourceFrom(flags, loc);
  const params = retrieverFlags(flags, dataset);
  const queries = dataset.queries.queries;

  let firstStage: Parameters<typeof generateRewrites>[3];
  if (method.usesPassages && source.kind === 'generator') {
    firstStage = { retriever: (await sharedPool.open('bm25', dataset, loc, params)).retriever, corpus: dataset.corpus };
  }
  const { value: generated, seconds: genSeconds } = await timed(() => generateRewrites(method, queries, source, firstStage));
  const name = flags.retriever;
  const baseline = await retrieve({ retriever: name, params }, { dataset, loc, topK: flags.topK });
  const { retriever } = await sharedPool.open(name, dataset, loc, params);
  const { value: rewritten, seconds } = await timed(() => retrieveRewritten(method, retriever, queries, generated, flags.topK));

  const out = flags.out ?? `runs/${dataset.name}.${name}.${method.name}.trec`;
  const stats = source.kind === 'generator' ? source.prompted.generator.stats?.() ?? {} : {};
  const config = { retriever: rewritten.retrieverConfig, rewrite: { method: method.name, ...sourceConfig(source), ...stats } };
  await recordRun(out, rewritten.run, `medir-${name}-${method.name}`, { dataset, producer: { name: `${name}+${method.name}`, config }, topK: flags.topK, seconds: { retrieve: genSeconds + seconds } });
  const searchedFile = await writeSearchedQueries(out, rewritten.searched);

  const policy = policyFrom(flags, { base: r2medPreset(dataset).policy });
  const means = (label: string, run: Run) => {
    const result = evaluate(dataset.qrels, run, REPORT_SPECS.language.measures, policy);
    warnMissing(result, label);
    return Object.fromEntries(result.names.map((n) => [n, result.mean.get(n)!]));
  };
  const scores = { original: means(`${name} (original queries)`, baseline.run), rewritten: means(`${name} + ${method.name}`, rewritten.run) };
  if (flags.format === 'json') {
    const from = source.kind === 'generator' ? { kind: 'generator', calls: stats.calls ?? null, cacheHits: stats.cacheHits ?? null } : { kind: 'precomputed', file: source.file };
    return void process.stdout.write(toJson({ dataset: dataset.name, split: dataset.split, queries: queries.length, retriever: name, method: method.name, source: from, generationSeconds: genSeconds, scores, policy: resolvePolicy(policy), run: out, searched: searchedFile }));
  }
  const from = source.kind === 'generator' ? `${stats.calls ?? '?'} generator calls, ${stats.cacheHits ?? '?'} from cache` : `precomputed (${source.file})`;
  const row = (label: string, m: Record<string, number>) => [label, ...Object.values(m).map((v) => v.toFixed(4))];
  const table = renderRows(flags.format, ['queries', ...REPORT_MEASURES.map((m) => m.label)], [row(`${name} (original queries)`, scores.original), row(`${name} + ${method.name}`, scores.rewritten)]);
  // CSV stays one table on stdout: what it is and where the run went go to stderr.
  const notes = flags.format === 'csv' ? process.stderr : process.stdout;
  notes.write(`\n${dataset.name} (${dataset.split}, ${queries.length} queries): ${name} with ${method.name} — ${from}, ${genSeconds.toFixed(1)}s\n\n`);
  process.stdout.write(table);
  notes.write(policyLine(policy));
  notes.write(`\nrun: ${out} (+ .json manifest); searched text: ${searchedFile}\n`);
}

export function registerRewrite(program: Command): void {
  const retrievers = Object.values(RETRIEVERS) as RetrieverDefinition[];
  const methods = Object.values(REWRITE_METHODS);
  const cmd = addDatasetOptions(
    program
      .command('rewrite')
      .description('generation-augmented retrieval (R2MED protocols): HyDE, query2doc or LameR rewrites, generated through the generator seam (cached) or loaded precomputed')
      .addOption(new Option('--method <name>', `rewriting method: ${methods.map((m) => `${m.name} (${m.description})`).join('; ')}`).choices(methods.map((m) => m.name)).makeOptionMandatory())
      .addOption(new Option('--retriever <name>', 'retriever searched with the rewritten queries').choices(retrievers.map((d) => d.name)).default('bm25'))
      .option('--rewrites <file>', "precomputed generated texts instead of a generator: JSONL with 'id' and 'hy_doc' (R2MED's query_with_hydoc.jsonl)")
      .option('--prompt <dir>', "prompt file replacing the method's shipped one (prompts/rewrite/<method>/v1/): a folder with user.txt and optionally system.txt; their sha256 go into the manifest")
      .option('--top-k <n>', 'depth of the run', positiveInt('--top-k'), 1000)
      .option('--out <file>', 'run file (default runs/<dataset>.<retriever>.<method>.trec); the searched text goes beside it as .queries.jsonl')
      .addOption(formatOption())
      .addHelpText('after', [
        '',
        'Examples:',
        '  medir rewrite --dataset r2med-biology-demo --method hyde --rewrites ../shared/data/r2med-biology-demo/hyde/qwen-7b/query_with_hydoc.jsonl',
        '  medir rewrite --dataset nfcorpus --method query2doc --generator openai-compatible --base-url http://127.0.0.1:8000/v1 --llm-model Qwen/Qwen2.5-7B-Instruct',
        '  medir rewrite --dataset nfcorpus --method hyde --retriever dense --generator onnx --llm-model tiny-random-gpt2',
      ].join('\n')),
  );
  addGeneratorOptions(cmd, 'generator that writes the passages');
  addPolicyOptions(cmd);
  addPluginOptions(cmd, retrievers);
  cmd.action((flags: RewriteFlags, c: Command) => {
    // A method that reads passages first searches with bm25 (its flags apply too) when it generates.
    const firstStage = rewriteMethod(flags.method).usesPassages && !flags.rewrites ? ['bm25'] : [];
    const generators = Object.values(GENERATORS) as GeneratorDefinition[];
    rejectUnusedParams(c, [
      { kind: 'retriever', chosen: retrievers.filter((d) => d.name === flags.retriever || firstStage.includes(d.name)), all: retrievers },
      { kind: 'generator', chosen: generators.filter((d) => d.name === flags.generator), all: generators },
    ]);
    return rewriteCommand(flags);
  });
}

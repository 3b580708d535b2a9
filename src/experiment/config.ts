import { readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { MedirError } from '../core/errors.js';
import { readParams } from '../core/params.js';
import { parseMeasures } from '../evaluate/parse.js';
import { GAINS } from '../evaluate/policy.js';
import { FUSION_METHODS } from '../fuse/methods/registry.js';
import { RERANKERS, rerankerDefinition } from '../rerank/registry.js';
import { ANSWERERS } from '../rag/readers/registry.js';
import { SETTINGS } from '../rag/settings/registry.js';
import { RETRIEVERS, retrieverDefinition } from '../retrieve/registry.js';

/**
 * An experiment's config file: YAML checked against a schema, then against medir's registries
 * (retrievers, their parameters, fusion methods, measures). Every error names the file, the key's
 * line and what was expected, as a usage error (exit 2).
 */

const scalar = z.union([z.number(), z.string(), z.boolean()]);
/** A value, or a list of values: one grid dimension. */
const gridOf = <T extends z.ZodType>(t: T, what: string) => z.union([t, z.array(t).min(1)], { error: `expected ${what}, or a non-empty list of them (a grid)` });

const retrieverSchema = z.strictObject({
  retriever: z.string(),
  params: z.record(z.string(), gridOf(scalar, 'a number, string or boolean')).optional(),
});

const fuseSchema = z.strictObject({
  method: gridOf(z.string(), 'a name'),
  norm: gridOf(z.string(), 'a name').optional(),
  rrfK: gridOf(z.number().positive(), 'a positive number').optional(),
  /** One weight per fused run; a list of such lists is a grid dimension. */
  weights: z.union([z.array(z.number()).min(1), z.array(z.array(z.number()).min(1)).min(1)], { error: 'expected a list of numbers (one per run), or a list of such lists (a grid)' }).optional(),
});

/** What a rerank step asks for: a reranker of src/rerank/'s registry, its parameters (a cross-encoder's `model`…), its depth. */
const rerankSchema = z.strictObject({
  reranker: gridOf(z.string(), 'a name'),
  depth: gridOf(z.number().int().positive(), 'a positive integer').optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A generation step: readers (or text generators) answer the dataset's questions in each context
 * setting, with the pipeline's one retriever for `rag`; `reader`, `setting` and `passages` are grid dimensions.
 */
const generateSchema = z.strictObject({
  reader: gridOf(z.string(), 'a reader or generator name'),
  setting: gridOf(z.string(), 'a setting name'),
  passages: gridOf(z.number().int().positive(), 'a positive integer').default(5),
  /** A text generator's model and reply length (`onnx`: a mirror model name). */
  llmModel: z.string().optional(),
  maxTokens: z.number().int().positive().optional(),
});

/** Query translators an experiment may use: those that need no generator (an LLM translator needs one configured). */
export const EXPERIMENT_TRANSLATORS = ['none', 'dictionary'] as const;

const pipelineSchema = z.strictObject({
  /** Queries translated into English first (`none`: as written); a list is a grid dimension. */
  translate: gridOf(z.enum(EXPERIMENT_TRANSLATORS), `one of ${EXPERIMENT_TRANSLATORS.join(', ')}`).optional(),
  /** Keys of `retrievers`: one is a first-stage run, several are fused. */
  retrievers: z.array(z.string()).min(1),
  fuse: fuseSchema.optional(),
  rerank: rerankSchema.optional(),
  generate: generateSchema.optional(),
});

const datasetSchema = z.strictObject({
  name: z.string(),
  split: z.string().default('test'),
  /** Query fields (`lang`, `group`, `task`) whose values each get a result row of their own. */
  by: z.array(z.string()).default([]),
});

const policySchema = z.strictObject({
  complete: z.boolean().optional(),
  maxPerQuery: z.number().int().positive().optional(),
  relevanceLevel: z.number().int().optional(),
  judgedOnly: z.boolean().optional(),
  ignoreIdenticalIds: z.boolean().optional(),
  gain: z.enum(GAINS).optional(),
});

export const configSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a name of letters, digits, . _ -'),
  datasets: z.array(datasetSchema).min(1),
  /** Depth of every first-stage and fused run. */
  topK: z.number().int().positive().default(100),
  retrievers: z.record(z.string(), retrieverSchema),
  pipelines: z.array(pipelineSchema).min(1),
  /** Retrieval measures (generate steps measure accuracy). */
  measures: z.array(z.string()).default([]),
  policy: policySchema.default({}),
  /** The label of the variant every other is tested against (default: the first). */
  baseline: z.string().optional(),
});

export type ExperimentConfig = z.infer<typeof configSchema>;
export type PipelineConfig = z.infer<typeof pipelineSchema>;
export type GenerateConfig = z.infer<typeof generateSchema>;

export interface LoadedConfig {
  file: string;
  yaml: string;
  config: ExperimentConfig;
  /** The line of a key path in the file (1-based), for errors found after parsing (an unknown baseline). */
  lineOf(path: readonly (string | number)[]): number;
}

type Path = readonly PropertyKey[];

/** The line where `path` (or, with `key`, that key of the map at `path`) is written. */
function lineIn(doc: Document, lines: LineCounter, path: Path, key?: string): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as (string | number)[], true);
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lines.linePos(range[0]).line;
    }
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return 1;
}

const dotted = (path: Path): string => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(top level)';

export function configError(file: string, line: number, key: string, what: string): MedirError {
  return new MedirError('BAD_OPTION', `${file}:${line}: ${key}: ${what}`);
}

/** Reads and checks an experiment config; errors name the key, its line and what was expected. */
export function loadConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new MedirError('MISSING_FILE', `${file}: cannot read the experiment config (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw configError(file, e.linePos?.[0].line ?? 1, '(yaml)', e.message.split('\n')[0]);
  }
  const parsed = configSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    // An unknown key first: a misspelt key also makes the key it was meant to be look missing.
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      throw configError(file, lineIn(doc, lines, issue.path, key), dotted([...issue.path, key]), `unknown key; expected one of: ${knownKeys(issue.path)}`);
    }
    throw configError(file, lineIn(doc, lines, issue.path), dotted(issue.path), issue.message);
  }
  const loaded: LoadedConfig = { file, yaml: text, config: parsed.data, lineOf: (path) => lineIn(doc, lines, path) };
  checkNames(loaded);
  return loaded;
}

/** The keys the schema accepts at a path, for "unknown key" errors. */
function knownKeys(path: Path): string {
  let schema: z.ZodType = configSchema;
  for (const step of path) {
    while (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(step)];
    if (!schema) return '?';
  }
  while (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape).join(', ') : '?';
}

const asList = <T>(v: T | readonly T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? [...(v as T[])] : [v as T]);

/** Checks every name against its registry: retrievers and their parameters, fusion methods, measures. */
function checkNames({ file, config, lineOf }: LoadedConfig): void {
  const fail = (path: Path, what: string) => configError(file, lineOf(path as (string | number)[]), dotted(path), what);
  const rethrow = (path: Path, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof MedirError) throw fail(path, err.message);
      throw err;
    }
  };
  for (const [name, r] of Object.entries(config.retrievers)) {
    rethrow(['retrievers', name, 'retriever'], () => retrieverDefinition(r.retriever));
    const def = RETRIEVERS[r.retriever as keyof typeof RETRIEVERS];
    for (const [key, value] of Object.entries(r.params ?? {})) {
      const known = def.params.map((p) => p.key);
      if (!known.includes(key)) throw fail(['retrievers', name, 'params', key], `unknown parameter of ${r.retriever}; expected one of: ${known.join(', ')}`);
      for (const v of asList(value)) rethrow(['retrievers', name, 'params', key], () => readParams(def.params, { [key]: v }));
    }
  }
  config.pipelines.forEach((p, i) => {
    p.retrievers.forEach((name, j) => {
      if (!Object.hasOwn(config.retrievers, name)) throw fail(['pipelines', i, 'retrievers', j], `unknown retriever '${name}'; expected a key of retrievers: ${Object.keys(config.retrievers).join(', ')}`);
    });
    if (p.generate) checkGenerate(p, ['pipelines', i, 'generate'], fail);
    if (p.retrievers.length > 1 && !p.fuse) throw fail(['pipelines', i, 'retrievers'], `${p.retrievers.length} retrievers need a fuse: step`);
    if (p.fuse) for (const m of asList(p.fuse.method)) if (!Object.hasOwn(FUSION_METHODS, m)) throw fail(['pipelines', i, 'fuse', 'method'], `unknown fusion method '${m}'; expected one of: ${Object.keys(FUSION_METHODS).join(', ')}`);
    if (p.fuse && p.retrievers.length < 2) throw fail(['pipelines', i, 'fuse'], 'fusion needs at least two retrievers');
    if (p.rerank) {
      for (const name of asList(p.rerank.reranker)) {
        if (!Object.hasOwn(RERANKERS, name)) throw fail(['pipelines', i, 'rerank', 'reranker'], `unknown reranker '${name}'; expected one of: ${Object.keys(RERANKERS).join(', ')}`);
        const def = rerankerDefinition(name);
        for (const [key, value] of Object.entries(p.rerank.params ?? {})) {
          if (!def.params.some((q) => q.key === key)) throw fail(['pipelines', i, 'rerank', 'params', key], `unknown parameter of ${name}; expected one of: ${def.params.map((q) => q.key).join(', ')}`);
          for (const v of asList(value)) rethrow(['pipelines', i, 'rerank', 'params', key], () => readParams(def.params, { [key]: v }));
        }
      }
    }
  });
  if (config.measures.length === 0 && config.pipelines.some((p) => !p.generate)) throw fail(['measures'], 'a retrieval pipeline needs measures (e.g. [ndcg@10, recall@100])');
  if (config.measures.length > 0) rethrow(['measures'], () => parseMeasures(config.measures));
}

/** A generate step answers with the readers and settings of src/rag/, over one retriever's passages. */
function checkGenerate(p: PipelineConfig, at: Path, fail: (path: Path, what: string) => MedirError): void {
  const g = p.generate!;
  for (const name of asList(g.reader)) if (!Object.hasOwn(ANSWERERS, name)) throw fail([...at, 'reader'], `unknown reader '${name}'; expected one of: ${Object.keys(ANSWERERS).join(', ')}`);
  for (const name of asList(g.setting)) if (!Object.hasOwn(SETTINGS, name)) throw fail([...at, 'setting'], `unknown setting '${name}'; expected one of: ${Object.keys(SETTINGS).join(', ')}`);
  if (p.retrievers.length > 1 || p.fuse || p.rerank || (p.translate !== undefined && asList(p.translate).some((t) => t !== 'none'))) {
    throw fail(at, 'a generate step reads one retriever\'s passages: give it one retriever, without fuse, rerank or translate');
  }
}

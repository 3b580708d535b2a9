import type { FuseOptions } from '../fuse/fuse.js';
import type { RetrieveSpec } from '../pipeline/retrieve.js';
import { conditionsFor, expandConditions, type Condition } from '../rag/condition.js';
import { answererDefinition } from '../rag/readers/registry.js';
import { settingDefinition } from '../rag/settings/registry.js';
import { configError, type ExperimentConfig, type GenerateConfig, type LoadedConfig } from './config.js';

/** One point of the grid: what runs, and a short label for tables (display only: outputs live under their stage keys). */
export interface Variant {
  label: string;
  /** A query translator run before retrieval (none when absent). */
  translate?: string;
  retrievers: RetrieveSpec[];
  fuse?: FuseOptions;
  /** The run (fused or not) reranked to `depth` by a reranker of src/rerank/'s registry. */
  rerank?: RerankSpec;
  /** Answers the dataset's questions in one context setting (retrievers[0] gives `rag`'s passages). */
  generate?: GenerateSpec;
  /** The line a generate variant's accuracy-vs-k points join (`bm25→majority`). */
  series?: string;
}

export interface GenerateSpec {
  reader: string;
  condition: Condition;
  /** The reader's and the retriever's parameters, as `medir rag` reads its flags. */
  params: Record<string, unknown>;
}

export interface RerankSpec {
  reranker: string;
  params: Record<string, unknown>;
  depth: number;
}

/** Rerank depth when a config names none: the CLI's `--rerank-depth` default. */
const DEFAULT_RERANK_DEPTH = 100;

type Choice = Record<string, unknown>;

/** Every combination of the values of `dims` (a list value is a dimension; a scalar is fixed). */
function cartesian(dims: Record<string, unknown>, isList: (key: string, v: unknown) => boolean): { choice: Choice; varied: string[] }[] {
  const keys = Object.keys(dims).filter((k) => dims[k] !== undefined);
  const varied = keys.filter((k) => isList(k, dims[k]));
  let out: Choice[] = [{}];
  for (const k of keys) {
    const values = varied.includes(k) ? (dims[k] as unknown[]) : [dims[k]];
    out = out.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
  }
  return out.map((choice) => ({ choice, varied }));
}

const show = (v: unknown): string => (Array.isArray(v) ? v.join('/') : String(v));
const tagged = (name: string, choice: Choice, varied: string[]): string =>
  varied.length === 0 ? name : `${name}(${varied.map((k) => `${k}=${show(choice[k])}`).join(',')})`;

/** The instances of one named retriever: one per combination of its listed parameters. */
function retrieverInstances(config: ExperimentConfig, name: string): { label: string; spec: RetrieveSpec }[] {
  const r = config.retrievers[name];
  return cartesian(r.params ?? {}, (_, v) => Array.isArray(v)).map(({ choice, varied }) => ({
    label: tagged(name, choice, varied),
    spec: { retriever: r.retriever, params: choice },
  }));
}

const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/**
 * A generate step's variants: reader × setting × passages, as `medir rag` runs them (a reader that
 * ignores passages answers closed-book once). Labels: `bm25→majority@3`, `closed-book:random`, `oracle:onnx`.
 */
function generateVariants(g: GenerateConfig, r: { label: string; spec: RetrieveSpec }, note: (text: string) => void): Variant[] {
  const model = { ...(g.llmModel !== undefined ? { llmModel: g.llmModel } : {}), ...(g.maxTokens !== undefined ? { maxTokens: g.maxTokens } : {}) };
  const all = expandConditions(asList(g.setting), [r.spec.retriever], asList(g.passages), {});
  return asList(g.reader).flatMap((reader) => {
    const def = answererDefinition(reader);
    const text = def.kind === 'text';
    const shown = text ? (g.llmModel ?? reader) : reader;
    return conditionsFor(def, all, note).map((condition: Condition) => {
      const retrieved = settingDefinition(condition.setting).passages === 'retrieved';
      return {
        label: retrieved ? `${r.label}→${shown}@${condition.passages}` : `${condition.setting}:${shown}`,
        retrievers: [r.spec],
        series: `${r.label}→${shown}`,
        generate: { reader, condition, params: { ...r.spec.params, ...(text ? model : {}) } },
      };
    });
  });
}

/**
 * The grid: each pipeline expanded over its retrievers' parameter lists and its fusion options'
 * lists (`weights` varies only as a list of lists). Labels are unique: `bm25`, `bm25(k1=0.9)`,
 * `rrf(bm25+glove)`, `rrf(rrfK=20)(bm25+glove)`.
 */
export function expandGrid({ config, file, lineOf }: LoadedConfig): { variants: Variant[]; baseline: string; notes: string[] } {
  const variants: Variant[] = [];
  const notes: string[] = [];
  for (const p of config.pipelines) {
    if (p.generate) {
      for (const r of retrieverInstances(config, p.retrievers[0])) variants.push(...generateVariants(p.generate, r, (n) => notes.push(n)));
      continue;
    }
    let combos: { labels: string[]; specs: RetrieveSpec[] }[] = [{ labels: [], specs: [] }];
    for (const name of p.retrievers) {
      const inst = retrieverInstances(config, name);
      combos = combos.flatMap((c) => inst.map((i) => ({ labels: [...c.labels, i.label], specs: [...c.specs, i.spec] })));
    }
    const fuses = p.fuse
      ? cartesian(p.fuse, (k, v) => Array.isArray(v) && (k !== 'weights' || Array.isArray(v[0]))).map(({ choice, varied }) => ({
          opts: { ...choice, topK: config.topK } as unknown as FuseOptions,
          label: tagged(String(choice.method), choice, varied.filter((k) => k !== 'method')),
        }))
      : [undefined];
    const reranks = p.rerank
      ? cartesian({ reranker: p.rerank.reranker, depth: p.rerank.depth ?? DEFAULT_RERANK_DEPTH, ...p.rerank.params }, (_, v) => Array.isArray(v)).map(({ choice, varied }) => {
          const { reranker, depth, ...params } = choice as { reranker: string; depth: number } & Choice;
          const shown = typeof params.model === 'string' ? params.model : reranker;
          return { spec: { reranker, depth, params } as RerankSpec, label: `+${tagged(`rerank(${shown})`, choice, varied.filter((k) => k !== 'reranker' && k !== 'model' && k !== 'depth'))}@${depth}` };
        })
      : [undefined];
    const translations = p.translate === undefined ? ['none'] : Array.isArray(p.translate) ? p.translate : [p.translate];
    for (const t of translations) {
      for (const c of combos) {
        for (const f of fuses) {
          for (const r of reranks) {
            const label = (f ? `${f.label}(${c.labels.join('+')})` : c.labels[0]) + (r?.label ?? '');
            variants.push({ label: t === 'none' ? label : `${t}→${label}`, translate: t === 'none' ? undefined : t, retrievers: c.specs, fuse: f?.opts, rerank: r?.spec });
          }
        }
      }
    }
  }
  const seen = new Map<string, number>();
  for (const v of variants) {
    const n = (seen.get(v.label) ?? 0) + 1;
    seen.set(v.label, n);
    if (n > 1) v.label = `${v.label}#${n}`;
  }
  const baseline = config.baseline ?? variants[0].label;
  if (!variants.some((v) => v.label === baseline)) {
    throw configError(file, lineOf(['baseline']), 'baseline', `'${baseline}' is no variant's label; expected one of: ${variants.map((v) => v.label).join(', ')}`);
  }
  return { variants, baseline, notes: [...new Set(notes)] };
}

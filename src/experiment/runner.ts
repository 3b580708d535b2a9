import { existsSync, mkdirSync } from 'node:fs';
import { cpus, platform, totalmem } from 'node:os';
import { join } from 'node:path';
import { Progress } from '../core/progress.js';
import { timed } from '../core/timed.js';
import type { Query } from '../core/types.js';
import { loadDataset, type Dataset } from '../data/datasets.js';
import { mapLimit } from '../generate/limit.js';
import type { Locations } from '../mirror/locations.js';
import { evaluate, evaluateKey, type Scores } from '../pipeline/evaluate.js';
import { fuse, fuseKey } from '../pipeline/fuse.js';
import { rerank, rerankKey } from '../pipeline/rerank.js';
import { retrieve, retrieveKey } from '../pipeline/retrieve.js';
import { createReranker } from '../rerank/registry.js';
import type { Reranker } from '../rerank/reranker.js';
import { canonicalJson } from '../provenance/provenance.js';
import { stageDir, type StageName, type StageRun } from '../pipeline/stage-cache.js';
import { configHash, fileSha256, MEDIR_VERSION } from '../provenance/provenance.js';
import type { LoadedConfig } from './config.js';
import { ResultsDb, type ResultRow } from './db.js';
import { expandGrid, type Variant } from './grid.js';
import { lockFolder } from './lock.js';
import { answer, answerKey, generateConfig } from './answer-stage.js';
import { loadQaSet, type QaSet } from '../rag/load.js';
import { queriesInEnglish } from './translate.js';

/** One stage of one (variant, dataset): its key, and whether its output is already in the stage cache. */
export interface PlannedStage {
  stage: StageName;
  key: string;
  cached: boolean;
  /** The rerank stage's reranker, made once per (reranker, params) for the whole grid. */
  reranker?: Reranker;
}

export interface PlannedUnit {
  variant: Variant;
  dataset: Dataset;
  /** The queries retrieved with: the dataset's, or their translation. */
  queries: readonly Query[];
  by: string[];
  stages: PlannedStage[];
  /** The questions a generate variant answers. */
  qa?: QaSet;
}

export interface Plan {
  variants: Variant[];
  baseline: string;
  units: PlannedUnit[];
}

const planned = (loc: Locations, stage: StageName, key: string): PlannedStage => ({ stage, key, cached: existsSync(join(stageDir(loc, stage, key), 'manifest.json')) });

/** The grid and, per (variant, dataset), every stage's key and whether it is cached — without running anything. */
export async function planExperiment(loaded: LoadedConfig, loc: Locations): Promise<Plan> {
  const { variants, baseline, notes } = expandGrid(loaded);
  if (process.env.MEDIR_QUIET !== '1') for (const n of notes) process.stderr.write(`${n}\n`);
  const { config } = loaded;
  const units: PlannedUnit[] = [];
  const rerankers = new Map<string, Promise<Reranker>>();
  for (const d of config.datasets) {
    const dataset = await loadDataset(d.name, { split: d.split }, loc);
    const translated = new Map<string, Query[]>();
    let qa: Promise<QaSet> | undefined;
    for (const variant of variants) {
      if (variant.generate) {
        const set = await (qa ??= loadQaSet(d.name, { split: d.split }, loc));
        units.push({ variant, dataset, queries: dataset.queries.queries, by: d.by, qa: set, stages: [planned(loc, 'generate', answerKey(set, variant.generate))] });
        continue;
      }
      const t = variant.translate;
      if (t && !translated.has(t)) translated.set(t, await queriesInEnglish(t, dataset.queries.queries, loc));
      const queries = t ? translated.get(t)! : dataset.queries.queries;
      const stages: PlannedStage[] = [];
      for (const spec of variant.retrievers) stages.push(planned(loc, 'retrieve', await retrieveKey(spec, { dataset, loc, topK: config.topK, queries })));
      if (variant.fuse) stages.push(planned(loc, 'fuse', fuseKey(stages.map((s) => s.key), variant.fuse)));
      if (variant.rerank) {
        const { reranker, params, depth } = variant.rerank;
        const id = canonicalJson({ reranker, params });
        if (!rerankers.has(id)) rerankers.set(id, createReranker(reranker, params, loc));
        const made = await rerankers.get(id)!;
        stages.push({ ...planned(loc, 'rerank', rerankKey(stages.at(-1)!.key, queries, made, depth)), reranker: made });
      }
      stages.push(planned(loc, 'evaluate', evaluateKey(stages.at(-1)!.key, dataset.qrels, config.measures, config.policy)));
      units.push({ variant, dataset, queries, by: d.by, stages });
    }
  }
  return { variants, baseline, units };
}

/** The model files a run's manifest names (a dense retriever's embedder: `files` → sha256). */
function modelChecksums(runs: readonly StageRun[]): { kind: string; name: string; sha256: string }[] {
  return runs.flatMap((r) => {
    const embedder = (r.manifest.retriever.config as { embedder?: { model?: string; files?: Record<string, string> } }).embedder;
    return Object.entries(embedder?.files ?? {}).map(([file, sha256]) => ({ kind: 'model', name: `${embedder!.model}/${file}`, sha256 }));
  });
}

/** Mean of each measure over the queries whose `field` has each value: the slice rows. */
function sliceRows(scores: Pick<Scores, 'names' | 'mean' | 'perQuery'>, queries: readonly Query[], by: readonly string[]): ResultRow[] {
  const rows: ResultRow[] = scores.names.map((m) => ({ sliceField: null, sliceValue: null, measure: m, value: scores.mean.get(m)!, n: scores.perQuery.size }));
  const byId = new Map(queries.map((q) => [q.id, q]));
  for (const field of by) {
    const groups = new Map<string, Map<string, number>[]>();
    for (const [qid, values] of scores.perQuery) {
      const v = byId.get(qid)?.meta[field];
      if (v === undefined || v === null) continue;
      const g = groups.get(String(v)) ?? [];
      g.push(values);
      groups.set(String(v), g);
    }
    for (const [value, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const m of scores.names) rows.push({ sliceField: field, sliceValue: value, measure: m, value: members.reduce((s, x) => s + (x.get(m) ?? 0), 0) / members.length, n: members.length });
    }
  }
  return rows;
}

export interface RunOptions {
  out: string;
  jobs: number;
  loc: Locations;
  /** Sees the plan before anything runs and may refuse it (a grid too large without --yes). */
  approve?: (plan: Plan) => void;
}

/** A variant's full config for the database; a generate variant's `generate` is what a report reads (passages, mode, series). */
function variantConfig(v: Variant, { config }: LoadedConfig): Record<string, unknown> {
  if (v.generate) return { retrievers: v.retrievers, generate: { ...generateConfig(v.generate), series: v.series, retriever: v.generate.condition.retriever, params: v.generate.params } };
  return { translate: v.translate, retrievers: v.retrievers, fuse: v.fuse, rerank: v.rerank, topK: config.topK, measures: config.measures, policy: config.policy };
}

/** The experiment folder's database path. */
export const resultsFile = (out: string): string => join(out, 'results.sqlite');

/**
 * Runs the grid: every (variant, dataset) through its stages (each reused from the stage cache when
 * its key is there), its result written to the database in one transaction. A result already in the
 * database for this config is kept, so an interrupted run resumes where it stopped.
 */
export async function runExperiment(loaded: LoadedConfig, opts: RunOptions): Promise<Plan> {
  const { out, loc } = opts;
  mkdirSync(out, { recursive: true });
  const release = lockFolder(out);
  const db = new ResultsDb(resultsFile(out));
  try {
    const plan = await planExperiment(loaded, loc);
    opts.approve?.(plan);
    const { config } = loaded;
    const ids = db.begin(
      {
        name: config.name,
        config_yaml: loaded.yaml,
        config_sha256: configHash(loaded.yaml),
        medir_version: MEDIR_VERSION,
        created_at: new Date().toISOString(),
        machine: JSON.stringify({ cores: cpus().length, memory: totalmem(), platform: platform() }),
        baseline: plan.baseline,
      },
      plan.variants.map((v) => ({ label: v.label, config: variantConfig(v, loaded), baseline: v.label === plan.baseline })),
    );
    for (const d of new Map(plan.units.map((u) => [`${u.dataset.name}\0${u.dataset.split}`, u.dataset])).values()) {
      const files = [d.corpus.source, join(d.dir, 'queries.jsonl'), join(d.dir, 'qrels', `${d.split}.tsv`)].filter((f) => existsSync(f));
      db.putDataset(d.name, d.split, d.queries.queries, await Promise.all(files.map(async (f) => ({ kind: 'data', name: f, sha256: await fileSha256(f, loc) }))));
    }
    const todo = plan.units.filter((u) => !db.has(ids.get(u.variant.label)!, u.dataset.name, u.dataset.split));
    if (process.env.MEDIR_QUIET !== '1') process.stderr.write(`${config.name}: ${plan.units.length} results (${plan.variants.length} variants × ${config.datasets.length} datasets), ${plan.units.length - todo.length} already stored\n`);
    const quiet = process.env.MEDIR_QUIET === '1';
    // A stage output several variants share is computed once, even with --jobs > 1 (two builds of one key would race).
    const inFlight = new Map<string, Promise<unknown>>();
    const progress = new Progress(`${config.name}`, todo.length);
    await mapLimit(todo, opts.jobs, async (unit, i) => {
      const { variant, dataset } = unit;
      const timings: { stage: string; seconds: number; cached: boolean }[] = [];
      const runs: { stage: string; path: string; key: string }[] = [];
      const step = async <T>(p: PlannedStage, fn: () => Promise<T>): Promise<T> => {
        if (!quiet) process.stderr.write(`[${i + 1}/${todo.length}] ${variant.label} on ${dataset.name}/${dataset.split}: ${p.stage}${p.cached ? ' (cached)' : ''}\n`);
        const cached = existsSync(join(stageDir(loc, p.stage, p.key), 'manifest.json'));
        const id = `${p.stage}/${p.key}`;
        const { value, seconds } = await timed(() => {
          if (!inFlight.has(id)) inFlight.set(id, fn());
          return inFlight.get(id) as Promise<T>;
        });
        timings.push({ stage: p.stage, seconds, cached });
        if (p.stage !== 'evaluate') runs.push({ stage: p.stage, path: join(stageDir(loc, p.stage, p.key), 'run.trec'), key: p.key });
        return value;
      };
      if (variant.generate) {
        const answers = await step(unit.stages[0], () => answer(unit.qa!, variant.generate!, unit.stages[0].key, out, loc));
        const perQuery = new Map(Object.entries(answers.correct).map(([qid, v]) => [qid, new Map([['accuracy', v]])]));
        const mean = new Map([['accuracy', [...perQuery.values()].reduce((s, m) => s + m.get('accuracy')!, 0) / perQuery.size]]);
        db.putResult({ variantId: ids.get(variant.label)!, dataset: dataset.name, split: dataset.split, policy: {}, results: sliceRows({ names: ['accuracy'], perQuery, mean }, dataset.queries.queries, unit.by), perQuery, runs: [], timings, checksums: [] });
        progress.tick();
        return;
      }
      const inputs: StageRun[] = [];
      for (const [j, spec] of variant.retrievers.entries()) inputs.push(await step(unit.stages[j], () => retrieve(spec, { dataset, loc, topK: config.topK, queries: unit.queries })));
      const first = variant.fuse ? await step(unit.stages[inputs.length], () => fuse(inputs, variant.fuse!, loc)) : inputs[0];
      const rerankStage = unit.stages.find((s) => s.stage === 'rerank');
      const ranked = rerankStage ? await step(rerankStage, () => rerank(first, unit.queries, dataset.corpus, rerankStage.reranker!, variant.rerank!.depth, loc)) : first;
      const scores = await step(unit.stages.at(-1)!, () => evaluate(ranked, dataset.qrels, config.measures, config.policy, loc));
      db.putResult({
        variantId: ids.get(variant.label)!,
        dataset: dataset.name,
        split: dataset.split,
        policy: scores.policy,
        results: sliceRows(scores, dataset.queries.queries, unit.by),
        perQuery: scores.perQuery,
        runs,
        timings,
        checksums: modelChecksums(inputs),
      });
      progress.tick();
    });
    progress.finish();
    return plan;
  } finally {
    db.close();
    release();
  }
}

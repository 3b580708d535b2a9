import { dirname, isAbsolute, join } from 'node:path';
import type Database from 'better-sqlite3';
import { MedirError } from '../core/errors.js';
import type { Qrels } from '../core/types.js';
import { loadDataset } from '../data/datasets.js';
import { resolvePolicy } from '../evaluate/policy.js';
import { readRun } from '../formats/run.js';
import type { Locations } from '../mirror/locations.js';
import { curvesOf } from './curves.js';
import type { CurvePoint, QueryInfo, RagPoint, ReportInput, VariantInput } from './model.js';

/** The results database of an experiment folder (docs/results-schema.md). */
export const RESULTS_DB = 'results.sqlite';

/** The run a report draws curves from: the last stage's output. */
const STAGE_ORDER = ['retrieve', 'fuse', 'rerank'];

interface GenerateConfig {
  passages?: number;
  k?: number;
  mode?: RagPoint['mode'];
  series?: string;
}

/**
 * A RAG variant's point: its config's `generate` settings give the passages k (0 = closed-book) and
 * whether it is a reference (mode closed-book or oracle); the series is `generate.series`, else the
 * variant's retrievers, else its label.
 */
function ragPoint(label: string, config: Record<string, unknown>, accuracy: number | undefined): RagPoint | undefined {
  const g = (config.generate ?? config.generation) as GenerateConfig | undefined;
  if (!g || accuracy === undefined) return undefined;
  const k = g.passages ?? g.k ?? 0;
  const mode = g.mode ?? (k === 0 ? 'closed-book' : 'retrieved');
  const retrievers = Array.isArray(config.retrievers) ? (config.retrievers as string[]).join('+') : undefined;
  return { variant: mode === 'retrieved' ? (g.series ?? retrievers ?? label) : `${mode} (${label})`, k, accuracy, mode };
}

/**
 * A report's input from an experiment's results database. The main table shows the database's
 * means and n as stored; significance, language gaps and the scatter come from its per-query rows;
 * the curves from the run files it names, evaluated on the dataset's qrels from the mirror.
 */
export async function reportFromDb(file: string, loc: Locations, opts: { dataset?: string } = {}): Promise<ReportInput> {
  // Loaded here, not at import: reports from run files need no native module.
  const { ResultsDb } = await import('../experiment/db.js');
  const db = new ResultsDb(file, true).db;
  try {
    const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const sets = db.prepare('SELECT DISTINCT dataset, split FROM results ORDER BY rowid').all() as { dataset: string; split: string }[];
    if (sets.length === 0) throw new MedirError('BAD_INPUT', `${file}: the experiment has no results yet`, 'run it first: medir experiment run …');
    const set = opts.dataset ? sets.find((s) => s.dataset === opts.dataset) : sets[0];
    if (!set) throw new MedirError('BAD_OPTION', `--dataset ${opts.dataset}: not in ${file} (${sets.map((s) => s.dataset).join(', ')})`);
    const warnings = sets.length > 1 ? [`this report shows ${set.dataset} (${set.split}); the database also has ${sets.filter((s) => s !== set).map((s) => `${s.dataset} (${s.split})`).join(', ')} (choose with --dataset)`] : [];
    const where = [set.dataset, set.split];

    const variantRows = db.prepare('SELECT id, label, config_json, is_baseline FROM variants ORDER BY id').all() as { id: number; label: string; config_json: string | null; is_baseline: number }[];
    const results = db.prepare('SELECT variant_id, measure, value, n, policy_json FROM results WHERE dataset = ? AND split = ? AND slice_field IS NULL ORDER BY rowid').all(...where) as { variant_id: number; measure: string; value: number; n: number; policy_json: string | null }[];
    const perQueryRows = db.prepare('SELECT variant_id, query_id, measure, value FROM per_query WHERE dataset = ? AND split = ?').all(...where) as { variant_id: number; query_id: string; measure: string; value: number }[];
    const measures = [...new Set(results.map((r) => r.measure))];

    const rag: RagPoint[] = [];
    const variants: VariantInput[] = [];
    for (const v of variantRows) {
      const rows = results.filter((r) => r.variant_id === v.id);
      if (rows.length === 0) {
        warnings.push(`variant ${v.label} has no results for ${set.dataset} (${set.split})`);
        continue;
      }
      const config = v.config_json ? (JSON.parse(v.config_json) as Record<string, unknown>) : {};
      const perQuery = new Map<string, Record<string, number>>();
      for (const r of perQueryRows) {
        if (r.variant_id !== v.id) continue;
        if (!perQuery.has(r.query_id)) perQuery.set(r.query_id, {});
        perQuery.get(r.query_id)![r.measure] = r.value;
      }
      const means = Object.fromEntries(rows.map((r) => [r.measure, { value: r.value, n: r.n }]));
      const point = ragPoint(v.label, config, means.accuracy?.value);
      if (point) rag.push(point);
      variants.push({ label: v.label, config, means, perQuery: perQuery.size ? perQuery : undefined });
    }

    const queries = new Map<string, QueryInfo>();
    for (const q of db.prepare('SELECT query_id, text, fields_json FROM queries WHERE dataset = ? AND split = ?').all(...where) as { query_id: string; text: string; fields_json: string | null }[]) {
      queries.set(q.query_id, { text: q.text, fields: q.fields_json ? (JSON.parse(q.fields_json) as Record<string, unknown>) : {} });
    }

    const curves = await curvesFromRuns(db, file, where, variantRows, loc, warnings, results[0]?.policy_json);
    const timings = (db.prepare('SELECT variant_id, stage, seconds, cached FROM stage_timings WHERE dataset = ? AND split = ?').all(...where) as { variant_id: number; stage: string; seconds: number; cached: number }[]).map((t) => ({
      variant: variantRows.find((v) => v.id === t.variant_id)?.label ?? String(t.variant_id),
      stage: t.stage,
      seconds: t.seconds,
      cached: t.cached === 1,
    }));
    const baseline = meta.get('baseline') ?? variantRows.find((v) => v.is_baseline === 1)?.label;
    return {
      title: `${meta.get('name') ?? file}: ${set.dataset} (${set.split})`,
      dataset: set.dataset,
      split: set.split,
      measures,
      policy: resolvePolicy(results[0]?.policy_json ? JSON.parse(results[0].policy_json) : {}),
      baseline,
      variants,
      queries,
      curves,
      timings,
      rag,
      details: {
        config: meta.get('config_yaml'),
        versions: Object.fromEntries([['medir', meta.get('medir_version') ?? 'unknown'], ['config sha256', meta.get('config_sha256') ?? 'unknown'], ['created', meta.get('created_at') ?? 'unknown']]),
        checksums: db.prepare('SELECT kind, name, sha256 FROM checksums ORDER BY kind, name').all() as { kind: string; name: string; sha256: string }[],
        machine: meta.has('machine') ? (JSON.parse(meta.get('machine')!) as Record<string, unknown>) : undefined,
      },
      warnings,
    };
  } finally {
    db.close();
  }
}

async function curvesFromRuns(db: Database.Database, file: string, where: string[], variants: { id: number; label: string }[], loc: Locations, warnings: string[], policyJson: string | null | undefined): Promise<CurvePoint[]> {
  const runs = db.prepare('SELECT variant_id, stage, path FROM runs WHERE dataset = ? AND split = ?').all(...where) as { variant_id: number; stage: string; path: string }[];
  if (runs.length === 0) return [];
  let qrels: Qrels;
  try {
    qrels = (await loadDataset(where[0], { split: where[1] }, loc)).qrels;
  } catch (err) {
    warnings.push(`recall@k curves skipped: the qrels of ${where[0]} (${where[1]}) could not be loaded (${(err as Error).message})`);
    return [];
  }
  const policy = policyJson ? JSON.parse(policyJson) : {};
  const curves: CurvePoint[] = [];
  for (const v of variants) {
    const last = runs.filter((r) => r.variant_id === v.id).sort((a, b) => STAGE_ORDER.indexOf(b.stage) - STAGE_ORDER.indexOf(a.stage))[0];
    if (!last) continue;
    const path = isAbsolute(last.path) ? last.path : join(dirname(file), last.path);
    try {
      curves.push(...curvesOf(v.label, (await readRun(path)).run, qrels, policy));
    } catch (err) {
      warnings.push(`variant ${v.label}: no recall@k curve (${(err as Error).message})`);
    }
  }
  return curves;
}

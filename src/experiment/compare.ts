import { existsSync } from 'node:fs';
import { MedirError } from '../core/errors.js';
import { correct, pairedTest, type PairedTestOptions } from '../evaluate/stats/registry.js';
import { ResultsDb } from './db.js';
import { resultsFile } from './runner.js';

/**
 * Significance between experiments, from their results databases: the paired tests and corrections
 * of `medir compare` (src/evaluate/stats/), applied to stored per-query values.
 */

export interface TestOptions extends PairedTestOptions {
  test: string;
  correction: string;
  alpha: number;
}

/** A result's per-query values: `label` → `dataset/split` → measure → query id → value. */
type Stored = Map<string, Map<string, Map<string, Map<string, number>>>>;

export interface Experiment {
  dir: string;
  meta: Record<string, string>;
  variants: Map<string, string>;
  values: Stored;
}

export function readExperiment(dir: string): Experiment {
  const file = resultsFile(dir);
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no results database`, `run \`medir experiment run CONFIG --out ${dir}\` first`);
  const db = new ResultsDb(file, true);
  try {
    const variants = new Map((db.db.prepare('SELECT label, config_json FROM variants ORDER BY id').all() as { label: string; config_json: string }[]).map((v) => [v.label, v.config_json]));
    const values: Stored = new Map();
    const rows = db.db.prepare('SELECT v.label, p.dataset, p.split, p.query_id, p.measure, p.value FROM per_query p JOIN variants v ON v.id = p.variant_id').iterate() as Iterable<{ label: string; dataset: string; split: string; query_id: string; measure: string; value: number }>;
    for (const r of rows) {
      const set = `${r.dataset}/${r.split}`;
      const byData = values.get(r.label) ?? values.set(r.label, new Map()).get(r.label)!;
      const byMeasure = byData.get(set) ?? byData.set(set, new Map()).get(set)!;
      const byQuery = byMeasure.get(r.measure) ?? byMeasure.set(r.measure, new Map()).get(r.measure)!;
      byQuery.set(r.query_id, r.value);
    }
    return { dir, meta: db.meta(), variants, values };
  } finally {
    db.close();
  }
}

/** `a` tested against `b` (its reference) on the queries both have; `diff` = mean of a − b. */
export interface Difference {
  a: string;
  b: string;
  dataset: string;
  measure: string;
  meanA: number;
  meanB: number;
  diff: number;
  n: number;
  p: number;
  pAdjusted: number;
  significant: boolean;
}

type Pair = Omit<Difference, 'pAdjusted' | 'significant'>;

/** One paired test over the queries both have. */
function testPair(a: string, b: string, dataset: string, measure: string, va: Map<string, number>, vb: Map<string, number>, opts: TestOptions): Pair | undefined {
  const qids = [...va.keys()].filter((q) => vb.has(q)).sort();
  if (qids.length < 2) return undefined;
  const xa = qids.map((q) => va.get(q)!);
  const xb = qids.map((q) => vb.get(q)!);
  const t = pairedTest(opts.test, xa, xb, opts);
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  return { a, b, dataset, measure, meanA: mean(xa), meanB: mean(xb), diff: t.meanDiff, n: qids.length, p: t.p };
}

/** Corrects the p-values of each (dataset, measure) family together. */
function corrected(pairs: Pair[], opts: TestOptions): Difference[] {
  const families = new Map<string, Pair[]>();
  for (const p of pairs) families.set(`${p.dataset}\0${p.measure}`, [...(families.get(`${p.dataset}\0${p.measure}`) ?? []), p]);
  return [...families.values()].flatMap((family) => {
    const adjusted = correct(opts.correction, family.map((f) => f.p));
    return family.map((f, i) => ({ ...f, pAdjusted: adjusted[i], significant: adjusted[i] < opts.alpha }));
  });
}

/** Every variant of a grid against its baseline, per (dataset, measure), corrected over the variants. */
export function againstBaseline(e: Experiment, opts: TestOptions, baseline = e.meta.baseline): Difference[] {
  const base = e.values.get(baseline);
  if (!base) throw new MedirError('BAD_OPTION', `--baseline: '${baseline}' is no variant with results in ${e.dir}; variants: ${[...e.variants.keys()].join(', ')}`);
  const pairs: Pair[] = [];
  for (const [label, byData] of e.values) {
    if (label === baseline) continue;
    for (const [dataset, byMeasure] of byData) {
      for (const [measure, values] of byMeasure) {
        const ref = base.get(dataset)?.get(measure);
        const t = ref && testPair(label, baseline, dataset, measure, values, ref, opts);
        if (t) pairs.push(t);
      }
    }
  }
  return corrected(pairs, opts);
}

/** What differs between two experiments' setups: variants only in one, variants whose config changed, meta keys. */
export function setupChanges(a: Experiment, b: Experiment): string[] {
  const lines: string[] = [];
  for (const key of ['medir_version', 'config_sha256', 'baseline']) if (a.meta[key] !== b.meta[key]) lines.push(`${key}: ${a.meta[key]} → ${b.meta[key]}`);
  for (const label of a.variants.keys()) if (!b.variants.has(label)) lines.push(`variant only in A: ${label}`);
  for (const label of b.variants.keys()) if (!a.variants.has(label)) lines.push(`variant only in B: ${label}`);
  for (const [label, config] of a.variants) if (b.variants.has(label) && b.variants.get(label) !== config) lines.push(`variant ${label}: config changed (${config} → ${b.variants.get(label)})`);
  return lines;
}

/** The variants both experiments have, B against A on each (dataset, measure), corrected over the variants. */
export function betweenExperiments(a: Experiment, b: Experiment, opts: TestOptions): Difference[] {
  const pairs: Pair[] = [];
  for (const [label, byData] of b.values) {
    for (const [dataset, byMeasure] of byData) {
      for (const [measure, values] of byMeasure) {
        const ref = a.values.get(label)?.get(dataset)?.get(measure);
        // B is tested against A: diff = B − A
        const t = ref && testPair(label, label, dataset, measure, values, ref, opts);
        if (t) pairs.push(t);
      }
    }
  }
  return corrected(pairs, opts);
}

import { formatTable } from '../core/table.js';
import { renderRows, type TableFormat } from '../evaluate/format/render.js';
import type { Difference, TestOptions } from './compare.js';
import { resultRows } from './export.js';
import type { Plan } from './runner.js';

/** The overall rows of an experiment folder as a table: one line per (variant, dataset[, slice]), one column per measure. */
export function resultsTable(dir: string): string {
  const rows = resultRows(dir);
  const measures = [...new Set(rows.map((r) => String(r.measure)))];
  const lines = new Map<string, Record<string, string | number | null>>();
  for (const r of rows) {
    const slice = r.slice_field === null ? '' : `${r.slice_field}=${r.slice_value}`;
    const key = [r.variant, r.dataset, r.split, slice].join('\0');
    lines.set(key, { ...(lines.get(key) ?? { variant: r.variant, dataset: `${r.dataset}/${r.split}`, slice, n: r.n }), [String(r.measure)]: r.value });
  }
  const body = [...lines.values()].map((l) => [String(l.variant), String(l.dataset), String(l.slice), String(l.n), ...measures.map((m) => (typeof l[m] === 'number' ? (l[m] as number).toFixed(4) : ''))]);
  return formatTable(['variant', 'dataset', 'slice', 'n', ...measures], body) + '\n';
}

/** Differences with their tests: one line per (variant, dataset, measure). */
export function differencesTable(rows: readonly Difference[], a: string, b: string, opts: TestOptions, format: TableFormat = 'table'): string {
  const body = rows.map((d) => [d.a, d.dataset, d.measure, String(d.n), d.meanB.toFixed(4), d.meanA.toFixed(4), (d.diff >= 0 ? '+' : '') + d.diff.toFixed(4), d.p.toPrecision(3), d.pAdjusted.toPrecision(3), d.significant ? 'yes' : 'no']);
  return renderRows(format, ['variant', 'dataset', 'measure', 'n', a, b, 'diff', 'p', `p (${opts.correction})`, `p<${opts.alpha}`], body);
}

/** A plan: each (variant, dataset) with its stages, cached or to run. */
export function planTable(plan: Plan, format: TableFormat = 'table'): string {
  const rows = plan.units.map((u) => [
    u.variant.label + (u.variant.label === plan.baseline ? ' (baseline)' : ''),
    `${u.dataset.name}/${u.dataset.split}`,
    u.stages.map((s) => `${s.stage}:${s.cached ? 'cached' : 'to run'}`).join(' '),
  ]);
  return renderRows(format, ['variant', 'dataset', 'stages'], rows);
}

import { MedirError } from '../core/errors.js';
import { ResultsDb } from './db.js';
import { existsSync } from 'node:fs';
import { resultsFile } from './runner.js';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The result rows of an experiment folder with variant labels, in a stable order. */
export function resultRows(dir: string): Record<string, string | number | null>[] {
  const file = resultsFile(dir);
  if (!existsSync(file)) throw new MedirError('MISSING_FILE', `${file}: no results database`, `run \`medir experiment run CONFIG --out ${dir}\` first`);
  const db = new ResultsDb(file, true);
  try {
    return db.db
      .prepare(
        `SELECT v.label AS variant, v.is_baseline AS baseline, r.dataset, r.split, r.slice_field, r.slice_value, r.measure, r.value, r.n
         FROM results r JOIN variants v ON v.id = r.variant_id
         ORDER BY v.id, r.dataset, r.split, r.slice_field IS NOT NULL, r.slice_field, r.slice_value, r.rowid`,
      )
      .all() as Record<string, string | number | null>[];
  } finally {
    db.close();
  }
}

const csvCell = (v: string | number | null): string => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The rows as CSV (header first) or JSONL (one object a line). */
export function exportResults(dir: string, format: ExportFormat): string {
  const rows = resultRows(dir);
  if (format === 'jsonl') return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
  const header = ['variant', 'baseline', 'dataset', 'split', 'slice_field', 'slice_value', 'measure', 'value', 'n'];
  return [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))].join('\n') + '\n';
}

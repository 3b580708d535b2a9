import { renderRows, TABLE_FORMATS, type TableFormat } from '../evaluate/format/render.js';
import { isNotApplicable, type ConditionSummary, type Gap, type LanguageRow, type NotApplicable, type XlingReport } from './report.js';

export const XLING_FORMATS = [...TABLE_FORMATS, 'json'] as const;
export type XlingFormat = (typeof XLING_FORMATS)[number];

const num = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a (undefined)');
const signed = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(4)}` : 'n/a (undefined)');
const percent = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%` : 'n/a (reference is 0)');
const pValue = (p: number) => (!Number.isFinite(p) ? 'n/a (undefined)' : p < 1e-4 ? '<0.0001' : p.toFixed(4));
const reason = (na: NotApplicable) => `n/a: ${na.notApplicable}`;

function cell<T>(value: T | NotApplicable, show: (v: T) => string): string {
  return isNotApplicable(value) ? reason(value) : show(value);
}

/** Cells that do not apply for one reason: the first says why, the others say n/a. */
function naCells(na: NotApplicable, count: number): string[] {
  return [reason(na), ...Array<string>(count - 1).fill('n/a')];
}

/** The gap cells of a row on the primary measure: Δ, Δ%, CI (one cell `[lo, hi]`, or two for CSV), p. */
function gapCells(row: LanguageRow, primary: string, ciColumns: 1 | 2): string[] {
  if (isNotApplicable(row.gap)) return naCells(row.gap, 3 + ciColumns);
  const g = (row.gap as Record<string, Gap>)[primary];
  const ci = ciColumns === 2 ? [signed(g.ci[0]), signed(g.ci[1])] : [`[${signed(g.ci[0])}, ${signed(g.ci[1])}]`];
  return [signed(g.absolute), percent(g.relative), ...ci, pValue(g.p)];
}

function languageTable(report: XlingReport, ciColumns: 1 | 2): { header: string[]; rows: string[][] } {
  const gapTo = isNotApplicable(report.reference) ? 'reference' : report.reference;
  const ci = ciColumns === 2 ? ['95% CI of Δ: low', '95% CI of Δ: high'] : ['95% CI of Δ'];
  const header = ['condition', 'lang', 'queries', ...report.measures, `Δ ${report.primary} vs ${gapTo}`, 'Δ%', ...ci, 'p', 'overlap@10'];
  const rows = report.rows.map((r) => [
    r.label,
    r.lang,
    String(r.queries),
    ...(isNotApplicable(r.scores) ? naCells(r.scores, report.measures.length) : report.measures.map((m) => num((r.scores as Record<string, number>)[m]))),
    ...gapCells(r, report.primary, ciColumns),
    cell(r.overlap, num),
  ]);
  return { header, rows };
}

function summaryTable(report: XlingReport): { header: string[]; rows: string[][] } {
  const header = ['condition', 'languages', `worst ${report.primary}`, `best ${report.primary}`, 'spread (best − worst)', 'mean overlap@10', 'all-languages-hit@10', 'groups'];
  const rows = report.summaries.map((s: ConditionSummary) => [
    s.label,
    s.languages.join(' '),
    cell(s.worst, (w) => `${w.lang} ${num(w.value)}`),
    cell(s.best, (b) => `${b.lang} ${num(b.value)}`),
    cell(s.spread, num),
    cell(s.overlap, num),
    cell(s.allLanguagesHit, num),
    String(s.groups),
  ]);
  return { header, rows };
}

/**
 * The report as text. Markdown and the terminal table give two tables (per language, per
 * condition) with the method below; CSV gives one flat table (one row per condition × language,
 * the condition's spread and all-languages-hit repeated) that pandas reads directly; JSON gives
 * everything, gaps on every measure included.
 */
export function formatReport(report: XlingReport, format: XlingFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  const lang = languageTable(report, format === 'csv' ? 2 : 1);
  const summary = summaryTable(report);
  if (format === 'csv') {
    // The summary's spread, mean overlap@10 and all-languages-hit@10 columns, repeated per language.
    const perCondition = (cells: readonly string[]) => cells.slice(4, 7);
    const byCondition = new Map(report.summaries.map((s, i) => [s.condition, summary.rows[i]]));
    const rows = report.rows.map((r, i) => [...lang.rows[i], ...perCondition(byCondition.get(r.condition)!)]);
    return renderRows('csv', [...lang.header, ...perCondition(summary.header)], rows);
  }
  const f: TableFormat = format;
  const lines = [
    `${report.dataset} (${report.split}): per-language scores; gap to ${isNotApplicable(report.reference) ? `the reference: n/a (${report.reference.notApplicable})` : report.reference}`,
    '',
    renderRows(f, lang.header, lang.rows),
    renderRows(f, summary.header, summary.rows),
    `p: ${report.method.test}; CI: ${report.method.bootstrap}.`,
    `Evaluation: ${report.method.policy}.`,
    ...report.notes.map((n) => `Note: ${n}`),
    ...report.runs.map((r) => `run: ${r.run}${r.queries ? ` (searched text: ${r.queries})` : ''}`),
  ];
  return lines.join('\n') + '\n';
}

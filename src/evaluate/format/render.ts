import { formatTable } from '../../core/table.js';

/** The tabular text formats every evaluation report can take. */
export const TABLE_FORMATS = ['table', 'markdown', 'csv'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

function csvCell(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function markdownCell(cell: string): string {
  return cell.replace(/\|/g, '\\|');
}

/** Renders a header and rows as an aligned terminal table, a GitHub Markdown table or RFC 4180 CSV. */
export function renderRows(format: TableFormat, header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (format === 'table') return formatTable(header, rows) + '\n';
  if (format === 'csv') return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^-?[\d.]+$|^$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(header), `|${numeric.map((n) => (n ? '---:' : ':---')).join('|')}|`, ...rows.map(line)].join('\n') + '\n';
}

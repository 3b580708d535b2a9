import type { Breakdown } from '../breakdown.js';
import type { EvalResult } from '../evaluator.js';
import { describePolicy } from '../policy.js';
import { renderRows, type TableFormat } from './render.js';

export const RESULT_FORMATS = ['table', 'markdown', 'csv', 'json', 'trec_eval'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** Four decimals for measures, integers for counts (num_*), as trec_eval prints them. */
export function formatValue(result: EvalResult, name: string, value: number): string {
  const spec = result.outputs.find((o) => o.name === name);
  return spec?.value === 'int' ? String(Math.trunc(value)) : value.toFixed(4);
}

/** The line under table and Markdown reports that says how the numbers were made (CSV stays pure data). */
function policyFooter(result: EvalResult, format: TableFormat): string {
  const text = `${result.numQueries} queries; ${describePolicy(result.policy)}`;
  return format === 'table' ? `\n${text}\n` : format === 'markdown' ? `\n_${text}_\n` : '';
}

/**
 * An evaluation as a table. Summary: one row per measure. With per-query values: one row per query
 * plus `all` (wide) in table/Markdown, and long `qid,measure,value` rows in CSV (what pandas/polars read).
 */
export function formatResult(result: EvalResult, format: TableFormat, perQuery: boolean): string {
  if (format === 'csv') {
    const rows: string[][] = [];
    if (perQuery) for (const [qid, values] of result.perQuery) for (const [name, v] of values) rows.push([qid, name, String(v)]);
    for (const name of result.names) rows.push(['all', name, String(result.mean.get(name))]);
    return renderRows('csv', ['qid', 'measure', 'value'], rows);
  }
  const footer = policyFooter(result, format);
  if (!perQuery) {
    const rows = result.names.map((n) => [n, formatValue(result, n, result.mean.get(n)!)]);
    return renderRows(format, ['measure', 'value'], rows) + footer;
  }
  const names = result.names.filter((n) => result.perQuery.values().next().value?.has(n));
  const rows = [...result.perQuery].map(([qid, values]) => [qid, ...names.map((n) => formatValue(result, n, values.get(n)!))]);
  rows.push(['all', ...names.map((n) => formatValue(result, n, result.mean.get(n)!))]);
  return renderRows(format, ['qid', ...names], rows) + footer;
}

/** The result as JSON: policy, names, `all` values and (on request) per-query values. */
export function resultJson(result: EvalResult, perQuery: boolean): string {
  return (
    JSON.stringify(
      {
        runId: result.runId,
        policy: result.policy,
        numQueries: result.numQueries,
        names: result.names,
        mean: Object.fromEntries(result.mean),
        ...(perQuery ? { perQuery: Object.fromEntries([...result.perQuery].map(([q, v]) => [q, Object.fromEntries(v)])) } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}

/** A breakdown by a query field: one row per group with its query count, then the macro average. */
export function formatBreakdown(result: EvalResult, b: Breakdown, format: TableFormat | 'json'): string {
  if (format === 'json') {
    return JSON.stringify({ field: b.field, policy: result.policy, names: b.names, groups: b.groups.map((g) => ({ group: g.group, count: g.count, mean: Object.fromEntries(g.mean) })), macro: Object.fromEntries(b.macro) }, null, 2) + '\n';
  }
  const cell = (v: number) => (format === 'csv' ? String(v) : v.toFixed(4));
  const rows = b.groups.map((g) => [g.group, String(g.count), ...b.names.map((n) => cell(g.mean.get(n)!))]);
  rows.push([`macro (${b.groups.length} groups)`, String(b.groups.reduce((s, g) => s + g.count, 0)), ...b.names.map((n) => cell(b.macro.get(n)!))]);
  return renderRows(format, [b.field, 'queries', ...b.names], rows) + policyFooter(result, format);
}

import type { Query } from '../core/types.js';
import type { EvalResult } from './evaluator.js';

export const NO_GROUP = '(none)';

export interface GroupRow {
  group: string;
  /** Evaluated queries in the group. */
  count: number;
  mean: Map<string, number>;
}

/** Per-group means of an evaluation, and the macro average over groups (each group weighs the same). */
export interface Breakdown {
  field: string;
  names: string[];
  groups: GroupRow[];
  macro: Map<string, number>;
}

function groupOf(query: Query | undefined, field: string): string {
  const value = query?.meta[field];
  if (value === undefined || value === null || value === '') return NO_GROUP;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Breaks an evaluation down by a query metadata field (`lang`, `task`…). A query without the field,
 * or not among `queries`, goes to group '(none)'. Only measures with per-query values are broken down
 * (not num_q, gm_map, gm_bpref). Groups are in string order.
 */
export function evaluateBy(result: EvalResult, queries: readonly Query[], field: string): Breakdown {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const names = result.names.filter((n) => result.perQuery.values().next().value?.has(n));
  const sums = new Map<string, { count: number; sums: Float64Array }>();
  for (const [qid, values] of result.perQuery) {
    const group = groupOf(byId.get(qid), field);
    let entry = sums.get(group);
    if (!entry) sums.set(group, (entry = { count: 0, sums: new Float64Array(names.length) }));
    entry.count++;
    names.forEach((n, i) => (entry.sums[i] += values.get(n)!));
  }
  const groups = [...sums.keys()]
    .sort() // UTF-16 code unit order, as `<` compares strings
    .map((group) => {
      const { count, sums: s } = sums.get(group)!;
      return { group, count, mean: new Map(names.map((n, i) => [n, s[i] / count])) };
    });
  const macro = new Map(names.map((n) => [n, groups.reduce((acc, g) => acc + g.mean.get(n)!, 0) / groups.length]));
  return { field, names, groups, macro };
}

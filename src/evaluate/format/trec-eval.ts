import type { EvalResult, OutputSpec } from '../evaluator.js';
import { familyOrder } from '../measures/registry.js';
import { cFixed } from './fixed.js';

/** trec_eval's line: printf("%-22s\t%s\t%s\n"). */
function line(name: string, qid: string, value: string): string {
  return `${name.padEnd(22)}\t${qid}\t${value}\n`;
}

function valueText(o: OutputSpec, v: number): string {
  return o.value === 'int' ? String(Math.trunc(v)) : cFixed(v);
}

/**
 * Prints a result exactly as trec_eval 10.0 does with `-q` (perQuery) : per-query lines in qid order,
 * then the `all` lines, measures in trec_eval's order (measures.c), 4 decimals, integers for counts,
 * relstring quoted and per query only, runid and num_q and gm_* in the summary only.
 */
export function formatTrecEval(result: EvalResult, perQuery: boolean): string {
  // sort is stable (ES2019): outputs of one family keep the order they were asked for
  const ordered = [...result.outputs].sort((a, b) => familyOrder(a.family) - familyOrder(b.family));
  let out = '';
  if (perQuery) {
    // The per-query lines are most of a large output: names padded once, one string per line.
    const shown = ordered.filter((o) => o.perQuery);
    const heads = shown.map((o) => o.name.padEnd(22));
    for (const [qid, values] of result.perQuery) {
      const texts = result.perQueryText.get(qid);
      const tail = `\t${qid}\t`;
      for (let k = 0; k < shown.length; k++) {
        const o = shown[k];
        const value = o.value === 'text' ? `'${texts?.get(o.name) ?? ''}'` : valueText(o, values.get(o.name)!);
        out += heads[k] + tail + value + '\n';
      }
    }
  }
  for (const o of ordered) {
    if (o.summary === 'runid') out += line(o.name, 'all', result.runId);
    else if (o.value !== 'text') out += line(o.name, 'all', valueText(o, result.mean.get(o.name)!));
  }
  return out;
}

import { beats, letter, type Comparison, type PairComparison } from '../compare.js';
import { describePolicy } from '../policy.js';
import { renderRows } from './render.js';

export const COMPARISON_FORMATS = ['table', 'markdown', 'csv', 'json', 'latex'] as const;
export type ComparisonFormat = (typeof COMPARISON_FORMATS)[number];

const CORRECTION_NAMES: Record<string, string> = { holm: 'Holm', bonferroni: 'Bonferroni', none: 'uncorrected' };

function pText(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/** Draws behind a sampled p-value (randomization, bootstrap): its floor is 1 / (draws + 1). */
const SAMPLED: Record<string, { draws: (c: Comparison) => number | undefined; noun: string }> = {
  randomization: { draws: (c) => c.options.permutations, noun: 'permutations' },
  bootstrap: { draws: (c) => c.options.samples, noun: 'resamples' },
};

/**
 * A pair's p as printed. At a sampled test's floor no draw was as extreme as the observed
 * difference, so the true p is only known to lie below 1/draws (times the correction's factor):
 * "p < 1e-4 with 10,000 permutations", not a spuriously exact "p=1.0e-4".
 */
function pairP(c: Comparison, pair: PairComparison): string {
  const sampled = SAMPLED[c.options.test];
  const draws = sampled?.draws(c) ?? 10_000;
  if (!sampled || pair.p > 1 / (draws + 1)) return `p=${pText(pair.pAdjusted)}`;
  const bound = Math.min(1, (pair.pAdjusted * (draws + 1)) / draws);
  return `p < ${bound < 0.001 ? bound.toExponential(0) : bound.toFixed(3)} with ${draws.toLocaleString('en-US')} ${sampled.noun}`;
}

/** "b beats a on ndcg_cut_10 by +0.031 (p=0.004, Holm)" for each significant pair, or a line saying there is none. */
export function summaryLines(c: Comparison): string[] {
  // With one pair per measure there is nothing to correct: no correction is named.
  const corrected = c.runs.length > 2 ? `, ${CORRECTION_NAMES[c.options.correction] ?? c.options.correction}` : '';
  const lines = c.pairs
    .filter((p) => p.significant)
    .map((p) => {
      const [winner, loser] = p.diff > 0 ? [p.a, p.b] : [p.b, p.a];
      return `${c.runs[winner]} beats ${c.runs[loser]} on ${p.measure} by +${Math.abs(p.diff).toFixed(3)} (${pairP(c, p)}${corrected})`;
    });
  return lines.length ? lines : [`no significant difference at alpha=${c.options.alpha} (${c.options.test}${corrected})`];
}

function best(c: Comparison, measure: string): number {
  return Math.max(...c.means.map((m) => m.get(measure)!));
}

function footer(c: Comparison): string {
  const pairs = (c.runs.length * (c.runs.length - 1)) / 2;
  const correction = pairs === 1 ? 'one pair per measure (nothing to correct)' : `${CORRECTION_NAMES[c.options.correction] ?? c.options.correction} over the ${pairs} pairs of each measure`;
  const test = `${c.options.test}, ${correction}, alpha=${c.options.alpha}`;
  return `${c.qids.length} queries shared by all runs; ${test}; letters mark significant wins over the runs they name; ${describePolicy(c.policy)}`;
}

function pairRows(c: Comparison, value: (x: number) => string): string[][] {
  return c.pairs.map((p: PairComparison) => [
    p.measure,
    `${letter(p.a)} vs ${letter(p.b)}`,
    value(p.diff),
    value(p.p),
    value(p.pAdjusted),
    value(p.effectSize),
    p.ci ? `[${value(p.ci[0])}, ${value(p.ci[1])}]` : '',
    p.significant ? 'yes' : 'no',
  ]);
}

const PAIR_HEADER = ['measure', 'pair', 'mean diff', 'p', 'p adjusted', 'effect (d_z)', 'CI of diff', 'significant'];

function latexEscape(s: string): string {
  return s.replace(/([_%&#$])/g, '\\$1');
}

function latex(c: Comparison): string {
  const cols = `ll${'r'.repeat(c.measures.length)}`;
  const rows = c.runs.map((run, i) => {
    const cells = c.measures.map((m) => {
      const v = c.means[i].get(m)!;
      const text = v === best(c, m) ? `\\textbf{${v.toFixed(4)}}` : v.toFixed(4);
      const marks = beats(c, i, m).map(letter).join('');
      return marks ? `${text}$^{${marks}}$` : text;
    });
    return `${letter(i)} & ${latexEscape(run)} & ${cells.join(' & ')} \\\\`;
  });
  return [
    '% requires \\usepackage{booktabs}',
    `\\begin{tabular}{${cols}}`,
    '\\toprule',
    ` & Run & ${c.measures.map(latexEscape).join(' & ')} \\\\`,
    '\\midrule',
    ...rows,
    '\\bottomrule',
    '\\end{tabular}',
    `% ${footer(c)}`,
    '',
  ].join('\n');
}

/** The comparison report: one row per run (means, best in bold, significance letters), the pair tests, a summary. */
export function formatComparison(c: Comparison, format: ComparisonFormat): string {
  if (format === 'latex') return latex(c);
  if (format === 'json') {
    return (
      JSON.stringify(
        {
          runs: c.runs.map((name, i) => ({ id: letter(i), name, means: Object.fromEntries(c.means[i]), beats: Object.fromEntries(c.measures.map((m) => [m, beats(c, i, m).map(letter)])) })),
          measures: c.measures,
          queries: c.qids.length,
          test: c.options.test,
          correction: c.options.correction,
          alpha: c.options.alpha,
          pairs: c.pairs.map((p) => ({ ...p, a: c.runs[p.a], b: c.runs[p.b] })),
          summary: summaryLines(c),
          policy: c.policy,
        },
        null,
        2,
      ) + '\n'
    );
  }
  if (format === 'csv') {
    const header = ['id', 'run', ...c.measures.flatMap((m) => [m, `${m} beats`])];
    const rows = c.runs.map((run, i) => [letter(i), run, ...c.measures.flatMap((m) => [String(c.means[i].get(m)), beats(c, i, m).map(letter).join(' ')])]);
    return renderRows('csv', header, rows);
  }
  const mark = (i: number, m: string) => {
    const marks = beats(c, i, m).map(letter).join('');
    const v = c.means[i].get(m)!;
    const text = format === 'markdown' && v === best(c, m) ? `**${v.toFixed(4)}**` : v.toFixed(4);
    return marks ? (format === 'markdown' ? `${text}<sup>${marks}</sup>` : `${text} ^${marks}`) : text;
  };
  const main = renderRows(format, ['id', 'run', ...c.measures], c.runs.map((run, i) => [letter(i), run, ...c.measures.map((m) => mark(i, m))]));
  const pairs = renderRows(format, PAIR_HEADER, pairRows(c, (x) => (Number.isFinite(x) ? x.toFixed(4) : String(x))));
  const summary = summaryLines(c).map((l) => (format === 'markdown' ? `- ${l}` : l));
  return `${main}\n${pairs}\n${summary.join('\n')}\n\n${format === 'markdown' ? `_${footer(c)}_` : footer(c)}\n`;
}

/** Per-query values of every run in long CSV (qid, measure, run, value, delta to the first run), for plotting. */
export function perQueryCsv(c: Comparison): string {
  const rows: string[][] = [];
  c.qids.forEach((qid, q) => {
    for (const m of c.measures) {
      const base = c.values[0].get(m)![q];
      c.runs.forEach((run, i) => {
        const v = c.values[i].get(m)![q];
        rows.push([qid, m, run, String(v), String(v - base)]);
      });
    }
  });
  return renderRows('csv', ['qid', 'measure', 'run', 'value', `delta vs ${c.runs[0]}`], rows);
}

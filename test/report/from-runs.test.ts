import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../src/report/browser.js';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

// Reports straight from run files on a small dataset written here: the bad inputs and the
// Markdown / LaTeX outputs.

function dataset(dir: string): string {
  return writeTree(join(dir, 'data'), {
    'corpus.jsonl': ['d1', 'd2', 'd3', 'd4'].map((d) => JSON.stringify({ _id: d, title: '', text: `text ${d}` })).join('\n') + '\n',
    'queries.jsonl': ['q1', 'q2', 'q3'].map((q) => JSON.stringify({ _id: q, text: `question ${q}` })).join('\n') + '\n',
    'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td3\t1\n',
  });
}

const runA = 'q1 Q0 d1 1 3 a\nq1 Q0 d2 2 2 a\nq2 Q0 d1 1 3 a\nq2 Q0 d2 2 2 a\nq3 Q0 d3 1 1 a\n';
const runB = 'q1 Q0 d2 1 3 b\nq1 Q0 d1 2 2 b\nq2 Q0 d2 1 3 b\nq3 Q0 d4 1 1 b\n';
const alien = 'x1 Q0 d1 1 3 c\nx2 Q0 d2 1 2 c\n';

describe('medir report --runs', () => {
  it('leaves out a run whose queries are not in the qrels, saying so on stderr and in the page', () => {
    const dir = tempDir();
    const data = dataset(dir);
    writeTree(dir, { 'a.trec': runA, 'b.trec': runB, 'alien.trec': alien });
    const out = join(dir, 'r.html');
    const r = medir(['report', '--dataset', data, '--runs', join(dir, 'a.trec'), join(dir, 'alien.trec'), join(dir, 'b.trec'), '--measures', 'ndcg@10,recall@100', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const said = `${join(dir, 'alien.trec')}: none of its 2 queries is in the data test qrels (e.g. x1, x2): left out of the report`;
    expect(r.stderr).toContain(said);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(said);
    expect(html).toMatch(/<tr data-variant="a">/);
    expect(html).not.toMatch(/<tr data-variant="alien">/);
    // b vs a on nDCG@10 per query: q1 0.63 < 1, q2 1 > 0.63, q3 0 < 1 → b wins 1, loses 2
    expect(html).toContain('per-query ndcg_cut_10: b vs a (1 wins, 0 ties, 2 losses for b)');
  });

  it('refuses when no run has a judged query', () => {
    const dir = tempDir();
    const data = dataset(dir);
    writeTree(dir, { 'alien.trec': alien });
    const r = medir(['report', '--dataset', data, '--runs', join(dir, 'alien.trec'), '--out', join(dir, 'r.html')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no variants with results to report');
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
  });

  it('writes LaTeX (booktabs, as medir compare) and Markdown with the plots as PNG, or a note without a browser', () => {
    const dir = tempDir();
    const data = dataset(dir);
    writeTree(dir, { 'a.trec': runA, 'b.trec': runB });
    const runs = ['--runs', join(dir, 'a.trec'), join(dir, 'b.trec'), '--measures', 'ndcg@10,recall@100'];
    const tex = medir(['report', '--dataset', data, ...runs, '--format', 'latex', '--out', join(dir, 'r.tex')]);
    expect(tex.status, tex.stderr).toBe(0);
    const compare = medir(['compare', '--dataset', data, ...runs, '--format', 'latex']);
    expect(compare.status, compare.stderr).toBe(0);
    expect(readFileSync(join(dir, 'r.tex'), 'utf8')).toBe(compare.stdout);

    const bare = medir(['report', '--dataset', data, ...runs, '--format', 'markdown', '--out', join(dir, 'bare.md')], { env: { MEDIR_CHROMIUM: join(dir, 'no-such-chromium') } });
    expect(bare.status, bare.stderr).toBe(0);
    expect(bare.stderr).toContain('no Chromium found: the Markdown report has its tables, its plots were skipped');
    const text = readFileSync(join(dir, 'bare.md'), 'utf8');
    expect(text).toContain('| a (baseline) | **0.8770** (n=3) |');
    expect(text).toContain('_Plots skipped: no Chromium found');
    if (!findChromium()) return;
    const md = medir(['report', '--dataset', data, ...runs, '--format', 'markdown', '--out', join(dir, 'r.md')]);
    expect(md.status, md.stderr).toBe(0);
    const pngs = readdirSync(join(dir, 'r-plots')).sort();
    expect(pngs).toEqual(['ndcg-at-k.png', 'per-query.png', 'recall-at-k.png']);
    for (const p of pngs) expect(readFileSync(join(dir, 'r-plots', p)).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('![per-query](r-plots/per-query.png)');
  });
});

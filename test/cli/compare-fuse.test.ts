import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirrorSearchPath } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';

const golden = mirrorSearchPath()
  .map((m) => join(m, 'golden', 'trec_eval'))
  .find((d) => existsSync(d))!;
const dir = mkdtempSync(join(tmpdir(), 'medir-cli-cmp-'));
// A second run over case A's queries: every score shifted by query-dependent noise.
const other = join(dir, 'A-noisy.run');
writeFileSync(
  other,
  readFileSync(join(golden, 'A.run'), 'utf8')
    .trim()
    .split('\n')
    .map((l, i) => {
      const f = l.split(/\s+/);
      f[4] = String(Number(f[4]) + ((i * 7) % 5) * 0.37);
      return f.join(' ');
    })
    .join('\n') + '\n',
);

describe('medir compare', () => {
  it('prints one row per run, the pair tests and a summary line', () => {
    const r = medir(['compare', '--qrels', join(golden, 'A.qrels'), '--runs', join(golden, 'A.run'), other, '-m', 'ndcg@10', 'map', '--test', 'randomization']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^a\s+A\s+0\.0989\s+0\.0981/m);
    expect(r.stdout).toMatch(/^ndcg_cut_10\s+a vs b/m);
    expect(r.stdout).toMatch(/50 queries shared by all runs; randomization, one pair per measure \(nothing to correct\)/);
  });

  it('says p < 1/permutations, not an exact p, where no permutation was as extreme', () => {
    // A perfect run (the judged relevant documents first) against A: every query improves, so no sign flip reaches the observed difference.
    const relevant = readFileSync(join(golden, 'A.qrels'), 'utf8').trim().split('\n').map((l) => l.split(/\s+/)).filter((f) => Number(f[3]) > 0);
    const perfect = join(dir, 'perfect.run');
    writeFileSync(perfect, relevant.map(([q, , d], i) => `${q} Q0 ${d} 1 ${1000 - i} perfect`).join('\n') + '\n');
    const r = medir(['compare', '--qrels', join(golden, 'A.qrels'), '--runs', perfect, join(golden, 'A.run'), '-m', 'map', '--test', 'randomization']);
    expect(r.stdout).toMatch(/^perfect beats A on map by \+\d\.\d{3} \(p < 1e-4 with 10,000 permutations\)$/m);
    const b = medir(['compare', '--qrels', join(golden, 'A.qrels'), '--runs', perfect, join(golden, 'A.run'), other, '-m', 'map', '--test', 'randomization']);
    expect(b.stdout).toMatch(/^perfect beats A on map by \+\d\.\d{3} \(p < 3e-4 with 10,000 permutations, Holm\)$/m);
  });

  it('writes LaTeX and per-query CSV', () => {
    const csv = join(dir, 'pq.csv');
    const r = medir(['compare', '--qrels', join(golden, 'A.qrels'), '--runs', join(golden, 'A.run'), other, '-m', 'P@10', '--format', 'latex', '--per-query-out', csv]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\\begin{tabular}{llr}');
    expect(readFileSync(csv, 'utf8').split('\n')).toHaveLength(1 + 50 * 2 + 1);
  });

  it('rejects an unknown test from the registry', () => {
    const r = medir(['compare', '--qrels', join(golden, 'A.qrels'), '--runs', join(golden, 'A.run'), other, '--test', 'sign']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/valid: paired-t, randomization, bootstrap, wilcoxon; see `medir compare --help`/);
  });
});

describe('medir fuse', () => {
  it('writes a fused TREC run that medir eval reads', () => {
    const out = join(dir, 'fused.trec');
    const r = medir(['fuse', '--runs', join(golden, 'A.run'), other, '--method', 'combmnz', '--norm', 'zscore', '--top-k', '20', '--out', out]);
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(50 * 20);
    expect(lines[0]).toMatch(/^q1 Q0 \S+ 1 \S+ medir-fuse-combmnz$/);
    const e = medir(['eval', '--qrels', join(golden, 'A.qrels'), '--run', out, '-m', 'num_ret', '--format', 'json']);
    expect(JSON.parse(e.stdout).aggregate.num_ret).toBe(1000);
  });

  it('sweeps weights on a seeded half of train where a dataset has no dev split, and says so', () => {
    // SciFact has train and test only. Runs built from its qrels: run 1 perfect, run 2 reversed junk.
    const qrelsText = readFileSync(join(golden, '..', '..', 'data', 'scifact', 'qrels', 'test.tsv'), 'utf8');
    const trainText = readFileSync(join(golden, '..', '..', 'data', 'scifact', 'qrels', 'train.tsv'), 'utf8');
    const perfect: string[] = [];
    const junk: string[] = [];
    for (const line of [...qrelsText.trim().split('\n').slice(1), ...trainText.trim().split('\n').slice(1)]) {
      const [q, d] = line.split('\t');
      perfect.push(`${q} Q0 ${d} 1 5 good`);
      junk.push(`${q} Q0 junk-${q} 1 9 bad`, `${q} Q0 ${d} 2 1 bad`);
    }
    const a = join(dir, 'perfect.trec');
    const b = join(dir, 'junk.trec');
    writeFileSync(a, [...new Set(perfect)].join('\n') + '\n');
    writeFileSync(b, [...new Set(junk)].join('\n') + '\n');
    const out = join(dir, 'best.trec');
    const r = medir(['fuse', '--runs', a, b, '--method', 'weighted', '--sweep', '--sweep-step', '0.5', '--dataset', 'scifact', '-m', 'ndcg@10', 'recall@100', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/no 'dev' split in scifact: tuned on a seeded half of train \(\d+ of \d+ queries, seed 42\)/);
    expect(r.stdout).toMatch(/best weights 1,0: ndcg_cut_10 1\.0000 on tune, 1\.0000 on test/);
    // every measure asked for is reported (the first is optimised), under the policy it prints
    expect(r.stdout).toMatch(/^weights\s+ndcg_cut_10 tune\s+ndcg_cut_10 test\s+recall_100 test\s+best on tune$/m);
    expect(r.stdout).toMatch(/^1,0\s+1\.0000\s+1\.0000\s+\S+\s+yes$/m);
    expect(r.stdout).toMatch(/^policy: missing queries count as 0 \(-c\)/m);
    expect(existsSync(out)).toBe(true);
  });
});

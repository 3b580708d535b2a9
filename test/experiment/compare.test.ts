import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { againstBaseline, betweenExperiments, readExperiment, setupChanges } from '../../src/experiment/compare.js';
import { ResultsDb } from '../../src/experiment/db.js';
import { correct, pairedTest } from '../../src/evaluate/stats/registry.js';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const QIDS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
const BASE = [0.1, 0.2, 0.3, 0.2, 0.1, 0.4];
const BETTER = [0.5, 0.6, 0.7, 0.5, 0.6, 0.9];
const SAME = [0.12, 0.18, 0.31, 0.2, 0.09, 0.41];

/** An experiment folder whose database holds the given per-query ndcg values per variant. */
function experiment(variants: Record<string, { values: number[]; config: string }>, sha: string): string {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  const db = new ResultsDb(join(dir, 'results.sqlite'));
  const labels = Object.keys(variants);
  const ids = db.begin({ name: 't', config_sha256: sha, baseline: labels[0], medir_version: '0' }, labels.map((l, i) => ({ label: l, config: variants[l].config, baseline: i === 0 })));
  for (const [label, v] of Object.entries(variants)) {
    const perQuery = new Map(QIDS.map((q, i) => [q, new Map([['ndcg_cut_10', v.values[i]]])]));
    db.putResult({ variantId: ids.get(label)!, dataset: 'toy', split: 'test', policy: {}, results: [], perQuery, runs: [], timings: [], checksums: [] });
  }
  db.close();
  return dir;
}

const OPTS = { test: 'paired-t', correction: 'holm', alpha: 0.05 };

describe('experiment compare', () => {
  it('tests each variant against the baseline, Holm-corrected over the variants', () => {
    const e = readExperiment(experiment({ base: { values: BASE, config: 'b' }, better: { values: BETTER, config: 'x' }, same: { values: SAME, config: 'y' } }, 's1'));
    const rows = againstBaseline(e, OPTS);
    expect(rows.map((r) => r.a)).toEqual(['better', 'same']);
    const p = [pairedTest('paired-t', BETTER, BASE).p, pairedTest('paired-t', SAME, BASE).p];
    expect(rows.map((r) => r.p)).toEqual(p);
    expect(rows.map((r) => r.pAdjusted)).toEqual(correct('holm', p));
    expect(rows.map((r) => r.significant)).toEqual([true, false]);
    expect(rows[0].diff).toBeCloseTo(BETTER.reduce((s, x, i) => s + x - BASE[i], 0) / 6, 12);
    expect(() => againstBaseline(e, OPTS, 'nope')).toThrow(/--baseline: 'nope' is no variant/);
  });

  it('says what changed between two experiments and tests B against A per variant', () => {
    const a = experiment({ base: { values: BASE, config: 'b' }, gone: { values: SAME, config: 'g' } }, 's1');
    const b = experiment({ base: { values: BETTER, config: 'b2' }, added: { values: SAME, config: 'n' } }, 's2');
    const ea = readExperiment(a);
    const eb = readExperiment(b);
    expect(setupChanges(ea, eb)).toEqual(['config_sha256: s1 → s2', 'variant only in A: gone', 'variant only in B: added', 'variant base: config changed ("b" → "b2")']);
    const rows = betweenExperiments(ea, eb, OPTS);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ a: 'base', meanA: expect.closeTo(BETTER.reduce((s, x) => s + x) / 6, 12), significant: true });

    const cli = medir(['experiment', 'compare', a, b]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/variant only in B: added/);
    expect(cli.stdout).toMatch(/base\s+toy\/test\s+ndcg_cut_10\s+6\s+0\.2167\s+0\.6333\s+\+0\.4167\s+\S+\s+\S+\s+yes/);
  });
});

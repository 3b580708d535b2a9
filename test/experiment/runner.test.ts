import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/experiment/config.js';
import { exportResults } from '../../src/experiment/export.js';
import { lockFolder } from '../../src/experiment/lock.js';
import { planExperiment, runExperiment } from '../../src/experiment/runner.js';
import { medir } from '../helpers/cli.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { resetStageCacheCounts, stageCacheCounts } from '../../src/pipeline/stage-cache.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const DOCS = ['warfarin anticoagulant vitamin k', 'metformin glucose diabetes', 'ibuprofen headache fever', 'vitamin d bone', 'insulin diabetes glucose'];
const QUERIES = [
  { _id: 'q0', text: 'warfarin vitamin', lang: 'en' },
  { _id: 'q1', text: 'diabetes glucose', lang: 'en' },
  { _id: 'q2', text: 'fever', lang: 'es' },
];

function toyDataset(): string {
  return writeTree(tempDir(), {
    'corpus.jsonl': DOCS.map((text, i) => JSON.stringify({ _id: `d${i}`, title: '', text })).join('\n') + '\n',
    'queries.jsonl': QUERIES.map((q) => JSON.stringify(q)).join('\n') + '\n',
    'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq0\td0\t1\nq1\td1\t1\nq1\td4\t2\nq2\td2\t1\n',
  });
}

const config = (data: string, rrfK: string) => `name: toy
datasets:
  - name: ${data}
    by: [lang]
topK: 5
retrievers:
  lucene:
    retriever: bm25
    params: { k1: [0.9, 1.5] }
  bm25l:
    retriever: bm25
    params: { variant: bm25l }
pipelines:
  - retrievers: [lucene]
  - retrievers: [lucene, bm25l]
    fuse: { method: rrf, rrfK: ${rrfK} }
measures: [ndcg@10, recall@100]
baseline: lucene(k1=1.5)
`;

const total = (kind: 'hits' | 'misses') => Object.values(stageCacheCounts()).reduce((n, c) => n + c[kind], 0);

describe('experiment run', () => {
  it('stores every result once; a rerun computes nothing; a new fusion parameter recomputes only fusion on', async () => {
    const loc = { ...resolveLocations(), indexes: tempDir(), cache: tempDir() };
    const dir = tempDir();
    const data = toyDataset();
    const file = join(dir, 'exp.yaml');
    writeFileSync(file, config(data, '60'));

    const cachedStages = async () => (await planExperiment(loadConfig(file), loc)).units.flatMap((u) => u.stages.map((st) => st.cached));
    expect(await cachedStages()).toEqual(Array(12).fill(false));
    resetStageCacheCounts();
    await runExperiment(loadConfig(file), { out: join(dir, 'a'), jobs: 2, loc });
    expect(await cachedStages()).toEqual(Array(12).fill(true));
    // 3 retrieves (lucene ×2 k1, bm25l; each computed once though variants share them), 2 fusions, 4 evaluations
    expect(stageCacheCounts()).toEqual({ retrieve: { hits: 0, misses: 3 }, fuse: { hits: 0, misses: 2 }, evaluate: { hits: 0, misses: 4 } });

    resetStageCacheCounts();
    await runExperiment(loadConfig(file), { out: join(dir, 'b'), jobs: 1, loc });
    expect(total('misses')).toBe(0);
    expect(total('hits')).toBe(9);
    expect(exportResults(join(dir, 'b'), 'csv')).toBe(exportResults(join(dir, 'a'), 'csv'));

    writeFileSync(file, config(data, '20'));
    resetStageCacheCounts();
    await runExperiment(loadConfig(file), { out: join(dir, 'b'), jobs: 1, loc });
    expect(stageCacheCounts()).toEqual({ retrieve: { hits: 3, misses: 0 }, fuse: { hits: 0, misses: 2 }, evaluate: { hits: 2, misses: 2 } });

    const db = new Database(join(dir, 'a', 'results.sqlite'), { readonly: true });
    const variants = db.prepare('SELECT label, is_baseline FROM variants ORDER BY id').all();
    expect(variants).toEqual([
      { label: 'lucene(k1=0.9)', is_baseline: 0 },
      { label: 'lucene(k1=1.5)', is_baseline: 1 },
      { label: 'rrf(lucene(k1=0.9)+bm25l)', is_baseline: 0 },
      { label: 'rrf(lucene(k1=1.5)+bm25l)', is_baseline: 0 },
    ]);
    const rows = db.prepare("SELECT slice_field, slice_value, value, n FROM results WHERE variant_id = 2 AND measure = 'recall_100' ORDER BY slice_field IS NOT NULL, slice_value").all() as { slice_field: string | null; slice_value: string | null; value: number; n: number }[];
    expect(rows.map((r) => [r.slice_field, r.slice_value, r.n])).toEqual([[null, null, 3], ['lang', 'en', 2], ['lang', 'es', 1]]);
    // each slice's mean is the mean of its queries' per-query values
    const perQuery = db.prepare("SELECT query_id, value FROM per_query WHERE variant_id = 2 AND measure = 'recall_100' ORDER BY query_id").all() as { query_id: string; value: number }[];
    expect(perQuery.map((p) => p.query_id)).toEqual(['q0', 'q1', 'q2']);
    expect(rows[1].value).toBeCloseTo((perQuery[0].value + perQuery[1].value) / 2, 12);
    expect(rows[2].value).toBeCloseTo(perQuery[2].value, 12);
    expect(db.prepare('SELECT COUNT(*) AS n FROM queries').get()).toEqual({ n: 3 });
    expect((db.prepare("SELECT stage FROM runs WHERE variant_id = 3 ORDER BY rowid").all() as { stage: string }[]).map((r) => r.stage)).toEqual(['retrieve', 'retrieve', 'fuse']);
    expect(db.prepare("SELECT COUNT(*) AS n FROM checksums WHERE kind = 'data'").get()).toEqual({ n: 3 });
    const meta = Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    expect(meta.baseline).toBe('lucene(k1=1.5)');
    expect(meta.config_yaml).toBe(config(data, '60'));
    expect(JSON.parse(meta.machine).cores).toBeGreaterThan(0);
    db.close();

    const jsonl = exportResults(join(dir, 'a'), 'jsonl').trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(4 * 3 * 2);
    expect(jsonl[0]).toMatchObject({ variant: 'lucene(k1=0.9)', dataset: expect.stringMatching(/^medir-test-/), measure: expect.any(String), n: 3 });
  });

  it('runs a grid of more than 50 variants only with --yes; plan says so', () => {
    const dir = tempDir();
    const file = join(dir, 'exp.yaml');
    const k1 = Array.from({ length: 51 }, (_, i) => (0.5 + i / 100).toFixed(2)).join(', ');
    writeFileSync(file, config(toyDataset(), '60').replace('k1: [0.9, 1.5]', `k1: [${k1}]`).replace('lucene(k1=1.5)', 'lucene(k1=0.5)').replace(/  - retrievers: \[lucene, bm25l\]\n.*\n/, ''));
    const env = { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') };
    const plan = medir(['experiment', 'plan', file], { env });
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/51 variants, 51 results; 102 stage outputs to compute; more than 50 variants: run needs --yes/);
    const refused = medir(['experiment', 'run', file, '--out', join(dir, 'out')], { env });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/the grid has 51 variants \(more than 50\)/);
    const done = medir(['experiment', 'run', file, '--out', join(dir, 'out'), '--yes'], { env });
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout.split('\n').filter((l) => l.startsWith('lucene(k1='))).toHaveLength(51 * 3);
  }, 60_000);

  it('refuses a folder another live run holds; takes over a stale lock', async () => {
    const dir = tempDir();
    const release = lockFolder(dir);
    expect(() => lockFolder(dir)).toThrow(/another experiment run \(pid \d+\) is using this folder/);
    release();
    writeFileSync(join(dir, 'experiment.lock'), '999999999\n');
    lockFolder(dir)();
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { mirrorSearchPath, PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';
import { writeCliniqFixture } from '../notes/cliniq-fixture.js';
import { writeSurrogateFixture } from '../helpers/arena-fixture.js';
import { redisServerInstalled, startRedis } from '../helpers/redis.js';

// Every JSON output of the CLI, produced on the real data, validates against its schema in schemas/.
const schemaDir = join(PACKAGE_ROOT, 'schemas');
const ajv = new Ajv({ allErrors: true, strict: true });
// Every schema up front, so one may $ref another's definitions (the evaluation policy).
for (const f of readdirSync(schemaDir)) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, f), 'utf8')));
const validated = new Set<string>();
const mirror = mirrorSearchPath().find((m) => existsSync(join(m, 'golden', 'trec_eval')))!;
const golden = join(mirror, 'golden', 'trec_eval');
const dir = mkdtempSync(join(tmpdir(), 'medir-schemas-'));

function checkJson(schema: string, args: string[], opts: Parameters<typeof medir>[1] = {}): unknown {
  const r = medir(args, opts);
  expect(r.status, r.stderr).toBe(0);
  const value: unknown = JSON.parse(r.stdout);
  const validate = ajv.getSchema(`${schema}.schema.json`)!;
  expect(validate(value) ? [] : validate.errors, `${schema}: medir ${args.join(' ')}`).toEqual([]);
  validated.add(schema);
  return value;
}

describe('JSON outputs follow schemas/', () => {
  it('eval: the EvaluationReport, per query with --per-query', () => {
    const report = checkJson('eval', ['eval', '--qrels', join(golden, 'A.qrels'), '--run', join(golden, 'A.run'), '--measures', 'ndcg@10,map', '--per-query', '--format', 'json']) as { perQuery: object; aggregate: Record<string, number> };
    expect(Object.keys(report.perQuery).length).toBeGreaterThan(1);
    expect(Object.keys(report.aggregate)).toEqual(['ndcg_cut_10', 'map']);
  });

  it('compare: the ComparisonReport', () => {
    // A second run from the first: every ranking reversed, so the pair differs.
    const lines = readFileSync(join(golden, 'A.run'), 'utf8').trim().split('\n').map((l) => l.split(/\s+/));
    const reversed = join(dir, 'reversed.run');
    writeFileSync(reversed, lines.map(([q, , d, r, s]) => `${q} Q0 ${d} ${r} ${-Number(s)} rev`).join('\n') + '\n');
    const c = checkJson('compare', ['compare', '--qrels', join(golden, 'A.qrels'), '--runs', join(golden, 'A.run'), reversed, '--measures', 'ndcg@10', '--format', 'json']) as { pairs: unknown[] };
    expect(c.pairs).toHaveLength(1);
  });

  it('datasets: counts as numbers', () => {
    const entries = checkJson('datasets', ['datasets', '--format', 'json']) as { name: string; documents: number; queries: number; splits: Record<string, { queries: number; judgments: number }> }[];
    const nfcorpus = entries.find((e) => e.name === 'nfcorpus')!;
    const qrelsLines = readFileSync(join(mirror, 'data', 'nfcorpus', 'qrels', 'test.tsv'), 'utf8').trim().split('\n').length - 1;
    expect(nfcorpus.splits.test.judgments).toBe(qrelsLines);
    expect(nfcorpus.documents).toBe(readFileSync(join(mirror, 'data', 'nfcorpus', 'corpus.jsonl'), 'utf8').trim().split('\n').length);
  });

  it('models', () => {
    expect((checkJson('models', ['models', '--format', 'json']) as unknown[]).length).toBeGreaterThan(0);
  });

  it('rag, and its --json alias', () => {
    const out = join(dir, 'rag');
    checkJson('rag', ['rag', '--dataset', 'pubmedqa-pqal', '--generator', 'majority', '--limit', '5', '--out', out, '--format', 'json']);
    checkJson('rag', ['rag', '--dataset', 'pubmedqa-pqal', '--generator', 'majority', '--limit', '5', '--out', out, '--json']);
  });

  it('xling', () => {
    checkJson('xling', ['xling', '--dataset', 'xlinghealth-medicationqa', '--conditions', 'bm25-english', '--format', 'json']);
  });

  it('ehr mtsamples', () => {
    checkJson('ehr-mtsamples', ['ehr', 'mtsamples', '--retrievers', 'bm25', '--depth', '100', '--out-dir', join(dir, 'ehr'), '--format', 'json']);
  });

  it('ehr cliniq, on the synthetic CliniQ fixture', () => {
    const files = writeCliniqFixture(join(dir, 'cliniq'));
    const env = { env: { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') } };
    const args = ['ehr', 'cliniq', '--noteevents', files.noteevents, '--cliniq', files.benchmark, '--retrievers', 'bm25', '--out-dir', join(dir, 'cliniq-out')];
    const r = medir([...args, '--format', 'json'], env);
    expect(r.status, r.stderr).toBe(0);
    const value = JSON.parse(r.stdout) as { admissions: object; chunks: number; results: { setting: string; scope: string; means: Record<string, number> }[] };
    const validate = ajv.getSchema('ehr-cliniq.schema.json')!;
    expect(validate(value) ? [] : validate.errors).toEqual([]);
    validated.add('ehr-cliniq');
    expect(value.admissions).toEqual({ found: 4, listed: 5, missing: 1 });
    expect(value.chunks).toBe(19);
    // "pneumonia" is only in relevant chunk 100_0 of 4: rank 1, so MRR 1 and R@100 1/4 (as the table shows)
    expect(value.results.find((x) => x.setting === 'multi' && x.scope === 'disease')!.means).toMatchObject({ MRR: 1, 'R@100': 0.25 });
    const csv = medir([...args, '--format', 'csv'], env);
    expect(csv.stdout.split('\n')[0]).toBe('retriever,setting,scope,count,metric,mean');
    expect(csv.stdout).toContain('bm25,multi,disease,1,MRR,1\n');
    expect(medir([...args, '--format', 'json', '--examples', '1'], env).stderr).toMatch(/--examples prints passages as text/);
  });

  it('rewrite, with precomputed HyDE passages', () => {
    const out = join(dir, 'rewrite', 'hyde.trec');
    const rewrites = join(mirror, 'data', 'r2med-biology-demo', 'hyde', 'qwen-7b', 'query_with_hydoc.jsonl');
    const r = checkJson('rewrite', ['rewrite', '--dataset', 'r2med-biology-demo', '--method', 'hyde', '--rewrites', rewrites, '--out', out, '--format', 'json']) as { source: { kind: string }; scores: { rewritten: object }; searched: string };
    expect(r.source).toEqual({ kind: 'precomputed', file: rewrites });
    expect(Object.keys(r.scores.rewritten)).toEqual(['ndcg_cut_10', 'recall_100', 'recip_rank']);
    expect(existsSync(r.searched)).toBe(true);
  });

  it('experiment export --format jsonl: each line a result row', () => {
    // A toy experiment (three documents, two queries in two languages), run for real, then exported.
    const data = join(dir, 'toy');
    mkdirSync(join(data, 'qrels'), { recursive: true });
    writeFileSync(join(data, 'corpus.jsonl'), ['warfarin vitamin k', 'metformin glucose diabetes', 'ibuprofen fever'].map((text, i) => JSON.stringify({ _id: `d${i}`, title: '', text })).join('\n') + '\n');
    writeFileSync(join(data, 'queries.jsonl'), '{"_id": "q0", "text": "warfarin", "lang": "en"}\n{"_id": "q1", "text": "fever", "lang": "es"}\n');
    writeFileSync(join(data, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\nq0\td0\t1\nq1\td2\t1\n');
    const config = join(dir, 'toy.yaml');
    writeFileSync(config, `name: toy\ndatasets:\n  - name: ${data}\n    by: [lang]\ntopK: 5\nretrievers:\n  lucene:\n    retriever: bm25\n    params: { k1: [0.9, 1.5] }\npipelines:\n  - retrievers: [lucene]\nmeasures: [ndcg@10, recall@100]\nbaseline: lucene(k1=1.5)\n`);
    const env = { env: { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') } };
    const out = join(dir, 'toy-out');
    const run = medir(['experiment', 'run', config, '--out', out], env);
    expect(run.status, run.stderr).toBe(0);
    const r = medir(['experiment', 'export', out, '--format', 'jsonl'], env);
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { variant: string; slice_value: string | null; measure: string; value: number });
    const validate = ajv.getSchema('experiment-export.schema.json')!;
    for (const row of rows) expect(validate(row) ? [] : validate.errors, JSON.stringify(row)).toEqual([]);
    validated.add('experiment-export');
    // 2 variants × 2 measures × (all, en, es); both queries found at rank 1
    expect(rows).toHaveLength(12);
    expect(rows.filter((x) => x.measure === 'ndcg_cut_10').every((x) => x.value === 1)).toBe(true);

    // The same folder compared against its baseline, and the plan of its config (everything cached now).
    const compared = checkJson('experiment-compare', ['experiment', 'compare', out, '--format', 'json'], env) as { baseline: string; differences: { a: string; diff: number; significant: boolean }[] };
    expect(compared.baseline).toBe('lucene(k1=1.5)');
    expect(compared.differences.map((d) => [d.a, d.diff, d.significant])).toEqual([
      ['lucene(k1=0.9)', 0, false],
      ['lucene(k1=0.9)', 0, false],
    ]);
    const plan = checkJson('experiment-plan', ['experiment', 'plan', config, '--format', 'json'], env) as { units: { stages: { cached: boolean }[] }[]; toCompute: number };
    expect(plan.units).toHaveLength(2);
    expect(plan.toCompute).toBe(0);
    expect(plan.units.flatMap((u) => u.stages).every((st) => st.cached)).toBe(true);
  });

  // needs a redis-server (test/helpers/redis.ts): skipped where none is installed, but never under CI
  it.skipIf(!redisServerInstalled() && !process.env.CI)('index --status --queue: a flow waiting for workers', async () => {
    const redis = await startRedis();
    try {
      const args = ['index', '--dataset', 'scifact', '--retriever', 'bm25', '--queue', redis.url];
      const env = { env: { MEDIR_CACHE: join(dir, 'cache'), MEDIR_INDEXES: join(dir, 'indexes') } };
      expect(medir([...args, '--shards', '2'], env).status).toBe(0);
      const status = checkJson('queue-status', [...args, '--status', '--format', 'json'], env) as { jobs: { state: string }[]; index: null };
      expect(status.jobs.map((j) => j.state)).toEqual(['waiting', 'waiting', 'waiting-children']);
    } finally {
      await redis.stop();
    }
  });

  it('arena surrogate: weights, held-out agreement and both leaderboards', () => {
    mkdirSync(join(dir, 'surrogate'));
    const f = writeSurrogateFixture(join(dir, 'surrogate'));
    const r = checkJson('arena-surrogate', ['arena', 'surrogate', '--answers', f.answers, '--judgments', f.judgments, '--qrels', f.qrels, '--features', 'length', '--folds', '3', '--format', 'json']) as {
      features: { name: string; weight: number }[];
      surrogateLeaderboard: { model: string }[];
      tau: number;
    };
    // the judge prefers longer answers (but on two queries): length gets a positive weight and the surrogate ranks as the judge does
    expect(r.features.map((x) => x.name)).toEqual(['length']);
    expect(r.features[0].weight).toBeGreaterThan(0);
    expect(r.surrogateLeaderboard.map((x) => x.model)).toEqual(['long', 'medium', 'short', 'terse']);
    expect(r.tau).toBe(1);
  });

  it('arena features: per-system means of each feature', () => {
    const a = join(dir, 'answers-a.jsonl');
    const b = join(dir, 'answers-b.jsonl');
    writeFileSync(a, '{"query_id":"q1","system":"a","answer":"Warfarin is an anticoagulant."}\n{"query_id":"q2","system":"a","answer":"Metformin lowers glucose."}\n');
    writeFileSync(b, '{"query_id":"q1","system":"b","answer":"No idea."}\n{"query_id":"q2","system":"b","answer":"It treats diabetes."}\n');
    const r = checkJson('arena-features', ['arena', 'features', '--answers', `a=${a}`, `b=${b}`, '--format', 'json']) as { systems: Record<string, Record<string, number | null>>; features: Record<string, string> };
    // length in whitespace tokens: (4 + 3) / 2 and (2 + 3) / 2; citation features need --qrels, so null
    expect(r.systems.a.length).toBe(3.5);
    expect(r.systems.b.length).toBe(2.5);
    expect(r.systems.a.citation_precision).toBeNull();
    expect(Object.keys(r.systems.a)).toEqual(Object.keys(r.features));
  });

  it('fuse, and fuse --sweep', () => {
    const out = join(dir, 'fused.trec');
    const f = checkJson('fuse', ['fuse', '--runs', join(golden, 'A.run'), join(golden, 'B.run'), '--top-k', '20', '--out', out, '--format', 'json']) as { fused: { queries: number; run: string } };
    const queries = new Set(['A', 'B'].flatMap((r) => readFileSync(join(golden, `${r}.run`), 'utf8').trim().split('\n').map((l) => l.split(/\s+/)[0])));
    expect(f.fused).toMatchObject({ queries: queries.size, run: out });
    // SciFact has no dev split: tuned on half of train. Run 1 is its qrels (perfect), run 2 ranks junk first.
    const judged = ['test', 'train'].flatMap((s) => readFileSync(join(mirror, 'data', 'scifact', 'qrels', `${s}.tsv`), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')));
    const a = join(dir, 'perfect.trec');
    const b = join(dir, 'junk.trec');
    writeFileSync(a, [...new Set(judged.map(([q, d]) => `${q} Q0 ${d} 1 5 good`))].join('\n') + '\n');
    writeFileSync(b, [...new Set(judged.flatMap(([q, d]) => [`${q} Q0 junk-${q} 1 9 bad`, `${q} Q0 ${d} 2 1 bad`]))].join('\n') + '\n');
    const s = checkJson('fuse', ['fuse', '--runs', a, b, '--method', 'weighted', '--sweep', '--sweep-step', '0.5', '--dataset', 'scifact', '-m', 'ndcg@10', 'recall@100', '--out', join(dir, 'best.trec'), '--format', 'json']) as { fused: { weights: number[] }; sweep: { rows: { test: object }[]; best: { weights: number[]; test: number } } };
    expect(s.sweep.rows).toHaveLength(3);
    expect(Object.keys(s.sweep.rows[0].test)).toEqual(['ndcg_cut_10', 'recall_100']);
    expect(s.sweep.best).toMatchObject({ weights: [1, 0], test: 1 });
    expect(s.fused.weights).toEqual([1, 0]);
  });

  it('eval --by lang: the breakdown and the language gap', () => {
    // A perfect run from the qrels; the queries' lang and group come from the dataset.
    const qrels = readFileSync(join(mirror, 'data', 'xlinghealth-medicationqa', 'qrels', 'test.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const run = join(dir, 'xling.trec');
    writeFileSync(run, qrels.map(([q, d]) => `${q} Q0 ${d} 1 1 perfect`).join('\n') + '\n');
    const r = checkJson('eval-by', ['eval', '--dataset', 'xlinghealth-medicationqa', '--run', run, '-m', 'ndcg@10', '--by', 'lang', '--format', 'json']) as { breakdown: { groups: { group: string; mean: Record<string, number> }[] } };
    expect(r.breakdown.groups.map((g) => g.group).sort()).toEqual(['en', 'es', 'hi', 'zh']);
    expect(r.breakdown.groups.every((g) => g.mean.ndcg_cut_10 === 1)).toBe(true);
  });

  it('arena leaderboard, with Kendall τ against itself', () => {
    const judgments = join(mirror, 'data', 'arena-synthetic', 'judgments.jsonl');
    const r = checkJson('arena-leaderboard', ['arena', 'leaderboard', judgments, '--bootstrap', '20', '--compare', judgments, '--format', 'json']) as { leaderboard: { rows: unknown[] }; tau: { tau: number } };
    expect(r.leaderboard.rows.length).toBeGreaterThan(1);
    expect(r.tau.tau).toBe(1);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    // Each schema in schemas/ was checked against a real output above.
    const untestable = redisServerInstalled() || process.env.CI ? [] : ['queue-status'];
    expect([...validated].sort()).toEqual(readdirSync(schemaDir).map((f) => f.replace('.schema.json', '')).filter((s) => !untestable.includes(s)).sort());
  });
});

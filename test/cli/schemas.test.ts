import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { mirrorSearchPath, PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { medir } from '../helpers/cli.js';

// Every JSON output of the CLI, produced on the real data, validates against its schema in schemas/.
const schemaDir = join(PACKAGE_ROOT, 'schemas');
const ajv = new Ajv({ allErrors: true, strict: true });
const validated = new Set<string>();
const mirror = mirrorSearchPath().find((m) => existsSync(join(m, 'golden', 'trec_eval')))!;
const golden = join(mirror, 'golden', 'trec_eval');
const dir = mkdtempSync(join(tmpdir(), 'medir-schemas-'));

function checkJson(schema: string, args: string[]): unknown {
  const r = medir(args);
  expect(r.status, r.stderr).toBe(0);
  const value: unknown = JSON.parse(r.stdout);
  const validate = ajv.getSchema(`${schema}.schema.json`) ?? ajv.compile(JSON.parse(readFileSync(join(schemaDir, `${schema}.schema.json`), 'utf8')));
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

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    // Each schema in schemas/ was checked against a real output above.
    expect([...validated].sort()).toEqual(readdirSync(schemaDir).map((f) => f.replace('.schema.json', '')).sort());
  });
});

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeTree } from '../helpers/tmp.js';

/** Deterministic values in [0, 1) (a report test must know what it wrote). */
export function valueOf(...parts: number[]): number {
  let h = 2166136261;
  for (const p of parts) h = Math.imul(h ^ (p + 0x9e3779b9), 16777619) >>> 0;
  return (h % 10_000) / 10_000;
}

export interface Fixture {
  variants: number;
  measures: string[];
  langs: string[];
  queriesPerLang: number;
  /** Variant indices written without per-query rows. */
  noPerQuery?: number[];
  /** RAG variants: passages k of each, and closed-book / oracle rows. */
  rag?: boolean;
  /** Write run files and a small BEIR dataset, so the report can draw recall@k curves. */
  runs?: boolean;
}

/**
 * Writes `<dir>/results.sqlite` following the results-database contract (COMMON.md, docs/results-schema.md):
 * whole-set means are the means of the per-query rows, as an experiment writes them.
 */
export function writeResultsDb(dir: string, f: Fixture): string {
  const file = join(dir, 'results.sqlite');
  const db = new Database(file);
  db.exec(`CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE variants(id INTEGER PRIMARY KEY, label TEXT UNIQUE, config_json TEXT, is_baseline INTEGER);
CREATE TABLE results(variant_id INTEGER, dataset TEXT, split TEXT, slice_field TEXT, slice_value TEXT, measure TEXT, value REAL, n INTEGER, policy_json TEXT);
CREATE TABLE per_query(variant_id INTEGER, dataset TEXT, split TEXT, query_id TEXT, measure TEXT, value REAL);
CREATE TABLE queries(dataset TEXT, split TEXT, query_id TEXT, text TEXT, fields_json TEXT);
CREATE TABLE runs(variant_id INTEGER, dataset TEXT, split TEXT, stage TEXT, path TEXT, key TEXT);
CREATE TABLE stage_timings(variant_id INTEGER, dataset TEXT, split TEXT, stage TEXT, seconds REAL, cached INTEGER);
CREATE TABLE checksums(kind TEXT, name TEXT, sha256 TEXT);`);
  const qids = f.langs.flatMap((lang, l) => Array.from({ length: f.queriesPerLang }, (_, i) => ({ id: `q${l}-${i}`, lang, text: `query ${i} in ${lang} <b>&</b>` })));
  const dataset = f.runs ? join(dir, 'data') : 'synthetic';
  if (f.runs) {
    writeTree(dataset, {
      'corpus.jsonl': Array.from({ length: 20 }, (_, d) => JSON.stringify({ _id: `d${d}`, title: '', text: `doc ${d}` })).join('\n') + '\n',
      'queries.jsonl': qids.map((q) => JSON.stringify({ _id: q.id, text: q.text })).join('\n') + '\n',
      'qrels/test.tsv': 'query-id\tcorpus-id\tscore\n' + qids.map((q, i) => `${q.id}\td${i % 20}\t1\n`).join(''),
    });
  }
  const meta = db.prepare('INSERT INTO meta VALUES (?, ?)');
  for (const [k, v] of Object.entries({ name: 'fixture', config_yaml: 'name: fixture\n', config_sha256: 'ab'.repeat(32), medir_version: '0.1.0', created_at: '2026-01-01T00:00:00Z', machine: JSON.stringify({ cores: 2, memory: 1 << 30, platform: 'linux' }), baseline: 'v0' })) meta.run(k, v);
  db.prepare('INSERT INTO checksums VALUES (?, ?, ?)').run('data', 'corpus.jsonl', 'cd'.repeat(32));
  const policy = JSON.stringify({ complete: true });
  const insert = {
    variant: db.prepare('INSERT INTO variants VALUES (?, ?, ?, ?)'),
    result: db.prepare('INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    perQuery: db.prepare('INSERT INTO per_query VALUES (?, ?, ?, ?, ?, ?)'),
    query: db.prepare('INSERT INTO queries VALUES (?, ?, ?, ?, ?)'),
    run: db.prepare('INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)'),
    timing: db.prepare('INSERT INTO stage_timings VALUES (?, ?, ?, ?, ?, ?)'),
  };
  db.transaction(() => {
    for (const q of qids) insert.query.run(dataset, 'test', q.id, q.text, JSON.stringify({ lang: q.lang }));
    for (let v = 0; v < f.variants; v++) {
      const label = `v${v}`;
      const config = f.rag ? { retrievers: ['bm25'], generate: v === 0 ? { passages: 0 } : v === f.variants - 1 ? { passages: 5, mode: 'oracle' } : { passages: v } } : { retrievers: ['bm25'], params: { k1: v } };
      insert.variant.run(v + 1, label, JSON.stringify(config), v === 0 ? 1 : 0);
      for (const [m, measure] of f.measures.entries()) {
        const values = qids.map((_, q) => valueOf(v, m, q));
        insert.result.run(v + 1, dataset, 'test', null, null, measure, values.reduce((s, x) => s + x, 0) / values.length, values.length, policy);
        if (!f.noPerQuery?.includes(v)) qids.forEach((q, i) => insert.perQuery.run(v + 1, dataset, 'test', q.id, measure, values[i]));
      }
      insert.timing.run(v + 1, dataset, 'test', 'retrieve', 1 + v / 10, 0);
      if (f.runs) {
        const run = qids.map((q, i) => Array.from({ length: 10 }, (_, r) => `${q.id} Q0 d${(i + r * (v + 1)) % 20} ${r + 1} ${10 - r} v${v}\n`).join('')).join('');
        writeTree(dir, { [`runs/v${v}.trec`]: run });
        insert.run.run(v + 1, dataset, 'test', 'retrieve', `runs/v${v}.trec`, `key${v}`);
      }
    }
  })();
  db.close();
  return file;
}

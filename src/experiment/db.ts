import Database from 'better-sqlite3';
import { MedirError } from '../core/errors.js';

/**
 * The results database of an experiment folder (`results.sqlite`; schema in docs/results-schema.md,
 * read by `medir report`). Each (variant, dataset) result is written in one transaction with its
 * per-query values, runs and timings, so a killed run leaves whole results or none.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS variants(id INTEGER PRIMARY KEY, label TEXT UNIQUE, config_json TEXT, is_baseline INTEGER);
CREATE TABLE IF NOT EXISTS results(variant_id INTEGER, dataset TEXT, split TEXT, slice_field TEXT, slice_value TEXT, measure TEXT, value REAL, n INTEGER, policy_json TEXT);
CREATE TABLE IF NOT EXISTS per_query(variant_id INTEGER, dataset TEXT, split TEXT, query_id TEXT, measure TEXT, value REAL);
CREATE TABLE IF NOT EXISTS queries(dataset TEXT, split TEXT, query_id TEXT, text TEXT, fields_json TEXT);
CREATE TABLE IF NOT EXISTS runs(variant_id INTEGER, dataset TEXT, split TEXT, stage TEXT, path TEXT, key TEXT);
CREATE TABLE IF NOT EXISTS stage_timings(variant_id INTEGER, dataset TEXT, split TEXT, stage TEXT, seconds REAL, cached INTEGER);
CREATE TABLE IF NOT EXISTS checksums(kind TEXT, name TEXT, sha256 TEXT, UNIQUE(kind, name));
CREATE INDEX IF NOT EXISTS results_by_variant ON results(variant_id, dataset, split);
CREATE INDEX IF NOT EXISTS per_query_by_variant ON per_query(variant_id, dataset, split, measure);
`;

/** Every table of the schema: a file without them is not a results database. */
export const RESULT_TABLES = [...SCHEMA.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/g)].map((m) => m[1]);

/** Tables holding a variant's rows, cleared before its result is written again. */
const VARIANT_TABLES = ['results', 'per_query', 'runs', 'stage_timings'] as const;

export interface ResultRow {
  sliceField: string | null;
  sliceValue: string | null;
  measure: string;
  value: number;
  n: number;
}

export interface UnitResult {
  variantId: number;
  dataset: string;
  split: string;
  policy: unknown;
  results: ResultRow[];
  /** query id → measure → value. */
  perQuery: Map<string, Map<string, number>>;
  runs: { stage: string; path: string; key: string }[];
  timings: { stage: string; seconds: number; cached: boolean }[];
  /** Model files the result depends on. */
  checksums: { kind: string; name: string; sha256: string }[];
}

export class ResultsDb {
  readonly db: Database.Database;

  /**
   * Opens (for writing: creates) `file`. A file that is not SQLite, or a database without medir's
   * tables, is an error naming the file — SQLite itself only says "file is not a database".
   */
  constructor(file: string, readonly: boolean = false) {
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { readonly, fileMustExist: readonly });
      if (!readonly) {
        db.pragma('journal_mode = DELETE');
        db.pragma('synchronous = FULL');
        db.exec(SCHEMA);
      }
      const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name));
      const absent = RESULT_TABLES.filter((t) => !present.has(t));
      if (absent.length) throw new MedirError('BAD_INPUT', `${file}: not a medir results database (missing tables: ${absent.join(', ')})`);
    } catch (err) {
      db?.close();
      if (err instanceof MedirError) throw err;
      throw new MedirError('BAD_INPUT', `${file}: not a medir results database (${(err as Error).message})`);
    }
    this.db = db;
  }

  close(): void {
    this.db.close();
  }

  meta(): Record<string, string> {
    return Object.fromEntries((this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  }

  /**
   * Starts (or resumes) the experiment: a config whose sha256 differs from the stored one clears
   * every result (the stage cache still spares the work); the variants are then upserted by label.
   * Returns label → id.
   */
  begin(meta: Record<string, string>, variants: readonly { label: string; config: unknown; baseline: boolean }[]): Map<string, number> {
    return this.db.transaction(() => {
      if (this.meta().config_sha256 !== meta.config_sha256) {
        for (const t of ['meta', 'variants', 'queries', 'checksums', ...VARIANT_TABLES]) this.db.exec(`DELETE FROM ${t}`);
      }
      const setMeta = this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      for (const [k, v] of Object.entries(meta)) if (k !== 'created_at' || !this.meta().created_at) setMeta.run(k, v);
      const upsert = this.db.prepare('INSERT INTO variants(label, config_json, is_baseline) VALUES (?, ?, ?) ON CONFLICT(label) DO UPDATE SET config_json = excluded.config_json, is_baseline = excluded.is_baseline');
      for (const v of variants) upsert.run(v.label, JSON.stringify(v.config), v.baseline ? 1 : 0);
      const rows = this.db.prepare('SELECT id, label FROM variants').all() as { id: number; label: string }[];
      return new Map(rows.map((r) => [r.label, r.id]));
    })();
  }

  /** True when this (variant, dataset, split) has its result stored (written whole, in one transaction). */
  has(variantId: number, dataset: string, split: string): boolean {
    return this.db.prepare('SELECT 1 FROM results WHERE variant_id = ? AND dataset = ? AND split = ? LIMIT 1').get(variantId, dataset, split) !== undefined;
  }

  /** A dataset's queries and the checksums of its files, replaced in one transaction. */
  putDataset(dataset: string, split: string, queries: readonly { id: string; text: string; meta: Record<string, unknown> }[], checksums: readonly { kind: string; name: string; sha256: string }[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM queries WHERE dataset = ? AND split = ?').run(dataset, split);
      const q = this.db.prepare('INSERT INTO queries(dataset, split, query_id, text, fields_json) VALUES (?, ?, ?, ?, ?)');
      for (const query of queries) q.run(dataset, split, query.id, query.text, JSON.stringify(query.meta));
      this.putChecksums(checksums);
    })();
  }

  private putChecksums(checksums: readonly { kind: string; name: string; sha256: string }[]): void {
    const c = this.db.prepare('INSERT INTO checksums(kind, name, sha256) VALUES (?, ?, ?) ON CONFLICT(kind, name) DO UPDATE SET sha256 = excluded.sha256');
    for (const s of checksums) c.run(s.kind, s.name, s.sha256);
  }

  /** One (variant, dataset) result with everything beside it, in one transaction. */
  putResult(u: UnitResult): void {
    this.db.transaction(() => {
      for (const t of VARIANT_TABLES) this.db.prepare(`DELETE FROM ${t} WHERE variant_id = ? AND dataset = ? AND split = ?`).run(u.variantId, u.dataset, u.split);
      const policy = JSON.stringify(u.policy);
      const r = this.db.prepare('INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const row of u.results) r.run(u.variantId, u.dataset, u.split, row.sliceField, row.sliceValue, row.measure, row.value, row.n, policy);
      const pq = this.db.prepare('INSERT INTO per_query VALUES (?, ?, ?, ?, ?, ?)');
      for (const [qid, values] of u.perQuery) for (const [m, v] of values) pq.run(u.variantId, u.dataset, u.split, qid, m, v);
      const run = this.db.prepare('INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)');
      for (const x of u.runs) run.run(u.variantId, u.dataset, u.split, x.stage, x.path, x.key);
      const t = this.db.prepare('INSERT INTO stage_timings VALUES (?, ?, ?, ?, ?, ?)');
      for (const x of u.timings) t.run(u.variantId, u.dataset, u.split, x.stage, x.seconds, x.cached ? 1 : 0);
      this.putChecksums(u.checksums);
    })();
  }
}

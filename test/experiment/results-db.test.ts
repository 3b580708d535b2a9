import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ResultsDb } from '../../src/experiment/db.js';
import { medir } from '../helpers/cli.js';
import { medirErrorOf } from '../helpers/errors.js';
import { tempDir } from '../helpers/tmp.js';

describe('results databases that are not one', () => {
  it('a file that is not SQLite, or SQLite without the schema, is an error naming the file', async () => {
    const dir = tempDir();
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'garbage, not a database\n');
    expect((await medirErrorOf(() => new ResultsDb(garbage, true))).message).toBe(`${garbage}: not a medir results database (file is not a database)`);
    expect((await medirErrorOf(() => new ResultsDb(garbage))).message).toMatch(new RegExp(`^${garbage}: not a medir results database`));
    const foreign = join(dir, 'foreign.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE meta(key TEXT, value TEXT)');
    db.close();
    expect((await medirErrorOf(() => new ResultsDb(foreign, true))).message).toBe(`${foreign}: not a medir results database (missing tables: variants, results, per_query, queries, runs, stage_timings, checksums)`);
  });

  it('report, compare and export say so with exit 1, never "unexpected error"', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'results.sqlite'), 'garbage');
    for (const args of [['report', dir], ['experiment', 'compare', dir], ['experiment', 'export', dir]]) {
      const r = medir(args);
      expect([r.status, r.stderr.trim()], args.join(' ')).toEqual([1, `medir: error: ${join(dir, 'results.sqlite')}: not a medir results database (file is not a database)`]);
    }
  });
});

import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import * as lancedb from '@lancedb/lancedb';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/mirror/locations.js';
import { tempDir } from '../helpers/tmp.js';

// Two processes committing to one LanceDB table at once, on a LOCAL folder: there LanceDB commits a
// version with a put-if-absent of its manifest and retries on conflict, so no append is lost.
// (s3rver ignores conditional PUTs, so the same test against it would prove nothing; medir gives
// each table one writer, the build or the merge, see src/vectors/lancedb.ts.)
const BATCHES = 30;
const ROWS = 10;

/** A process that says 'ready' once its table is open, then appends BATCHES commits once the file `go` exists (so both start together). */
function writer(dir: string, name: string, go: string) {
  const script = `
    import { existsSync } from 'node:fs';
    import * as lancedb from '@lancedb/lancedb';
    const db = await lancedb.connect(${JSON.stringify(dir)});
    const table = await db.openTable('t');
    process.stdout.write('ready');
    while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 2));
    for (let b = 0; b < ${BATCHES}; b++) {
      await table.add(Array.from({ length: ${ROWS} }, (_, r) => ({ writer: ${JSON.stringify(name)}, batch: b, row: r, vector: [b, r] })));
    }
    table.close();
    db.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_ROOT });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return {
    ready: new Promise<void>((resolve) => child.stdout.once('data', () => resolve())),
    done: new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr }))),
  };
}

describe('concurrent commits to one local LanceDB table', () => {
  it('keeps every row of two processes appending at once, each append its own version', { timeout: 120_000 }, async () => {
    const dir = tempDir('medir-lance-commits-');
    const db = await lancedb.connect(dir);
    const table = await db.createTable('t', [{ writer: 'seed', batch: -1, row: -1, vector: [0, 0] }]);
    const go = `${dir}.go`;
    const writers = [writer(dir, 'a', go), writer(dir, 'b', go)];
    await Promise.race([Promise.all(writers.map((w) => w.ready)), Promise.all(writers.map((w) => w.done))]);
    writeFileSync(go, '');
    const results = await Promise.all(writers.map((w) => w.done));
    rmSync(go);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    await table.checkoutLatest();
    expect(await table.countRows()).toBe(1 + 2 * BATCHES * ROWS);
    const rows = (await table.query().select(['writer', 'batch', 'row']).toArray()) as { writer: string; batch: number; row: number }[];
    for (const w of ['a', 'b']) {
      const keys = new Set(rows.filter((r) => r.writer === w).map((r) => `${r.batch}:${r.row}`));
      expect(keys.size).toBe(BATCHES * ROWS);
    }
    // the commits interleaved (the two really wrote at once): in table order the writer changes many times
    const order = rows.filter((r) => r.writer !== 'seed').map((r) => r.writer);
    expect(order.filter((w, i) => i > 0 && w !== order[i - 1]).length).toBeGreaterThan(2);
    // one version per commit: the seed's, then 2 × BATCHES appends, none merged away or lost
    expect(await table.version()).toBe(1 + 2 * BATCHES);
    table.close();
    db.close();
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readParams } from '../../src/core/params.js';
import { chooseSearch, MIN_SPEEDUP, timeSearches, type Calibration } from '../../src/vectors/calibrate.js';
import { MatrixWriter } from '../../src/vectors/matrix.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * A CPU clock advanced by the timed passes themselves: timeSearches reads it before and after each
 * pass, exact first, so the i-th exact pass costs exact[i] s and the i-th HNSW pass hnsw[i] s.
 */
function passClock(exact: readonly number[], hnsw: readonly number[]): () => number {
  let t = 0;
  let reads = 0;
  return () => {
    const pass = Math.floor(reads / 4);
    const phase = reads++ % 4;
    if (phase === 1) t += exact[pass % exact.length];
    if (phase === 3) t += hnsw[pass % hnsw.length];
    return t;
  };
}

describe('timeSearches', () => {
  it('alternates exact and HNSW passes and keeps the fastest of each, per query', async () => {
    const order: string[] = [];
    const costs = await timeSearches(10, async () => order.push('exact'), async () => order.push('hnsw'), passClock([0.3, 0.2, 0.4], [0.1, 0.15, 0.12]), 3);
    expect(order).toEqual(['exact', 'hnsw', 'exact', 'hnsw', 'exact', 'hnsw']);
    expect(costs.exactSeconds).toBeCloseTo(0.02, 12);
    expect(costs.hnswSeconds).toBeCloseTo(0.01, 12);
    expect(costs.repeats).toBe(3);
  });
});

describe('chooseSearch', () => {
  it(`keeps HNSW only when it is more than ${MIN_SPEEDUP}× faster than exact search, and says why with both costs`, () => {
    const fast = chooseSearch(640, { exactSeconds: 0.003, hnswSeconds: 0.001, repeats: 3 });
    expect(fast).toMatchObject({ search: 'hnsw', exactSeconds: 0.003, hnswSeconds: 0.001, repeats: 3 });
    expect(fast.reason).toBe(`HNSW at the calibrated efSearch 640 costs 1.00 ms of CPU per sample query, exact search 3.00 ms (at least ${MIN_SPEEDUP}× faster: HNSW)`);
    const slow = chooseSearch(2880, { exactSeconds: 0.0028, hnswSeconds: 0.0065, repeats: 3 });
    expect(slow.search).toBe('exact');
    expect(slow.reason).toBe(`HNSW at the calibrated efSearch 2880 costs 6.50 ms of CPU per sample query, exact search 2.80 ms (not ${MIN_SPEEDUP}× faster: exact search)`);
    // Faster, but not by the margin; and exactly at it: exact search.
    expect(chooseSearch(10, { exactSeconds: 1.1, hnswSeconds: 1, repeats: 1 }).search).toBe('exact');
    expect(chooseSearch(10, { exactSeconds: MIN_SPEEDUP, hnswSeconds: 1, repeats: 1 }).search).toBe('exact');
    expect(chooseSearch(10, { exactSeconds: MIN_SPEEDUP * 1.001, hnswSeconds: 1, repeats: 1 }).search).toBe('hnsw');
    // A clock too coarse to see either: no evidence that HNSW is faster.
    expect(chooseSearch(10, { exactSeconds: 0, hnswSeconds: 0, repeats: 1 }).search).toBe('exact');
  });
});

// 200 unit rows of width 36 (hnswlib sums 32 + 4 lanes, not as exact search does), rows 10–14 copies of row 3 (ties at equal scores), and 20 queries.
const DIM = 36;
let seed = 11;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v));
const rows = Array.from({ length: 200 }, () => unit(Float32Array.from({ length: DIM }, rand)));
for (let r = 10; r < 15; r++) rows[r] = rows[3].slice();
const ids = rows.map((_, i) => `d${i}`);
const queries = [rows[3].slice(), ...Array.from({ length: 19 }, () => unit(Float32Array.from({ length: DIM }, rand)))];
const qids = queries.map((_, i) => `q${i}`);

describe('an HNSW build chooses what its index searches with', () => {
  const hnsw = VECTOR_STORES.hnsw;
  let stderr: { mockRestore(): void } | undefined;
  afterEach(() => stderr?.mockRestore());

  /**
   * Builds an HNSW index over the rows (no embedder: the sample is the 200 rows themselves) with the
   * calibration's timing passes costing `exact` and `hnsw` CPU s each.
   */
  async function build(exact: number, hnswCost: number) {
    const dir = tempDir();
    const writer = new MatrixWriter(dir, DIM);
    writer.append(ids, rows);
    writer.close();
    const params = readParams(hnsw.params, { m: 4, efConstruction: 16 });
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    stderr = spy;
    const stats = (await hnsw.build({ dir, params, documents: async function* () {}, clock: passClock([exact], [hnswCost]) })) as { calibration: Calibration };
    const warnings = spy.mock.calls.map((c) => String(c[0]));
    spy.mockRestore();
    return { dir, params, calibration: stats.calibration, warnings, file: join(dir, 'hnsw-calibration.json') };
  }

  it('where HNSW is not faster, searches exactly: the exact store\'s results, a warning naming both costs, and the choice recorded', async () => {
    const { dir, params, calibration, warnings, file } = await build(0.004, 0.008);
    const choice = { exactSeconds: 0.004 / rows.length, hnswSeconds: 0.008 / rows.length, repeats: 3, search: 'exact' };
    expect(calibration.choice).toMatchObject(choice);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(calibration);
    expect(warnings).toEqual([`warning: ${calibration.choice!.reason}; this index searches exactly, as --vector-store exact would (--ef-search N forces HNSW)\n`]);
    expect(warnings[0]).toContain('0.0400 ms of CPU per sample query, exact search 0.0200 ms');

    const store = await hnsw.open(dir, params);
    expect(store.settings).toEqual({ search: 'exact', searchReason: calibration.choice!.reason, calibration: expect.objectContaining({ efSearch: calibration.efSearch, choice: calibration.choice }) });
    const exact = await VECTOR_STORES.exact.open(dir, {});
    for (const k of [1, 10, 200]) expect(await store.search(qids, queries, k)).toEqual(await exact.search(qids, queries, k));
    // The tie at the top (q0 is row 3, as are rows 10–14) ordered as exact search orders it.
    expect((await store.search(['q0'], [queries[0]], 6)).get('q0')!.map((d) => d.docId)).toEqual(['d3', 'd10', 'd11', 'd12', 'd13', 'd14']);

    // HNSW's scores (1 − distance) differ from exact search's in the last bits: the comparison above can tell the two apart.
    const forced = await hnsw.open(dir, { ...params, efSearch: 200 });
    expect(forced.settings).toMatchObject({ search: 'hnsw', efSearch: 200 });
    expect(await forced.search(qids, queries, 10)).not.toEqual(await exact.search(qids, queries, 10));
  });

  it('an explicit --ef-search still searches the graph', async () => {
    const { dir, params, calibration } = await build(0.004, 0.008);
    const store = await hnsw.open(dir, { ...params, efSearch: 7 });
    expect(store.settings).toEqual({ search: 'hnsw', efSearch: 7, calibration: expect.objectContaining({ choice: calibration.choice }) });
    expect((await store.search(qids, queries, 10)).get('q5')).toHaveLength(10);
  });

  it(`where HNSW is more than ${MIN_SPEEDUP}× faster, searches the graph at the calibrated efSearch, without a warning`, async () => {
    const { dir, params, calibration, warnings, file } = await build(0.008, 0.004);
    expect(calibration.choice).toMatchObject({ search: 'hnsw', exactSeconds: 0.008 / rows.length, hnswSeconds: 0.004 / rows.length });
    expect(JSON.parse(readFileSync(file, 'utf8')).choice).toEqual(calibration.choice);
    expect(warnings).toEqual([]);
    const store = await hnsw.open(dir, params);
    expect(store.settings).toMatchObject({ search: 'hnsw', efSearch: calibration.efSearch, calibration: { choice: { search: 'hnsw' } } });
  });

  it('an index calibrated before the choice was measured searches the graph, as it did', async () => {
    const { dir, params, calibration, file } = await build(0.004, 0.008);
    const { choice: _, ...old } = calibration;
    writeFileSync(file, JSON.stringify(old));
    const store = await hnsw.open(dir, params);
    expect(store.settings).toEqual({ search: 'hnsw', efSearch: calibration.efSearch, calibration: expect.not.objectContaining({ choice: expect.anything() }) });
    expect((store.settings as { calibration: object }).calibration).toMatchObject({ efSearch: calibration.efSearch, targetRecall: 0.99 });
  });
});

import { describe, expect, it } from 'vitest';
import { resolveLocations } from '../src/mirror/locations.js';
import { MATRIX, measureCell } from '../bench/reproduce/matrix.js';
import { tempDir } from './helpers/tmp.js';

// The reproduction matrix on the real data and models: BM25 and GloVe dense on NFCorpus and SciFact.
describe('reproduction matrix', () => {
  const indexes = tempDir('medir-repro-');
  const loc = { ...resolveLocations(), indexes };

  it.each(MATRIX.expected.map((e) => [`${e.condition} on ${e.dataset}`, e] as const))('%s', async (_name, e) => {
    const r = await measureCell(e, loc);
    expect(Math.abs(r.measured - e.value), `measured ${r.measured}, expected ${e.value} ± ${e.tolerance}`).toBeLessThanOrEqual(e.tolerance);
    if (e.minimum !== undefined) expect(r.measured).toBeGreaterThanOrEqual(e.minimum);
  }, 300_000);
});

/**
 * Prints the reproduction matrix (BM25 and dense nDCG@10 on NFCorpus and SciFact, test split) next
 * to the reference figures, and writes bench/results/reproduce.json.
 *   npx tsx bench/reproduce/run.ts
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { formatTable } from '../../src/core/table.js';
import { MATRIX, measureCell, type Measured } from './matrix.js';

const loc = resolveLocations();
const results: Measured[] = [];
for (const e of MATRIX.expected) results.push(await measureCell(e, loc));

const rows = results.map((r) => [
  r.condition,
  r.dataset,
  r.measured.toFixed(4),
  r.value.toFixed(3),
  (r.measured - r.value).toFixed(4),
  Math.abs(r.measured - r.value) <= r.tolerance ? 'yes' : 'NO',
  Object.entries(r.orientation ?? {}).map(([k, v]) => `${k} ${v}`).join(', '),
  `${r.indexSeconds.toFixed(1)}${r.indexReused ? ' (reused)' : ''}`,
  r.retrieveSeconds.toFixed(2),
]);
console.log(formatTable(['condition', 'dataset', 'nDCG@10', 'reference', 'diff', `within tol`, 'orientation', 'index s', 'retrieve s'], rows));
writeFileAtomic(join('bench', 'results', 'reproduce.json'), JSON.stringify({ createdAt: new Date().toISOString(), results }, null, 2) + '\n');

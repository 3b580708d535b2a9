// bench/vector-search/hnsw-defaults.ts: how HNSW's parameters trade recall for speed on the real
// glove vectors of NFCorpus and SciFact (the test queries), against exact search.
//   npx tsx bench/vector-search/hnsw-defaults.ts [--m 16,32] [--ef-construction 400] [--ef auto,200,400] [--target-recall 0.99]
// `auto` is the default: the efSearch the build calibrated on short spans of the corpus's texts
// (never the test queries), as `medir index` does.
// Queries whose exact scores are all 0 (no known GloVe word) are left out and counted; a document
// that ties the exact 10th score counts as a hit. Prints a table, writes bench/results/hnsw-defaults.json.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readParams } from '../../src/core/params.js';
import { loadDataset } from '../../src/data/datasets.js';
import { loadEmbedder } from '../../src/embed/embedder.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { buildIndex } from '../../src/pipeline/retrievers.js';
import { exactSearch } from '../../src/vectors/exact.js';
import { tieAgreement } from '../../src/vectors/agreement.js';
import { MATRIX_FILES, readMatrix } from '../../src/vectors/matrix.js';
import { VECTOR_STORES } from '../../src/vectors/registry.js';

const K = 10;
const { values: args } = parseArgs({
  options: {
    datasets: { type: 'string', default: 'nfcorpus,scifact' },
    m: { type: 'string', default: '16,32' },
    'ef-construction': { type: 'string', default: '400' },
    ef: { type: 'string', default: 'auto,200,400,800' },
    'target-recall': { type: 'string' },
  },
});
const list = (s: string) => s.split(',').map(Number);

process.env.MEDIR_QUIET = '1';
const work = mkdtempSync(join(tmpdir(), 'medir-hnsw-defaults-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const loc = resolveLocations();
const embedder = await loadEmbedder('glove-sg100-en-static', loc);
const rows: Record<string, unknown>[] = [];
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| dataset | M | efC | efSearch | recall@10 | identical top-10 | HNSW q/s | exact q/s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const name of args.datasets.split(',')) {
  const dataset = await loadDataset(name, {}, loc);
  const { value: index } = await buildIndex('dense', dataset, loc, {});
  const matrix = readMatrix(index.dir);
  const rowOf = new Map(matrix.ids.map((id, i) => [id, i]));
  const queries = await embedder.embedQueries(dataset.queries.queries.map((q) => q.text));
  const truth = exactSearch(matrix, queries, K);
  // The exact store (WebAssembly SIMD, batched) is the speed to beat, not the reference loop above.
  const exact = await VECTOR_STORES.exact.open(index.dir, {});
  const t0 = performance.now();
  await exact.search(queries.map((_, i) => `q${i}`), queries, K);
  const exactQps = queries.length / ((performance.now() - t0) / 1000);
  for (const m of list(args.m)) {
    for (const efConstruction of list(args['ef-construction'])) {
      const dir = join(work, `${name}-${m}-${efConstruction}`);
      mkdirSync(dir);
      for (const f of Object.values(MATRIX_FILES)) copyFileSync(join(index.dir, f), join(dir, f));
      const params = readParams(VECTOR_STORES.hnsw.params, { m, efConstruction, targetRecall: args['target-recall'] });
      const stats = await VECTOR_STORES.hnsw.build({ dir, params, documents: () => dataset.corpus.docs(), embedQueries: (texts) => embedder.embedQueries(texts) });
      const calibrated = (stats as { calibration: { efSearch: number } }).calibration.efSearch;
      for (const ef of args.ef.split(',')) {
        const efSearch = ef === 'auto' ? calibrated : Number(ef);
        const store = await VECTOR_STORES.hnsw.open(dir, { ...params, efSearch });
        const qids = queries.map((_, i) => `q${i}`);
        const start = performance.now();
        const run = await store.search(qids, queries, K);
        const qps = queries.length / ((performance.now() - start) / 1000);
        const found = qids.map((q) => run.get(q)!.map((d) => rowOf.get(d.docId)!));
        const a = tieAgreement(matrix, queries, truth, found);
        rows.push({ dataset: name, m, efConstruction, efSearch, calibrated: ef === 'auto', targetRecall: params.targetRecall, ...a, qps, exactQps });
        console.log(`| ${name} (${a.leftOut} of ${queries.length} queries left out) | ${m} | ${efConstruction} | ${ef === 'auto' ? `${efSearch} (calibrated for ${params.targetRecall})` : efSearch} | ${a.recall.toFixed(4)} | ${a.identical.toFixed(4)} | ${qps.toFixed(0)} | ${exactQps.toFixed(0)} |`);
      }
    }
  }
}
const out = join(PACKAGE_ROOT, 'bench', 'results', 'hnsw-defaults.json');
mkdirSync(join(PACKAGE_ROOT, 'bench', 'results'), { recursive: true });
writeFileAtomic(out, JSON.stringify({ loadavg: loadavg(), rows }, null, 2));
console.log(`wrote ${out}`);

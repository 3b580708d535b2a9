// bench/vector-search/calibration-queries.ts: which queries drawn from the corpus itself predict how
// wide an HNSW search the test queries need? For each kind of query, the fraction of identical
// top-10 sets against exact search (ties counted, zero vectors left out) as efSearch doubles, on the
// glove vectors of NFCorpus / SciFact, M=16.
//   npx tsx bench/vector-search/calibration-queries.ts [--datasets nfcorpus,scifact] [--ef-construction 200,1000]
// Kinds: the test queries; 300 seeded corpus rows as full texts, titles, spans of 1, 2 or 4 words;
// and the store's own calibration sample (shortSpans: 1–3 words in turn).
// Prints one line per kind and writes bench/results/calibration-queries.json.
import hnswlib from 'hnswlib-node';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { documentText, type Document } from '../../src/core/types.js';
import { loadDataset } from '../../src/data/datasets.js';
import { loadEmbedder } from '../../src/embed/embedder.js';
import { seededRandom } from '../../src/evaluate/stats/random.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';
import { buildIndex } from '../../src/pipeline/retrievers.js';
import { tieAgreement } from '../../src/vectors/agreement.js';
import { CALIBRATION_SAMPLE, CALIBRATION_SEED, sampleRows, shortSpans } from '../../src/vectors/calibrate.js';
import { exactSearch } from '../../src/vectors/exact.js';
import { readMatrix } from '../../src/vectors/matrix.js';

const { values: args } = parseArgs({ options: { datasets: { type: 'string', default: 'nfcorpus,scifact' }, 'ef-construction': { type: 'string', default: '1000' } } });
const EFS = [10, 20, 40, 80, 160, 320, 640, 1280, 2560];
process.env.MEDIR_QUIET = '1';
const loc = resolveLocations();
const embedder = await loadEmbedder('glove-sg100-en-static', loc);
const out: Record<string, unknown>[] = [];
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('identical top-10 sets at efSearch (stops once ≥ 0.999)');
for (const name of args.datasets.split(',')) {
  const dataset = await loadDataset(name, {}, loc);
  const { value: index } = await buildIndex('dense', dataset, loc, {});
  const matrix = readMatrix(index.dir);
  const docs: Document[] = [];
  for await (const d of dataset.corpus.docs()) docs.push(d);
  const rows = sampleRows(matrix.count, 300, CALIBRATION_SEED);
  const random = seededRandom(CALIBRATION_SEED);
  const span = (n: number) =>
    rows.map((r) => {
      const words = docs[r].text.split(/\s+/).filter(Boolean);
      const start = Math.floor(random() * Math.max(1, words.length - n + 1));
      return words.slice(start, start + n).join(' ');
    });
  const kinds: Record<string, string[]> = {
    'test queries': dataset.queries.queries.map((q) => q.text),
    'full texts': rows.map((r) => documentText(docs[r])),
    titles: rows.map((r) => docs[r].title),
    '1-word spans': span(1),
    '2-word spans': span(2),
    '4-word spans': span(4),
    'calibration sample': shortSpans(sampleRows(matrix.count, CALIBRATION_SAMPLE, CALIBRATION_SEED).map((r) => documentText(docs[r])), CALIBRATION_SEED),
  };
  for (const efConstruction of args['ef-construction'].split(',').map(Number)) {
    const graph = new hnswlib.HierarchicalNSW('ip', matrix.dim);
    graph.initIndex({ maxElements: matrix.count, m: 16, efConstruction, randomSeed: 100 });
    for (let r = 0; r < matrix.count; r++) graph.addPoint(Array.from(matrix.data.subarray(r * matrix.dim, (r + 1) * matrix.dim)), r);
    for (const [kind, texts] of Object.entries(kinds)) {
      const queries = await embedder.embedQueries(texts);
      const truth = exactSearch(matrix, queries, 10);
      const points: { efSearch: number; identical: number }[] = [];
      for (const efSearch of EFS) {
        graph.setEf(efSearch);
        const a = tieAgreement(matrix, queries, truth, queries.map((q) => graph.searchKnn(Array.from(q), 10).neighbors));
        points.push({ efSearch, identical: a.identical });
        if (a.identical >= 0.999) break;
      }
      out.push({ dataset: name, efConstruction, kind, points });
      console.log(`${name} efC=${efConstruction} ${kind.padEnd(18)} ${points.map((p) => `${p.efSearch}: ${p.identical.toFixed(3)}`).join('  ')}`);
    }
  }
}
mkdirSync(join(PACKAGE_ROOT, 'bench', 'results'), { recursive: true });
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'calibration-queries.json'), JSON.stringify({ loadavg: loadavg(), rows: out }, null, 2));

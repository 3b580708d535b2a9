// bench/embed/rss: peak resident memory of index builds as the corpus grows, and of
// `medir ehr mtsamples`. Each build runs as its own `medir` process with a fresh cache and index
// folder; its peak RSS comes from /usr/bin/time (%M).
//   npx tsx bench/embed/rss.ts [--sizes 1000,20000] [--mtsamples]
// Corpora: NFCorpus texts cycled to the size, each copy with fresh ids (`<id>~<copy>`), so nothing
// is deduplicated. Prints a table and writes bench/results/embed-rss.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../src/io/atomic.js';
import { PACKAGE_ROOT, resolveLocations } from '../../src/mirror/locations.js';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '1000,20000' }, mtsamples: { type: 'boolean', default: false } } });
const sizes = args.sizes.split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'medir-bench-rss-'));
const nfcorpus = join(resolveLocations().mirrors[0], 'data', 'nfcorpus');
const source = readFileSync(join(nfcorpus, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { _id: string; title: string; text: string });

function cycled(n: number): string {
  const dir = join(work, `nfcorpus-${n}`);
  const lines = Array.from({ length: n }, (_, i) => {
    const doc = source[i % source.length];
    return JSON.stringify({ ...doc, _id: `${doc._id}~${Math.floor(i / source.length)}` });
  });
  execFileSync('mkdir', ['-p', join(dir, 'qrels')]);
  writeFileSync(join(dir, 'corpus.jsonl'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'queries.jsonl'), readFileSync(join(nfcorpus, 'queries.jsonl')));
  writeFileSync(join(dir, 'qrels', 'test.tsv'), readFileSync(join(nfcorpus, 'qrels', 'test.tsv')));
  return dir;
}

/** Peak RSS (MB) and wall seconds of one `medir` command with its own cache and indexes. */
function peak(name: string, medirArgs: string[]): { mb: number; seconds: number } {
  const root = join(work, `run-${name}`);
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, join(PACKAGE_ROOT, 'bin', 'medir'), ...medirArgs], {
    encoding: 'utf8',
    env: { ...process.env, MEDIR_QUIET: '1', MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: join(root, 'cache') },
    cwd: work,
  });
  const rss = /MAXRSS (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !rss) throw new Error(`medir ${medirArgs.join(' ')} failed: ${r.stderr}`);
  return { mb: Number(rss[1]) / 1024, seconds: (performance.now() - start) / 1000 };
}

const rows: { build: string; docs: number; mb: number; seconds: number }[] = [];
const loadStart = loadavg()[0].toFixed(1);
try {
  for (const n of sizes) {
    const dataset = cycled(n);
    rows.push({ build: 'dense glove-sg100-en-static (exact)', docs: n, ...peak(`dense-${n}`, ['index', '--dataset', dataset, '--retriever', 'dense', '--model', 'glove-sg100-en-static']) });
    rows.push({ build: 'dense tiny-random-bert-embed (exact)', docs: n, ...peak(`tiny-${n}`, ['index', '--dataset', dataset, '--retriever', 'dense', '--model', 'tiny-random-bert-embed']) });
    rows.push({ build: 'bm25 (fast engine)', docs: n, ...peak(`bm25-${n}`, ['index', '--dataset', dataset, '--retriever', 'bm25']) });
  }
  if (args.mtsamples) rows.push({ build: 'medir ehr mtsamples (bm25 + dense GloVe, defaults)', docs: 0, ...peak('mtsamples', ['ehr', 'mtsamples', '--out-dir', join(work, 'ehr')]) });
} finally {
  rmSync(work, { recursive: true, force: true });
}
const table = [
  `bench/embed/rss — peak RSS per process (/usr/bin/time); load average ${loadStart} (start), ${loadavg()[0].toFixed(1)} (end)`,
  '',
  '| build | documents | peak RSS (MB) | wall s | vs the smallest size |',
  '|---|---:|---:|---:|---:|',
  ...rows.map((r) => {
    const base = rows.find((x) => x.build === r.build);
    return `| ${r.build} | ${r.docs || '–'} | ${r.mb.toFixed(0)} | ${r.seconds.toFixed(1)} | ${base && base !== r ? `${(r.mb / base.mb).toFixed(2)}×` : ''} |`;
  }),
];
process.stdout.write(table.join('\n') + '\n');
writeFileAtomic(join(PACKAGE_ROOT, 'bench', 'results', 'embed-rss.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2) + '\n');

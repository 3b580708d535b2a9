import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const long = 'the licensor grants you a license to redistribute the software '.repeat(6);
const docs = [
  { _id: 'd1', title: '', text: 'short text' },
  { _id: 'd2', title: '', text: long },
  { _id: 'd3', title: '', text: long }, // the same text as d2: two documents cut, one vector computed
  { _id: 'd4', title: 'Title', text: long + 'more' },
  { _id: 'd5', title: '', text: 'another short one' },
];

function truncated(dataset: string, root: string, cache: string): number {
  const r = medir(['index', '--dataset', dataset, '--retriever', 'dense', '--model', 'tiny-random-bert-embed', '--max-length', '16'], {
    env: { MEDIR_INDEXES: join(root, 'indexes'), MEDIR_CACHE: cache },
  });
  expect(r.status, r.stderr).toBe(0);
  const dir = r.stdout.trim().split('\n').at(-1)!.trim();
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).stats.truncated;
}

describe('the truncation count of a dense build', () => {
  it('counts documents, the same with a fresh cache and a warm one', () => {
    const dataset = writeTree(tempDir('trunc-data-'), {
      'corpus.jsonl': docs.map((d) => JSON.stringify(d)).join('\n') + '\n',
      'queries.jsonl': '{"_id": "q1", "text": "license"}\n',
      'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td2\t1\n',
    });
    const cache = join(tempDir('trunc-cache-'), 'cache');
    const fresh = truncated(dataset, tempDir('trunc-a-'), cache);
    const warm = truncated(dataset, tempDir('trunc-b-'), cache); // every vector from the cache
    expect(fresh).toBe(3);
    expect(warm).toBe(3);
  });
});

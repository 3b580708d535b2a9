import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLocations } from '../../src/mirror/locations.js';
import { tempDir, writeTree } from './tmp.js';

/** The first `n` documents of a mirror dataset as a BEIR folder of its own (removed after the test). */
export function datasetSlice(name: string, n: number): string {
  const src = join(resolveLocations().mirrors[0], 'data', name);
  const lines = readFileSync(join(src, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, n);
  return writeTree(tempDir(`${name}-slice-`), {
    'corpus.jsonl': lines.join('\n') + '\n',
    'queries.jsonl': readFileSync(join(src, 'queries.jsonl'), 'utf8'),
    'qrels/test.tsv': readFileSync(join(src, 'qrels', 'test.tsv'), 'utf8'),
  });
}

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

// `medir eval --by lang` on a parallel query set adds the gap to English, computed here by hand.
describe('medir eval --by lang', () => {
  it('prints per-language scores and the gap to English over the parallel groups', () => {
    const dir = writeTree(tempDir(), {
      'corpus.jsonl': '{"_id":"d1","text":"a"}\n{"_id":"d2","text":"b"}\n{"_id":"d3","text":"c"}\n',
      'queries.jsonl': ['g1-en', 'g1-es', 'g2-en', 'g2-es'].map((id) => JSON.stringify({ _id: id, text: id, lang: id.slice(3), group: id.slice(0, 2) })).join('\n') + '\n',
      'qrels/test.tsv': 'query-id\tcorpus-id\tscore\ng1-en\td1\t1\ng1-es\td1\t1\ng2-en\td2\t1\ng2-es\td2\t1\n',
      // English finds both relevant documents first (nDCG@10 = 1, 1); Spanish finds g1's first and misses g2's (1, 0).
      'run.trec': 'g1-en Q0 d1 1 2 t\ng1-en Q0 d3 2 1 t\ng2-en Q0 d2 1 2 t\ng1-es Q0 d1 1 2 t\ng2-es Q0 d3 1 2 t\n',
    });
    const r = medir(['eval', '--dataset', dir, '--run', join(dir, 'run.trec'), '--measures', 'ndcg@10', '--by', 'lang', '--complete', '--format', 'markdown']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\| en \| 2 \| 1\.0000 \|/);
    expect(r.stdout).toMatch(/\| es \| 2 \| 0\.5000 \|/);
    // Δ = mean(1 − 1, 0 − 1) = −0.5, relative −50%; paired t over 2 groups: t = −1, df = 1, p = 0.5.
    const es = r.stdout.split('\n').find((l) => /^\| t \| es \|/.test(l))!;
    expect(es).toContain('-0.5000');
    expect(es).toContain('-50.0%');
    expect(es).toMatch(/\| 0\.5000? \|/);
  });
});

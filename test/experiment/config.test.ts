import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/experiment/config.js';
import { expandGrid } from '../../src/experiment/grid.js';
import { MedirError } from '../../src/core/errors.js';
import { medir } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const GOOD = `name: toy
datasets:
  - name: nfcorpus
retrievers:
  bm25:
    retriever: bm25
    params:
      k1: [0.9, 1.2]
  lite:
    retriever: bm25
    params: { variant: bm25l }
pipelines:
  - retrievers: [bm25]
  - retrievers: [bm25, lite]
    fuse:
      method: rrf
      rrfK: [20, 60]
measures: [ndcg@10]
`;

function write(text: string): string {
  const dir = tempDir();
  writeTree(dir, { 'exp.yaml': text });
  return join(dir, 'exp.yaml');
}

function errorOf(text: string): string {
  try {
    expandGrid(loadConfig(write(text)));
  } catch (err) {
    expect(err).toBeInstanceOf(MedirError);
    expect((err as MedirError).code).toBe('BAD_OPTION');
    return (err as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('experiment config', () => {
  it('expands lists into a cartesian grid with short unique labels', () => {
    const { variants, baseline } = expandGrid(loadConfig(write(GOOD)));
    expect(variants.map((v) => v.label)).toEqual([
      'bm25(k1=0.9)',
      'bm25(k1=1.2)',
      'rrf(rrfK=20)(bm25(k1=0.9)+lite)',
      'rrf(rrfK=60)(bm25(k1=0.9)+lite)',
      'rrf(rrfK=20)(bm25(k1=1.2)+lite)',
      'rrf(rrfK=60)(bm25(k1=1.2)+lite)',
    ]);
    expect(baseline).toBe('bm25(k1=0.9)');
    expect(variants[3].retrievers).toEqual([{ retriever: 'bm25', params: { k1: 0.9 } }, { retriever: 'bm25', params: { variant: 'bm25l' } }]);
    expect(variants[3].fuse).toMatchObject({ method: 'rrf', rrfK: 60, topK: 100 });
  });

  it('names the key, its line and what was expected', () => {
    expect(errorOf(GOOD.replace('    retriever: bm25\n    params:\n      k1', '    retriever: bm25\n    parms:\n      k1'))).toMatch(/exp\.yaml:7: retrievers\.bm25\.parms: unknown key; expected one of: retriever, params/);
    expect(errorOf(GOOD.replace('rrfK: [20, 60]', 'rrfK: fast'))).toMatch(/exp\.yaml:17: pipelines\[1\]\.fuse\.rrfK: .*expected/i);
    expect(errorOf(GOOD.replace('retriever: bm25\n    params:\n      k1', 'retriever: bm99\n    params:\n      k1'))).toMatch(/exp\.yaml:6: retrievers\.bm25\.retriever: unknown retriever 'bm99'; valid: bm25, dense/);
    expect(errorOf(GOOD.replace('[ndcg@10]', '[ndcg@10, nope@3]'))).toMatch(/exp\.yaml:18: measures: .*nope/);
    expect(errorOf(GOOD.replace('k1: [0.9, 1.2]', 'k1: [0.9, high]'))).toMatch(/exp\.yaml:8: retrievers\.bm25\.params\.k1: --k1: expected a number/);
    expect(errorOf(GOOD.replace('k1: [0.9, 1.2]', 'kone: 1'))).toMatch(/exp\.yaml:8: retrievers\.bm25\.params\.kone: unknown parameter of bm25/);
    expect(errorOf(GOOD.replace('[bm25, lite]', '[bm25, lyte]'))).toMatch(/exp\.yaml:14: pipelines\[1\]\.retrievers\[1\]: unknown retriever 'lyte'/);
    expect(errorOf(GOOD.replace('method: rrf', 'method: rff'))).toMatch(/exp\.yaml:16: pipelines\[1\]\.fuse\.method: unknown fusion method 'rff'/);
    expect(errorOf(GOOD + 'baseline: bm26\n')).toMatch(/exp\.yaml:19: baseline: 'bm26' is no variant's label/);
    expect(errorOf(GOOD.replace('  - retrievers: [bm25]\n', '  - retrievers: [bm25]\n    rerank: { reranker: cross-encode }\n'))).toMatch(/exp\.yaml:14: pipelines\[0\]\.rerank\.reranker: unknown reranker 'cross-encode'; expected one of: cross-encoder, llm-pointwise, llm-listwise/);
    expect(errorOf(GOOD.replace('  - retrievers: [bm25]\n', '  - retrievers: [bm25]\n    rerank: { reranker: cross-encoder, params: { modle: x } }\n'))).toMatch(/exp\.yaml:14: pipelines\[0\]\.rerank\.params\.modle: unknown parameter of cross-encoder/);
    expect(errorOf('name: x\n  bad: [\n')).toMatch(/exp\.yaml:\d+: \(yaml\)/);
  });

  it('exits 2 from the command line on a bad config', () => {
    const r = medir(['experiment', 'plan', write(GOOD.replace('topK', 'x').replace('measures:', 'measure:'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exp\.yaml:18: measure: unknown key/);
  });
});

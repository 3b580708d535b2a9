import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/experiment/config.js';
import { generateConfig } from '../../src/experiment/answer-stage.js';
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
    expect(errorOf(GOOD.replace('retriever: bm25\n    params:\n      k1', 'retriever: bm99\n    params:\n      k1'))).toMatch(/exp\.yaml:6: retrievers\.bm25\.retriever: unknown retriever 'bm99'; valid: bm25, dense, opensearch, elasticsearch/);
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

  const RAG = `name: rag
datasets:
  - name: pubmedqa-pqal
retrievers:
  bm25:
    retriever: bm25
pipelines:
  - retrievers: [bm25]
    generate:
      reader: [majority, onnx]
      setting: [closed-book, rag, oracle]
      passages: [1, 3]
      llmModel: tiny-random-gpt2
`;

  it('expands a generate step as medir rag runs it: reader × setting × passages, labelled, with its report config', () => {
    const { variants, baseline, notes } = expandGrid(loadConfig(write(RAG)));
    expect(variants.map((v) => v.label)).toEqual([
      'closed-book:majority',
      'closed-book:tiny-random-gpt2',
      'bm25→tiny-random-gpt2@1',
      'bm25→tiny-random-gpt2@3',
      'oracle:tiny-random-gpt2',
    ]);
    expect(baseline).toBe('closed-book:majority');
    expect(notes).toEqual(['majority: rag, oracle dropped (it ignores passages, so it answers closed-book once)']);
    expect(variants[3].generate).toEqual({ reader: 'onnx', condition: { setting: 'rag', retriever: 'bm25', passages: 3 }, params: { llmModel: 'tiny-random-gpt2' } });
    expect(variants.map((v) => generateConfig(v.generate!))).toMatchObject([
      { passages: 0, mode: 'closed-book' },
      { passages: 0, mode: 'closed-book' },
      { passages: 1, mode: 'retrieved' },
      { passages: 3, mode: 'retrieved' },
      { passages: 0, mode: 'oracle' },
    ]);
  });

  it('names the key and line of a bad generate step', () => {
    expect(errorOf(RAG.replace('[majority, onnx]', '[majority, oracle-reader]'))).toMatch(/exp\.yaml:10: pipelines\[0\]\.generate\.reader: unknown reader 'oracle-reader'; expected one of: .*majority/);
    expect(errorOf(RAG.replace('[closed-book, rag, oracle]', '[closed-book, rag, open-book]'))).toMatch(/exp\.yaml:11: pipelines\[0\]\.generate\.setting: unknown setting 'open-book'; expected one of: closed-book, rag, oracle, distractors/);
    expect(errorOf(RAG.replace('[1, 3]', '[1, 0]'))).toMatch(/exp\.yaml:12: pipelines\[0\]\.generate\.passages\[1\]: .*expected number to be >0/);
    expect(errorOf(RAG.replace('      llmModel', '      llm_model'))).toMatch(/exp\.yaml:13: pipelines\[0\]\.generate\.llm_model: unknown key; expected one of: reader, setting, passages, llmModel, maxTokens/);
    expect(errorOf(RAG.replace('[bm25]\n', '[bm25, bm25]\n'))).toMatch(/exp\.yaml:10: pipelines\[0\]\.generate: a generate step reads one retriever's passages/);
  });

  it('exits 2 from the command line on a bad reader', () => {
    const r = medir(['experiment', 'plan', write(RAG.replace('[majority, onnx]', 'magority'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exp\.yaml:10: pipelines\[0\]\.generate\.reader: unknown reader 'magority'/);
  });
});

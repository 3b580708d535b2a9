import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { medir } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

// An option that does not apply to what was chosen is an error or a printed note, never silently ignored.
describe('options that do not apply', () => {
  it('a dense parameter given to bm25 is an error naming the option', () => {
    const r = medir(['run', '--dataset', 'nfcorpus', '--retriever', 'bm25', '--ef-search', '10']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('medir: error: --ef-search applies to retriever dense, not bm25\nhint: drop --ef-search, or choose --retriever dense\n');
  });

  it("a retriever parameter given to rag without a retriever, or a generator's to another generator, is an error", () => {
    expect(medir(['rag', '--dataset', 'pubmedqa-pqal', '--generator', 'majority', '--k1', '1.2']).stderr).toMatch(/^medir: error: --k1 applies to retriever bm25, opensearch or elasticsearch, and no --retriever was given\n/);
    expect(medir(['rag', '--dataset', 'pubmedqa-pqal', '--generator', 'majority', '--base-url', 'http://x']).stderr).toMatch(/^medir: error: --base-url applies to generator openai-compatible, not majority\n/);
  });

  it('ehr refuses a retriever flag none of --retrievers reads', () => {
    const r = medir(['ehr', 'mtsamples', '--retrievers', 'dense', '--k1', '1.2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('medir: error: --k1 applies to retriever bm25, opensearch or elasticsearch, not dense\nhint: drop --k1, or choose --retrievers bm25, opensearch or elasticsearch\n');
  });

  it('xling refuses a retriever flag no chosen condition runs, and a generator flag of another generator', () => {
    const r = medir(['xling', '--dataset', 'xlinghealth-medicationqa', '--conditions', 'bm25-english,bm25-native', '--ef-search', '10']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('medir: error: --ef-search applies to retriever dense, not bm25\nhint: drop --ef-search, or choose --conditions dense\n');
    expect(medir(['xling', '--dataset', 'xlinghealth-medicationqa', '--conditions', 'bm25-english', '--base-url', 'http://x']).stderr).toMatch(/^medir: error: --base-url applies to generator openai-compatible, and no --generator was given\n/);
  });

  it('rewrite refuses a flag of a retriever it does not search with', () => {
    const rewrites = join('..', 'shared', 'data', 'r2med-biology-demo', 'hyde', 'qwen-7b', 'query_with_hydoc.jsonl');
    const r = medir(['rewrite', '--dataset', 'r2med-biology-demo', '--method', 'hyde', '--rewrites', rewrites, '--k1', '1.2', '--retriever', 'dense']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('medir: error: --k1 applies to retriever bm25, opensearch or elasticsearch, not dense\nhint: drop --k1, or choose --retriever bm25, opensearch or elasticsearch\n');
    expect(medir(['rewrite', '--dataset', 'r2med-biology-demo', '--method', 'hyde', '--rewrites', rewrites, '--temperature', '0.5']).stderr).toMatch(/^medir: error: --temperature applies to generator .*, and no --generator was given\n/);
  });

  it('rag says which settings a reader that ignores passages dropped', () => {
    const out = join(tempDir(), 'rag');
    const r = medir(['rag', '--dataset', 'pubmedqa-pqal', '--generator', 'majority,random', '--setting', 'closed-book,rag,oracle', '--retriever', 'bm25', '--passages', '1,3', '--limit', '5', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('majority: rag, oracle dropped (it ignores passages, so it answers closed-book once)\n');
    expect(r.stderr).toContain('random: rag, oracle dropped (it ignores passages, so it answers closed-book once)\n');
    expect(r.stdout).not.toMatch(/oracle|rag bm25/);
  });
});

import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/datasets.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { fuseRuns } from '../../src/fuse/fuse.js';
import { compareCanonical } from '../../src/formats/run.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { retrieve } from '../../src/pipeline/retrieve.js';
import { tempDir } from '../helpers/tmp.js';

// The failing case on the real data: fusing NFCorpus's BM25 run with the GloVe dense run at
// weights (1, 0) under min-max lost its tied lowest documents. Rankings compare in canonical
// order, the one every evaluation and fusion reads. BM25's tied lowest documents (nDCG@10 0.3148 against 0.3208).
describe('fusion on NFCorpus BM25 + GloVe dense (top 1000)', () => {
  it('weighted (1, 0) gives the BM25 run back exactly, for every normalisation', async () => {
    const loc = { ...resolveLocations(), indexes: tempDir('medir-fuse-nf-'), cache: tempDir('medir-fuse-nf-cache-') };
    const dataset = await loadDataset('nfcorpus', { split: 'test' }, loc);
    const bm25 = (await retrieve({ retriever: 'bm25' }, { dataset, loc, topK: 1000 })).run;
    const dense = (await retrieve({ retriever: 'dense' }, { dataset, loc, topK: 1000 })).run;
    const ndcg = (run: typeof bm25) => evaluate(dataset.qrels, run, 'ndcg@10', { complete: true }).mean.get('ndcg_cut_10')!;
    expect(ndcg(bm25)).toBeCloseTo(0.3208, 4);
    for (const norm of ['minmax', 'zscore', 'none']) {
      const fused = fuseRuns([bm25, dense], { method: 'weighted', norm, weights: [1, 0] });
      expect([...fused.keys()].sort(), norm).toEqual([...bm25.keys()].sort());
      for (const [qid, docs] of bm25) expect(fused.get(qid)!.map((d) => d.docId), `${norm} ${qid}`).toEqual([...docs].sort(compareCanonical).map((d) => d.docId));
      expect(ndcg(fused)).toBe(ndcg(bm25));
    }
  }, 300_000);
});

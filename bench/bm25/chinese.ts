import { loadDataset } from '../../src/data/datasets.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { resolveLocations } from '../../src/mirror/locations.js';
import { RetrieverPool } from '../../src/pipeline/retrievers.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Issue 5 asks which Chinese tokenizer retrieves better: character bigrams (`zh`, the default since
 * this comparison) or ICU word segmentation (`zh-words`), on XLingHealth MedicationQA's Chinese questions against its
 * Chinese answers. Runs the bm25 retriever as a user would, in a throwaway index folder.
 */
export async function compareChineseTokenizers() {
  const loc = { ...resolveLocations(), indexes: mkdtempSync(join(tmpdir(), 'medir-bench-zh-')) };
  try {
    const dataset = await loadDataset('xlinghealth-medicationqa', { corpusFile: 'corpus.zh.jsonl' }, loc);
    const queries = dataset.queries.queries.filter((q) => q.meta.lang === 'zh');
    const results = [];
    for (const language of ['zh', 'zh-words']) {
      const { retriever } = await new RetrieverPool().open('bm25', dataset, loc, { language });
      const run = await retriever.retrieve(queries, 100);
      const { mean } = evaluate(dataset.qrels, run, ['ndcg_cut_10', 'recall_100']);
      results.push({ language, tokenizer: String((retriever.config.analyzer as { tokenizer: string }).tokenizer), queries: queries.length, ndcg10: mean.get('ndcg_cut_10')!, recall100: mean.get('recall_100')! });
    }
    return results;
  } finally {
    rmSync(loc.indexes, { recursive: true, force: true });
  }
}

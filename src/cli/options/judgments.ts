import { MedirError } from '../../core/errors.js';
import type { Qrels, Query } from '../../core/types.js';
import { readQueriesJsonl } from '../../formats/beir.js';
import { readQrels } from '../../formats/qrels.js';
import { datasetFrom, locationsFrom, type DatasetFlags } from '../common.js';

/** Qrels (and queries, when a dataset or --queries gives them) from --dataset or --qrels. */
export async function judgmentsFrom(flags: DatasetFlags): Promise<{ qrels: Qrels; queries?: readonly Query[] }> {
  if (flags.dataset) {
    const dataset = await datasetFrom(flags, locationsFrom(flags));
    return { qrels: dataset.qrels, queries: dataset.queries.queries };
  }
  if (!flags.qrels) throw new MedirError('BAD_OPTION', 'give --qrels FILE or --dataset NAME', 'e.g. medir eval --dataset nfcorpus --run runs/nfcorpus.bm25.trec');
  const qrels = await readQrels(flags.qrels);
  return { qrels, queries: flags.queries ? await readQueriesJsonl(flags.queries) : undefined };
}

import { bm25Index, compare, denseIndex, evaluate, loadDataset } from 'medir';

// A dataset by name (from `medir datasets`, found in ../shared or downloaded) or a BEIR folder.
const dataset = await loadDataset(process.argv[2] ?? 'scifact');
const queries = dataset.queries.queries;
const indexes = {
  bm25: await bm25Index(dataset, { k1: 0.9, b: 0.4 }),
  dense: await denseIndex(dataset, { model: 'glove-sg100-en-static' }),
};
const reports = Object.fromEntries(
  await Promise.all(Object.entries(indexes).map(async ([name, index]) => [name, evaluate(dataset.qrels, await index.search(queries, 100), { runId: name })] as const)),
);
const { means, pairs } = compare(reports, { test: 'randomization' });
console.log(JSON.stringify(means));
for (const p of pairs) console.log(`${p.measure}: ${p.a} - ${p.b} = ${p.diff.toFixed(4)} (p = ${p.pAdjusted.toFixed(4)})`);

import { bm25Index, compare, evaluate, loadDataset, type Run, type SearchQuery } from 'medir';

const dataset = await loadDataset(process.argv[2] ?? 'nfcorpus');
const words = (text: string) => new Set(text.toLowerCase().match(/\w+/g));
const docs: { id: string; words: Set<string> }[] = [];
for await (const doc of dataset.corpus.docs()) docs.push({ id: doc.id, words: words(`${doc.title} ${doc.text}`) });

/** A retriever of your own: any function from queries to a run. This one counts shared words. */
function overlap(queries: readonly SearchQuery[], k: number): Run {
  const run: Run = new Map();
  for (const q of queries) {
    const terms = [...words(q.text)];
    const scored = docs.map((d) => ({ docId: d.id, score: terms.filter((t) => d.words.has(t)).length }));
    run.set(q.id, scored.sort((a, b) => b.score - a.score).slice(0, k));
  }
  return run;
}

const queries = dataset.queries.queries;
const bm25 = await (await bm25Index(dataset)).search(queries, 100);
const reports = { overlap: evaluate(dataset.qrels, overlap(queries, 100)), bm25: evaluate(dataset.qrels, bm25) };
console.log(JSON.stringify(compare(reports).pairs.find((p) => p.measure === 'ndcg_cut_10')));

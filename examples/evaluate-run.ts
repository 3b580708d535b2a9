import { evaluate, readQrels, readRun } from 'medir';

const qrels = await readQrels(process.argv[2] ?? '../shared/golden/trec_eval/A.qrels');
const { run } = await readRun(process.argv[3] ?? '../shared/golden/trec_eval/A.run');
console.log(JSON.stringify(evaluate(qrels, run, { measures: ['ndcg@10', 'map', 'P@10'] }).aggregate));

"""Peer for bench/eval/run.ts: nDCG@10 per query in pure Python with trec_eval's semantics
(score desc, ties by docid desc; relevance as gain; log2(rank + 1) discount; ideal from the qrels),
timed over pre-loaded data as medir's in-process figure is. Prints one JSON object.
  python3 bench/eval/ndcg_peer.py QRELS RUN DEPTH
"""
import json, math, sys, time

qrels_file, run_file, depth = sys.argv[1], sys.argv[2], int(sys.argv[3])
qrels = {}
for line in open(qrels_file):
    q, _, d, r = line.split()
    qrels.setdefault(q, {})[d] = int(r)
run = {}
for line in open(run_file):
    q, _, d, _, s, _ = line.split()
    docs = run.setdefault(q, [])
    if len(docs) < depth:
        docs.append((d, float(s)))

LOG = [math.log2(i + 2) for i in range(1000)]

def ndcg10(judged, docs):
    ranked = sorted(docs, key=lambda x: x[0], reverse=True)
    ranked.sort(key=lambda x: x[1], reverse=True)
    dcg = 0.0
    for i, (d, _) in enumerate(ranked[:10]):
        rel = judged.get(d, 0)
        if rel > 0:
            dcg += rel / LOG[i]
    ideal = sorted((r for r in judged.values() if r > 0), reverse=True)[:10]
    idcg = sum(r / LOG[i] for i, r in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0

queries = [q for q in run if q in qrels]
best = float('inf')
for _ in range(3):
    start = time.perf_counter()
    total = sum(ndcg10(qrels[q], run[q]) for q in queries)
    best = min(best, time.perf_counter() - start)
print(json.dumps({"queries": len(queries), "seconds": best, "us_per_query": best / len(queries) * 1e6, "mean": total / len(queries)}))

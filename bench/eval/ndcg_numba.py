"""Peer for bench/eval/run.ts: a numba-compiled nDCG@10 kernel with trec_eval's semantics (score
descending, ties by docid descending; relevance as gain; log2(rank + 1) discount; ideal from the
qrels), in ranx's design: ids interned to integers once, rankings and judgments as numpy arrays,
the timed kernel sorting each ranking and looking up judgments by binary search. Timed over
pre-loaded data, as medir's in-process figure is (compilation excluded). Prints one JSON object.
  python3 bench/eval/ndcg_numba.py QRELS RUN
"""
import json, sys, time
import numpy as np
from numba import njit

qrels_file, run_file = sys.argv[1], sys.argv[2]
qrels, run = {}, {}
for line in open(qrels_file):
    q, _, d, r = line.split()
    qrels.setdefault(q, {})[d] = int(r)
for line in open(run_file):
    q, _, d, _, s, _ = line.split()[:6]
    run.setdefault(q, []).append((d, float(s)))

# Interned ids in byte order, so integer order is trec_eval's strcmp order.
names = sorted({d for docs in run.values() for d, _ in docs} | {d for j in qrels.values() for d in j}, key=lambda x: x.encode())
ids = {d: i for i, d in enumerate(names)}
queries = [q for q in run if q in qrels]
offsets, doc_ids, scores, q_offsets, q_docs, q_rels = [0], [], [], [0], [], []
for q in queries:
    for d, s in run[q]:
        doc_ids.append(ids[d]); scores.append(s)
    offsets.append(len(doc_ids))
    judged = sorted((ids[d], r) for d, r in qrels[q].items())
    q_docs += [d for d, _ in judged]; q_rels += [r for _, r in judged]
    q_offsets.append(len(q_docs))
arrays = [np.array(x, dtype=t) for x, t in [(offsets, np.int64), (doc_ids, np.int64), (scores, np.float64), (q_offsets, np.int64), (q_docs, np.int64), (q_rels, np.int64)]]

@njit(cache=False)
def ndcg10_all(offsets, doc_ids, scores, q_offsets, q_docs, q_rels, out):
    for q in range(len(offsets) - 1):
        lo, hi = offsets[q], offsets[q + 1]
        # trec_eval's order: score descending, then docid descending.
        order = np.argsort(-doc_ids[lo:hi], kind='mergesort')
        order = order[np.argsort(-scores[lo:hi][order], kind='mergesort')]
        jd, jr = q_docs[q_offsets[q]:q_offsets[q + 1]], q_rels[q_offsets[q]:q_offsets[q + 1]]
        dcg = 0.0
        for k in range(min(10, hi - lo)):
            d = doc_ids[lo + order[k]]
            at = np.searchsorted(jd, d)
            if at < len(jd) and jd[at] == d and jr[at] > 0:
                dcg += jr[at] / np.log2(k + 2.0)
        ideal = np.sort(jr)[::-1]
        idcg = 0.0
        for k in range(min(10, len(ideal))):
            if ideal[k] <= 0:
                break
            idcg += ideal[k] / np.log2(k + 2.0)
        out[q] = dcg / idcg if idcg > 0 else 0.0

out = np.zeros(len(queries))
ndcg10_all(*arrays, out)  # compile
best = float('inf')
for _ in range(5):
    start = time.perf_counter()
    ndcg10_all(*arrays, out)
    best = min(best, time.perf_counter() - start)
print(json.dumps({"queries": len(queries), "seconds": best, "us_per_query": best / len(queries) * 1e6, "mean": float(out.mean())}))

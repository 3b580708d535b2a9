"""Peers of bench/vector-search: the same searches in numpy (exact, 1 thread) and faiss
(IndexFlatIP, IndexHNSWFlat, 1 thread), on the matrix and queries the TypeScript side wrote.
Times are CPU seconds, as on the TypeScript side.

usage: python3 peers.py MATRIX.f32 QUERIES.f32 DIM M EF_CONSTRUCTION EF1,EF2,...  -> JSON on stdout
"""
import os

# One thread everywhere, set before numpy/faiss load their BLAS/OpenMP runtimes.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import json
import sys
import time

import numpy as np

K = 10


def timed(fn):
    """CPU seconds (this process, all threads) of fn(): steadier than wall time on a shared machine."""
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def numpy_top_k(matrix, q):
    scores = matrix @ q
    part = np.argpartition(-scores, K)[:K]
    return part[np.argsort(-scores[part])]


def main():
    matrix_file, queries_file, dim, m, ef_construction, efs = sys.argv[1:7]
    dim, m, ef_construction = int(dim), int(m), int(ef_construction)
    matrix = np.fromfile(matrix_file, dtype="<f4").reshape(-1, dim)
    queries = np.fromfile(queries_file, dtype="<f4").reshape(-1, dim)
    out = {"numpy": np.__version__}

    secs, _ = timed(lambda: [numpy_top_k(matrix, q) for q in queries])
    out["numpy_exact_single_ms"] = secs / len(queries) * 1000
    secs, _ = timed(lambda: np.argpartition(-(queries @ matrix.T), K, axis=1)[:, :K])
    out["numpy_exact_batched_qps"] = len(queries) / secs
    # Recall counts ties as hits: a result whose exact score reaches the 10th best (within 1e-6),
    # as on the TypeScript side (GloVe gives equal scores to texts that differ in unknown words).
    exact_scores = [matrix @ q for q in queries]
    tenth = [np.sort(s)[-K] for s in exact_scores]

    try:
        import faiss
    except ImportError:
        out["faiss"] = None
        print(json.dumps(out))
        return
    faiss.omp_set_num_threads(1)
    out["faiss"] = faiss.__version__
    flat = faiss.IndexFlatIP(dim)
    flat.add(matrix)
    secs, _ = timed(lambda: [flat.search(q[None, :], K) for q in queries])
    out["faiss_flat_single_ms"] = secs / len(queries) * 1000
    secs, _ = timed(lambda: flat.search(queries, K))
    out["faiss_flat_batched_qps"] = len(queries) / secs

    hnsw = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = ef_construction
    secs, _ = timed(lambda: hnsw.add(matrix))
    out["faiss_hnsw_build_s"] = secs
    sweep = []
    for ef in (int(x) for x in efs.split(",")):
        hnsw.hnsw.efSearch = ef
        secs, results = timed(lambda: [hnsw.search(q[None, :], K)[1][0] for q in queries])
        recall = sum(int((exact_scores[i][r[r >= 0]] >= tenth[i] - 1e-6).sum()) for i, r in enumerate(results)) / (K * len(queries))
        sweep.append({"efSearch": ef, "recall": recall, "qps": len(queries) / secs})
    out["faiss_hnsw"] = sweep
    print(json.dumps(out))


if __name__ == "__main__":
    main()

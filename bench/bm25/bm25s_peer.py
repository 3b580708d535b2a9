"""The bm25s peer for bench/bm25/run.ts: one corpus per process (so peak RSS is its own).

Settings mirror medir's: Lucene variant, k1=1.5, b=0.75, numba backend, one thread, warmed up;
text corpora use bm25s's English analyzer (its stop words, PyStemmer English, default token
pattern). Prints one JSON object on stdout. Usage:
  python3 bench/bm25/bm25s_peer.py SPEC.json
where SPEC is written by run.ts: {"kind": "text", "docs": F, "queries": F, "run": OUT}
or {"kind": "zipf", "tokens": F, "offsets": F, "queryTokens": F, "queryOffsets": F, "vocab": N};
"maxQueries": N times only the first N queries (as cell.ts does).
"""
import json
import os
import resource
import sys
import tempfile
import time

os.environ.setdefault("NUMBA_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import bm25s  # noqa: E402
import Stemmer  # noqa: E402

KS = (10, 1000)
MIN_SECONDS = 1.5
WINDOW = 0.25


def rate(fn, n_items):
    """Items per CPU second of fn(): one warm-up call, then windows of >= WINDOW CPU s for MIN_SECONDS; best window (as cell.ts)."""
    fn()
    best, start = 0.0, time.process_time()
    while time.process_time() - start < MIN_SECONDS:
        calls, window_start, elapsed = 0, time.process_time(), 0.0
        while elapsed < WINDOW:
            fn()
            calls += 1
            elapsed = time.process_time() - window_start
        best = max(best, calls * n_items / elapsed)
    return best


def dir_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def read_jsonl(path):
    with open(path, encoding="utf8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    spec = json.load(open(sys.argv[1]))
    retriever = bm25s.BM25(method="lucene", k1=1.5, b=0.75, backend="numba")
    stemmer = Stemmer.Stemmer("english")
    out = {"system": "bm25s-numba", "version": bm25s.__version__}

    if spec["kind"] == "text":
        docs = read_jsonl(spec["docs"])
        queries = read_jsonl(spec["queries"])
        texts = [d["text"] for d in docs]
        out["index_s"] = float("inf")
        for _ in range(3):  # the fastest of three builds, as cell.ts
            retriever = bm25s.BM25(method="lucene", k1=1.5, b=0.75, backend="numba")
            start = time.perf_counter()
            corpus_tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
            retriever.index(corpus_tokens, show_progress=False)
            out["index_s"] = min(out["index_s"], time.perf_counter() - start)
        qtexts = [q["text"] for q in queries]

        def tokenize_queries():
            tok = bm25s.tokenize(qtexts, stopwords="en", stemmer=stemmer, show_progress=False, return_ids=False)
            return [retriever.get_tokens_ids(t) or [retriever.vocab_dict[""]] for t in tok]

        query_ids = tokenize_queries()
    else:
        tokens = np.fromfile(spec["tokens"], dtype="<i4")
        offsets = np.fromfile(spec["offsets"], dtype="<i4")
        corpus_ids = [tokens[offsets[i]:offsets[i + 1]].tolist() for i in range(len(offsets) - 1)]
        del tokens
        vocab = {f"t{i}": i for i in range(spec["vocab"])}
        start = time.perf_counter()
        retriever.index((corpus_ids, vocab), show_progress=False)
        out["index_s"] = time.perf_counter() - start
        del corpus_ids
        qt = np.fromfile(spec["queryTokens"], dtype="<i4")
        qo = np.fromfile(spec["queryOffsets"], dtype="<i4")
        query_ids = [qt[qo[i]:qo[i + 1]].tolist() for i in range(len(qo) - 1)]
        docs = None

    if spec.get("maxQueries"):
        query_ids = query_ids[: spec["maxQueries"]]
    n_docs = retriever.scores["num_docs"]
    out["docs"] = n_docs
    out["docs_per_s"] = n_docs / out["index_s"]
    out["queries"] = len(query_ids)
    for k in KS:
        out[f"qps_k{k}"] = rate(lambda: retriever.retrieve(query_ids, k=k, n_threads=1, show_progress=False), len(query_ids))
        if spec["kind"] == "text":
            out[f"e2e_qps_k{k}"] = rate(
                lambda: retriever.retrieve(tokenize_queries(), k=k, n_threads=1, show_progress=False), len(query_ids)
            )
    if spec["kind"] == "text":
        res = retriever.retrieve(query_ids, k=min(1000, n_docs), n_threads=1, show_progress=False)
        run = {
            q["id"]: [[docs[d]["id"], float(s)] for d, s in zip(res.documents[i], res.scores[i])]
            for i, q in enumerate(queries)
        }
        with open(spec["run"], "w") as f:
            json.dump(run, f)
    with tempfile.TemporaryDirectory() as tmp:
        retriever.save(tmp)
        out["index_bytes"] = dir_bytes(tmp)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()

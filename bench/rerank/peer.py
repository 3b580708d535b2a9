"""Peer of bench/rerank: onnxruntime in Python scoring the same (query, passage) pairs the way
sentence-transformers' CrossEncoder does (tokenizers with longest_first truncation at MAX_LEN,
token_type_ids 0/1), in batches sorted by token length like medir's, raw logits. Reports wall and
CPU time (all threads), tokenization included.

usage: python3 peer.py MODEL_DIR PAIRS.jsonl MAX_LEN BATCH THREADS  -> JSON on stdout
"""
import json
import sys
import time

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


def main():
    model_dir, pairs_file, max_len, batch, threads = sys.argv[1:6]
    max_len, batch, threads = int(max_len), int(batch), int(threads)
    pairs = [json.loads(line) for line in open(pairs_file, encoding="utf-8")]
    tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tokenizer.enable_truncation(max_len, strategy="longest_first")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(f"{model_dir}/onnx/model.onnx", options, providers=["CPUExecutionProvider"])

    start, cpu_start = time.perf_counter(), time.process_time()
    enc = tokenizer.encode_batch([(p[0], p[1]) for p in pairs])
    order = sorted(range(len(enc)), key=lambda i: (len(enc[i].ids), i))
    scores = [0.0] * len(pairs)
    for s in range(0, len(order), batch):
        idx = order[s : s + batch]
        seq = max(len(enc[i].ids) for i in idx)
        ids = np.zeros((len(idx), seq), dtype=np.int64)
        mask = np.zeros((len(idx), seq), dtype=np.int64)
        types = np.zeros((len(idx), seq), dtype=np.int64)
        for j, i in enumerate(idx):
            n = len(enc[i].ids)
            ids[j, :n], mask[j, :n], types[j, :n] = enc[i].ids, 1, enc[i].type_ids
        logits = session.run(["logits"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
        for j, i in enumerate(idx):
            scores[i] = float(logits[j, 0])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    truncated = sum(1 for e in enc if e.overflowing)
    print(json.dumps({"onnxruntime": ort.__version__, "seconds": seconds, "cpuSeconds": cpu, "pairsPerS": len(pairs) / seconds, "pairsPerCpuS": len(pairs) / cpu, "truncated": truncated, "tokens": sum(len(e.ids) for e in enc), "scores": scores}))


if __name__ == "__main__":
    main()

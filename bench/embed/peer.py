"""Peer of bench/embed: onnxruntime in Python embedding the same texts the same way (tokenizers
with truncation at MAX_LEN, length-sorted batches, mean pooling, L2 normalisation). Reports wall
and CPU time (all threads).

usage: python3 peer.py MODEL_DIR TEXTS.jsonl MAX_LEN BATCH THREADS [SPIN]  -> JSON on stdout
SPIN 0 turns off the spinning of idle intra-op threads (medir's default); onnxruntime's default is 1.
"""
import json
import sys
import time

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


def main():
    model_dir, texts_file, max_len, batch, threads = sys.argv[1:6]
    max_len, batch, threads = int(max_len), int(batch), int(threads)
    spin = sys.argv[6] if len(sys.argv) > 6 else "1"
    texts = [json.loads(line) for line in open(texts_file, encoding="utf-8")]
    tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tokenizer.enable_truncation(max_len)
    tokenizer.enable_padding()
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", spin)
    session = ort.InferenceSession(f"{model_dir}/onnx/model.onnx", options, providers=["CPUExecutionProvider"])
    inputs = {i.name for i in session.get_inputs()}

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = [None] * len(texts)
    tokens = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for s in range(0, len(order), batch):
        idx = order[s : s + batch]
        enc = tokenizer.encode_batch([texts[i] for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(["last_hidden_state"], feed)[0]
        pooled = (hidden * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        tokens += int(mask.sum())
        for j, i in enumerate(idx):
            vectors[i] = pooled[j]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"onnxruntime": ort.__version__, "docs": len(texts), "seconds": seconds, "cpuSeconds": cpu, "docsPerS": len(texts) / seconds, "docsPerCpuS": len(texts) / cpu, "tokens": tokens, "first": vectors[0][:8].tolist()}))


if __name__ == "__main__":
    main()

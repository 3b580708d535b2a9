"""Computes, once, the logits that test/rerank/cross-encoder.test.ts expects from
tiny-random-bert-cross-encoder: onnxruntime in Python with the `tokenizers` package, pairs encoded as
sentence-transformers' CrossEncoder does (query, title + " " + text), `longest_first` truncation to
the model's 128 tokens, token_type_ids 0/1. The pairs mix short ones, long passages (cut), long
queries with long passages (both cut, ties at odd budgets), accents and an empty title.

usage: python3 bench/rerank/make-fixture.py ../shared > test/rerank/fixtures/tiny-cross-encoder-logits.json
"""
import json
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

MAX_LEN = 128


def nfcorpus(shared):
    docs = {}
    with open(f"{shared}/data/nfcorpus/corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs[d["_id"]] = d
    queries = {}
    with open(f"{shared}/data/nfcorpus/queries.jsonl", encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            queries[q["_id"]] = q["text"]
    return docs, queries


def passage(doc):
    return f"{doc['title']} {doc['text']}" if doc["title"] else doc["text"]


def pairs(shared):
    docs, queries = nfcorpus(shared)
    out = []
    for qid, did in [("PLAIN-2", "MED-2427"), ("PLAIN-2", "MED-10"), ("PLAIN-3", "MED-14"), ("PLAIN-12", "MED-2429")]:
        out.append({"query": queries[qid], "passage": passage(docs[did])})
    long_query = " ".join(passage(docs["MED-10"]).split()[:90])
    out.append({"query": long_query, "passage": passage(docs["MED-2427"])})
    out.append({"query": "a b c d e f g", "passage": "k l m n o p q"})
    out.append({"query": "what is a license", "passage": "A license is a legal instrument."})
    out.append({"query": "Café, naïve résumé — über Ärzte", "passage": "Ångström units: µg/dL in the ICU. 心臓"})
    out.append({"query": "statins", "passage": "no title here, only text about statins and cholesterol"})
    out.append({"query": " ".join(["licensee"] * 70), "passage": " ".join(["software distribution"] * 40)})
    return out


def main():
    shared = sys.argv[1]
    model_dir = f"{shared}/models/tiny-random-bert-cross-encoder"
    tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tokenizer.enable_truncation(MAX_LEN, strategy="longest_first")
    tokenizer.enable_padding()
    session = ort.InferenceSession(f"{model_dir}/onnx/model.onnx", providers=["CPUExecutionProvider"])
    items = pairs(shared)
    enc = tokenizer.encode_batch([(p["query"], p["passage"]) for p in items])
    feed = {
        "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
    }
    logits = session.run(["logits"], feed)[0]
    for p, e, logit in zip(items, enc, logits):
        n = int(sum(e.attention_mask))
        p["inputIds"] = e.ids[:n]
        p["tokenTypeIds"] = e.type_ids[:n]
        p["truncated"] = len(e.overflowing) > 0
        p["logit"] = float(logit[0])
    print(json.dumps({"script": "bench/rerank/make-fixture.py", "model": "tiny-random-bert-cross-encoder", "maxLength": MAX_LEN, "onnxruntime": ort.__version__, "pairs": items}, ensure_ascii=False))


if __name__ == "__main__":
    main()

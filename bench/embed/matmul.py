"""The machine's matmul peak for bench/embed's FLOP-bound ceiling: float32 n×n @ n×n with numpy's
BLAS on THREADS threads, best of a few rounds, as GFLOP per wall second and per CPU second.

usage: OMP_NUM_THREADS=T OPENBLAS_NUM_THREADS=T python3 matmul.py N  -> JSON on stdout
"""
import json
import sys
import time

import numpy as np


def main():
    n = int(sys.argv[1])
    a = np.random.rand(n, n).astype(np.float32)
    b = np.random.rand(n, n).astype(np.float32)
    a @ b
    flops = 2 * n**3 * 10
    best_wall, best_cpu = 0.0, 0.0
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        for _ in range(10):
            a @ b
        best_wall = max(best_wall, flops / (time.perf_counter() - t) / 1e9)
        best_cpu = max(best_cpu, flops / (time.process_time() - c) / 1e9)
    print(json.dumps({"n": n, "gflopsWall": best_wall, "gflopsPerCpuS": best_cpu}))


if __name__ == "__main__":
    main()

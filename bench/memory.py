"""Claim memory lookups as the archive grows: `python -m bench.memory`.

Builds the memory's vector index (`claims.analysis.memory.VectorIndex`, the
HNSW graph the memory uses from HNSW_FROM entries on) over synthetic unit
vectors of the model's 384 dimensions, drawn around topic centres as real
claims are, at 10k, 100k and 1M entries (BENCH_MEMORY_SIZES), and times
single-query lookups of the RERANK_DEPTH nearest entries. Prints one JSON
object: per size the build time, lookup p50 / p95 in milliseconds, recall of
the true nearest neighbour (against an exact search on a sample), and the
ratio of the largest size's p95 to the smallest's (the issue asks for <= 3).
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np

from claims.analysis.matching import RERANK_DEPTH
from claims.analysis.memory import VectorIndex

DIM = 384
TOPICS = 2_000
QUERIES = 300
SEED = 16


def synthetic(n: int, rng: np.random.Generator) -> np.ndarray:
    centres = rng.normal(size=(TOPICS, DIM)).astype(np.float32)
    out = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(n, start + 100_000)
        topic = rng.integers(0, TOPICS, size=stop - start)
        out[start:stop] = centres[topic] + 0.8 * rng.normal(size=(stop - start, DIM))
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def measure(n: int) -> dict:
    rng = np.random.default_rng(SEED)
    vectors = synthetic(n, rng)
    queries = vectors[rng.integers(0, n, size=QUERIES)] + 0.3 * rng.normal(
        size=(QUERIES, DIM)
    ).astype(np.float32)
    started = time.perf_counter()
    index = VectorIndex(DIM, hnsw=True)
    index.add(np.arange(n), vectors)
    build = time.perf_counter() - started
    index.search(queries[:5], RERANK_DEPTH)  # warm up
    times, found = [], []
    for q in queries:
        t0 = time.perf_counter()
        ids, _ = index.search(q[None, :], RERANK_DEPTH)
        times.append((time.perf_counter() - t0) * 1000)
        found.append(int(ids[0, 0]))
    sample = min(QUERIES, 100)
    unit_q = queries[:sample] / np.linalg.norm(queries[:sample], axis=1, keepdims=True)
    truth = np.argmax(unit_q @ vectors.T, axis=1)
    recall = float(np.mean(np.array(found[:sample]) == truth))
    return {
        "entries": n,
        "build_seconds": round(build, 1),
        "lookup_ms_p50": round(float(np.percentile(times, 50)), 3),
        "lookup_ms_p95": round(float(np.percentile(times, 95)), 3),
        "recall_at_1": round(recall, 3),
    }


def main() -> dict:
    sizes = [
        int(s) for s in os.environ.get("BENCH_MEMORY_SIZES", "10000,100000,1000000").split(",")
    ]
    results = []
    for n in sizes:
        results.append(measure(n))
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    out = {"memory_lookup": results, "k": RERANK_DEPTH}
    if len(results) >= 2:
        out["p95_ratio_largest_to_smallest"] = round(
            results[-1]["lookup_ms_p95"] / max(results[0]["lookup_ms_p95"], 1e-9), 2
        )
    return out


if __name__ == "__main__":
    import faiss

    faiss.omp_set_num_threads(1)  # one lookup per query, as a web request makes it
    print(json.dumps(main(), indent=2))

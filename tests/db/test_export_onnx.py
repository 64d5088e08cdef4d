"""`manage.py export_onnx`: the graph workers load, exported once and checked against torch."""

import re
from io import StringIO

from django.core.management import call_command

from claims.nlp import embed


def test_export_is_idempotent_and_checked(settings):
    out = StringIO()
    call_command("export_onnx", stdout=out)
    # where the command writes: EMBED_CACHE_DIR when set (the bench shares it), else .cache/
    graph = embed.OnnxEmbedder(cache_dir=settings.EMBED_CACHE_DIR or None).graph_path()
    assert graph.exists() and str(graph) in out.getvalue()
    stamp = graph.stat().st_mtime_ns
    again = StringIO()
    call_command("export_onnx", stdout=again)
    assert "already exported" in again.getvalue()
    cosine = float(re.search(r"cosine against torch ([0-9]+\.[0-9]+)", again.getvalue()).group(1))
    assert cosine >= 0.999
    assert graph.stat().st_mtime_ns == stamp

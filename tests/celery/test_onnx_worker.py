"""The default embedding backend (ONNX) in a real worker: the pipeline runs, torch never loads."""

from pathlib import Path

import pytest

from claims.models import Article, Claim
from claims.nlp import embed
from claims.services import ingest
from tests.celery.conftest import wait_for
from tests.celery.test_worker import demo_article

pytestmark = [pytest.mark.celery, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def mapped_files(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def test_onnx_worker_embeds_without_loading_torch(start_worker, tmp_path):
    cache = tmp_path / "embed"
    embed.OnnxEmbedder(cache_dir=cache).export()  # as `manage.py export_onnx` does at install
    worker = start_worker(env={"EMBED_BACKEND": "onnx", "EMBED_CACHE_DIR": str(cache)})
    entry, text = demo_article(2)
    ingest.submit_text(
        text,
        title=entry["title"],
        outlet=entry["outlet"],
        url=entry["url"],
        published=entry["published"],
    )
    assert wait_for(
        lambda: Article.objects.filter(url=entry["url"], status="analysed").exists(), timeout=300
    ), worker.text()[-3000:]
    claims = Claim.objects.filter(article__url=entry["url"])
    assert claims.exists() and not claims.filter(embedding=None).exists()

    maps = mapped_files(worker.proc.pid)  # --pool=solo: the tasks ran in this process
    assert "onnxruntime" in maps
    assert "libtorch" not in maps, "the worker loaded torch"
    # The vectors are the model's: torch's own encoding of the same sentences agrees.
    texts = list(claims.values_list("text", flat=True)[:5])
    stored = [embed.from_bytes(v) for v in claims.values_list("embedding", flat=True)[:5]]
    reference = embed.SentenceTransformerEmbedder().encode(texts)
    assert min(float(a @ b) for a, b in zip(stored, reference, strict=True)) > 0.999


def test_without_an_export_the_worker_exports_with_torch(start_worker, tmp_path):
    """Torch stays the way to the graph: a worker with no export makes it on first use."""
    cache = tmp_path / "fresh"
    worker = start_worker(env={"EMBED_BACKEND": "onnx", "EMBED_CACHE_DIR": str(cache)})
    entry, text = demo_article(3)
    ingest.submit_text(
        text,
        title=entry["title"],
        outlet=entry["outlet"],
        url=entry["url"],
        published=entry["published"],
    )
    assert wait_for(
        lambda: Article.objects.filter(url=entry["url"], status="analysed").exists(), timeout=300
    ), worker.text()[-3000:]
    assert list(cache.glob("*.onnx")), "no graph exported"
    assert "libtorch" in mapped_files(worker.proc.pid)

"""claims.pipeline: dispatch of the next step, and what a failing step leaves behind."""

import json

import numpy as np
import pytest

from claims.models import Article, IngestJob
from claims.nlp import embed
from claims.services import ingest, nlp


class ConstantEmbedder:
    """Every sentence on one axis: the records of the file share a story."""

    name = "constant-test"
    dim = 8

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        out[:, 0] = 1.0
        return out


@pytest.fixture
def constant_embedder():
    embed.set_embedder(ConstantEmbedder())
    yield
    embed.set_embedder(None)


def _record(outlet, title, text):
    return {"outlet": outlet, "title": title, "text": text, "published": "2025-03-03T09:00:00Z"}


# transaction=True: each record commits on its own and its on-commit dispatch runs the
# eager tasks right there, as in `manage.py ingest` without a broker.
@pytest.mark.slow  # spaCy parses the records
@pytest.mark.django_db(transaction=True)
def test_a_records_failing_step_is_recorded_and_the_file_goes_on(monkeypatch, constant_embedder):
    # Regression: the exception of one record's eager step rose through the ingest
    # loop, and the records after it were never ingested (158 of 982 on ECB+).
    real_extract = nlp.extract_article_claims

    def extract(article_id, force=False):
        if Article.objects.get(pk=article_id).title == "Broken":
            raise RuntimeError("parser crashed")
        return real_extract(article_id, force)

    monkeypatch.setattr(nlp, "extract_article_claims", extract)
    records = [
        _record(
            "Northern Post",
            "Mill",
            "The Riverside mill will reopen on Monday with 300 workers, the mayor said.",
        ),
        _record("Valley Times", "Broken", "The Riverside mill reopens on Monday, officials said."),
        _record(
            "Coast Herald",
            "Mill again",
            "Mayor Ellen Hart said the Riverside mill would reopen on Monday with 300 jobs.",
        ),
    ]
    data = "\n".join(json.dumps(r) for r in records).encode()

    job = ingest.submit_file("mill.jsonl", data)

    assert (job.status, job.done, job.failed) == (IngestJob.Status.DONE, 3, 0)
    broken = Article.objects.get(title="Broken")
    assert broken.status == Article.Status.FAILED
    assert broken.last_error == "extract_claims failed: RuntimeError: parser crashed"
    others = Article.objects.exclude(pk=broken.pk)
    assert sorted(others.values_list("title", flat=True)) == ["Mill", "Mill again"]
    assert set(others.values_list("status", flat=True)) == {Article.Status.ANALYSED}
    assert set(others.values_list("last_error", flat=True)) == {""}


# --- the one dispatch point ------------------------------------------------------------


def test_every_task_the_pipeline_sends_is_registered():
    from celery import current_app

    from claims import pipeline

    current_app.loader.import_default_modules()
    names = [
        value for key, value in vars(pipeline).items() if key.isupper() and key.isidentifier()
    ]
    names = [n for n in names if isinstance(n, str) and n.startswith("claims.tasks.")]
    assert len(names) >= 8
    missing = [n for n in [*names, *pipeline.NEXT_STEP.values()] if n not in current_app.tasks]
    assert not missing
    assert set(pipeline.NEXT_STEP) <= set(Article.Status.values)


def test_only_the_pipeline_imports_the_tasks():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "claims"
    importing = re.compile(
        r"^\s*(from claims import .*\btasks\b|from claims\.tasks |import claims\.tasks)", re.M
    )
    found = sorted(
        str(path.relative_to(root.parent))
        for path in root.rglob("*.py")
        if importing.search(path.read_text())
    )
    assert found == []


@pytest.fixture
def sent(monkeypatch):
    from claims import pipeline

    calls = []
    monkeypatch.setattr(
        pipeline, "send_on_commit", lambda name, *args, **kw: calls.append((name, args))
    )
    return calls


@pytest.mark.django_db
def test_advance_sends_the_step_of_the_articles_state_once(sent):
    from claims import pipeline
    from tests.db import builders as b

    article = b.article()
    for status, step in [
        ("fetched", pipeline.EXTRACT_CLAIMS),
        ("extracted", pipeline.EMBED_CLAIMS),
        ("embedded", pipeline.ASSIGN_STORY),
    ]:
        Article.objects.filter(pk=article.pk).update(status=status)
        sent.clear()
        pipeline.advance(article.pk)
        assert sent == [(step, (article.pk,))]
        # The step ran and left the article where it was: nothing more is sent.
        sent.clear()
        pipeline.step_done(step, (article.pk,))
        assert sent == []
    for status in ("queued", "analysed", "failed"):
        Article.objects.filter(pk=article.pk).update(status=status)
        pipeline.advance(article.pk)
    pipeline.advance(10**9)  # gone
    assert sent == []
    Article.objects.filter(pk=article.pk).update(status="extracted")
    pipeline.step_done(pipeline.EXTRACT_CLAIMS, (article.pk,))
    assert sent == [(pipeline.EMBED_CLAIMS, (article.pk,))]

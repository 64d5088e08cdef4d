"""A real worker, started here, consumes tasks from Redis and writes to PostgreSQL."""

import json
from pathlib import Path

import pytest

from claims.models import Article, Claim, IngestJob
from claims.services import ingest
from tests.celery.conftest import wait_for

pytestmark = [pytest.mark.celery, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "demo"


def demo_article(index=0):
    entry = json.loads((DEMO / "manifest.json").read_text())["articles"][index]
    return entry, (DEMO / entry["file"]).read_text()


def test_worker_runs_the_pipeline_from_redis_into_postgres(start_worker):
    start_worker()
    entry, text = demo_article(0)
    job = ingest.submit_text(
        text,
        title=entry["title"],
        outlet=entry["outlet"],
        url=entry["url"],
        published=entry["published"],
    )

    def analysed():
        return Article.objects.filter(url=entry["url"], status="analysed").exists()

    assert wait_for(analysed, timeout=300), IngestJob.objects.get(pk=job.pk).error
    article = Article.objects.get(url=entry["url"])
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.DONE
    assert article.story_id is not None
    claims = Claim.objects.filter(article=article)
    assert claims.count() >= 5
    assert not claims.filter(embedding=None).exists()


def test_redelivered_task_is_a_no_op(start_worker):
    """The same extraction sent twice (late ack redelivery) creates claims once."""
    from claims import tasks

    worker = start_worker()
    entry, text = demo_article(1)
    ingest.submit_text(
        text,
        title=entry["title"],
        outlet=entry["outlet"],
        url=entry["url"],
        published=entry["published"],
    )
    assert wait_for(lambda: Article.objects.filter(url=entry["url"], status="analysed").exists())
    article = Article.objects.get(url=entry["url"])
    before = sorted(Claim.objects.filter(article=article).values_list("pk", flat=True))
    result = tasks.extract_claims.delay(article.pk)
    assert wait_for(lambda: worker.succeeded(result.id), timeout=60)
    after = sorted(Claim.objects.filter(article=article).values_list("pk", flat=True))
    assert after == before

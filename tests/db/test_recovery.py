"""A send that finds the broker down is recorded, not raised; resume_stalled sends it again."""

from datetime import timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from claims import pipeline, tasks
from claims.models import Article, IngestJob, Story
from claims.services import analysis, ingest, recovery, stories
from tests.db import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    """Every apply_async fails as kombu does when Redis refuses the connection."""

    def refuse(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    for task in (tasks.run_ingest_job, tasks.extract_claims, tasks.analyse_story):
        monkeypatch.setattr(task, "apply_async", refuse)


@pytest.fixture
def sent(monkeypatch):
    """What pipeline.send would have sent: (task name, args)."""
    calls = []

    def record(name, *args, countdown=None, on_failure=None):
        calls.append((name.rsplit(".", 1)[-1], args))
        return True

    monkeypatch.setattr(pipeline, "send", record)
    return calls


def test_a_submission_while_the_broker_is_down_is_recorded_with_a_message(
    broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ingest.submit_text("The minister said so.", title="t", outlet="Desk")
    job.refresh_from_db()  # the callbacks ran when the capture block ended
    assert job.status == IngestJob.Status.QUEUED
    assert job.error == pipeline.BROKER_DOWN


def test_send_reports_failure_and_calls_back(broker_down):
    called = []
    assert pipeline.send(pipeline.EXTRACT_CLAIMS, 1, on_failure=lambda: called.append(1)) is False
    assert called == [1]


def test_resume_stalled_sends_each_lost_step_once(sent, settings):
    settings.STALLED_AFTER_SECONDS = 60
    now = timezone.now()
    old = now - timedelta(minutes=5)
    queued = IngestJob.objects.create(kind="text", source="x", error=pipeline.BROKER_DOWN)
    dead = IngestJob.objects.create(kind="text", source="y", status=IngestJob.Status.RUNNING)
    fresh = IngestJob.objects.create(kind="text", source="z")
    IngestJob.objects.filter(pk=queued.pk).update(updated_at=old)
    long_ago = now - timedelta(seconds=2 * settings.CELERY_TASK_TIME_LIMIT + 1)
    IngestJob.objects.filter(pk=dead.pk).update(updated_at=long_ago)
    steps = {}
    for status in ("fetched", "extracted", "embedded", "analysed", "queued"):
        article = b.article(url=f"https://news.example/{status}")
        Article.objects.filter(pk=article.pk).update(status=status, updated_at=old)
        steps[status] = article.pk
    recent = b.article(url="https://news.example/recent")
    Article.objects.filter(pk=recent.pk).update(status="fetched")

    assert recovery.resume_stalled(now=now) == 5
    assert sorted(sent) == sorted(
        [
            ("run_ingest_job", (queued.pk,)),
            ("run_ingest_job", (dead.pk,)),
            ("extract_claims", (steps["fetched"],)),
            ("embed_claims", (steps["extracted"],)),
            ("assign_story", (steps["embedded"],)),
        ]
    )
    dead.refresh_from_db()
    assert dead.status == IngestJob.Status.QUEUED  # claimable by run_ingest_job at once
    assert IngestJob.objects.get(pk=queued.pk).error == ""
    assert fresh.pk not in [args[0] for name, args in sent if name == "run_ingest_job"]
    # Claimed: a second sweep right after (another beat) sends nothing.
    sent.clear()
    assert recovery.resume_stalled(now=now) == 0


def test_an_article_without_claims_gets_a_story_and_ends_analysed(settings):
    article = b.article(url="https://news.example/empty", title="Harbour shut after storm")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.EMBEDDED)
    story_id = stories.assign_story(article.pk)
    assert story_id is not None
    assert Article.objects.get(pk=article.pk).story_id == story_id
    Story.objects.filter(pk=story_id).update(analysis_due_at=timezone.now())
    assert analysis.analyse_story(story_id)
    assert Article.objects.get(pk=article.pk).status == Article.Status.ANALYSED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_job_whose_connection_dies_outside_a_transaction_goes_back_to_queued(monkeypatch):
    """The retry can only claim a queued job: the runner must put it back on a new connection."""
    from django.db import OperationalError, connection

    def die(job, progress):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    monkeypatch.setitem(ingest.RUNNERS, ingest.TEXT, die)
    job = IngestJob.objects.create(kind=ingest.TEXT, source="x")
    with pytest.raises(OperationalError):
        ingest.run_ingest_job(job.pk)
    connection.close()
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.QUEUED

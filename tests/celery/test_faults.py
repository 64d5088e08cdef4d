"""Faults against the real services: a killed worker, a restarted Redis, a dropped
PostgreSQL connection, four workers racing, a reviewer racing re-analysis.

Each fault is placed deterministically: the test holds a row lock (or the story
assignment advisory lock) on its own PostgreSQL connection, waits until the
worker's backend is seen waiting on it in pg_stat_activity / pg_locks, and only
then kills the worker, terminates the backend or releases the lock. Waits poll
with timeouts; nothing sleeps for a fixed time except Redis's chosen downtime.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from claims import pipeline, tasks
from claims.models import (
    Alias,
    Article,
    ArticleRevision,
    Claim,
    ClaimCluster,
    Flag,
    IngestJob,
    Review,
    Story,
)
from claims.services import analysis, ingest, recovery
from claims.services.review import ALIAS_KIND, variant_values
from tests.celery.conftest import use_broker, wait_for
from tests.fixtures.http_server import FixtureServer, Reply, hegseth_page

pytestmark = [pytest.mark.celery, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "demo"
MANIFEST = json.loads((DEMO / "manifest.json").read_text())["articles"]
# Redis hands an unacked task (its worker died) to another worker after 3 s;
# workers look for such tasks every second.
FAST_REDELIVERY = {
    "CELERY_VISIBILITY_TIMEOUT": "3",
    "CELERY_RESTORE_INTERVAL": "1",
    "CELERY_RESTORE_THROTTLE": "1",
}


# -- helpers ---------------------------------------------------------------------------


def demo(index: int) -> dict:
    entry = dict(MANIFEST[index])
    entry["text"] = (DEMO / entry["file"]).read_text()
    return entry


def add_article(index: int) -> int:
    """The demo article as a row with text, its analysis not started."""
    entry = demo(index)
    article, _ = ingest.ingest_document(
        text=entry["text"],
        title=entry["title"],
        url=entry["url"],
        outlet=entry["outlet"],
        published=entry["published"],
        analyse=False,
    )
    return article.pk


def submit(index: int, text: str | None = None):
    entry = demo(index)
    return ingest.submit_text(
        text or entry["text"],
        title=entry["title"],
        outlet=entry["outlet"],
        url=entry["url"],
        published=entry["published"],
    )


def analysed(ids) -> bool:
    return Article.objects.filter(pk__in=ids, status=Article.Status.ANALYSED).count() == len(ids)


@contextmanager
def pg():
    """A second PostgreSQL session of the test's own (the one holding locks)."""
    db = settings.DATABASES["default"]
    conn = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
    )
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def row_locked(table: str, pk: int):
    """Hold FOR UPDATE on one row until the block ends (then roll back)."""
    with pg() as conn:
        conn.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [pk])
        try:
            yield conn
        finally:
            conn.rollback()


def backends_waiting(conn, needle: str) -> list[int]:
    """Pids of other sessions of this database waiting on a lock, their query containing needle."""
    conn.execute("SELECT pg_stat_clear_snapshot()")  # statistics are cached per transaction
    rows = conn.execute(
        "SELECT pid, query FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
    ).fetchall()
    return [pid for pid, query in rows if needle in query]


def assert_no_duplicates(story_ids=None):
    """One claim per sentence, one cluster and one flag per fingerprint, one story per event."""
    dup_claims = (
        Claim.objects.values("article_id", "position").annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert not dup_claims.exists(), list(dup_claims)
    for model in (ClaimCluster, Flag):
        dup = model.objects.values("story_id", "fingerprint").annotate(n=Count("pk"))
        dup = dup.filter(n__gt=1)
        assert not dup.exists(), (model.__name__, list(dup))
    revisions = (
        ArticleRevision.objects.values("article_id", "content_hash")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not revisions.exists()


def live_stories() -> set[int]:
    return set(
        Story.objects.live().filter(articles__isnull=False).distinct().values_list("pk", flat=True)
    )


@contextmanager
def ingest_job_held(worker):
    """An ingest job (a new revision of a demo article) inside its run, waiting for the
    article row the test holds; yields the article id, the job and the holding session."""
    pk = add_article(0)
    entry = demo(0)
    with row_locked("claims_article", pk) as locker:
        job = submit(0, entry["text"] + "\n\nThe ministry said the deal was extended.")
        waiting = wait_for(lambda: backends_waiting(locker, "claims_article"), timeout=90)
        assert waiting, worker.text()[-3000:]
        yield pk, job, locker


def job_done(job) -> bool:
    return IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.DONE


# -- 1. a worker killed in the middle of a task -----------------------------------------


def test_killed_worker_task_is_delivered_again_and_done_once(start_worker):
    first = start_worker(env=FAST_REDELIVERY)
    ids = [add_article(i) for i in range(3)]

    # Kill during claim extraction: the worker has the task, is inside it, holds no ack.
    with row_locked("claims_article", ids[0]) as locker:
        extraction = tasks.extract_claims.delay(ids[0])
        waiting = wait_for(lambda: backends_waiting(locker, "claims_article"), timeout=90)
        assert waiting, first.text()
        first.kill()
    assert not first.succeeded(extraction.id)

    second = start_worker(env=FAST_REDELIVERY)
    for pk in ids[1:]:
        tasks.extract_claims.delay(pk)
    assert wait_for(lambda: analysed(ids), timeout=180), second.text()[-3000:]
    assert second.succeeded(extraction.id), "the killed task was not redelivered"
    assert len({Article.objects.get(pk=pk).story_id for pk in ids}) == 1
    story = Story.objects.get(pk=Article.objects.get(pk=ids[0]).story_id)
    assert wait_for(lambda: not Story.objects.get(pk=story.pk).needs_analysis, timeout=60)
    clusters = set(ClaimCluster.objects.values_list("pk", flat=True))
    flags = set(Flag.objects.values_list("pk", flat=True))
    assert clusters and flags
    assert_no_duplicates()

    # Kill again halfway through the analysis's writes: it has claimed the story
    # and updated clusters, then waits for a flag row the test holds. Analysis
    # writes only rows that changed, so a cluster and that flag are made stale.
    Story.objects.filter(pk=story.pk).update(needs_analysis=True, analysis_due_at=timezone.now())
    held = Flag.objects.filter(story=story, is_active=True).order_by("pk").last()
    stale_cluster = ClaimCluster.objects.filter(story=story, is_active=True).first()
    ClaimCluster.objects.filter(pk=stale_cluster.pk).update(label="stale")
    Flag.objects.filter(pk=held.pk).update(subject="stale")
    with row_locked("claims_flag", held.pk) as locker:
        run = tasks.analyse_story.delay(story.pk)
        assert wait_for(lambda: backends_waiting(locker, "claims_flag"), timeout=60)
        second.kill()
    third = start_worker(env=FAST_REDELIVERY)
    assert wait_for(lambda: third.succeeded(run.id), timeout=90), third.text()[-3000:]
    story.refresh_from_db()
    assert not story.needs_analysis
    assert story.analysed_at is not None
    # The redelivered analysis updated the same rows: nothing new, nothing doubled.
    assert set(ClaimCluster.objects.values_list("pk", flat=True)) == clusters
    assert set(Flag.objects.values_list("pk", flat=True)) == flags
    assert ClaimCluster.objects.get(pk=stale_cluster.pk).label == stale_cluster.label
    assert Flag.objects.get(pk=held.pk).subject == held.subject
    assert_no_duplicates()


def test_killed_worker_ingest_job_is_taken_back_by_its_task_delivered_again(start_worker):
    first = start_worker(env=FAST_REDELIVERY)
    # Kill inside the job: it is "running" and waits for the article row the test holds.
    with ingest_job_held(first) as (pk, job, _):
        assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.RUNNING
        first.kill()
    second = start_worker(env=FAST_REDELIVERY)
    # Long before the 20 minutes after which any task may take a dead worker's job.
    assert wait_for(lambda: job_done(job), timeout=120), (
        IngestJob.objects.get(pk=job.pk),
        second.text()[-3000:],
    )
    assert ArticleRevision.objects.filter(article_id=pk).count() == 2
    assert Article.objects.count() == 1
    assert wait_for(lambda: analysed([pk]), timeout=120), second.text()[-3000:]
    assert_no_duplicates()


# -- 2. Redis restarted while articles are being ingested ---------------------------------


@pytest.mark.parametrize("crash", [False, True], ids=["sigterm", "sigkill"])
def test_redis_restart_during_ingestion_loses_nothing_and_pages_keep_serving(
    crash, own_redis, tmp_path, client, reviewer
):
    from tests.celery.conftest import Worker

    client.force_login(reviewer)
    with use_broker(own_redis.url):
        worker = Worker(own_redis.url, tmp_path / "worker.log", env=FAST_REDELIVERY).start()
        try:
            jobs = [submit(i) for i in range(4)]

            def in_motion():
                return Article.objects.exclude(status=Article.Status.FETCHED).exists()

            assert wait_for(in_motion, timeout=90), worker.text()[-3000:]
            # Queued tasks are in the append-only file, fsynced on every write,
            # whether Redis shuts down cleanly or dies.
            own_redis.stop(kill=crash)

            # The pages are served without the broker ...
            assert client.get(reverse("claims:dashboard")).status_code == 200
            assert client.get(reverse("claims:ingest_status")).status_code == 200
            # ... and a submission is recorded with a clear message, not a 500.
            entry = demo(4)
            response = client.post(
                reverse("claims:submit_text"),
                {
                    "title": entry["title"],
                    "outlet": entry["outlet"],
                    "url": entry["url"],
                    "published": entry["published"][:19].replace("T", " "),
                    "text": entry["text"],
                },
            )
            assert response.status_code == 302
            shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
            assert "unreachable" in shown, shown
            late = IngestJob.objects.exclude(pk__in=[j.pk for j in jobs]).get()
            assert late.status == IngestJob.Status.QUEUED
            assert late.error == pipeline.BROKER_DOWN

            own_redis.start()

            def finished():
                # What beat would do every few minutes, here every poll.
                recovery.resume_stalled(stalled_after=5)
                return (
                    IngestJob.objects.filter(status=IngestJob.Status.DONE).count() == 5
                    and Article.objects.filter(status=Article.Status.ANALYSED).count() == 5
                    and not Story.objects.filter(needs_analysis=True).exists()
                )

            assert wait_for(finished, timeout=240, interval=1), worker.text()[-4000:]
        finally:
            worker.stop()

    # Nothing lost, nothing done twice.
    assert Article.objects.count() == 5
    assert ArticleRevision.objects.count() == 5
    for job in IngestJob.objects.all():
        assert (job.status, job.total, job.done, job.failed) == ("done", 1, 1, 0), job
    assert len(live_stories()) == 1
    assert_no_duplicates()


# -- 3. a PostgreSQL connection dropped during a task -------------------------------------


def test_dropped_database_connection_is_retried_on_a_fresh_connection(start_worker):
    # Persistent connections: the retry must not reuse the dead one.
    worker = start_worker(env={"CONN_MAX_AGE": "600"})
    pk = add_article(0)
    with row_locked("claims_article", pk) as locker:
        result = tasks.extract_claims.delay(pk)
        waiting = wait_for(lambda: backends_waiting(locker, "claims_article"), timeout=90)
        assert waiting, worker.text()[-3000:]
        (victim,) = backends_waiting(locker, "claims_article")
        locker.execute("SELECT pg_terminate_backend(%s)", [victim])
    assert wait_for(lambda: worker.succeeded(result.id), timeout=120), worker.text()[-3000:]
    assert f"{result.id}] retry" in worker.text()
    article = Article.objects.get(pk=pk)
    assert article.extracted_hash == article.content_hash
    assert Claim.objects.filter(article_id=pk).exists()
    assert wait_for(lambda: analysed([pk]), timeout=120), worker.text()[-3000:]


def test_dropped_connection_during_an_ingest_job_is_retried_and_the_job_finishes(start_worker):
    """The job runner puts its job back to queued for the retry, on a fresh connection."""
    worker = start_worker(env={"CONN_MAX_AGE": "600"})
    with ingest_job_held(worker) as (pk, job, locker):
        (victim,) = backends_waiting(locker, "claims_article")
        locker.execute("SELECT pg_terminate_backend(%s)", [victim])
    assert wait_for(lambda: job_done(job), timeout=90), (
        IngestJob.objects.get(pk=job.pk),
        worker.text()[-3000:],
    )
    assert "retry" in worker.text()
    assert ArticleRevision.objects.filter(article_id=pk).count() == 2
    assert Article.objects.count() == 1


# -- 4. four workers at once -------------------------------------------------------------


@pytest.fixture
def page_server():
    server = FixtureServer().start()
    yield server
    server.stop()


def test_same_url_from_four_workers_makes_one_article(start_worker, page_server, settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    # Every fetch waits half a second for the page, so the four overlap.
    page_server.routes["/race"] = Reply(body=hegseth_page(), delay=0.5)
    url = page_server.url("/race")
    worker = start_worker(env={"FETCH_ALLOW_LOOPBACK": "true"}, concurrency=4)
    jobs = [ingest.submit_url(url) for _ in range(4)]
    ids = [j.pk for j in jobs]

    def done():
        return IngestJob.objects.filter(pk__in=ids, status=IngestJob.Status.DONE).count() == 4

    assert wait_for(done, timeout=120), worker.text()[-3000:]
    assert len([p for p, _ in page_server.requests if p == "/race"]) == 4
    assert Article.objects.count() == 1
    article = Article.objects.get()
    assert ArticleRevision.objects.filter(article=article).count() == 1
    assert wait_for(lambda: analysed([article.pk]), timeout=120), worker.text()[-3000:]
    assert_no_duplicates()


def test_four_articles_of_one_new_event_assigned_at_once_make_one_story(start_worker):
    worker = start_worker(concurrency=4)
    ids = [add_article(i) for i in range(4)]
    with pg() as locker:
        # Hold the assignment lock until all four workers wait for it, then let go.
        locker.execute("SELECT pg_advisory_lock(%s)", [analysis.ASSIGN_LOCK])

        def four_waiting():
            (n,) = locker.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND objid = %s",
                [analysis.ASSIGN_LOCK & 0xFFFFFFFF],
            ).fetchone()
            return n == 4

        for pk in ids:
            tasks.extract_claims.delay(pk)
        assert wait_for(four_waiting, timeout=180), worker.text()[-3000:]
        locker.execute("SELECT pg_advisory_unlock(%s)", [analysis.ASSIGN_LOCK])
    assert wait_for(lambda: analysed(ids), timeout=120), worker.text()[-3000:]
    stories = {Article.objects.get(pk=pk).story_id for pk in ids}
    assert len(stories) == 1, stories
    assert live_stories() == stories
    assert Story.objects.count() == 1  # not opened four times and merged afterwards
    assert_no_duplicates()


# -- 5. re-ingest while a reviewer is triaging -------------------------------------------


def test_reviewer_decisions_survive_reanalysis_and_a_new_revision(start_worker, client, reviewer):
    worker = start_worker()
    for i in range(5):
        submit(i)

    def settled():
        return (
            Article.objects.filter(status=Article.Status.ANALYSED).count() == 5
            and not Story.objects.filter(needs_analysis=True).exists()
        )

    assert wait_for(settled, timeout=240), worker.text()[-3000:]
    flags = Flag.objects.filter(is_active=True, status=Flag.Status.OPEN)
    with_values = [f for f in flags if f.kind in ALIAS_KIND and len(variant_values(f)) == 2]
    assert with_values, list(flags.values_list("kind", "subject"))
    equivalent = with_values[0]
    dismissed = flags.exclude(pk=equivalent.pk).first()
    cluster = ClaimCluster.objects.filter(is_active=True).order_by("position").first()
    value, canonical = variant_values(equivalent)

    # A new revision of one article is analysed while the reviewer works.
    entry = demo(0)
    revised = entry["text"] + "\n\nThe ministry said the framework would be reviewed in 2030."
    story_id = Article.objects.get(url=entry["url"]).story_id
    before = Story.objects.get(pk=story_id).analysed_at
    submit(0, revised)

    client.force_login(reviewer)
    triage = "claims:triage"
    responses = [
        client.post(reverse(triage, args=[dismissed.pk]), {"action": "dismiss", "note": "ok"}),
        client.post(
            reverse(triage, args=[equivalent.pk]),
            {"action": "equivalent", "value": value, "canonical": canonical},
        ),
        client.post(
            reverse("claims:verdict", args=[cluster.pk]),
            {"verdict": "true", "rationale": "Checked against the ministry's release."},
        ),
    ]
    assert [r.status_code for r in responses] == [302, 302, 302]

    def reanalysed():
        story = Story.objects.get(pk=story_id)
        return (
            ArticleRevision.objects.filter(article__url=entry["url"]).count() == 2
            and settled()
            and story.analysed_at > before
        )

    assert wait_for(reanalysed, timeout=240), worker.text()[-3000:]
    # Analyse once more after the decisions, whatever the interleaving was.
    Story.objects.filter(pk=story_id).update(needs_analysis=True, analysis_due_at=timezone.now())
    run = tasks.analyse_story.delay(story_id)
    assert wait_for(lambda: worker.succeeded(run.id), timeout=120)

    assert Flag.objects.get(pk=dismissed.pk).status == Flag.Status.DISMISSED
    assert Flag.objects.get(pk=equivalent.pk).status == Flag.Status.EQUIVALENT
    alias = Alias.objects.get(value=value, canonical=canonical)
    assert alias.kind == ALIAS_KIND[equivalent.kind]
    # The alias suppresses that difference: no open flag offers the same pair again.
    for flag in Flag.objects.filter(
        story_id=story_id, kind=equivalent.kind, subject=equivalent.subject, is_active=True
    ):
        pair_again = {value, canonical} <= set(variant_values(flag))
        assert not (pair_again and flag.status == Flag.Status.OPEN), flag.variants
    verdict = Review.objects.get(action=Review.Action.VERDICT)
    assert verdict.cluster_id == cluster.pk
    assert ClaimCluster.objects.filter(pk=cluster.pk, story_id=story_id).exists()
    assert Review.objects.filter(flag=dismissed).count() == 1
    assert_no_duplicates()
    assert connection.vendor == "postgresql"

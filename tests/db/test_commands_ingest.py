import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from claims import pipeline
from claims.models import Article, ArticleRevision, Feed, Outlet
from tests.fixtures.http_server import http_server  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(monkeypatch):
    calls = []
    monkeypatch.setattr(pipeline, "start_article", calls.append)
    return calls


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """call_command with on-commit dispatch executed; returns (stdout, stderr)."""

    def call(*args, **kwargs):
        out, err = StringIO(), StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command(*args, stdout=out, stderr=err, **kwargs)
        return out.getvalue(), err.getvalue()

    return call


# -- load_demo ----------------------------------------------------------------------------


def test_load_demo_twice_changes_nothing(run, started):
    out, _ = run("load_demo", "--no-pipeline")
    assert "Demo corpus: 5 new, 0 revised, 0 unchanged, 0 failed." in out
    assert started == []
    assert Article.objects.count() == 5 and ArticleRevision.objects.count() == 5
    hegseth = Article.objects.get(outlet__name="Outlet 004 (unnamed)")
    assert hegseth.published_at.isoformat() == "2025-11-01T02:00:00+00:00"
    assert hegseth.title.startswith("U.S. Secretary Hegseth")
    assert Outlet.objects.get(name="Dialogus").domain == "dialogus.example"
    assert not Article.objects.exclude(next_fetch_at=None).exists()

    out, _ = run("load_demo")
    assert "0 new, 0 revised, 5 unchanged" in out
    # Unchanged seed text queues nothing; the demo's revised article (demo/revision.json)
    # is the one new revision, and only it goes back through the pipeline.
    [revised] = Article.objects.annotate(n=Count("revisions")).filter(n=2)
    assert started == [revised.pk]
    assert Article.objects.count() == 5 and ArticleRevision.objects.count() == 6

    out, _ = run("load_demo")
    assert "0 new, 0 revised, 4 unchanged" in out  # the revised article is not reverted
    assert "already loaded" in out
    assert started == [revised.pk]
    assert ArticleRevision.objects.count() == 6


def test_load_demo_queues_the_pipeline(run, started):
    run("load_demo")
    articles = sorted(Article.objects.values_list("pk", flat=True))
    # Every seed article once, and the demo's revised one again for its new revision.
    assert sorted(set(started)) == articles
    assert len(started) == len(articles) + 1


def test_load_demo_bad_manifest(run, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run("load_demo", "--manifest", str(tmp_path / "missing.json"))
    (tmp_path / "m.json").write_text(json.dumps({"articles": [{"file": "nope.txt"}]}))
    with pytest.raises(CommandError, match="no demo article"):
        run("load_demo", "--manifest", str(tmp_path / "m.json"))


# -- ingest -----------------------------------------------------------------------------
# Real commits (transaction=True): each source's job runs eagerly when its
# submit commits, as it does from the command line without a broker.


@pytest.mark.django_db(transaction=True)
def test_ingest_files_and_directories(run, started, tmp_path):
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    (folder / "one.txt").write_text("Headline one\n\nThe framework was signed on Friday.")
    (folder / "nested" / "batch.jsonl").write_text(
        json.dumps(
            {"outlet": "Wire", "url": "https://wire.example/a", "title": "A", "text": "Text A."}
        )
        + "\n{broken\n"
    )
    (folder / "ignored.csv").write_text("a,b")
    out, err = run("ingest", str(folder), "--outlet", "Desk")
    assert "one.txt: job #" in out and "done: 1 ingested, 0 failed of 1" in out
    assert "batch.jsonl: job #" in out and "1 ingested, 1 failed of 2" in out
    assert "batch.jsonl:2: invalid JSON" in out
    assert "2 sources ingested, 0 failed." in out
    assert set(Article.objects.values_list("outlet__name", flat=True)) == {"Desk", "Wire"}


@pytest.mark.django_db(transaction=True)
def test_ingest_reports_each_failure_and_fails_when_all_fail(run, tmp_path):
    (tmp_path / "bad.json").write_text("[{")
    with pytest.raises(CommandError, match="every source failed"):
        run(
            "ingest", str(tmp_path / "bad.json"), str(tmp_path / "missing.txt"), "ftp://x.example/"
        )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(tmp_path / "missing.txt"), stdout=out, stderr=err)
    assert "missing.txt: failed: not a URL, a file or a directory" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_ingest_urls_and_feeds(run, started, http_server):  # noqa: F811
    out, err = run("ingest", http_server.url("/page"), http_server.url("/doc.pdf"))
    assert f"{http_server.url('/page')}: job #" in out
    assert "is a PDF" in err
    assert "1 sources ingested, 1 failed." in out
    out, err = run("ingest", "--feed", http_server.url("/feed-small"), "--outlet", "Wire")
    assert "registered; 4 entries, 2 articles" in out
    assert Feed.objects.get().outlet.name == "Wire"
    err = StringIO()
    with pytest.raises(CommandError, match="every source failed"):
        call_command(
            "ingest",
            "--feed",
            http_server.url("/missing"),
            http_server.url("/page"),
            stdout=StringIO(),
            stderr=err,
        )
    assert "poll failed" in err.getvalue() and "HTTP 404" in err.getvalue()
    assert "not an RSS or Atom feed" in err.getvalue()  # a page is not a feed


# -- setup_schedules --------------------------------------------------------------------


def test_setup_schedules_is_idempotent_and_keeps_admin_edits(run, settings):
    n = len(settings.PERIODIC_TASKS)
    out, _ = run("setup_schedules")
    assert f"{n} created" in out
    rows = {t.name: t for t in PeriodicTask.objects.select_related("interval")}
    assert set(rows) == set(settings.PERIODIC_TASKS)
    poll = rows["poll-due-feeds"]
    assert poll.task == "claims.tasks.poll_due_feeds"
    assert (poll.interval.every, poll.interval.period) == (300, IntervalSchedule.SECONDS)

    edited, _ = IntervalSchedule.objects.get_or_create(every=10, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.filter(name="poll-due-feeds").update(interval=edited, enabled=False)
    out, _ = run("setup_schedules")
    assert f"0 created, 0 reset, {n} kept" in out
    assert PeriodicTask.objects.count() == n
    assert PeriodicTask.objects.get(name="poll-due-feeds").interval == edited

    out, _ = run("setup_schedules", "--reset")
    assert f"{n} reset" in out
    poll = PeriodicTask.objects.get(name="poll-due-feeds")
    assert poll.interval.every == 300 and poll.enabled


# Real commits: the scheduler closes the database connection as beat does at start,
# which on PostgreSQL would end a test's wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_beat_starting_keeps_an_interval_edited_in_the_admin(run):
    # Regression: django-celery-beat's DatabaseScheduler copies CELERY_BEAT_SCHEDULE
    # over the rows (update_or_create) every time beat starts, so an edit reverted.
    from django_celery_beat.schedulers import DatabaseScheduler

    from factcheck.celery import app

    run("setup_schedules")
    edited, _ = IntervalSchedule.objects.get_or_create(every=10, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.filter(name="poll-due-feeds").update(interval=edited)

    assert not app.conf.beat_schedule  # schedules are rows, declared in PERIODIC_TASKS
    scheduler = DatabaseScheduler(app=app)  # what `celery beat` does at start

    assert PeriodicTask.objects.get(name="poll-due-feeds").interval == edited
    entry = scheduler.schedule["poll-due-feeds"]
    assert entry.schedule.run_every == timedelta(minutes=10)

"""Ingestion services against the local fixture server (127.0.0.1 only).

The analysis pipeline is stubbed (claims.pipeline.start_article records ids),
so these tests depend on nothing the NLP/analysis services do.
"""

import time
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from claims import pipeline
from claims.ingest import fetch as fetching
from claims.ingest.errors import InvalidSource
from claims.models import Article, ArticleRevision, Feed, IngestJob, Outlet
from claims.services import ingest
from tests.fixtures.http_server import Reply, hegseth_page, http_server  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(monkeypatch):
    """Ids passed to claims.pipeline.start_article (the analysis is not run)."""
    calls = []
    monkeypatch.setattr(pipeline, "start_article", calls.append)
    return calls


@pytest.fixture
def eager(django_capture_on_commit_callbacks):
    """Run on-commit dispatch (eager Celery tasks) as a real commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = func(*args, **kwargs)
        if hasattr(result, "refresh_from_db"):
            result.refresh_from_db()
        return result

    return run


def _job(eager, url, **kw):
    return eager(ingest.submit_url, url, **kw)


# -- URLs -----------------------------------------------------------------------------


def test_url_becomes_an_article_with_a_revision(http_server, started, eager):  # noqa: F811
    job = _job(eager, http_server.url("/page"))
    assert (job.status, job.total, job.done, job.failed) == ("done", 1, 1, 0)
    article = Article.objects.get()
    assert article.url == http_server.url("/page")
    assert article.title == "India and US sign a 10-year defence framework"
    assert article.author == "Jane Roe" and article.language == "en"
    assert article.outlet.name == "Fixture News" and article.outlet.domain == "127.0.0.1"
    assert article.status == "fetched" and article.content_hash
    assert article.revisions.count() == 1
    assert started == [article.pk]
    # Published 2025 -> far past the last re-fetch step: never re-fetched.
    assert article.next_fetch_at is None


def test_same_url_again_creates_nothing(http_server, started, eager):  # noqa: F811
    _job(eager, http_server.url("/page"))
    job = _job(eager, http_server.url("/page"))
    assert job.status == "done"
    assert Article.objects.count() == 1 and ArticleRevision.objects.count() == 1
    assert len(started) == 1


def test_edited_page_makes_a_revision_with_a_word_diff(http_server, started, eager):  # noqa: F811
    _job(eager, http_server.url("/edited"))
    article = Article.objects.get()

    # Only spacing, typography and a dateline line change: no revision.
    http_server.routes["/edited"] = Reply(
        body=hegseth_page("Defence  Secretary", extra="Updated: Nov 1, 2025 10:45 IST")
    )
    assert ingest.fetch_article(article.pk) == "unchanged"
    assert article.revisions.count() == 1 and len(started) == 1

    http_server.routes["/edited"] = Reply(body=hegseth_page("Secretary of War"))
    assert ingest.fetch_article(article.pk) == "revised"
    article.refresh_from_db()
    first, second = article.revisions.order_by("fetched_at", "pk")
    assert "Defence Secretary" in first.text and "Secretary of War" in second.text
    assert "Secretary of War" in article.text and article.content_hash == second.content_hash
    assert started == [article.pk, article.pk]

    diff = ingest.revision_diff(article.pk, first.pk, second.pk)
    assert ("delete", "Defence ") in diff
    assert ("insert", "of War ") in diff
    assert ("equal", "Secretary ") in diff
    with pytest.raises(ArticleRevision.DoesNotExist):
        ingest.revision_diff(article.pk + 1, first.pk, second.pk)

    # Back to the first text: no new row, the old one becomes the latest.
    http_server.routes["/edited"] = Reply(body=hegseth_page("Defence Secretary"))
    assert ingest.fetch_article(article.pk) == "revised"
    assert article.revisions.count() == 2
    assert article.revisions.latest("fetched_at").pk == first.pk


def test_malformed_html_is_ingested(http_server, started, eager):  # noqa: F811
    job = _job(eager, http_server.url("/malformed"))
    assert job.status == "done", job.error
    assert "Kuala Lumpur" in Article.objects.get().text


def test_plain_text_url(http_server, started, eager):  # noqa: F811
    _job(eager, http_server.url("/plain"))
    assert Article.objects.get().title == "Plain headline"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/slow", "timed out"),
        ("/huge", "larger than the limit"),
        ("/huge-unlabelled", "larger than the limit"),
        ("/gzip-bomb", "larger than the limit"),
        ("/loop-a", "redirect loop"),
        ("/hop/0", "more than 5 redirects"),
        ("/doc.pdf", "is a PDF"),
        ("/missing", "HTTP 404"),
        ("/broken", "HTTP 500"),
        ("/to-private", "10.0.0.1"),
    ],
)
def test_failing_urls_fail_the_job_with_a_reason(
    http_server,  # noqa: F811
    started,
    eager,
    settings,
    path,
    message,
):
    # short for the slow page only: on a loaded machine a local redirect hop can
    # take longer than 0.3 s, and would fail for the wrong reason
    settings.FETCH_TIMEOUT = 0.3 if path == "/slow" else 5
    job = _job(eager, http_server.url(path))
    assert job.status == "failed"
    assert (job.total, job.done, job.failed) == (1, 0, 1)
    assert message in job.error
    assert not Article.objects.exists() and started == []


def test_loopback_refused_without_the_test_setting(http_server, eager, settings):  # noqa: F811
    settings.FETCH_ALLOW_LOOPBACK = False
    with pytest.raises(InvalidSource, match="loopback"):
        ingest.submit_url(http_server.url("/page"))
    http_server.routes["/x"] = Reply(body=hegseth_page())
    # A name resolving to loopback is refused at fetch time.
    job = _job(eager, f"http://localhost:{http_server.port}/page")
    assert job.status == "failed" and "loopback" in job.error
    assert http_server.hits("/page") == []


@pytest.mark.parametrize("answer", ["10.0.0.1", "169.254.169.254", "::1", "fd00::1"])
def test_fake_dns_to_internal_addresses_is_refused(monkeypatch, eager, answer, settings):
    settings.FETCH_ALLOW_LOOPBACK = False
    monkeypatch.setattr(fetching, "system_resolver", lambda host, port: [answer])
    job = _job(eager, "http://evil.example/story")
    assert job.status == "failed"
    assert f"evil.example resolves to {answer}" in job.error


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://[fd00::1]/", "gopher://x.example/"])
def test_submit_url_validates_quickly(url):
    with pytest.raises(InvalidSource):
        ingest.submit_url(url)
    assert not IngestJob.objects.exists()


# -- article re-fetch failures and schedules ------------------------------------------------


def test_failed_fetch_is_recorded_with_backoff(http_server, started, eager):  # noqa: F811
    _job(eager, http_server.url("/edited"))
    article = Article.objects.get()
    http_server.routes["/edited"] = Reply(500, b"oops", content_type="text/plain")
    now = timezone.now()
    outcome = ingest.fetch_article(article.pk)
    assert outcome.startswith("failed:") and "HTTP 500" in outcome
    article.refresh_from_db()
    assert article.failure_count == 1 and "HTTP 500" in article.last_error
    # The text it had is kept and still valid.
    assert article.status == "fetched" and "Defence Secretary" in article.text
    # Published in 2025: too old to re-fetch by age, so no retry is scheduled.
    assert article.next_fetch_at is None

    Article.objects.filter(pk=article.pk).update(published_at=now)
    ingest.fetch_article(article.pk)
    article.refresh_from_db()
    assert article.failure_count == 2
    assert article.next_fetch_at - timezone.now() == pytest.approx(
        timedelta(minutes=30), abs=timedelta(seconds=30)
    )
    http_server.routes["/edited"] = Reply(body=hegseth_page())
    assert ingest.fetch_article(article.pk) == "unchanged"
    article.refresh_from_db()
    assert article.failure_count == 0 and article.last_error == ""
    assert article.next_fetch_at - timezone.now() == pytest.approx(
        timedelta(minutes=15), abs=timedelta(seconds=30)
    )


def test_never_fetched_article_fails_and_gives_up(http_server, started):  # noqa: F811
    outlet = Outlet.objects.create(name="Fixture News")
    article = Article.objects.create(outlet=outlet, url=http_server.url("/missing"))
    for _ in range(3):
        assert ingest.fetch_article(article.pk).startswith("failed: ")
    article.refresh_from_db()
    assert article.status == "failed" and article.failure_count == 3
    assert article.next_fetch_at is None  # a 404 three times: stop
    assert ingest.fetch_article(10**9) == "missing"


@pytest.mark.parametrize(
    "age, minutes",
    [
        (timedelta(hours=1), 15),
        (timedelta(hours=5), 60),
        (timedelta(days=2), 360),
        (timedelta(days=10), 1440),
        (timedelta(days=60), None),
    ],
)
def test_next_fetch_backs_off_with_age(http_server, started, eager, age, minutes):  # noqa: F811
    outlet = Outlet.objects.create(name="Fixture News")
    article = Article.objects.create(
        outlet=outlet, url=http_server.url("/page"), published_at=timezone.now() - age
    )
    assert ingest.fetch_article(article.pk) == "new"
    article.refresh_from_db()
    if minutes is None:
        assert article.next_fetch_at is None
    else:
        assert article.next_fetch_at - timezone.now() == pytest.approx(
            timedelta(minutes=minutes), abs=timedelta(seconds=30)
        )


def test_refetch_due_articles_claims_a_bounded_batch(monkeypatch):
    dispatched = []
    monkeypatch.setattr(pipeline, "fetch_article", dispatched.append)
    monkeypatch.setattr(ingest, "REFETCH_BATCH", 3)
    outlet = Outlet.objects.create(name="O")
    now = timezone.now()
    due = [
        Article.objects.create(
            outlet=outlet, url=f"https://o.example/{i}", next_fetch_at=now - timedelta(minutes=i)
        )
        for i in range(5)
    ]
    Article.objects.create(
        outlet=outlet, url="https://o.example/later", next_fetch_at=now + timedelta(hours=1)
    )
    Article.objects.create(outlet=outlet, url="https://o.example/never")
    assert ingest.refetch_due_articles(now) == 3
    assert dispatched == [due[4].pk, due[3].pk, due[2].pk]  # oldest first
    assert ingest.refetch_due_articles(now) == 2
    assert ingest.refetch_due_articles(now) == 0  # all leased
    assert len(set(dispatched)) == 5


# -- feeds ------------------------------------------------------------------------------


def test_feed_entries_are_queued_and_fetched(http_server, started, eager):  # noqa: F811
    feed = eager(ingest.submit_feed, http_server.url("/feed-small"), outlet="Fixture Wire")
    assert feed.outlet.name == "Fixture Wire" and feed.entry_count == 4
    assert feed.title == "Fixture News" and feed.last_error == ""
    articles = Article.objects.order_by("url")
    assert [a.url for a in articles] == [
        http_server.url("/articles/a"),
        http_server.url("/articles/b"),
    ]
    assert all(a.status == "fetched" and a.feed_id == feed.pk for a in articles)
    assert all(a.outlet.name == "Fixture Wire" for a in articles)
    assert len(started) == 2
    job = IngestJob.objects.get()
    assert (job.kind, job.status) == ("feed", "done")
    # Polling again adds nothing.
    assert eager(ingest.poll_feed, feed.pk) == 0
    assert Article.objects.count() == 2


def test_url_that_is_a_feed_registers_the_feed(http_server, started, eager):  # noqa: F811
    job = _job(eager, http_server.url("/feed-atom"))
    assert job.status == "done"
    feed = Feed.objects.get()
    assert feed.url == http_server.url("/feed-atom")
    assert Article.objects.get().url == http_server.url("/articles/atom-1")


def test_feed_with_5000_entries(http_server, monkeypatch, eager, settings):  # noqa: F811
    queued = []
    monkeypatch.setattr(pipeline, "fetch_article", queued.append)
    # Larger than the test limit of 1 MB: refused and recorded, nothing queued.
    too_big = eager(ingest.submit_feed, http_server.url("/feed-5000"))
    assert "larger than the limit" in too_big.last_error and too_big.failure_count == 1
    assert not Article.objects.exists()
    settings.FETCH_MAX_BYTES = 5_000_000
    Feed.objects.filter(pk=too_big.pk).update(is_active=False)
    started_at = time.perf_counter()
    feed = eager(ingest.submit_feed, http_server.url("/feed-5000"))
    elapsed = time.perf_counter() - started_at
    print(f"\n5,000-entry feed fetched, parsed and queued in {elapsed:.2f}s")  # noqa: T201
    assert feed.entry_count == 5000
    assert Article.objects.filter(feed=feed, status="queued").count() == 5000
    assert len(queued) == len(set(queued)) == 5000
    # A lost fetch task is picked up later by the re-fetch sweeper.
    assert not Article.objects.filter(next_fetch_at=None).exists()
    assert eager(ingest.poll_feed, feed.pk) == 0
    assert Article.objects.count() == 5000 and len(queued) == 5000


def test_etag_and_304(http_server, started, eager):  # noqa: F811
    feed = eager(ingest.submit_feed, http_server.url("/feed-etag"))
    assert feed.etag == '"v1"' and feed.modified.endswith("GMT")
    first_poll = feed.last_polled_at
    assert eager(ingest.poll_feed, feed.pk) == 0
    feed.refresh_from_db()
    hits = http_server.hits("/feed-etag")
    assert "if-none-match" not in hits[0] and hits[1]["if-none-match"] == '"v1"'
    assert hits[1]["if-modified-since"] == feed.modified
    assert feed.etag == '"v1"' and feed.last_polled_at > first_poll
    assert feed.entry_count == 2 and Article.objects.count() == 2


def test_failing_feed_backs_off_and_records_the_reason(http_server, eager):  # noqa: F811
    outlet = Outlet.objects.create(name="Fixture News")
    feed = Feed.objects.create(outlet=outlet, url=http_server.url("/broken"), poll_interval=30)
    waits = []
    for _ in range(8):
        before = timezone.now()
        assert ingest.poll_feed(feed.pk) == 0
        feed.refresh_from_db()
        waits.append(round((feed.next_poll_at - before).total_seconds() / 60))
    assert "HTTP 500" in feed.last_error and feed.failure_count == 8
    assert waits == [60, 120, 240, 480, 960, 1440, 1440, 1440]
    # A feed that is not a feed.
    feed.url = http_server.url("/not-a-feed")
    feed.save()
    ingest.poll_feed(feed.pk)
    feed.refresh_from_db()
    assert "not an RSS or Atom feed" in feed.last_error


def test_poll_due_feeds_claims_each_feed_once(monkeypatch):
    polled = []
    monkeypatch.setattr(pipeline, "poll_feed", polled.append)
    outlet = Outlet.objects.create(name="O")
    now = timezone.now()
    due = Feed.objects.create(outlet=outlet, url="https://o.example/1", next_poll_at=now)
    Feed.objects.create(
        outlet=outlet, url="https://o.example/2", next_poll_at=now + timedelta(hours=1)
    )
    Feed.objects.create(
        outlet=outlet, url="https://o.example/3", next_poll_at=now, is_active=False
    )
    with time_machine.travel(now + timedelta(seconds=1), tick=False):
        assert ingest.poll_due_feeds() == 1
        assert ingest.poll_due_feeds() == 0  # a second beat finds nothing
    assert polled == [due.pk]
    due.refresh_from_db()
    assert due.next_poll_at > now + timedelta(minutes=29)


def test_poll_due_feeds_loses_the_race_gracefully(monkeypatch):
    """The conditional UPDATE on next_poll_at decides who polls."""
    polled = []
    monkeypatch.setattr(pipeline, "poll_feed", polled.append)
    outlet = Outlet.objects.create(name="O")
    now = timezone.now()
    feed = Feed.objects.create(outlet=outlet, url="https://o.example/1", next_poll_at=now)
    monkeypatch.setattr(Feed.objects, "due", lambda now=None: _Snapshot(real_due(now)))
    assert ingest.poll_due_feeds(now) == 0
    assert polled == []
    feed.refresh_from_db()
    assert feed.next_poll_at > now


real_due = Feed.objects.due


class _Snapshot:
    """values_list() of the queryset as it was, then the row is claimed by 'another beat'."""

    def __init__(self, qs):
        self.rows = list(qs.values_list("pk", "next_poll_at", "poll_interval"))
        Feed.objects.filter(pk__in=[r[0] for r in self.rows]).update(
            next_poll_at=timezone.now() + timedelta(minutes=30)
        )

    def order_by(self, *args):
        return self

    def values_list(self, *args):
        return self.rows


# -- text, files, jobs --------------------------------------------------------------------


def test_submit_text(started, eager):
    job = eager(
        ingest.submit_text,
        "Pete Hegseth signed the framework.",
        title="Pact",
        outlet="Dialogus",
        url="https://dialogus.example/pact?utm_source=x",
        published="2025-10-31T18:00:00+05:30",
    )
    assert (job.kind, job.status, job.done) == ("text", "done", 1)
    article = Article.objects.get()
    assert article.url == "https://dialogus.example/pact"
    assert article.outlet.name == "Dialogus" and article.outlet.domain == "dialogus.example"
    assert article.published_at.isoformat() == "2025-10-31T12:30:00+00:00"
    assert article.next_fetch_at is None  # pasted: nothing to re-fetch
    # Same text, same URL: nothing new. No URL: a stable local identity.
    eager(
        ingest.submit_text,
        "Pete  Hegseth signed the framework.",
        title="Pact",
        outlet="Dialogus",
        url="https://dialogus.example/pact",
    )
    assert Article.objects.count() == 1 and len(started) == 1
    eager(ingest.submit_text, "Something else.", title="Note", outlet="Dialogus")
    local = Article.objects.get(title="Note")
    assert local.url.startswith("https://local.invalid/text/")
    assert ingest.fetch_article(local.pk).startswith("skipped")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"text": "  "}, "empty"),
        ({"outlet": ""}, "outlet"),
        ({"url": "ftp://x.example/"}, "only http"),
        ({"published": "last Friday"}, "ISO 8601"),
    ],
)
def test_submit_text_validates(kwargs, message):
    args = {"text": "Some text.", "title": "T", "outlet": "O", **kwargs}
    with pytest.raises(InvalidSource, match=message):
        ingest.submit_text(args.pop("text"), **args)
    assert not IngestJob.objects.exists()


def test_outlet_found_by_domain(started):
    outlet = Outlet.objects.create(name="The Hindu", domain="thehindu.com")
    article, outcome = ingest.ingest_document(
        text="Text.", title="T", url="https://www.thehindu.com/news/x"
    )
    assert outcome == "new" and article.outlet == outlet
    article, _ = ingest.ingest_document(
        text="Text 2.", title="T", url="https://epaper.thehindu.com/y"
    )
    assert article.outlet == outlet


def test_queued_placeholder_is_folded_into_the_canonical_article(http_server, started):  # noqa: F811
    outlet = Outlet.objects.create(name="Fixture News")
    canonical, _ = ingest.ingest_document(
        text="Old text.", title="T", url=http_server.url("/page"), outlet=outlet
    )
    placeholder = Article.objects.create(outlet=outlet, url=http_server.url("/to-page"))
    assert ingest.fetch_article(placeholder.pk) == "revised"
    assert not Article.objects.filter(pk=placeholder.pk).exists()
    canonical.refresh_from_db()
    assert "Pete Hegseth" in canonical.text and canonical.revisions.count() == 2


def test_submit_file_jsonl_keeps_good_records(started, eager):
    data = (
        b'{"outlet": "Dialogus", "url": "https://dialogus.example/a", "title": "A", '
        b'"text": "Text A.", "published": "2025-10-31T18:00:00+05:30"}\n'
        b"{broken\n"
        b'{"title": "no text"}\n'
        b'{"title": "no outlet", "text": "Orphan."}\n'
        b'{"outlet": "Wire", "title": "B", "text": "Text B."}\n'
    )
    job = eager(ingest.submit_file, "batch.jsonl", data)
    assert (job.status, job.total, job.done, job.failed) == ("done", 5, 2, 3)
    assert "batch.jsonl:2: invalid JSON" in job.error
    assert "batch.jsonl:3: missing field 'text'" in job.error
    assert "batch.jsonl:4: no outlet" in job.error
    assert Article.objects.count() == 2
    # Again: nothing duplicated.
    eager(ingest.submit_file, "batch.jsonl", data)
    assert Article.objects.count() == 2 and ArticleRevision.objects.count() == 2


def test_submit_file_all_bad_fails(eager):
    job = eager(ingest.submit_file, "bad.json", b"[{")
    assert job.status == "failed" and "invalid JSON" in job.error
    with pytest.raises(InvalidSource, match="unsupported file type"):
        ingest.submit_file("x.pdf", b"%PDF")
    with pytest.raises(InvalidSource, match="empty"):
        ingest.submit_file("x.txt", b"")


def test_run_ingest_job_is_a_no_op_when_redelivered(started, eager):
    job = eager(ingest.submit_text, "Text.", title="T", outlet="O")
    assert job.status == "done"
    assert ingest.run_ingest_job(job.pk) == 0
    assert Article.objects.count() == 1
    # A job stuck in "running" by a dead worker is claimable again later.
    IngestJob.objects.filter(pk=job.pk).update(status="running")
    assert ingest.run_ingest_job(job.pk) == 0
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert ingest.run_ingest_job(job.pk) == 1
    assert IngestJob.objects.get(pk=job.pk).status == "done"


def test_a_dead_workers_job_is_taken_back_at_once_by_its_own_task_delivered_again(eager):
    job = eager(ingest.submit_text, "Text.", title="T", outlet="O")
    # Its worker died mid-job: "running", claimed a moment ago by task "first".
    IngestJob.objects.filter(pk=job.pk).update(status="running", task_id="first")
    assert ingest.run_ingest_job(job.pk, task_id="another") == 0
    assert ingest.run_ingest_job(job.pk) == 0
    assert IngestJob.objects.get(pk=job.pk).status == "running"
    assert ingest.run_ingest_job(job.pk, task_id="first") == 1
    job.refresh_from_db()
    assert (job.status, job.task_id, job.done) == ("done", "first", 1)
    assert Article.objects.count() == 1 and ArticleRevision.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_eager_feed_poll_analyses_each_story_once(http_server, monkeypatch):  # noqa: F811
    from tests.db import builders as b

    story = b.story()
    sent = []
    monkeypatch.setattr(
        pipeline, "send_on_commit", lambda name, *args, **kw: sent.append((name, args))
    )
    # each new entry's eager chain ends by asking for its story's analysis
    monkeypatch.setattr(pipeline, "fetch_article", lambda pk: pipeline.request_analysis(story.pk))

    feed = Feed.objects.create(
        url=http_server.url("/feed-small"), outlet=Outlet.objects.create(name="Wire")
    )
    assert ingest.poll_feed(feed.pk) == 2

    assert [s for s in sent if s[0] == pipeline.ANALYSE_STORY] == [
        (pipeline.ANALYSE_STORY, (story.pk,))
    ]

"""Ingestion with the ORM: jobs, articles and their revisions, feeds, re-fetch schedules.

The network and parsing live in claims.ingest (no ORM); this module decides
what becomes a row. `ingest_document` is the one place that creates or
updates an Article: one Article per canonical URL, one ArticleRevision per
distinct content hash, and the analysis queued again only when the text
really changed.

Shared rows are claimed with a conditional UPDATE whose row count decides the
owner (poll_due_feeds, refetch_due_articles, run_ingest_job), so two beats or a
redelivered task never do the same work twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import islice

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims import pipeline
from claims.ingest import extract, feeds, files, schedule
from claims.ingest import fetch as fetching
from claims.ingest.diff import word_diff
from claims.ingest.errors import IngestError, InvalidSource, ParseError
from claims.models import Article, ArticleRevision, Feed, IngestJob, Outlet
from claims.services import nlp as nlp_service

log = logging.getLogger(__name__)

URL, TEXT, FILE, FEED = "url", "text", "file", "feed"
# Bounded batches for the sweepers (beat runs them every few minutes).
FEED_BATCH = 50
REFETCH_BATCH = 200
# A claimed row whose task was lost is tried again after this lease.
REFETCH_LEASE = timedelta(minutes=30)
# Article fetch failures: retry with back-off from this base, give up after
# this many (fewer for permanent errors such as a 404 or a refused address).
ARTICLE_RETRY_BASE = timedelta(minutes=15)
MAX_FAILURES = 8
MAX_PERMANENT_FAILURES = 3
FEED_BACKOFF_CAP = timedelta(hours=24)
JOB_ERROR_LINES = 50
# Records of a file whose paragraphs spaCy parses in one batch when tasks run eagerly.
PARSE_AHEAD = 32
# Records of a file after which, when tasks run eagerly, the stories they touched are
# analysed, each once (pipeline.batched_analysis), and at the end of the file. Files
# are seldom sorted by story: in batches of 32, 100 ECB+ records ran 87 analyses of
# their 57 stories, against 57 when the file is one batch. The bound keeps what a
# killed process leaves unanalysed to a few minutes of work. A multiple of PARSE_AHEAD.
ANALYSE_AFTER = 16 * PARSE_AHEAD
LOCAL_HOST = "local.invalid"  # RFC 2606: URLs of pasted text that has none
PUBLISHED_SLACK = timedelta(days=1)


# -- helpers ---------------------------------------------------------------------


def _chunks(items, size=500):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _config() -> fetching.FetchConfig:
    return fetching.FetchConfig.from_settings()


def _stamp(message: str, now: datetime) -> str:
    return f"{now:%Y-%m-%d %H:%M} {message}"[:2000]


def _parse_published(value) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return _not_future(value if timezone.is_aware(value) else timezone.make_aware(value))
    parsed = extract.parse_datetime(str(value))
    if parsed is None:
        raise InvalidSource(f"publication date is not ISO 8601: {value!r}")
    return _not_future(parsed)


def _not_future(published: datetime) -> datetime:
    # A day of slack for time zones; beyond that the date is wrong, and dates
    # near year 9999 would overflow the story window arithmetic.
    if published > timezone.now() + PUBLISHED_SLACK:
        raise InvalidSource(f"publication date {published:%Y-%m-%d} is in the future")
    return published


def _page_date(published: datetime | None) -> datetime | None:
    """A fetched page's own date, dropped (not fatal) when it lies in the future."""
    if published is not None and published > timezone.now() + PUBLISHED_SLACK:
        return None
    return published


def _check_url(url: str) -> str:
    """Shape of the URL and, for literal IPs, the address guard (no DNS here)."""
    parts = fetching.validate_url(url)
    host = parts.hostname or ""
    reason = fetching.blocked_reason(host, allow_loopback=settings.FETCH_ALLOW_LOOPBACK)
    if reason and reason != "an unparseable":  # a literal IP; names are checked at fetch
        raise InvalidSource(f"refusing {url.strip()}: {host} is {reason} address")
    return url.strip()


def _host_candidates(url: str) -> list[str]:
    host = extract.host_of(url)
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(max(len(labels) - 1, 1))] if host else []


def resolve_outlet(outlet: Outlet | str | None = None, *, url: str = "", sitename: str = ""):
    """The outlet by name, else by the URL's host (Outlet.domain), else a new one."""
    if isinstance(outlet, Outlet):
        return outlet
    name = " ".join((outlet or "").split())[:200]
    hosts = _host_candidates(url) if url.startswith(("http://", "https://")) else []
    if hosts and hosts[0] == LOCAL_HOST:
        hosts = []
    if name:
        found = Outlet.objects.filter(name__iexact=name).first()
        if found:
            return found
    elif hosts:
        by_domain = {
            o.domain.lower().removeprefix("www."): o
            for o in Outlet.objects.filter(domain__in=hosts + [f"www.{h}" for h in hosts])
        }
        for host in hosts:  # most specific first
            if host in by_domain:
                return by_domain[host]
    name = name or " ".join(sitename.split())[:200] or (hosts[0] if hosts else "")
    if not name:
        raise InvalidSource("no outlet: give an outlet name or the article's URL")
    found, _created = Outlet.objects.get_or_create(
        name=name, defaults={"domain": hosts[0] if hosts else ""}
    )
    return found


def _age_base(article: Article) -> datetime:
    return article.published_at or article.created_at


# -- the one place articles are written --------------------------------------------


def ingest_document(
    *,
    text: str,
    title: str = "",
    url: str = "",
    outlet: Outlet | str | None = None,
    published: datetime | str | None = None,
    author: str = "",
    language: str = "",
    sitename: str = "",
    feed: Feed | None = None,
    article: Article | None = None,
    refetch: bool = False,
    analyse: bool = True,
) -> tuple[Article, str]:
    """Create or update the Article for `url`; returns (article, "new"|"revised"|"unchanged").

    - same content hash as now: nothing but fetched_at changes;
    - new text: an ArticleRevision (every distinct text is kept) and the
      analysis queued again (claims.pipeline.start_article) unless `analyse`
      is False;
    - `article`: the row being fetched (a queued feed entry or a re-fetch).
      A queued row that has never had text adopts the canonical URL, or is
      folded into the article that already owns it;
    - `refetch`: the text came from the network, so schedule the next
      re-fetch by the article's age (settings.REFETCH_STEPS).
    """
    text = extract.storable(text).strip()
    title = " ".join(extract.storable(title).split())[:500]
    if extract.is_blank(text):
        raise InvalidSource("no text to ingest")
    published = _parse_published(published)
    digest = extract.content_hash(title, text)
    if url:
        url = extract.normalise_url(_check_url(url))
    else:
        url = f"https://{LOCAL_HOST}/text/{digest[:32]}"
    now = timezone.now()
    with transaction.atomic():
        owner = Article.objects.select_for_update().filter(url=url).first()
        if article is not None:
            current = Article.objects.select_for_update().filter(pk=article.pk).first()
            if current is None:
                current = owner  # deleted meanwhile: fall back to the URL's article
            elif owner is not None and owner.pk != current.pk and not current.content_hash:
                current.delete()  # a queued placeholder: the canonical article wins
                current = owner
            elif owner is None and not current.content_hash:
                current.url = url
            article = current
        else:
            article = owner
        if article is None:
            try:
                with transaction.atomic():
                    article = Article.objects.create(
                        url=url,
                        outlet=resolve_outlet(outlet, url=url, sitename=sitename),
                        feed=feed,
                        title=title,
                        published_at=published,
                    )
            except IntegrityError:  # created concurrently: update that one
                article = Article.objects.select_for_update().get(url=url)

        if article.content_hash == digest:
            outcome = "unchanged"
        else:
            outcome = "revised" if article.content_hash else "new"
            ArticleRevision.objects.update_or_create(
                article=article,
                content_hash=digest,
                defaults={"title": title, "text": text, "fetched_at": now},
            )
            article.text = text
            article.title = title or article.title
            article.content_hash = digest
            article.status = Article.Status.FETCHED
            article.author = (author or article.author)[:300]
            article.language = (language or article.language)[:12]
        if article.published_at is None and published is not None:
            article.published_at = published
        if article.feed_id is None and feed is not None:
            article.feed = feed
        article.fetched_at = now
        article.last_error = ""
        article.failure_count = 0
        if refetch:
            article.next_fetch_at = schedule.next_refetch(
                _age_base(article), now, settings.REFETCH_STEPS
            )
        article.save()
        if outcome != "unchanged" and analyse:
            pipeline.start_article(article.pk)
    return article, outcome


# -- fetching articles ---------------------------------------------------------------


def _document(response: fetching.Response, fallback_title: str = "") -> extract.Document:
    if response.is_feed:
        raise ParseError(f"{response.url} is a feed, not an article")
    if response.content_type == "text/plain":
        return extract.extract_text(response.text(), response.url, fallback_title)
    return extract.extract_html(response.text(), response.url)


def _record_article_failure(article_id: int, exc: IngestError) -> None:
    now = timezone.now()
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None:
            return
        article.failure_count += 1
        article.last_error = _stamp(str(exc), now)
        if not article.content_hash:
            article.status = Article.Status.FAILED
        limit = MAX_FAILURES if exc.transient else MAX_PERMANENT_FAILURES
        next_by_age = schedule.next_refetch(_age_base(article), now, settings.REFETCH_STEPS)
        if article.failure_count >= limit or (next_by_age is None and article.content_hash):
            article.next_fetch_at = None
        else:
            wait = schedule.backoff(article.failure_count, ARTICLE_RETRY_BASE)
            article.next_fetch_at = now + wait
        article.save(
            update_fields=["failure_count", "last_error", "status", "next_fetch_at", "updated_at"]
        )


def fetch_article(article_id: int) -> str:
    """Fetch the article's URL and ingest it: "new", "revised", "unchanged" or "failed: ..."."""
    article = Article.objects.select_related("outlet").filter(pk=article_id).first()
    if article is None:
        return "missing"
    if extract.host_of(article.url) == LOCAL_HOST:
        return "skipped: pasted text has no source to fetch"
    try:
        response = fetching.fetch(article.url, config=_config())
        doc = _document(response, article.title)
        _article, outcome = ingest_document(
            text=doc.text,
            title=doc.title or article.title,
            url=doc.url or response.url,
            outlet=article.outlet,
            published=_page_date(doc.published),
            author=doc.author,
            language=doc.language,
            article=article,
            refetch=True,
        )
    except IngestError as exc:
        _record_article_failure(article_id, exc)
        return f"failed: {exc}"
    return outcome


# -- feeds -------------------------------------------------------------------------


def _record_feed_failure(feed_id: int, exc: IngestError) -> None:
    now = timezone.now()
    with transaction.atomic():
        feed = Feed.objects.select_for_update().filter(pk=feed_id).first()
        if feed is None:
            return
        feed.failure_count += 1
        feed.last_error = _stamp(str(exc), now)
        feed.last_polled_at = now
        interval = timedelta(minutes=max(feed.poll_interval, 1))
        feed.next_poll_at = now + schedule.backoff(
            feed.failure_count + 1, interval, FEED_BACKOFF_CAP
        )
        feed.save(update_fields=["failure_count", "last_error", "last_polled_at", "next_poll_at"])


def _apply_feed(feed: Feed, result: feeds.FeedResult) -> int:
    """Queue an Article per new entry; returns how many were queued."""
    now = timezone.now()
    done = {
        "last_polled_at": now,
        "next_poll_at": now + timedelta(minutes=max(feed.poll_interval, 1)),
        "failure_count": 0,
        "last_error": "",
        "etag": result.etag[:300],
        "modified": result.modified[:100],
    }
    parsed = result.feed
    if result.not_modified or parsed is None:  # a 304 carries no feed
        Feed.objects.filter(pk=feed.pk).update(**done)
        return 0
    entries = {e.url: e for e in parsed.entries}
    known: set[str] = set()
    for chunk in _chunks(entries):
        known.update(Article.objects.filter(url__in=chunk).values_list("url", flat=True))
    new = [e for url, e in entries.items() if url not in known]
    queued: list[int] = []
    # Eager tasks fetch, extract and place the new entries when this commits; the
    # batch analyses each story they joined once, not once per entry.
    with pipeline.batched_analysis(), transaction.atomic():
        # A lost fetch task is picked up by refetch_due_articles after the lease.
        Article.objects.bulk_create(
            [
                Article(
                    outlet_id=feed.outlet_id,
                    feed=feed,
                    url=e.url,
                    title=e.title,
                    published_at=e.published,
                    status=Article.Status.QUEUED,
                    next_fetch_at=now + REFETCH_LEASE,
                )
                for e in new
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
        for chunk in _chunks([e.url for e in new]):
            queued.extend(
                Article.objects.filter(
                    url__in=chunk, feed=feed, content_hash="", status=Article.Status.QUEUED
                ).values_list("pk", flat=True)
            )
        Feed.objects.filter(pk=feed.pk).update(
            entry_count=parsed.entry_count,
            title=F("title") if feed.title else parsed.title,
            **done,
        )
        for article_id in queued:
            pipeline.fetch_article(article_id)
    return len(queued)


def _poll(feed: Feed) -> int:
    """Poll one feed; on failure record it (with back-off) and re-raise."""
    try:
        result = feeds.fetch_feed(
            feed.url, etag=feed.etag, modified=feed.modified, config=_config()
        )
    except IngestError as exc:
        _record_feed_failure(feed.pk, exc)
        raise
    return _apply_feed(feed, result)


def poll_feed(feed_id: int) -> int:
    """Poll a feed now; returns the number of new articles queued (0 on 304 or failure)."""
    feed = Feed.objects.filter(pk=feed_id, is_active=True).first()
    if feed is None:
        return 0
    try:
        return _poll(feed)
    except IngestError:
        return 0


def poll_due_feeds(now: datetime | None = None) -> int:
    """Claim up to FEED_BATCH due feeds and queue a poll for each; returns how many.

    The claim moves next_poll_at forward by one interval with a conditional
    UPDATE on the old value: a second beat sees a changed row and skips it,
    and a poll task that is lost only delays the feed by one interval.
    """
    now = now or timezone.now()
    rows = list(
        Feed.objects.due(now)
        .order_by("next_poll_at")
        .values_list("pk", "next_poll_at", "poll_interval")[:FEED_BATCH]
    )
    claimed = 0
    for pk, due, interval in rows:
        lease = now + timedelta(minutes=max(interval, 1))
        if Feed.objects.filter(pk=pk, next_poll_at=due).update(next_poll_at=lease):
            claimed += 1
            pipeline.poll_feed(pk)
    return claimed


def refetch_due_articles(now: datetime | None = None) -> int:
    """Claim up to REFETCH_BATCH articles whose next_fetch_at passed; queue their fetch."""
    now = now or timezone.now()
    rows = list(
        Article.objects.due_for_refetch(now)
        .order_by("next_fetch_at")
        .values_list("pk", "next_fetch_at")[:REFETCH_BATCH]
    )
    claimed = 0
    for pk, due in rows:
        if Article.objects.filter(pk=pk, next_fetch_at=due).update(
            next_fetch_at=now + REFETCH_LEASE
        ):
            claimed += 1
            pipeline.fetch_article(pk)
    return claimed


# -- submitting sources ----------------------------------------------------------------


def _outlet_name(outlet) -> str:
    if isinstance(outlet, Outlet):
        return outlet.name
    return " ".join((outlet or "").split())[:200]


def _submit(kind: str, source: str, user, payload=None, options=None) -> IngestJob:
    with transaction.atomic():
        job = IngestJob.objects.create(
            kind=kind,
            source=source[:2000],
            payload=payload,
            options=options or {},
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        pipeline.run_ingest_job(job.pk)
    # With eager Celery the job has run by now: return its current state.
    job.refresh_from_db()
    return job


def submit_url(url: str, user=None, outlet=None) -> IngestJob:
    """Queue a URL: an article page, or a feed (detected from what the server sends)."""
    url = _check_url(url)
    return _submit(URL, url, user, options={"outlet": _outlet_name(outlet)})


def submit_text(
    text: str, *, title: str, outlet, url: str = "", published=None, user=None
) -> IngestJob:
    """Queue pasted text with its metadata. The outlet is required."""
    text = extract.storable(text).strip()
    if extract.is_blank(text):
        raise InvalidSource("the text is empty")
    data = text.encode("utf-8")
    if len(data) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise InvalidSource(
            f"the text is {len(data):,} bytes; the limit is "
            f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}"
        )
    name = _outlet_name(outlet)
    if not name:
        raise InvalidSource("give the outlet that published the text")
    if url:
        url = _check_url(url)
    published_at = _parse_published(published)
    title = " ".join(extract.storable(title).split())[:500]
    options = {
        "title": title,
        "outlet": name,
        "url": url,
        "published": published_at.isoformat() if published_at else "",
    }
    source = url or f"pasted text: {title or text[:60]}"
    return _submit(TEXT, source, user, payload=data, options=options)


def submit_file(name: str, data: bytes, user=None, outlet=None) -> IngestJob:
    """Queue a .txt, .html, .json or .jsonl file (records: outlet, url, published, title, text)."""
    files.check_name(name)
    if not data:
        raise InvalidSource(f"{name}: the file is empty")
    limit = settings.INGEST_FILE_MAX_BYTES
    if len(data) > limit:
        raise InvalidSource(f"{name}: {len(data):,} bytes; the limit is {limit:,}")
    return _submit(FILE, name, user, payload=bytes(data), options={"outlet": _outlet_name(outlet)})


def _feed_for(url: str, outlet=None) -> Feed:
    url = extract.normalise_url(url)
    feed = Feed.objects.filter(url=url).first()
    if feed is not None:
        if not feed.is_active:
            Feed.objects.filter(pk=feed.pk).update(
                is_active=True, failure_count=0, next_poll_at=timezone.now()
            )
            feed.refresh_from_db()
        return feed
    try:
        with transaction.atomic():
            return Feed.objects.create(url=url, outlet=resolve_outlet(outlet, url=url))
    except IntegrityError:
        return Feed.objects.get(url=url)


def submit_feed(url: str, outlet=None, user=None) -> Feed:
    """Register (or re-activate) a feed and queue its first poll."""
    url = _check_url(url)
    with transaction.atomic():
        feed = _feed_for(url, outlet)
        _submit(FEED, feed.url, user, options={"outlet": _outlet_name(outlet)})
    feed.refresh_from_db()
    return feed


# -- running jobs ---------------------------------------------------------------------


# Callables told of every change to a job this process runs: the progress bar of
# `manage.py ingest` when tasks run eagerly (see watch_jobs).
_watchers: list[Callable[[IngestJob], None]] = []


@contextmanager
def watch_jobs(callback: Callable[[IngestJob], None]):
    """Call `callback(job)` whenever a job run in this process counts a record."""
    _watchers.append(callback)
    try:
        yield
    finally:
        _watchers.remove(callback)


class _Progress:
    """Counters and error lines of one running job, written as they change."""

    def __init__(self, job: IngestJob):
        self.job = job
        self.errors: list[str] = []

    def _tell(self) -> None:
        for watcher in list(_watchers):
            watcher(self.job)

    def total(self, n: int) -> None:
        self.job.total = n
        IngestJob.objects.filter(pk=self.job.pk).update(total=n)
        self._tell()

    def ok(self) -> None:
        self.job.done += 1
        IngestJob.objects.filter(pk=self.job.pk).update(done=F("done") + 1)
        self._tell()

    def fail(self, message: str) -> None:
        self.job.failed += 1
        self.errors.append(message)
        IngestJob.objects.filter(pk=self.job.pk).update(failed=F("failed") + 1)
        self._tell()


def _run_url(job: IngestJob, progress: _Progress) -> None:
    progress.total(1)
    outlet = job.options.get("outlet") or None
    response = fetching.fetch(job.source, config=_config(), accept=fetching.ACCEPT_HTML)
    if response.is_feed:
        feed = _feed_for(job.source, outlet)
        try:
            _apply_feed(feed, feeds.feed_from_response(response))
        except IngestError as exc:
            _record_feed_failure(feed.pk, exc)
            raise
        progress.ok()
        return
    doc = _document(response)
    ingest_document(
        text=doc.text,
        title=doc.title,
        url=doc.url or response.url,
        outlet=outlet,
        sitename=doc.sitename,
        published=_page_date(doc.published),
        author=doc.author,
        language=doc.language,
        refetch=True,
    )
    progress.ok()


def _run_text(job: IngestJob, progress: _Progress) -> None:
    progress.total(1)
    if job.payload is None:
        raise InvalidSource("the job has no text")
    opts = job.options
    ingest_document(
        text=bytes(job.payload).decode("utf-8"),
        title=opts.get("title", ""),
        url=opts.get("url", ""),
        outlet=opts.get("outlet") or None,
        published=opts.get("published") or None,
    )
    progress.ok()


def _run_file(job: IngestJob, progress: _Progress) -> None:
    if job.payload is None:
        raise InvalidSource("the job has no file")
    parsed = files.parse_file(job.source, bytes(job.payload))
    progress.total(len(parsed.records) + len(parsed.errors))
    for message in parsed.errors:
        progress.fail(message)
    default_outlet = job.options.get("outlet") or ""
    for part in _chunks(parsed.records, ANALYSE_AFTER):
        # Eager, each story these records touch is analysed once, after the last
        # of them, not after every article that joins it (see ANALYSE_AFTER).
        with pipeline.batched_analysis():
            for batch in _chunks(part, PARSE_AHEAD):
                if settings.CELERY_TASK_ALWAYS_EAGER:
                    # Eager tasks extract each record right after it is written,
                    # here: parse the batch's paragraphs in one spaCy batch first.
                    nlp_service.parse_ahead(batch)
                for record in batch:
                    _file_record(job, record, default_outlet, progress)


def _file_record(job: IngestJob, record, default_outlet: str, progress: _Progress) -> None:
    """Ingest one record of a file; its failure is counted, never raised (but the database's)."""
    try:
        outlet = record.outlet or default_outlet
        if not outlet and not record.url:
            raise InvalidSource(
                "no outlet: add an 'outlet' field or a 'url', or give a default outlet"
            )
        ingest_document(
            text=record.text,
            title=record.title,
            url=record.url,
            outlet=outlet or None,
            published=record.published,
            author=record.author,
            language=record.language,
        )
    except IngestError as exc:
        progress.fail(f"{record.origin}: {exc}")
    except (OperationalError, InterfaceError):
        raise  # the database went away: the whole job is retried (run_ingest_job)
    except Exception as exc:  # noqa: BLE001 -- one bad record never stops the file
        log.exception("ingest job %s: %s failed", job.pk, record.origin)
        progress.fail(f"{record.origin}: unexpected error: {type(exc).__name__}: {exc}")
    else:
        progress.ok()


def _run_feed(job: IngestJob, progress: _Progress) -> None:
    progress.total(1)
    feed = Feed.objects.filter(url=job.source).first()
    if feed is None:
        raise InvalidSource(f"feed {job.source} is no longer registered")
    _poll(feed)
    progress.ok()


RUNNERS = {URL: _run_url, TEXT: _run_text, FILE: _run_file, FEED: _run_feed}


def run_ingest_job(job_id: int, task_id: str = "") -> int:
    """Run a queued job; returns the number of sources/records ingested.

    Claimed with a conditional UPDATE (queued -> running), so a second task for
    the job is a no-op. A job left "running" by a dead worker is taken back at
    once by the same task delivered again (`task_id`: late acks redeliver it
    with the same id), and by anyone after twice the task time limit. Running
    a job again from the start is safe: ingestion skips what it already has.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=2 * settings.CELERY_TASK_TIME_LIMIT)
    claimable = Q(status=IngestJob.Status.QUEUED) | Q(
        status=IngestJob.Status.RUNNING, updated_at__lt=stale
    )
    if task_id:
        claimable |= Q(status=IngestJob.Status.RUNNING, task_id=task_id)
    claimed = IngestJob.objects.filter(claimable, pk=job_id).update(
        status=IngestJob.Status.RUNNING,
        task_id=task_id,
        total=0,
        done=0,
        failed=0,
        error="",
        updated_at=now,
    )
    if not claimed:
        return 0
    job = IngestJob.objects.get(pk=job_id)
    progress = _Progress(job)
    runner = RUNNERS.get(job.kind)
    try:
        if runner is None:
            raise InvalidSource(f"unknown job kind {job.kind!r}")
        runner(job, progress)
    except IngestError as exc:
        progress.fail(str(exc))
    except (OperationalError, InterfaceError):
        # The database went away: put the job back for the task's retry (which
        # claims only a queued job), on a new connection if this one is dead.
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        IngestJob.objects.filter(pk=job_id).update(status=IngestJob.Status.QUEUED)
        raise
    except Exception as exc:  # noqa: BLE001 -- recorded on the job, then logged
        log.exception("ingest job %s failed", job_id)
        progress.fail(f"unexpected error: {type(exc).__name__}: {exc}")
    lines = progress.errors[:JOB_ERROR_LINES]
    if len(progress.errors) > JOB_ERROR_LINES:
        lines.append(f"... and {len(progress.errors) - JOB_ERROR_LINES} more")
    failed = job.done == 0 and job.failed > 0
    IngestJob.objects.filter(pk=job_id).update(
        status=IngestJob.Status.FAILED if failed else IngestJob.Status.DONE,
        total=max(job.total, job.done + job.failed),
        error="\n".join(lines),
    )
    return job.done


# -- revisions ------------------------------------------------------------------------


def _revision_text(revision: ArticleRevision) -> str:
    return f"{revision.title}\n\n{revision.text}" if revision.title else revision.text


def revision_diff(article_id: int, rev_a_id: int, rev_b_id: int) -> list[tuple[str, str]]:
    """Word-level diff from revision a to revision b (title line, then text).

    Raises ArticleRevision.DoesNotExist if either is not a revision of the article.
    """
    revisions = {
        r.pk: r
        for r in ArticleRevision.objects.filter(article_id=article_id, pk__in=[rev_a_id, rev_b_id])
    }
    missing = [pk for pk in (rev_a_id, rev_b_id) if pk not in revisions]
    if missing:
        raise ArticleRevision.DoesNotExist(
            f"revision {missing[0]} is not a revision of article {article_id}"
        )
    return word_diff(_revision_text(revisions[rev_a_id]), _revision_text(revisions[rev_b_id]))

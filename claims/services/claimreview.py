"""Import of published fact-checks (schema.org ClaimReview) into FactCheck rows and the
claim memory.

Three kinds of source: a file (a JSON document of one or many ClaimReviews, a
saved page, or an RSS/Atom feed), the URL of a page carrying ClaimReview
JSON-LD, or a feed whose items link to such pages. URLs go through the
ingest fetcher (claims.ingest.fetch: private addresses refused at every hop,
timeouts, size limit). The parsing is claims.analysis.claimreview.

A row is keyed by its review's URL and claim, so importing the same source
again changes nothing (or updates the rows the publisher changed). Each item
that cannot be read is one error line; the other items are imported.

With a broker, the admin queues URL and feed imports (claims.tasks.import_claimreview,
sent by claims.pipeline) instead of fetching up to FEED_MAX_PAGES pages inside the
request; `import_in_background` runs them and tells the importing user in an
in-app notice. Being keyed, a redelivered or retried import changes nothing twice.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from claims.analysis import claimreview as parser
from claims.ingest import feeds
from claims.ingest import fetch as fetching
from claims.ingest.errors import BadContentType, IngestError
from claims.models import FactCheck
from claims.services import notify

log = logging.getLogger(__name__)

ACCEPT = (
    "text/html,application/xhtml+xml;q=0.9,application/ld+json;q=0.8,"
    "application/rss+xml;q=0.7,application/atom+xml;q=0.7,*/*;q=0.1"
)
# Pages fetched from one feed: a feed import runs in the request (admin) or the
# command, so it stays bounded; the rest of a long feed is reported, not lost silently.
FEED_MAX_PAGES = 100
# A background import stops fetching a feed's pages this long before the task's
# soft time limit, keeping time for the claim memory and the notice.
TASK_MARGIN_SECONDS = 60
# Error lines quoted in the notice of a background import (it holds 500 characters).
NOTICE_ERRORS = 3
FIELDS = ("claim_reviewed", "rating", "verdict", "publisher", "claimant", "url", "date_published")


class SourceUnreachable(Exception):
    """The source's fetch failed in a way that may pass (timeout, 5xx, 429): a
    background import raises it so that its task tries again later."""


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    skipped: int = 0  # already imported, unchanged
    errors: list[str] = field(default_factory=list)
    fact_check_ids: list[int] = field(default_factory=list)  # imported or updated
    indexed: int = 0  # memory entries written

    def add(self, other: ImportReport) -> None:
        self.imported += other.imported
        self.updated += other.updated
        self.skipped += other.skipped
        self.errors += other.errors
        self.fact_check_ids += other.fact_check_ids
        self.indexed += other.indexed

    def summary(self) -> str:
        return (
            f"{self.imported} imported, {self.updated} updated, {self.skipped} skipped, "
            f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}"
        )


# --- rows ------------------------------------------------------------------------------


def save_items(items: list[parser.FactCheckItem], source: str, user=None) -> ImportReport:
    """Create or update one FactCheck per item; unchanged rows are skipped."""
    report = ImportReport()
    for item in items:
        values = {name: getattr(item, name) for name in FIELDS}
        with transaction.atomic():
            row = FactCheck.objects.select_for_update().filter(key=item.key).first()
            if row is None:
                try:
                    with transaction.atomic():
                        row = FactCheck.objects.create(
                            key=item.key, source=source[:2000], imported_by=user, **values
                        )
                except IntegrityError:  # imported by someone else meanwhile
                    report.skipped += 1
                    continue
                report.imported += 1
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.source = source[:2000]
                row.save(update_fields=[*FIELDS, "source"])
                report.updated += 1
            else:
                report.skipped += 1
                continue
        report.fact_check_ids.append(row.pk)
    return report


def _saved(result: parser.ParseResult, source: str, user) -> ImportReport:
    report = save_items(result.items, source, user)
    for error in result.errors:
        whole = error.where in ("document", "page")
        report.errors.append(f"{source}: {error.message}" if whole else f"{source} {error}")
    return report


def index(report: ImportReport) -> ImportReport:
    """Put the new and changed fact-checks in the claim memory.

    The rows are committed by now: if encoding fails, the import stands and
    says so; the memory's own tasks can index them later.
    """
    from claims.services import memory

    if not report.fact_check_ids:
        return report
    try:
        report.indexed = memory.index_fact_checks(report.fact_check_ids)
    except Exception as exc:  # noqa: BLE001 - the import is saved whatever the encoder does
        log.exception("claim memory: indexing %d fact-checks failed", len(report.fact_check_ids))
        report.errors.append(f"saved, but not yet in the claim memory: {exc}")
    return report


# --- sources ---------------------------------------------------------------------------


def _kind(content: bytes, content_type: str = "") -> str:
    """ "feed", "html" or "json", from what the bytes (and the server) say."""
    if fetching.looks_like_feed(content_type, content):
        return "feed"
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content_type in fetching.HTML_TYPES or head.startswith((b"<!doctype", b"<html", b"<")):
        return "html"
    return "json"


def import_file(name: str, content: bytes, *, user=None, feed: bool = False) -> ImportReport:
    """A JSON document, a saved page, or a feed file (its items' pages are fetched)."""
    source = f"file {name}"
    if feed or _kind(content) == "feed":
        return index(_import_feed_bytes(content, source, base_url="", user=user))
    if _kind(content) == "html":
        return index(_saved(parser.parse_html(content), source, user))
    return index(_saved(parser.parse_json(content), source, user))


def import_url(
    url: str,
    *,
    user=None,
    feed: bool = False,
    retry: bool = False,
    deadline: float | None = None,
) -> ImportReport:
    """A page carrying ClaimReview JSON-LD, or a feed (detected, or asked for with `feed`).

    `retry`: a transient failure to fetch `url` itself raises SourceUnreachable
    (a task tries again) instead of becoming the report's error line.
    `deadline` (time.monotonic()): a feed's pages are not fetched past it.
    """
    try:
        response = _fetch(url)
    except IngestError as exc:
        if retry and exc.transient:
            raise SourceUnreachable(f"{url}: {exc}") from exc
        return ImportReport(errors=[f"{url}: {exc}"])
    kind = _kind(response.content, response.content_type)
    if feed and kind != "feed":
        return ImportReport(errors=[f"{url}: not an RSS or Atom feed"])
    if kind == "feed":
        return index(_import_feed_bytes(response.content, url, response.url, user, deadline))
    return index(_saved(_page(response), url, user))


def import_source(source: str, *, user=None, feed: bool = False) -> ImportReport:
    """The command's argument: an http(s) URL or a file path."""
    if source.startswith(("http://", "https://")):
        return import_url(source, user=user, feed=feed)
    path = Path(source)
    if not path.is_file():
        return ImportReport(errors=[f"{source}: not a URL or a file"])
    if path.stat().st_size > parser.MAX_DOCUMENT_BYTES:
        limit = parser.MAX_DOCUMENT_BYTES
        return ImportReport(errors=[f"{source}: larger than the limit of {limit:,} bytes"])
    return import_file(path.name, path.read_bytes(), user=user, feed=feed)


def _fetch(url: str) -> fetching.Response:
    try:
        return fetching.fetch(url, config=fetching.FetchConfig.from_settings(), accept=ACCEPT)
    except BadContentType as exc:
        # The fetcher takes pages, feeds and text only: a .json served as JSON is refused.
        raise BadContentType(f"{exc} (a JSON file of fact-checks: import it as a file)") from exc


def _page(response: fetching.Response) -> parser.ParseResult:
    if _kind(response.content, response.content_type) == "html":
        return parser.parse_html(response.text(), default_url=response.url)
    return parser.parse_json(response.content, default_url=response.url)


def _import_feed_bytes(
    content: bytes, source: str, base_url: str, user, deadline: float | None = None
) -> ImportReport:
    """Each entry of the feed links to a page carrying ClaimReview: fetch and import it."""
    try:
        parsed = feeds.parse_feed(content, base_url)
    except IngestError as exc:
        return ImportReport(errors=[f"{source}: {exc}"])
    report = ImportReport()
    entries = parsed.entries[:FEED_MAX_PAGES]
    for done, entry in enumerate(entries):
        if deadline is not None and time.monotonic() > deadline:
            report.errors.append(
                f"{source}: {len(entries) - done} entries not fetched (out of time; "
                "import the feed again for the rest)"
            )
            break
        try:
            response = _fetch(entry.url)
        except IngestError as exc:
            report.errors.append(f"{entry.url}: {exc}")
            continue
        report.add(_saved(_page(response), entry.url, user))
    left = len(parsed.entries) - FEED_MAX_PAGES
    if left > 0:
        report.errors.append(
            f"{source}: {left} more entries not fetched (at most {FEED_MAX_PAGES} per import)"
        )
    if parsed.skipped:
        report.errors.append(f"{source}: {parsed.skipped} entries without a usable link")
    return report


# --- in the background (claims.tasks.import_claimreview) ------------------------------


def import_in_background(
    source: str, *, feed: bool = False, user_id: int | None = None, retry: bool = False
) -> str:
    """Import a URL or a feed for `user_id` and leave them a notice with the outcome.

    `retry`: a transient failure to fetch the source raises SourceUnreachable (the
    task's last try passes False, and the failure is reported in the notice).
    """
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    budget = max(settings.CELERY_TASK_SOFT_TIME_LIMIT - TASK_MARGIN_SECONDS, 30)
    report = import_url(
        source, user=user, feed=feed, retry=retry, deadline=time.monotonic() + budget
    )
    log.info("ClaimReview import of %s: %s", source, report.summary())
    if user is not None:
        notify.tell(user.pk, notice(source, report))
    return report.summary()


def import_failed(source: str, user_id: int | None, exc: BaseException) -> None:
    """The background import failed for good: tell the user (rows saved so far stay)."""
    if user_id is None:
        return
    text = (
        f"ClaimReview import of {_clip(source, 200)} failed: {type(exc).__name__}: "
        f"{_clip(str(exc), 200)}. What was saved before stays; import it again for the rest."
    )
    if get_user_model().objects.filter(pk=user_id).exists():
        notify.tell(user_id, text)


def notice(source: str, report: ImportReport) -> str:
    """The counts and the first error lines (as many as fit in a notice's 500
    characters), then how many more there are."""
    count = len(report.errors)
    head = (
        f"ClaimReview import of {_clip(source, 200)}: {report.imported} imported, "
        f"{report.updated} updated, {report.skipped} unchanged, "
        f"{count} error{'s' if count != 1 else ''}."
    )
    quoted = [_clip(error, 160) for error in report.errors[:NOTICE_ERRORS]]
    while True:
        left = count - len(quoted)
        text = "\n".join([head, *quoted, *([f"… and {left} more."] if left else [])])
        if len(text) <= notify.MESSAGE_MAX or not quoted:
            return _clip(text, notify.MESSAGE_MAX)
        quoted.pop()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

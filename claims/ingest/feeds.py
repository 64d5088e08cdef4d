"""RSS/Atom feeds: conditional GET through the guarded fetcher, then feedparser.

feedparser only ever sees bytes we fetched (a stream, never a URL or a path),
so it makes no requests of its own. No Django imports.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import feedparser

from claims.ingest.errors import ParseError
from claims.ingest.extract import normalise_url
from claims.ingest.fetch import ACCEPT_FEED, FetchConfig, Resolver, Response, fetch


@dataclass
class FeedEntry:
    url: str
    title: str = ""
    published: datetime | None = None


@dataclass
class ParsedFeed:
    title: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    entry_count: int = 0  # entries in the document, with or without a usable link
    skipped: int = 0  # entries without an http(s) link, or repeated


@dataclass
class FeedResult:
    url: str
    not_modified: bool
    etag: str = ""
    modified: str = ""
    feed: ParsedFeed | None = None


def _when(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # plain dict lookup: no feedparser key aliasing
        if value:
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def parse_feed(content: bytes, base_url: str) -> ParsedFeed:
    """Entries in document order as (url, title, published); raises ParseError."""
    parsed = feedparser.parse(
        io.BytesIO(content),
        response_headers={"content-location": base_url},
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise ParseError(f"{base_url} is not an RSS or Atom feed: {reason}")
    result = ParsedFeed(
        title=" ".join((parsed.feed.get("title") or "").split())[:300],
        entry_count=len(parsed.entries),
    )
    seen: set[str] = set()
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link and str(entry.get("id", "")).startswith(("http://", "https://")):
            link = entry["id"].strip()
        url = normalise_url(urljoin(base_url, link)) if link else ""
        if urlsplit(url).scheme not in ("http", "https") or url in seen or len(url) > 2000:
            result.skipped += 1
            continue
        seen.add(url)
        result.entries.append(
            FeedEntry(
                url=url,
                title=" ".join((entry.get("title") or "").split())[:500],
                published=_when(entry),
            )
        )
    return result


def feed_from_response(response: Response) -> FeedResult:
    return FeedResult(
        url=response.url,
        not_modified=False,
        etag=response.etag,
        modified=response.last_modified,
        feed=parse_feed(response.content, response.url),
    )


def fetch_feed(
    url: str,
    *,
    etag: str = "",
    modified: str = "",
    config: FetchConfig | None = None,
    resolver: Resolver | None = None,
) -> FeedResult:
    """Conditional GET. A 304 keeps the validators we sent unless new ones came."""
    response = fetch(
        url, config=config, accept=ACCEPT_FEED, etag=etag, modified=modified, resolver=resolver
    )
    if response.not_modified:
        return FeedResult(
            url=response.url,
            not_modified=True,
            etag=response.etag or etag,
            modified=response.last_modified or modified,
        )
    return feed_from_response(response)

import time
from datetime import UTC, datetime

import pytest

from claims.ingest.errors import ParseError
from claims.ingest.feeds import parse_feed
from tests.fixtures.http_server import rss

BASE = "https://news.example/feed.xml"


def test_entries_in_order_with_url_title_published():
    feed = parse_feed(
        rss(
            [
                ("https://news.example/a?utm_source=rss", "A", "Fri, 31 Oct 2025 12:00:00 GMT"),
                ("/b", "B", "Fri, 31 Oct 2025 13:00:00 +0530"),
            ]
        ),
        BASE,
    )
    assert feed.title == "Fixture News"
    assert [(e.url, e.title) for e in feed.entries] == [
        ("https://news.example/a", "A"),
        ("https://news.example/b", "B"),
    ]
    assert feed.entries[0].published == datetime(2025, 10, 31, 12, tzinfo=UTC)
    assert feed.entries[1].published == datetime(2025, 10, 31, 7, 30, tzinfo=UTC)


def test_duplicates_and_non_http_links_are_skipped():
    feed = parse_feed(
        rss(
            [
                ("https://news.example/a", "A", ""),
                ("https://news.example/a#comments", "A again", ""),
                ("mailto:x@example.org", "mail", ""),
                ("javascript:alert(1)", "js", ""),
            ]
        ),
        BASE,
    )
    assert [e.url for e in feed.entries] == ["https://news.example/a"]
    assert feed.entry_count == 4 and feed.skipped == 3
    assert feed.entries[0].published is None


def test_atom_with_relative_links():
    atom = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        b'<entry><title>X</title><link href="/x"/><id>urn:x</id>'
        b"<updated>2025-10-31T12:00:00Z</updated></entry></feed>"
    )
    feed = parse_feed(atom, BASE)
    assert feed.entries[0].url == "https://news.example/x"


def test_not_a_feed():
    with pytest.raises(ParseError, match="not an RSS or Atom feed"):
        parse_feed(b"this is not xml at all", BASE)


def test_five_thousand_entries_parse_quickly():
    items = [
        (f"https://news.example/{i}", f"Story {i}", "Fri, 31 Oct 2025 12:00:00 GMT")
        for i in range(5000)
    ]
    data = rss(items)
    started = time.perf_counter()
    feed = parse_feed(data, BASE)
    elapsed = time.perf_counter() - started
    print(f"\n5,000-entry feed ({len(data):,} bytes) parsed in {elapsed:.2f}s")  # noqa: T201
    assert len(feed.entries) == 5000 and feed.entry_count == 5000
    assert elapsed < 10

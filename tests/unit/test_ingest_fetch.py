"""The guarded fetcher against the local fixture server (127.0.0.1 only)."""

import time
import tracemalloc

import pytest

from claims.ingest import fetch as fetching
from claims.ingest.errors import (
    BadContentType,
    BlockedAddress,
    FetchFailed,
    InvalidSource,
    TooLarge,
    TooManyRedirects,
)
from claims.ingest.fetch import FetchConfig, fetch
from tests.fixtures.http_server import fixture_server  # noqa: F401

CONFIG = FetchConfig(timeout=1.0, max_bytes=1_000_000, max_redirects=5, allow_loopback=True)


def test_fetches_a_page(fixture_server):  # noqa: F811
    response = fetch(fixture_server.url("/page"), config=CONFIG)
    assert response.status == 200
    assert response.content_type == "text/html"
    assert b"Pete Hegseth" in response.content
    assert response.is_html and not response.is_feed


def test_connection_is_pinned_to_the_checked_ip_and_carries_the_name(
    fixture_server,  # noqa: F811
):
    """The name is resolved once, checked, and the request goes to that IP with Host set."""
    answers = []

    def resolver(host, port):
        answers.append(host)
        return ["127.0.0.1"]

    url = f"http://news.test:{fixture_server.port}/page"
    response = fetch(url, config=CONFIG, resolver=resolver)
    assert response.url == url
    assert answers == ["news.test"]
    assert fixture_server.hits("/page")[-1]["host"] == f"news.test:{fixture_server.port}"


def test_slow_server_times_out(fixture_server):  # noqa: F811
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out") as info:
        fetch(fixture_server.url("/slow"), config=FetchConfig(timeout=0.3, allow_loopback=True))
    assert info.value.transient
    assert time.monotonic() - started < 2


def test_trickling_body_hits_the_total_deadline(fixture_server):  # noqa: F811
    config = FetchConfig(timeout=0.5, total_timeout=0.5, allow_loopback=True)
    with pytest.raises(FetchFailed, match="too slow"):
        fetch(fixture_server.url("/trickle"), config=config)


def test_huge_body_refused_by_content_length(fixture_server):  # noqa: F811
    with pytest.raises(TooLarge, match="larger than the limit"):
        fetch(fixture_server.url("/huge"), config=CONFIG)


def test_huge_body_without_length_stops_at_the_limit(fixture_server):  # noqa: F811
    with pytest.raises(TooLarge):
        fetch(fixture_server.url("/huge-unlabelled"), config=CONFIG)


def test_gzip_bomb_is_stopped_with_memory_bounded_by_the_limit(fixture_server):  # noqa: F811
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge, match="1,000,000"):
            fetch(fixture_server.url("/gzip-bomb"), config=CONFIG)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 50 MB once expanded; we never hold more than the limit plus a chunk or two.
    assert peak < 4 * CONFIG.max_bytes, peak


def test_redirect_loop(fixture_server):  # noqa: F811
    with pytest.raises(TooManyRedirects, match="redirect loop"):
        fetch(fixture_server.url("/loop-a"), config=CONFIG)


def test_redirect_limit(fixture_server):  # noqa: F811
    with pytest.raises(TooManyRedirects, match="more than 5 redirects"):
        fetch(fixture_server.url("/hop/0"), config=CONFIG)
    response = fetch(fixture_server.url("/hop/6"), config=CONFIG)
    assert response.url.endswith("/hop/10")
    assert len(response.redirects) == 4


def test_redirect_is_followed_and_reported(fixture_server):  # noqa: F811
    response = fetch(fixture_server.url("/to-page"), config=CONFIG)
    assert response.url == fixture_server.url("/page")
    assert response.redirects == [fixture_server.url("/to-page")]


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata"])
def test_each_redirect_hop_is_checked(fixture_server, path):  # noqa: F811
    with pytest.raises(BlockedAddress):
        fetch(fixture_server.url(path), config=CONFIG)


@pytest.mark.parametrize("path", ["/doc.pdf", "/sneaky-pdf"])
def test_pdf_is_refused(fixture_server, path):  # noqa: F811
    with pytest.raises(BadContentType, match="is a PDF"):
        fetch(fixture_server.url(path), config=CONFIG)


def test_other_types_are_refused(fixture_server):  # noqa: F811
    with pytest.raises(BadContentType, match="image/png"):
        fetch(fixture_server.url("/image"), config=CONFIG)


def test_404_is_permanent_and_500_transient(fixture_server):  # noqa: F811
    with pytest.raises(FetchFailed, match="HTTP 404") as missing:
        fetch(fixture_server.url("/missing"), config=CONFIG)
    assert not missing.value.transient and missing.value.status == 404
    with pytest.raises(FetchFailed, match="HTTP 500") as broken:
        fetch(fixture_server.url("/broken"), config=CONFIG)
    assert broken.value.transient


def test_etag_gives_304(fixture_server):  # noqa: F811
    first = fetch(fixture_server.url("/feed-etag"), config=CONFIG)
    assert first.etag == '"v1"' and first.is_feed
    second = fetch(fixture_server.url("/feed-etag"), config=CONFIG, etag=first.etag)
    assert second.not_modified and second.content == b""
    assert fixture_server.hits("/feed-etag")[-1]["if-none-match"] == '"v1"'


def test_loopback_refused_unless_allowed(fixture_server):  # noqa: F811
    with pytest.raises(BlockedAddress, match="loopback"):
        fetch(fixture_server.url("/page"), config=FetchConfig(allow_loopback=False))
    assert fixture_server.hits("/page") == []


@pytest.mark.parametrize(
    "answer", ["10.0.0.1", "169.254.169.254", "::1", "fd00::1", "::ffff:127.0.0.1"]
)
def test_names_resolving_to_internal_addresses_are_refused(answer):
    """Fake DNS answers: nothing is ever sent to these addresses."""
    with pytest.raises(BlockedAddress, match=answer):
        fetch(
            "http://evil.example/",
            config=FetchConfig(allow_loopback=False),
            resolver=lambda host, port: [answer],
        )


def test_one_bad_answer_among_good_ones_is_enough_to_refuse():
    with pytest.raises(BlockedAddress, match="10.0.0.1"):
        fetch(
            "http://mixed.example/",
            config=FetchConfig(),
            resolver=lambda host, port: ["93.184.216.34", "10.0.0.1"],
        )


def test_the_default_resolver_is_used_and_patchable(monkeypatch):
    monkeypatch.setattr(fetching, "system_resolver", lambda host, port: ["fd00::1"])
    with pytest.raises(BlockedAddress, match="unique-local"):
        fetch("https://evil.example/", config=FetchConfig())


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://example.org/x", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("http://user:pw@example.org/", "user name or password"),
        ("http:///nohost", "no host"),
        ("http://example.org/a b", "whitespace"),
        ("", "no URL"),
        ("http://example.org:99999/", "malformed"),
    ],
)
def test_invalid_urls(url, message):
    with pytest.raises(InvalidSource, match=message):
        fetch(url, config=FetchConfig())

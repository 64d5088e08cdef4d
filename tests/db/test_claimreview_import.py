"""Import of published fact-checks: files, pages, feeds and the command; per-item errors."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from claims.ingest import fetch as fetching
from claims.models import FactCheck
from claims.services import claimreview, memory
from tests.fixtures.http_server import RSS_TYPE, Reply, http_server, rss  # noqa: F401

pytestmark = pytest.mark.django_db


def review(claim, url, rating="False", date="2026-01-15"):
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim,
        "datePublished": date,
        "author": {"@type": "Organization", "name": "Checker Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }


def page(*nodes) -> bytes:
    blocks = "".join(f'<script type="application/ld+json">{json.dumps(n)}</script>' for n in nodes)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{blocks}</head>'
        "<body><h1>Fact check</h1><p>Ce texte est en français.</p></body></html>"
    ).encode()


@pytest.fixture
def indexed(monkeypatch):
    """The claim memory's indexing, recorded (the real one is tested in test_memory)."""
    calls = []

    def record(ids):
        calls.append(sorted(ids))
        return len(ids)

    monkeypatch.setattr(memory, "index_fact_checks", record)
    return calls


GOOD = [
    review("The ferry fare tripled last spring.", "https://c.example/ferry", "Mostly false"),
    review("The library closed on Sundays.", "https://c.example/library", "Satire"),
]


def test_a_file_is_imported_and_indexed_and_a_second_import_changes_nothing(reviewer, indexed):
    data = json.dumps(GOOD).encode()
    report = claimreview.import_file("checks.json", data, user=reviewer)
    assert (report.imported, report.updated, report.skipped, report.errors) == (2, 0, 0, [])
    ferry = FactCheck.objects.get(url="https://c.example/ferry")
    assert (ferry.rating, ferry.verdict, ferry.publisher) == (
        "Mostly false",
        "misleading",
        "Checker Desk",
    )
    assert str(ferry.date_published) == "2026-01-15"
    assert (ferry.source, ferry.imported_by) == ("file checks.json", reviewer)
    library = FactCheck.objects.get(url="https://c.example/library")
    assert (library.rating, library.verdict) == ("Satire", "")
    assert indexed == [sorted(FactCheck.objects.values_list("pk", flat=True))]

    again = claimreview.import_file("checks.json", data)
    assert (again.imported, again.updated, again.skipped) == (0, 0, 2)
    assert FactCheck.objects.count() == 2 and len(indexed) == 1  # nothing new to index

    changed = [review(GOOD[0]["claimReviewed"], GOOD[0]["url"], "False"), GOOD[1]]
    third = claimreview.import_file("checks-v2.json", json.dumps(changed).encode())
    assert (third.imported, third.updated, third.skipped) == (0, 1, 1)
    ferry.refresh_from_db()
    assert (ferry.verdict, ferry.source) == ("false", "file checks-v2.json")
    assert indexed[-1] == [ferry.pk]


def test_bad_items_are_errors_and_the_rest_is_imported(indexed):
    items = [
        GOOD[0],
        {**review("", "https://c.example/empty")},
        review("A claim with a broken date.", "https://c.example/date", date="2026-13-45"),
        {"@type": "NewsArticle", "headline": "An article"},
        GOOD[1],
    ]
    report = claimreview.import_file("mixed.json", json.dumps(items).encode())
    assert (report.imported, len(report.errors)) == (2, 3)
    assert report.errors[0].startswith("file mixed.json [1]: no claimReviewed")
    assert "file mixed.json [2]: datePublished '2026-13-45' is not a date" in report.errors[1]
    assert report.errors[2] == "file mixed.json [3]: @type NewsArticle, not a ClaimReview"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\xff\xfe{ not utf-8", "file bad.json: not UTF-8 text"),
        (b"{ broken", "file bad.json: not JSON: Expecting property name"),
        (b"", "file bad.json: empty"),
    ],
)
def test_an_unreadable_file_is_one_error(content, message, indexed):
    report = claimreview.import_file("bad.json", content)
    assert report.imported == 0 and report.errors[0].startswith(message)
    assert not FactCheck.objects.exists() and indexed == []


def test_a_page_carrying_json_ld_is_fetched_through_the_guard(http_server, indexed):  # noqa: F811
    http_server.routes["/fc/ferry"] = Reply(
        body=page(
            {"@context": "https://schema.org", "@type": "NewsArticle"},
            {
                **review("Bus passes will be scrapped.", "", "Incorrect"),
                "url": None,
            },
        )
    )
    url = http_server.url("/fc/ferry")
    report = claimreview.import_url(url)
    assert (report.imported, report.errors) == (1, [])
    row = FactCheck.objects.get()
    # No url on the ClaimReview: the page's own address is the review's.
    assert (row.url, row.source, row.verdict) == (url, url, "false")
    assert http_server.hits("/fc/ferry")[0]["user-agent"].startswith("factcheck/")


def test_a_private_address_is_refused(http_server, settings, monkeypatch, indexed):  # noqa: F811
    settings.FETCH_ALLOW_LOOPBACK = False
    http_server.routes["/fc/x"] = Reply(body=page(GOOD[0]))
    report = claimreview.import_url(http_server.url("/fc/x"))
    assert report.imported == 0 and "loopback address" in report.errors[0]
    monkeypatch.setattr(fetching, "system_resolver", lambda host, port: ["10.0.0.7"])
    report = claimreview.import_url("http://checker.example/fc")
    assert "checker.example resolves to 10.0.0.7" in report.errors[0]
    assert http_server.hits("/fc/x") == [] and not FactCheck.objects.exists()


def test_fetch_failures_are_errors(http_server, indexed):  # noqa: F811
    http_server.routes["/fc/none"] = Reply(body=b"<html><body><p>No markup.</p></body></html>")
    http_server.routes["/fc/data.json"] = Reply(
        body=json.dumps(GOOD).encode(), content_type="application/json"
    )
    for path, message in [
        ("/missing", "HTTP 404"),
        ("/fc/none", "no ClaimReview JSON-LD on the page"),
        ("/fc/data.json", "import it as a file"),
    ]:
        report = claimreview.import_url(http_server.url(path))
        assert report.imported == 0 and message in report.errors[0], path


def test_a_feed_imports_the_page_each_item_links_to(http_server, indexed):  # noqa: F811
    http_server.routes["/fc/1"] = Reply(body=page(GOOD[0]))
    http_server.routes["/fc/2"] = Reply(body=page({"@type": "ClaimReview", "url": "x"}))
    http_server.routes["/fc/3"] = Reply(body=page(GOOD[1]))
    items = [
        (http_server.url(f"/fc/{n}"), f"Check {n}", "Mon, 05 Jan 2026 10:00:00 GMT")
        for n in (1, 2, 3, 4)
    ]
    http_server.routes["/checks.rss"] = Reply(body=rss(items), content_type=RSS_TYPE)
    report = claimreview.import_url(http_server.url("/checks.rss"), feed=True)
    assert report.imported == 2 and FactCheck.objects.count() == 2
    assert len(report.errors) == 2
    assert report.errors[0].startswith(http_server.url("/fc/2") + " script: no claimReviewed")
    assert "HTTP 404" in report.errors[1]
    assert claimreview.import_url(http_server.url("/checks.rss")).skipped == 2  # detected
    page_only = claimreview.import_url(http_server.url("/fc/1"), feed=True)
    assert "not an RSS or Atom feed" in page_only.errors[0]


def test_the_feed_import_is_bounded(http_server, monkeypatch, indexed):  # noqa: F811
    monkeypatch.setattr(claimreview, "FEED_MAX_PAGES", 1)
    http_server.routes["/fc/1"] = Reply(body=page(GOOD[0]))
    items = [(http_server.url(f"/fc/{n}"), "t", "Mon, 05 Jan 2026 10:00:00 GMT") for n in (1, 2)]
    feed = rss(items)
    report = claimreview.import_file("checks.rss", feed)
    assert report.imported == 1
    assert report.errors == ["file checks.rss: 1 more entries not fetched (at most 1 per import)"]
    assert http_server.hits("/fc/2") == []


def test_an_indexing_failure_keeps_the_import(monkeypatch):
    def broken(ids):
        raise OSError("model files missing")

    monkeypatch.setattr(memory, "index_fact_checks", broken)
    report = claimreview.import_file("checks.json", json.dumps(GOOD).encode())
    assert report.imported == 2 and FactCheck.objects.count() == 2
    assert report.errors == ["saved, but not yet in the claim memory: model files missing"]


def test_the_memory_gets_an_entry_per_imported_fact_check():
    from claims.models import MemoryEntry

    report = claimreview.import_file("checks.json", json.dumps(GOOD).encode())
    assert report.indexed == 2
    entry = MemoryEntry.objects.get(fact_check__url="https://c.example/ferry")
    assert (entry.source, entry.verdict, entry.rating) == (
        "fact_check",
        "misleading",
        "Mostly false",
    )


# --- the command ----------------------------------------------------------------------------


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_claimreview", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_prints_counts_and_errors(tmp_path, indexed):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"@context": "https://schema.org", "@graph": GOOD}))
    bad = tmp_path / "bad.json"
    bad.write_bytes(json.dumps([GOOD[0], {"@type": "ClaimReview"}]).encode())
    out, err = _run(str(good), str(bad), str(tmp_path / "nope.json"))
    assert f"{good}: 2 imported, 0 updated, 0 skipped, 0 errors" in out
    assert f"{bad}: 0 imported, 0 updated, 1 skipped, 1 error" in out
    assert out.strip().endswith("imported 2, updated 0, skipped 1, errors 2")
    assert "file bad.json [1]: no claimReviewed" in err
    assert "nope.json: not a URL or a file" in err
    out, _ = _run(str(good))
    assert out.strip().endswith("imported 0, updated 0, skipped 2, errors 0")


def test_the_command_fails_when_nothing_could_be_imported(tmp_path, indexed):
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00\xff junk")
    with pytest.raises(CommandError, match="nothing could be imported"):
        _run(str(junk))


def test_the_command_reads_a_feed_url(http_server, indexed):  # noqa: F811
    http_server.routes["/fc/1"] = Reply(body=page(GOOD[0]))
    items = [(http_server.url("/fc/1"), "t", "Mon, 05 Jan 2026 10:00:00 GMT")]
    http_server.routes["/c.rss"] = Reply(body=rss(items), content_type=RSS_TYPE)
    out, err = _run("--feed", http_server.url("/c.rss"))
    assert out.strip().endswith("imported 1, updated 0, skipped 0, errors 0") and err == ""


def test_the_command_reads_json_lines_with_an_error_per_bad_line(tmp_path, indexed):
    lines = tmp_path / "checks.jsonl"
    lines.write_bytes(
        json.dumps(GOOD[0]).encode()
        + b"\n\nonly one column\n\xff\xfe\n"
        + json.dumps(GOOD[1]).encode()
        + b"\n"
    )
    out, err = _run(str(lines))
    assert out.strip().endswith("imported 2, updated 0, skipped 0, errors 3")
    assert err.splitlines() == [
        "file checks.jsonl line 2: empty",
        "file checks.jsonl line 3: not JSON: Expecting value at line 1, column 1",
        "file checks.jsonl line 4: not UTF-8 text (byte 0): JSON must be UTF-8",
    ]

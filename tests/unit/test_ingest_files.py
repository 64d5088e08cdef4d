import json
from datetime import UTC, datetime

import pytest

from claims.ingest.errors import InvalidSource, ParseError
from claims.ingest.files import parse_file
from tests.fixtures.http_server import article_html

RECORD = {
    "outlet": "Dialogus",
    "url": "https://dialogus.example/a",
    "published": "2025-10-31T18:00:00+05:30",
    "title": "Pact signed",
    "text": "India and the US signed a pact.",
}


def test_jsonl_keeps_good_records_and_reports_bad_ones():
    lines = [
        json.dumps(RECORD),
        "{not json",
        json.dumps({**RECORD, "text": ""}),
        "",
        json.dumps({**RECORD, "published": "last Friday"}),
        json.dumps({**RECORD, "url": "ftp://x"}),
        json.dumps({**RECORD, "title": 5}),
        json.dumps([1, 2]),
        json.dumps({**RECORD, "url": "https://dialogus.example/b"}),
    ]
    parsed = parse_file("batch.jsonl", "\n".join(lines).encode())
    assert [r.url for r in parsed.records] == [
        "https://dialogus.example/a",
        "https://dialogus.example/b",
    ]
    assert parsed.records[0].published == datetime(2025, 10, 31, 12, 30, tzinfo=UTC)
    assert parsed.records[1].origin == "batch.jsonl:9"
    assert len(parsed.errors) == 6
    assert parsed.errors[0].startswith("batch.jsonl:2: invalid JSON")
    assert parsed.errors[1] == "batch.jsonl:3: missing field 'text'"
    assert "not an ISO 8601 date" in parsed.errors[2]
    assert "must be an http(s) URL" in parsed.errors[3]
    assert "'title' must be a string" in parsed.errors[4]
    assert "expected an object" in parsed.errors[5]


def test_json_object_or_list():
    single = parse_file("one.json", json.dumps(RECORD).encode())
    assert single.records[0].title == "Pact signed" and single.records[0].origin == "one.json"
    many = parse_file("many.json", json.dumps([RECORD, {"title": "x"}]).encode())
    assert len(many.records) == 1 and many.errors == ["many.json[2]: missing field 'text'"]
    with pytest.raises(ParseError, match="invalid JSON"):
        parse_file("bad.json", b"[{")


def test_txt_first_line_is_the_title_and_cp1252_is_accepted():
    parsed = parse_file("note.txt", "Caf\u00e9 headline\n\nBody text.".encode("cp1252"))
    assert parsed.records[0].title == "Caf\u00e9 headline"
    assert parsed.records[0].outlet == ""


def test_html_file_with_metadata():
    html = article_html(
        "Pact signed",
        ["A paragraph long enough to be the main text of the fixture page."] * 3,
        canonical="https://fixture.example/pact",
    )
    record = parse_file("page.html", html).records[0]
    assert record.title == "Pact signed"
    assert record.url == "https://fixture.example/pact"
    assert record.outlet == "Fixture News"
    assert record.published is not None


def test_unsupported_and_empty_files():
    with pytest.raises(InvalidSource, match="unsupported file type .pdf"):
        parse_file("paper.pdf", b"%PDF")
    with pytest.raises(ParseError, match="no records"):
        parse_file("empty.jsonl", b"\n\n")

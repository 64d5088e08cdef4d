"""ClaimReview JSON-LD: every shape a publisher sends, and a clear error per bad item."""

import json
import subprocess
import sys
from datetime import date

import pytest

from claims.analysis import claimreview as cr

TODAY = date(2026, 3, 1)


def review(claim="The bridge cost nine million pounds.", **extra):
    node = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checker.example/bridge",
        "claimReviewed": claim,
        "datePublished": "2026-02-10",
        "author": {"@type": "Organization", "name": "Checker Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Councillor"},
        },
    }
    node.update(extra)
    return {k: v for k, v in node.items() if v is not None}


def parse(value, **kw):
    data = value if isinstance(value, bytes | str) else json.dumps(value)
    return cr.parse_json(data, today=TODAY, **kw)


def test_one_valid_review_reads_every_field():
    result = parse(review())
    assert result.errors == []
    [item] = result.items
    assert item.claim_reviewed == "The bridge cost nine million pounds."
    assert (item.rating, item.verdict) == ("False", "false")
    assert (item.publisher, item.claimant) == ("Checker Desk", "A. Councillor")
    assert item.url == "https://checker.example/bridge"
    assert item.date_published == date(2026, 2, 10)
    assert item.key == cr.fact_check_key(item.url, item.claim_reviewed)


def test_a_list_and_a_graph_each_yield_every_review():
    many = [
        review(f"Claim number {n} about the bridge.", url=f"https://c.example/{n}")
        for n in range(3)
    ]
    assert len(parse(many).items) == 3
    graph = {
        "@context": {"@vocab": "http://schema.org/"},
        "@graph": [{"@type": "WebPage", "name": "Fact check"}, *many],
    }
    result = parse(graph)
    assert len(result.items) == 3 and result.errors == []
    assert result.items[0].where == "@graph[1]"


def test_nested_reviews_and_prefixed_names_are_found():
    page = {
        "@context": "http://schema.org/",
        "@type": "WebPage",
        "mainEntity": {
            "@type": ["schema:ClaimReview"],
            "schema:claimReviewed": [{"@value": "Rents rose by a third in one year."}],
            "http://schema.org/url": "https://c.example/rents",
            "reviewRating": {"ratingValue": "2", "bestRating": "5", "worstRating": "1"},
        },
    }
    [item] = parse(page).items
    assert item.claim_reviewed == "Rents rose by a third in one year."
    assert item.url == "https://c.example/rents"
    assert (item.rating, item.verdict) == ("2 of 5", "misleading")


def test_the_claim_may_sit_on_item_reviewed():
    [item] = parse(
        review(None, itemReviewed={"@type": "Claim", "name": "Tolls were doubled."})
    ).items
    assert item.claim_reviewed == "Tolls were doubled."


@pytest.mark.parametrize(
    "rating, verdict",
    [
        ({"alternateName": "Mostly True"}, "mostly_true"),
        ({"alternateName": "half-true"}, "mixed"),
        ({"alternateName": "Pants on Fire!"}, "false"),
        ({"alternateName": "Missing context"}, "misleading"),
        ({"alternateName": "Unproven"}, "unverifiable"),
        ({"name": "Falso"}, "false"),
        ({"alternateName": "Satire"}, ""),  # kept as text, no verdict
        ({"alternateName": "True, but misleading"}, ""),  # only plain words map
        ({"ratingValue": 5, "bestRating": 5, "worstRating": 1}, "true"),
        ({"ratingValue": 1, "bestRating": 3, "worstRating": 1}, "false"),
        ({"ratingValue": 2, "bestRating": 3, "worstRating": 1}, "mixed"),
        ({"ratingValue": 4}, ""),  # no stated scale: not guessed
        ({"ratingValue": 9, "bestRating": 5, "worstRating": 1}, ""),  # off the scale
        (
            {"alternateName": "Sarcasm", "ratingValue": 1, "bestRating": 5, "worstRating": 1},
            "false",
        ),
    ],
)
def test_ratings_map_onto_verdicts_only_where_plain(rating, verdict):
    [item] = parse(review(reviewRating=rating)).items
    assert item.verdict == verdict
    if "alternateName" in rating:
        assert item.rating == rating["alternateName"]


def test_bad_items_get_an_error_each_and_the_rest_are_read():
    items = [
        review("A good claim about schools."),
        review(None, url="https://c.example/no-claim"),
        review("A claim with a bad date.", datePublished="31/31/2026"),
        review("A claim from the future.", datePublished="2027-01-01"),
        {"@type": "NewsArticle", "headline": "Not a fact-check"},
        {"@type": "Review", "claimReviewed": "Typed wrongly."},
        review("A claim with a bad url.", url="javascript:alert(1)"),
        review("A claim with a list rating.", reviewRating="False"),
        "just a string",
        review("Another good claim about buses.", url="https://c.example/buses"),
    ]
    result = parse(items)
    assert [i.claim_reviewed for i in result.items] == [
        "A good claim about schools.",
        "Another good claim about buses.",
    ]
    errors = {e.where: e.message for e in result.errors}
    assert errors["[1]"].startswith("no claimReviewed")
    assert "'31/31/2026' is not a date" in errors["[2]"]
    assert "2027-01-01 is in the future" in errors["[3]"]
    assert errors["[4]"] == "@type NewsArticle, not a ClaimReview"
    assert "@type is Review, not ClaimReview" in errors["[5]"]
    assert "not an http(s) address" in errors["[6]"]
    assert "reviewRating is not a Rating" in errors["[7]"]
    assert errors["[8]"] == "a JSON str, not a ClaimReview"
    assert len(result.errors) == 8
    assert str(result.errors[0]) == f"[1]: {errors['[1]']}"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-02-10T18:00:00+05:30", date(2026, 2, 10)),
        ("2026-02-10T09:00:00Z", date(2026, 2, 10)),
        ("February 10, 2026", date(2026, 2, 10)),
        ("10 Feb 2026", date(2026, 2, 10)),
        ("", None),
    ],
)
def test_dates_in_the_forms_publishers_use(value, expected):
    [item] = parse(review(datePublished=value)).items
    assert item.date_published == expected


@pytest.mark.parametrize("value", ["2026-02-30", "yesterday", 20260210, ["not a date"]])
def test_impossible_dates_are_item_errors(value):
    result = parse(review(datePublished=value))
    assert result.items == [] and "datePublished" in result.errors[0].message


def test_a_context_other_than_schema_org_is_refused():
    result = parse(review(**{"@context": "https://vocab.example/terms"}))
    assert result.items == []
    assert result.errors[0].message == "its @context is not schema.org"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"{'single': 'quotes'}", "not JSON: Expecting property name"),
        (b"<html>a page</html>", "not JSON"),
        ("Le pont a coûté neuf millions.".encode("latin-1"), "not UTF-8 text (byte 12)"),
        (b"[" * 5000 + b"]" * 5000, "nested deeper than"),
        (b"{}", "an object without @type: no ClaimReview in it"),
    ],
)
def test_a_document_that_cannot_be_read_is_one_clear_error(data, message):
    result = cr.parse_json(data, today=TODAY)
    assert result.items == []
    [error] = result.errors
    assert error.where == "document" and error.message.startswith(message.split(" (")[0])
    assert message in error.message


def test_a_huge_document_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(cr, "MAX_DOCUMENT_BYTES", 1000)
    big = json.dumps([review(f"Claim {n} about the budget.") for n in range(50)]).encode()
    [error] = cr.parse_json(big, today=TODAY).errors
    assert "larger than the limit of 1,000 bytes" in error.message


def test_a_huge_claim_is_an_item_error_and_a_bom_is_accepted():
    data = b"\xef\xbb\xbf" + json.dumps([review("x " * 6000), review()]).encode()
    result = cr.parse_json(data, today=TODAY)
    assert len(result.items) == 1
    assert "longer than 5,000 characters" in result.errors[0].message


def test_the_key_is_the_url_and_the_claim():
    a = cr.fact_check_key("https://c.example/1", "The  Bridge cost nine million.")
    assert a == cr.fact_check_key("https://c.example/1", "the bridge cost nine million.")
    assert a != cr.fact_check_key("https://c.example/2", "The bridge cost nine million.")
    # Without a URL the publisher keeps two publishers' reviews apart.
    assert cr.fact_check_key("", "x", "One") != cr.fact_check_key("", "x", "Two")


def test_a_page_yields_its_claim_reviews_and_ignores_other_json_ld():
    block = json.dumps(review(url=None))
    page = f"""<html><head><meta charset="utf-8">
    <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle"}}</script>
    <script type="application/ld+json">{block}</script>
    <script type="application/ld+json">{{ not json </script>
    <script type="text/javascript">var claimReviewed = 1;</script>
    </head><body><p>Café</p></body></html>"""
    result = cr.parse_html(page, default_url="https://c.example/page", today=TODAY)
    [item] = result.items
    assert item.url == "https://c.example/page"  # the page's own address
    assert [(e.where, e.message[:8]) for e in result.errors] == [("script 3", "not JSON")]


def test_a_page_without_claim_review_says_so():
    result = cr.parse_html("<html><body><p>Nothing here.</p></body></html>", today=TODAY)
    assert [str(e) for e in result.errors] == ["page: no ClaimReview JSON-LD on the page"]
    assert cr.parse_html(b"", today=TODAY).errors[0].message.startswith("not HTML")


def test_the_parser_imports_no_django():
    code = "import sys, claims.analysis.claimreview; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_json_lines_get_an_error_per_bad_line_and_the_rest_is_read():
    good = [
        json.dumps(review(f"Claim {n} about the harbour.", url=f"https://c.example/{n}"))
        for n in range(3)
    ]
    lines = [
        good[0].encode(),
        b"",
        b"a single column of text",
        "Le pont a coûté neuf millions.".encode("latin-1"),
        json.dumps({"@type": "Event"}).encode(),
        good[1].encode() + b"\r",
        json.dumps(review("x" * 50, url="https://c.example/big", note="y" * 200)).encode(),
        good[2].encode(),
    ]
    data = b"\n".join(lines) + b"\n"
    result = cr.parse_json(data, today=TODAY)
    urls = [i.url for i in result.items]
    assert urls == [f"https://c.example/{n}" for n in (0, 1)] + [
        "https://c.example/big",
        "https://c.example/2",
    ]
    assert [str(e) for e in result.errors] == [
        "line 2: empty",
        "line 3: not JSON: Expecting value at line 1, column 1",
        "line 4: not UTF-8 text (byte 12): JSON must be UTF-8",
        "line 5: @type Event, not a ClaimReview",
    ]


def test_a_huge_json_line_is_an_error_of_its_own(monkeypatch):
    monkeypatch.setattr(cr, "MAX_LINE_BYTES", 500)
    first = json.dumps(review("A short claim.")).encode()
    huge = json.dumps(review("A long claim " * 100, url="https://c.example/long")).encode()
    result = cr.parse_json(first + b"\n" + huge, today=TODAY)
    assert len(result.items) == 1
    assert [str(e) for e in result.errors] == ["line 2: longer than 500 bytes"]


def test_a_pretty_printed_document_is_not_taken_for_json_lines():
    result = parse(json.dumps([review()], indent=2))
    assert len(result.items) == 1 and result.errors == []

from datetime import UTC, datetime, timedelta, timezone

import pytest

from claims.ingest.errors import ParseError
from claims.ingest.extract import (
    canonical_url,
    content_hash,
    extract_html,
    extract_text,
    normalise_for_hash,
    normalise_url,
    repair_mojibake,
)
from tests.fixtures.http_server import article_html, hegseth_page

URL = "https://news.example/world/hegseth?utm_source=feed#top"


def test_extracts_title_author_date_text_language():
    doc = extract_html(hegseth_page(), URL)
    assert doc.title == "India and US sign a 10-year defence framework"
    assert doc.author == "Jane Roe"
    assert doc.published == datetime(2025, 10, 31, 18, 0, tzinfo=timezone(timedelta(hours=5.5)))
    assert doc.language == "en"
    assert doc.sitename == "Fixture News"
    assert "Defence Secretary Pete Hegseth" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text
    assert doc.url == "https://news.example/world/hegseth"


def test_canonical_link_wins_on_the_same_site():
    html = article_html(
        "T",
        ["A paragraph long enough to be the main text of the page."] * 3,
        canonical="/world/hegseth-framework",
    )
    doc = extract_html(html, "https://www.news.example/amp/x")
    assert doc.url == "https://www.news.example/world/hegseth-framework"


def test_canonical_link_to_another_site_is_ignored():
    html = article_html(
        "T",
        ["A paragraph long enough to be the main text of the page."] * 3,
        canonical="https://other.example/stolen",
    )
    assert extract_html(html, "https://news.example/a").url == "https://news.example/a"
    # Local files trust their own canonical link.
    assert extract_html(html, "", any_canonical=True).url == "https://other.example/stolen"


def test_og_url_is_a_fallback():
    import lxml.html

    tree = lxml.html.fromstring(
        '<html><head><meta property="og:url" content="https://m.news.example/x"></head></html>'
    )
    assert canonical_url(tree, "https://news.example/y") == "https://m.news.example/x"


def test_normalise_url_drops_tracking_and_fragment():
    assert normalise_url("HTTPS://News.Example:443/a?utm_medium=x&id=3#c") == (
        "https://news.example/a?id=3"
    )


def test_normalise_url_keeps_ids_that_look_like_trackers():
    # Two articles of one site told apart only by `eid` must keep two URLs.
    first = normalise_url("https://site.example/essay.php?eid=101&cid=7&utm_source=rss")
    second = normalise_url("https://site.example/essay.php?eid=102&cid=7")
    assert first == "https://site.example/essay.php?cid=7&eid=101"
    assert second == "https://site.example/essay.php?cid=7&eid=102"
    assert normalise_url("https://site.example/a?id=3") == "https://site.example/a?id=3"


def test_date_only_pages_get_noon_utc():
    html = (
        b"<html><head><title>T</title></head><body><article><p>Published 2025-10-31.</p>"
        b"<p>" + b"Some words about the defence framework. " * 10 + b"</p></article></body></html>"
    )
    doc = extract_html(html, "https://news.example/2025/10/31/story")
    assert doc.published == datetime(2025, 10, 31, 12, tzinfo=UTC)


def test_malformed_html_still_gives_text():
    html = (
        b"<html><head><title>Broken</titl></head><body><div><p>The ministers signed the "
        b"framework in Kuala Lumpur on Friday.<p>It runs for ten years <b>and covers</i> "
        b"research.</div></span><p>Unclosed \xff\xfe bytes"
    )
    doc = extract_html(html, "https://news.example/broken")
    assert "Kuala Lumpur" in doc.text


def test_pages_without_text_are_a_parse_error():
    with pytest.raises(ParseError, match="no article text"):
        extract_html(b"<html><body><script>x()</script></body></html>", "https://a.example/")
    with pytest.raises(ParseError, match="empty"):
        extract_html(b"   ", "https://a.example/")


def test_plain_text_first_line_is_the_title():
    doc = extract_text("  Headline here \n\n Body   text.\n", "https://a.example/x")
    assert doc.title == "Headline here"
    assert doc.text == "Headline here\nBody text."


@pytest.mark.parametrize(
    "old, new",
    [
        ("Pete Hegseth met Rajnath Singh.", "Pete  Hegseth\nmet Rajnath Singh. "),
        ("He said \u201crules-based\u201d order.", 'He said "rules-based" order.'),
        ("Its 10\u2013year pact\u2019s terms", "Its 10-year pact's terms"),
        ("Nonbreaking\u00a0space and\u200bzero width", "Nonbreaking space andzero width"),
        ("The minister\u2019s visit", "The ministerâ€™s visit"),
        (
            "WASHINGTON, Oct 31 (Reuters) - Hegseth signed the ten-year framework on Friday.",
            "WASHINGTON, Nov 1 (Reuters) - Hegseth signed the ten-year framework on Friday.",
        ),
        (
            "New Delhi: In a major development aimed at reinforcing strategic cooperation.",
            "In a major development aimed at reinforcing strategic cooperation.",
        ),
        (
            "Updated: Oct 31, 2025 10:45 IST\nThe pact was signed.",
            "Updated: Nov 1, 2025 08:00 IST\nThe pact was signed.",
        ),
        ("October 31, 2025\nThe pact was signed.", "The pact was signed."),
    ],
)
def test_cosmetic_changes_hash_the_same(old, new):
    assert content_hash("Title", old) == content_hash("Title", new)


@pytest.mark.parametrize(
    "old, new",
    [
        ("US Defence Secretary Pete Hegseth", "US Secretary of War Pete Hegseth"),
        ("a 25% tariff", "a 50% tariff"),
        ("The pact will be signed.", "The pact will not be signed."),
        ("signed on 31 October 2025 in the capital", "signed on 1 November 2025 in the capital"),
    ],
)
def test_real_changes_hash_differently(old, new):
    assert content_hash("Title", old) != content_hash("Title", new)


def test_title_is_part_of_the_hash():
    assert content_hash("Defence Secretary visits", "x") != content_hash(
        "War Secretary visits", "x"
    )


def test_mojibake_repair_leaves_clean_text_alone():
    assert repair_mojibake("café – naïve") == "café – naïve"
    assert repair_mojibake("Itâ€™s") == "It\u2019s"


def test_normalise_keeps_words_and_order():
    assert normalise_for_hash(" a  b\n\n c ") == "a b c"

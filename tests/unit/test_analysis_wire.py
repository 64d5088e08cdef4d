"""Wire copy and independent sources."""

from pathlib import Path

from claims.analysis import wire

from .analysis_builders import article

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"
BODY = (
    "India and the United States signed a ten-year defence framework on Friday in Kuala "
    "Lumpur, officials said, in a deal that deepens cooperation on intelligence, industry "
    "and technology between the two countries for the next decade and beyond. "
) * 3


def test_credit_detected_from_stored_value_or_text():
    assert wire.detect_credit("", "Press Trust of India") == "PTI"
    assert wire.detect_credit("NEW DELHI, Nov 1 (PTI) -- India and the US ...") == "PTI"
    assert wire.detect_credit("WASHINGTON (Reuters) - The Pentagon said ...") == "Reuters"
    assert wire.detect_credit("Story text.\nWith inputs from IANS") == "IANS"
    assert wire.detect_credit("The APEC summit opened in Seoul.") == ""


def test_near_identical_text_links_to_the_earliest_and_counts_once():
    original = article(1, "Wire", 0, BODY)
    reprint = article(2, "Paper", 2, "Defence pact signed\n" + BODY[:-40])
    own = article(3, "Other", 1, "A different write-up of the same signing with its own words.")
    links = wire.find_wire_links([reprint, own, original])
    assert [(lk.article_id, lk.source_id) for lk in links] == [(2, 1)]
    keys = wire.source_keys([original, reprint, own], links)
    assert wire.independent_count({1, 2, 3}, keys) == 2


def test_agency_credit_counts_one_source():
    a = article(1, "Paper A", 0, "text a", credit="PTI")
    b = article(2, "Paper B", 1, "text b", credit="pti")
    c = article(3, "Paper C", 2, "text c")
    links = wire.find_wire_links([a, b, c])
    keys = wire.source_keys([a, b, c], links)
    assert keys[1] == keys[2] == "wire:PTI"
    assert wire.independent_count({1, 2, 3}, keys) == 2


def test_demo_articles_are_independent_write_ups():
    texts = [p.read_text() for p in sorted(DEMO.glob("*.txt"))]
    grams = [wire.shingles(t) for t in texts]
    worst = max(
        wire.containment(grams[i], grams[j])
        for i in range(len(grams))
        for j in range(len(grams))
        if i != j
    )
    assert worst < wire.COPY_CONTAINMENT / 3, worst  # 0.16 measured

"""Provenance: first appearance, copies, independent origins and stale copies."""

from datetime import timedelta

from claims.analysis import provenance, wire
from claims.analysis.run import analyse
from claims.analysis.types import ArticleInfo, RevisionText, StoryInput

from .analysis_builders import T0, article, claim, vec

OWN_A = "The harbour authority said the new ferry terminal would open to passengers in early May."
OWN_B = "Passengers can use the rebuilt quay from May, port officials told a briefing on Tuesday."
COPIED = "The harbour authority said the new ferry terminal would open to passengers in early May."


def undated(id, outlet, fetched_hours, text=""):
    return ArticleInfo(
        id, outlet, None, f"t{id}", text, "", fetched=T0 + timedelta(hours=fetched_hours)
    )


def test_first_appearance_is_the_earliest_publication():
    arts = {1: article(1, "Harbour Times", 5), 2: article(2, "Coast Daily", 1)}
    members = [claim(1, "Harbour Times", OWN_A), claim(2, "Coast Daily", OWN_B)]
    trail = provenance.trace(members, arts)
    assert trail.first.article_id == 2
    assert trail.first.evidence == provenance.PUBLISHED
    assert trail.first.at == T0 + timedelta(hours=1)
    assert [a.article_id for a in trail.appearances] == [2, 1]
    assert trail.independent_count == 2
    assert trail.copies == []


def test_first_appearance_without_a_date_falls_back_to_first_fetch():
    arts = {
        1: article(1, "Harbour Times", 5),  # published 5 h after T0
        2: undated(2, "Coast Daily", 3),  # no date on the page, fetched 3 h after T0
    }
    members = [claim(1, "Harbour Times", OWN_A), claim(2, "Coast Daily", OWN_B)]
    trail = provenance.trace(members, arts)
    assert (trail.first.article_id, trail.first.evidence) == (2, provenance.FIRST_FETCH)
    assert trail.to_dict()["first"]["at"] == (T0 + timedelta(hours=3)).isoformat()


def test_no_time_at_all_sorts_last_and_says_unknown():
    arts = {1: ArticleInfo(1, "Harbour Times", None), 2: article(2, "Coast Daily", 9)}
    trail = provenance.trace(
        [claim(1, "Harbour Times", OWN_A), claim(2, "Coast Daily", OWN_B)], arts
    )
    assert trail.first.article_id == 2
    assert trail.appearances[1].evidence == provenance.UNKNOWN


def test_near_verbatim_wording_is_a_copy_of_the_earlier_sentence():
    arts = {
        1: article(1, "Harbour Times", 0),
        2: article(2, "Coast Daily", 2),
        3: article(3, "Bay News", 3),
    }
    members = [
        claim(2, "Coast Daily", COPIED.replace("early May", "early May this year")),
        claim(1, "Harbour Times", OWN_A),
        claim(3, "Bay News", OWN_B),
    ]
    trail = provenance.trace(members, arts)
    assert [(c.article_id, c.of, c.how) for c in trail.copies] == [(2, 1, provenance.WORDING)]
    assert trail.copies[0].similarity >= provenance.COPY_RATIO
    assert trail.origins == [1, 3]
    assert trail.independent_count == 2


def test_a_shared_quote_is_not_a_copy():
    quote = "“We will open the terminal in May and not a day later,”"
    arts = {1: article(1, "Harbour Times", 0), 2: article(2, "Coast Daily", 2)}
    members = [
        claim(1, "Harbour Times", f"{quote} the harbour master said."),
        claim(2, "Coast Daily", f"{quote} said Ines Marlow, who runs the port."),
    ]
    trail = provenance.trace(members, arts)
    assert trail.copies == []
    assert trail.independent_count == 2


def test_sentences_of_a_quote_are_not_copies():
    arts = {1: article(1, "Harbour Times", 0), 2: article(2, "Coast Daily", 2)}
    words = "Our harbour will stay open to every ship that needs shelter this winter."
    as_kind = [
        claim(1, "Harbour Times", words, kind="quote"),
        claim(2, "Coast Daily", words, kind="quote"),
    ]
    assert provenance.trace(as_kind, arts).copies == []
    # the closing sentence of a quote that began in an earlier sentence
    tail = [claim(1, "Harbour Times", words + "”"), claim(2, "Coast Daily", words + '"')]
    assert provenance.trace(tail, arts).independent_count == 2


def test_credit_to_another_outlet_of_the_story_is_a_copy():
    arts = {1: article(1, "Harbour Times", 0), 2: article(2, "Coast Daily", 4)}
    members = [
        claim(1, "Harbour Times", OWN_A),
        claim(2, "Coast Daily", "The terminal opens in May, according to the Harbour Times."),
    ]
    trail = provenance.trace(members, arts)
    assert [(c.article_id, c.of, c.how, c.credit) for c in trail.copies] == [
        (2, 1, provenance.CREDIT, "Harbour Times")
    ]
    assert trail.independent_count == 1


def test_told_and_agency_credits_outside_the_story_count_once():
    arts = {
        1: article(1, "Harbour Times", 0),
        2: article(2, "Coast Daily", 1),
        3: article(3, "Bay News", 2),
    }
    members = [
        claim(
            1,
            "Harbour Times",
            "The port will hire 40 pilots, its director told Reuters on Monday.",
        ),
        claim(2, "Coast Daily", "Forty new pilots will be hired, according to Reuters."),
        claim(3, "Bay News", OWN_B),
    ]
    trail = provenance.trace(members, arts)
    assert {c.article_id: c.credit for c in trail.copies} == {1: "Reuters", 2: "Reuters"}
    assert trail.independent_count == 2  # Reuters, Bay News


def test_dateline_agency_credit_links_to_the_agency_article():
    arts = {1: article(1, "AP", 0), 2: article(2, "Coast Daily", 3)}
    members = [
        claim(1, "AP", OWN_A),
        claim(2, "Coast Daily", "LISBON (AP) — Passengers will board at the new quay from May."),
    ]
    trail = provenance.trace(members, arts)
    assert [(c.article_id, c.of, c.how) for c in trail.copies] == [(2, 1, provenance.CREDIT)]
    assert trail.independent_count == 1


def test_wire_reprint_counts_as_its_source():
    body = (OWN_A + " ") * 12
    arts = [
        article(1, "Harbour Times", 0, body),
        article(2, "Coast Daily", 2, "Ferry news\n" + body),
    ]
    links = wire.find_wire_links(arts)
    keys = wire.source_keys(arts, links)
    members = [claim(1, "Harbour Times", OWN_A), claim(2, "Coast Daily", OWN_B)]
    trail = provenance.trace(members, {a.id: a for a in arts}, links, keys)
    assert [(c.article_id, c.of, c.how) for c in trail.copies] == [(2, 1, provenance.WIRE)]
    assert trail.independent_count == 1


def test_one_outlet_counts_once():
    arts = {1: article(1, "Harbour Times", 0), 2: article(2, "Harbour Times", 6)}
    trail = provenance.trace(
        [claim(1, "Harbour Times", OWN_A), claim(2, "Harbour Times", OWN_B)], arts
    )
    assert trail.independent_count == 1


WRONG = "The ferry terminal cost 40 million euros and was paid for by the regional government."
RIGHT = "The ferry terminal cost 32 million euros and was paid for by the regional government."
REST = "Work on the quay began two years ago. The first ship is expected on 2 May."


def _story(copy_text):
    origin = article(1, "Harbour Times", 0, f"{RIGHT} {REST}")
    copy = article(2, "Coast Daily", 5, copy_text)
    revisions = {1: [RevisionText(10, T0, f"{WRONG} {REST}")]}
    return [origin, copy], revisions


def test_a_copy_still_carrying_the_corrected_sentence_is_a_stale_copy():
    arts, revisions = _story(f"{WRONG} {REST}")
    flags = provenance.stale_copies(arts, revisions)
    assert len(flags) == 1
    flag = flags[0]
    assert flag.kind == provenance.STALE_COPY
    assert flag.severity == "discrepancy"
    assert flag.reason == "Coast Daily still has a sentence Harbour Times has since reworded"
    assert flag.variants[0].value == WRONG
    assert flag.variants[0].outlets == ["Coast Daily"]
    assert flag.variants[0].evidence[0].start == 0
    assert flag.variants[1].value == RIGHT
    assert flag.variants[1].outlets == ["Harbour Times"]
    # The same finding twice keeps one fingerprint (re-analysis updates one row).
    assert provenance.stale_copies(arts, revisions)[0].fingerprint == flag.fingerprint


def test_a_copy_that_carried_the_correction_is_not_flagged():
    arts, revisions = _story(f"{RIGHT} {REST}")
    assert provenance.stale_copies(arts, revisions) == []


def test_a_removed_sentence_is_stale_with_no_new_wording():
    origin = article(1, "Harbour Times", 0, REST)
    copy = article(2, "Coast Daily", 5, f"{REST} {WRONG}")
    flags = provenance.stale_copies([origin, copy], {1: [RevisionText(10, T0, f"{WRONG} {REST}")]})
    assert [f.variants[1].value for f in flags] == ["(sentence removed)"]
    assert flags[0].variants[1].evidence == []


def test_an_article_earlier_than_the_origin_is_not_its_copy():
    origin = article(1, "Harbour Times", 5, f"{RIGHT} {REST}")
    earlier = article(2, "Coast Daily", 0, f"{WRONG} {REST}")
    revisions = {1: [RevisionText(10, T0, f"{WRONG} {REST}")]}
    assert provenance.stale_copies([origin, earlier], revisions) == []


def test_analysis_puts_provenance_on_clusters_and_the_stale_copy_on_its_cluster():
    origin = article(1, "Harbour Times", 0, f"{RIGHT} {REST}")
    copy = article(2, "Coast Daily", 5, f"{WRONG} {REST}")
    same = vec(1)
    a = claim(1, "Harbour Times", RIGHT, same)
    b = claim(2, "Coast Daily", WRONG, same)
    b.data.start, b.data.end = 0, len(WRONG)
    result = analyse(
        StoryInput(
            [origin, copy], [a, b], revisions={1: [RevisionText(10, T0, f"{WRONG} {REST}")]}
        )
    )
    (cluster,) = [c for c in result.clusters if a.id in c.claim_ids]
    assert cluster.provenance["first"]["article_id"] == 1
    assert cluster.provenance["independent_count"] == cluster.independent_count
    stale = [f for f in result.flags if f.kind == provenance.STALE_COPY]
    assert len(stale) == 1
    assert stale[0].cluster_fingerprint == cluster.fingerprint

"""Extraction on the five demo articles: titles, quotes and speakers, dates, boilerplate."""

import pytest

from tests.unit.demo_corpus import NUMBERS, article_input, extraction

pytestmark = pytest.mark.slow  # parses the demo corpus with spaCy

HEGSETH, RAJNATH = "Pete Hegseth", "Rajnath Singh"


def profile(number, canonical):
    return next(p for p in extraction(number).people if p.canonical == canonical)


def titles(number, canonical):
    return {m.title_norm for m in profile(number, canonical).titles}


def quotes(number):
    """(normalised wording, speaker) of every quote slot on a claim."""
    return [(q.norm, q.speaker) for c in extraction(number).claims for q in c.quotes]


def speaker_of(number, words):
    found = [speaker for norm, speaker in quotes(number) if words in norm]
    assert found, f"no quote with {words!r} in {number}: {quotes(number)}"
    return set(found)


@pytest.mark.parametrize(
    "number, expected",
    [
        ("000", {"secretary of war"}),
        ("001", {"secretary of war"}),
        # the body says "Defence Secretary"; the embedded post signs "Secretary of War"
        ("002", {"defense secretary", "secretary of war"}),
        ("003", set()),  # "his US counterpart Pete Hegseth": no title
        ("004", {"secretary of war", "secretary"}),
    ],
)
def test_titles_each_outlet_gives_hegseth(number, expected):
    assert titles(number, HEGSETH) == expected


def test_hegseth_title_as_written_in_002():
    written = {m.title for m in profile("002", HEGSETH).titles}
    assert {"Defence Secretary", "Secretary of War"} <= written


@pytest.mark.parametrize("number", NUMBERS)
def test_rajnath_singh_is_defence_minister_everywhere(number):
    # "Defence Minister", "Defense Minister", "defence minister" are one title.
    assert titles(number, RAJNATH) == {"defense minister"}


def test_name_variants_resolve_to_the_most_frequent_full_form():
    assert "Peter Hegseth" in profile("000", HEGSETH).variants
    assert "Peter Hegseth" in profile("002", HEGSETH).variants
    assert "Hegseth" in profile("001", HEGSETH).variants


@pytest.mark.parametrize(
    "number, short, canonical",
    [("000", "Rajnath", RAJNATH), ("003", "Singh", RAJNATH), ("001", "Hegseth", HEGSETH)],
)
def test_surname_alone_resolves_to_full_name(number, short, canonical):
    mentions = [p for c in extraction(number).claims for p in c.people if p.name == short]
    assert mentions and {m.canonical for m in mentions} == {canonical}


def test_title_alone_resolves_to_the_person_named_before():
    claim = next(c for c in extraction("002").claims if "the US Defence Secretary added" in c.text)
    assert claim.speaker == HEGSETH
    assert any(
        p.title == "US Defence Secretary" or p.title == "Defence Secretary"
        for p in claim.people
        if p.canonical == HEGSETH
    )


# Every Rajnath Singh and Pete Hegseth quote of the corpus, with its speaker.
QUOTES = [
    ("000", "provide policy direction to the entire spectrum", RAJNATH),
    ("000", "defense will remain the major pillar of our bilateral relations", RAJNATH),
    ("000", "free open and rules-based indo-pacific region", RAJNATH),
    ("000", "we are committed to working closely with india", HEGSETH),
    ("001", "it is a signal of our growing strategic convergence", RAJNATH),
    ("001", "defense will remain as the major pillar", RAJNATH),
    ("001", "free open and rules-bound indo-pacific region", RAJNATH),
    ("001", "committed to work closely with india", HEGSETH),
    ("001", "we're enhancing our coordination info sharing and tech cooperation", HEGSETH),
    ("001", "our defense ties have never been stronger", HEGSETH),
    ("002", "cornerstone for regional stability and strategic deterrence", HEGSETH),
    ("002", "our defense ties have never been stronger", HEGSETH),
    ("002", "i just met with @rajnathsingh", HEGSETH),  # embedded post
    ("002", "this advances our defense partnership", HEGSETH),
    ("002", "will usher in a new era in our already strong defense partnership", RAJNATH),
    ("002", "it is a signal of our growing strategic convergence", RAJNATH),
    ("002", "had a fruitful meeting with my us counterpart @secwar", RAJNATH),  # post
    ("002", "we signed the 10 years framework", RAJNATH),
    ("002", "free open and rule-based indo-pacific region", RAJNATH),
    ("003", "had a fruitful meeting with my us counterpart", RAJNATH),
    ("003", "this defense framework will provide policy direction", RAJNATH),
    ("003", "defense will remain the major pillar", RAJNATH),  # "He added" before it
    ("003", "free open and rules-bound indo-pacific region", RAJNATH),
    ("003", "i just met with @rajnathsingh", HEGSETH),
    ("003", "our defense ties have never been stronger", HEGSETH),
    ("004", "reaffirms the depth of india's defense engagement", RAJNATH),
    ("004", "a cornerstone of indo-pacific security", HEGSETH),
]


@pytest.mark.parametrize("number, words, speaker", QUOTES)
def test_quote_speaker(number, words, speaker):
    assert speaker_of(number, words) == {speaker}


def test_organisation_speakers():
    assert speaker_of("003", "it is intended to provide a unified vision") == {
        "the defence ministry"
    }
    # "the ministry said" after "the defence ministry said": the same speaker
    assert speaker_of("003", "they reviewed the ongoing defense issues") == {
        "the defence ministry"
    }
    assert speaker_of("000", "unified policy vision") == {"officials"}
    assert speaker_of("002", "in haste") == {"Piyush Goyal"}


def test_rules_based_wordings_stay_distinct():
    wording = {}
    for number in NUMBERS:
        for norm, _ in quotes(number):
            if "indo-pacific region" in norm and "our partnership is critical" in norm:
                wording[number] = norm.split(" indo-pacific")[0].split()[-1]
    assert wording == {
        "000": "rules-based",
        "001": "rules-bound",
        "002": "rule-based",
        "003": "rules-bound",
    }


def test_typography_and_spelling_do_not_split_the_same_quote():
    # 001 "Our defense ties have never been stronger.” (curly, US spelling),
    # 002 “Our defence ties have never been stronger” (UK), 003 straight quotes.
    norms = {
        norm
        for number in ("001", "002", "003")
        for norm, _ in quotes(number)
        if "ties have never been stronger" in norm
    }
    assert norms == {"our defense ties have never been stronger"}


@pytest.mark.parametrize("number, phrase", [("000", "on Friday"), ("003", "on Friday")])
def test_signing_on_friday_resolves_to_31_october(number, phrase):
    dates = [d for c in extraction(number).claims for d in c.dates if d.text == phrase]
    assert [d.iso for d in dates] == ["2025-10-31"] and dates[0].relative


def test_absolute_signing_date_in_001():
    dates = [d.iso for c in extraction("001").claims for d in c.dates if d.text == "October 31"]
    assert dates == ["2025-10-31"]


def test_datelines():
    assert extraction("000").dateline.norm == "new delhi"
    dateline = extraction("003").dateline
    assert dateline.text == "New Delhi" and dateline.is_dateline
    first = extraction("003").claims[0]
    assert [(d.iso, d.is_dateline) for d in first.dates] == [
        ("2025-11-01", True),
        ("2025-10-31", False),
    ]
    assert [p.norm for p in first.places if p.is_dateline] == ["new delhi"]
    assert extraction("001").dateline is None


BOILERPLATE = [
    "Leave a Reply",
    "Comments",
    "To read the full article",
    "Contact Us",
    "Photo: x.com/SecWar",
    "Dialogus Bureau",
    "Author",
    "Published",
    "Insight Post Image",
    "iNDICA NEWS BUREAU",
    "pic.twitter.com",
    "(@SecWar)",
    "(@rajnathsingh)",
]


@pytest.mark.parametrize("number", NUMBERS)
def test_boilerplate_and_headlines_are_never_claims(number):
    texts = [c.text for c in extraction(number).claims]
    for junk in BOILERPLATE:
        assert not any(junk in t for t in texts), junk
    title = article_input(number).title
    assert title not in texts
    assert "Defence pact personifies New Delhi’s strategic maturity" not in texts


@pytest.mark.parametrize("number", NUMBERS)
def test_offsets_point_into_the_article_text(number):
    text = article_input(number).text
    for claim in extraction(number).claims:
        assert text[claim.start : claim.end] == claim.text
        for slot in claim.quotes + claim.dates + claim.numbers + claim.places:
            assert claim.start <= slot.start < slot.end <= claim.end
            assert text[slot.start : slot.end] == slot.text
    positions = [c.position for c in extraction(number).claims]
    assert positions == list(range(len(positions)))


def test_numbers_with_units_agree_across_spellings():
    headline_free = [n for c in extraction("000").claims for n in c.numbers]
    assert any(n.text == "10-year" and (n.value, n.unit) == (10, "year") for n in headline_free)
    ranges = [n for n in headline_free if n.upper]
    assert [(n.value, n.upper) for n in ranges] == [(2025, 2035)]
    tariffs = [n for c in extraction("003").claims for n in c.numbers if n.unit == "%"]
    assert [n.value for n in tariffs] == [25, 25]


def test_negation_flag():
    negated = [c for c in extraction("002").claims if c.negated]
    assert any("would not enter into any trade agreement" in c.text for c in negated)
    plain = next(c for c in extraction("000").claims if "culminated" in c.text)
    assert not plain.negated


def test_slots_round_trip_through_json():
    import json

    from claims.nlp.types import ClaimData

    for claim in extraction("002").claims:
        data = json.loads(json.dumps(claim.slots()))
        back = ClaimData.from_row(
            text=claim.text,
            start=claim.start,
            end=claim.end,
            position=claim.position,
            score=claim.score,
            kind=claim.kind,
            speaker=claim.speaker,
            slots=data,
        )
        assert back == claim

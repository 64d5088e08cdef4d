"""Flags on plain data: titles, names, quotes, numbers, dates, places, aliases."""

import re

import pytest

from claims.analysis import compare, people
from claims.analysis.normalise import fingerprint, norm
from claims.analysis.run import analyse
from claims.analysis.types import AliasRule, Evidence, FlagResult, StoryInput, Variant
from claims.nlp.types import DateSlot, NumberSlot, PlaceSlot

from .analysis_builders import article, claim, person, quote, vec


def _kinds(flags, kind):
    return [f for f in flags if f.kind == kind]


def test_title_mismatch_groups_spelling_and_country_qualifiers():
    claims = [
        claim(1, "A", "x", people=[person("Pete Hegseth", title="US Secretary of War")]),
        claim(2, "B", "y", people=[person("Pete Hegseth", title="U.S. Secretary of War")]),
        claim(3, "C", "z", people=[person("Pete Hegseth", title="Defence Secretary")]),
        claim(4, "D", "w", people=[person("Pete Hegseth", title="Secretary of Defense")]),
        claim(5, "E", "v", people=[person("Hegseth", "Pete Hegseth", title="Secretary")]),
    ]
    profiles = people.build_people(claims)
    [flag] = compare.people_flags(profiles, claims, [])
    assert flag.kind == "title_mismatch" and flag.subject == "Pete Hegseth"
    values = {v.value: sorted(v.outlets) for v in flag.variants}
    # "Defence Secretary" = "Secretary of Defense"; bare "Secretary" is no third title
    assert values == {
        "Secretary of War": ["A", "B"],
        "Defence Secretary": ["C", "D"],
    } or values == {
        "Secretary of War": ["A", "B"],
        "Secretary of Defense": ["C", "D"],
    }


def test_same_title_in_us_and_uk_spelling_is_no_flag():
    claims = [
        claim(1, "A", "x", people=[person("Rajnath Singh", title="Defence Minister")]),
        claim(2, "B", "y", people=[person("Rajnath Singh", title="India's Defense Minister")]),
        claim(3, "C", "z", people=[person("Rajnath Singh", title="defence minister")]),
    ]
    assert compare.people_flags(people.build_people(claims), claims, []) == []


def test_people_joined_across_outlets_with_name_variant():
    claims = [
        claim(1, "A", "x", people=[person("Peter Hegseth", "Peter Hegseth")]),
        claim(2, "B", "y", people=[person("Pete Hegseth")]),
        claim(3, "C", "z", people=[person("Hegseth", "Hegseth")]),
        claim(3, "C", "q", people=[person("Pete Hegseth")]),
    ]
    [profile] = people.build_people(claims)
    assert profile.canonical == "Pete Hegseth"
    assert set(profile.outlets) == {"A", "B", "C"}
    [flag] = compare.people_flags([profile], claims, [])
    assert flag.kind == "name_variant"
    assert {v.value for v in flag.variants} == {"Pete Hegseth", "Peter Hegseth"}


def test_a_first_name_and_its_short_form_are_no_name_variant():
    claims = [
        claim(1, "A", "x", people=[person("Clinton Marsh")]),
        claim(2, "B", "y", people=[person("Clint Marsh")]),
    ]
    assert compare.people_flags(people.build_people(claims), claims, []) == []


def test_two_titles_from_one_outlet_alone_are_no_title_mismatch():
    claims = [
        claim(1, "A", "x", people=[person("Dario Velt", title="King")]),
        claim(2, "A", "y", people=[person("Dario Velt", title="Prince")]),
        claim(3, "B", "z", people=[person("Dario Velt", title="King")]),
    ]
    assert compare.people_flags(people.build_people(claims), claims, []) == []
    claims = [claims[0], claim(3, "B", "z", people=[person("Dario Velt", title="Prince")])]
    assert len(compare.people_flags(people.build_people(claims), claims, [])) == 1


def test_a_mans_title_and_a_womans_for_one_person_is_a_discrepancy():
    claims = [
        claim(1, "A", "x", people=[person("Lena Dorsk", title="Spokeswoman")]),
        claim(2, "B", "y", people=[person("Lena Dorsk", title="spokesman for the Board")]),
    ]
    [flag] = compare.people_flags(people.build_people(claims), claims, [])
    assert flag.kind == "title_mismatch" and flag.severity == "discrepancy"
    assert flag.reason == "outlets give Lena Dorsk a man's title and a woman's"
    assert {o for v in flag.variants for o in v.outlets} == {"A", "B"}


def test_a_gender_neutral_title_or_one_outlets_own_slip_is_no_gender_flag():
    neutral = [
        claim(1, "A", "x", people=[person("Lena Dorsk", title="Spokeswoman")]),
        claim(2, "B", "y", people=[person("Lena Dorsk", title="spokesperson")]),
    ]
    assert compare.people_flags(people.build_people(neutral), neutral, []) == []
    own = [
        claim(1, "A", "x", people=[person("Lena Dorsk", title="Spokeswoman")]),
        claim(2, "A", "y", people=[person("Lena Dorsk", title="spokesman")]),
    ]
    assert compare.people_flags(people.build_people(own), own, []) == []


def test_alias_suppresses_title_flag():
    claims = [
        claim(1, "A", "x", people=[person("Pete Hegseth", title="Secretary of War")]),
        claim(2, "B", "y", people=[person("Pete Hegseth", title="Defence Secretary")]),
    ]
    profiles = people.build_people(claims)
    assert compare.people_flags(profiles, claims, [])
    alias = AliasRule("title", "Pete Hegseth", "Defence Secretary", "Secretary of War")
    assert compare.people_flags(profiles, claims, [alias]) == []


PILLAR = "Our partnership is critical for ensuring a free, open"
SPECTRUM = "provide policy direction to the entire spectrum of the relationship"
HERALD = "herald a new decade of partnership"


def _quote_claims(*texts):
    return [
        claim(i, outlet, f"“{t}”", quotes=[quote(t, "Rajnath Singh")])
        for i, (outlet, t) in enumerate(texts, start=1)
    ]


def test_quote_variant_shows_the_differing_words():
    claims = _quote_claims(
        (
            "A",
            PILLAR + ", and rules-based Indo-Pacific region.",
        ),
        (
            "B",
            PILLAR + " and rules-bound Indo-Pacific region.",
        ),
        (
            "C",
            PILLAR + " and rules-bound Indo-Pacific region",
        ),
        (
            "D",
            PILLAR + " and rule-based Indo-Pacific region",
        ),
    )
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert flag.subject.startswith("Rajnath Singh")
    values = {v.value: sorted(v.outlets) for v in flag.variants}
    assert values == {"rules-based": ["A"], "rules-bound": ["B", "C"], "rule-based": ["D"]}
    assert all("[" in v.diff for v in flag.variants)


def test_a_name_spelled_two_ways_inside_a_quote_is_a_name_variant():
    claims = _quote_claims(
        ("A", "My nephews Tomas, Arvid and Kasimir were playing by the river that day"),
        ("B", "My nephews Thomas, Arvid and Kasimir were playing by the river that day"),
    )
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert flag.kind == compare.NAME_VARIANT
    assert {v.value for v in flag.variants} == {"Tomas", "Thomas"}
    claims = _quote_claims(
        ("A", "My nephews Tomas, Arvid and Kasimir were playing by the river that day"),
        ("B", "My nephews Tomas, Arvid and Kasimir were swimming in the river that day"),
    )
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert flag.kind == compare.QUOTE_VARIANT


def test_quote_differing_only_by_spelling_case_punctuation_is_no_flag():
    claims = _quote_claims(
        ("A", "Our defence ties have never been stronger, and we're ready."),
        ("B", "Our Defense ties have never been stronger and we are ready"),
        ("C", "our defense ties have NEVER been stronger… and we’re ready!"),
    )
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_a_uk_spelling_outside_the_projects_own_table_is_no_flag():
    claims = _quote_claims(
        ("A", "Too many riders are re-victimised when they come forward to the board."),
        ("B", "Too many riders are re-victimized when they come forward to the board."),
    )
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_contractions_are_the_words_they_stand_for():
    claims = _quote_claims(
        ("A", "We shouldn't wait, and they'll see that we couldn't have done more here."),
        ("B", "We should not wait, and they will see that we could not have done more here."),
    )
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_a_quote_translated_with_contractions_aligns_word_by_word():
    # two translations: one contracts, one adds words; the added words show
    claims = _quote_claims(
        ("A", "We cannot, do not want, and should not blame the weather for this."),
        ("B", "We can't, we don't want to and we shouldn't blame the weather for this."),
    )
    flags = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert flags and all(f.kind == "quote_variant" for f in flags)


def test_truncated_quote_is_no_variant_and_different_quotes_are_not_compared():
    claims = _quote_claims(
        (
            "A",
            SPECTRUM + " and " + HERALD,
        ),
        (
            "B",
            "This Framework will " + SPECTRUM,
        ),
        (
            "C",
            "It is a signal of our growing strategic convergence and will " + HERALD,
        ),
    )
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_a_word_swapped_at_a_quotes_end_or_start_is_a_variant():
    claims = _quote_claims(
        ("A", "Our town will not be broken by one night of terror and hate"),
        ("B", "Our town will not be broken by one night of terror and hatred"),
    )
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert {v.value for v in flag.variants} == {"hate", "hatred"}
    claims = _quote_claims(
        ("A", "Our town will not be broken by one night of terror"),
        ("B", "This town will not be broken by one night of terror"),
    )
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert {v.value for v in flag.variants} == {"Our", "This"}


def test_a_quote_cut_short_at_its_end_is_no_variant():
    claims = _quote_claims(
        ("A", "Our town will not be broken by one night of terror"),
        ("B", "Our town will not be broken by one night of terror, whatever comes next"),
    )
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_quote_alias_suppresses_the_variant():
    claims = _quote_claims(
        ("A", "a free, open and rules-based Indo-Pacific region for all of us"),
        ("B", "a free, open and rules-bound Indo-Pacific region for all of us"),
    )
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    alias = AliasRule("quote", flag.subject, "rules-bound", "rules-based")
    assert compare.quote_flags(claims, [], [alias], order=lambda c: c.id) == []


def test_number_date_place_mismatch_inside_a_cluster():
    text_a = "The US put a 25% tariff on goods, signed in Kuala Lumpur."
    text_b = "The US put a 50% tariff on goods, signed in New Delhi."
    at_a, at_b = text_a.index("Kuala"), text_b.index("New Delhi")
    a = claim(
        1,
        "A",
        text_a,
        numbers=[NumberSlot("25%", 25, "%")],
        dates=[DateSlot("on Friday", "2025-10-31", True, 0, 5)],
        places=[PlaceSlot("Kuala Lumpur", "kuala lumpur", False, at_a, at_a + 12)],
    )
    b = claim(
        2,
        "B",
        text_b,
        numbers=[NumberSlot("50%", 50, "%")],
        dates=[DateSlot("Thursday", "2025-10-30", True, 0, 5)],
        places=[PlaceSlot("New Delhi", "new delhi", False, at_b, at_b + 9)],
    )
    flags = compare.contradiction_flags("label", "fp", [a, b], {}, [], set())
    kinds = {f.kind for f in flags}
    assert kinds == {"number_mismatch", "date_mismatch", "place_mismatch"}
    numbers = _kinds(flags, "number_mismatch")[0]
    assert {v.value for v in numbers.variants} == {"25%", "50%"}


def test_dateline_date_and_place_are_no_mismatch():
    text_a = "New Delhi, Nov. 1 -- India and the US on Friday signed a framework."
    a = claim(
        1,
        "A",
        text_a,
        dates=[
            DateSlot("Nov. 1", "2025-11-01", False, 11, 17),
            DateSlot("on Friday", "2025-10-31", True, 38, 47),
        ],
        places=[PlaceSlot("New Delhi", "new delhi", True, 0, 9)],
    )
    text_b = "The framework was signed in Kuala Lumpur on October 31."
    at = text_b.index("Kuala")
    b = claim(
        2,
        "B",
        text_b,
        dates=[DateSlot("October 31", "2025-10-31", False, 45, 55)],
        places=[PlaceSlot("Kuala Lumpur", "kuala lumpur", False, at, at + 12)],
    )
    assert compare.contradiction_flags("label", "fp", [a, b], {}, [], set()) == []


def test_years_and_durations_are_not_compared_as_numbers():
    a = claim(
        1,
        "A",
        "The 10-year framework (2025-2035).",
        numbers=[NumberSlot("10-year", 10, "year"), NumberSlot("2025-2035", 2025, "year")],
    )
    b = claim(2, "B", "A ten-year framework.", numbers=[NumberSlot("ten-year", 10, "year")])
    assert compare.contradiction_flags("label", "fp", [a, b], {}, [], set()) == []


def test_fingerprint_ignores_order_case_and_spelling():
    one = fingerprint("title_mismatch", "Pete Hegseth", ["Secretary of War", "Defence Secretary"])
    two = fingerprint("title_mismatch", "pete hegseth", ["defense secretary", "Secretary of War"])
    assert one == two
    assert norm("U.S. Defence") == norm("US defense")


def test_corroborated_and_single_source_through_analyse():
    shared = vec(0)
    arts = [article(1, "A"), article(2, "B", hours=1), article(3, "C", hours=2)]
    claims = [
        claim(1, "A", "India and the US signed a 10-year framework.", shared),
        claim(2, "B", "India and the US signed a ten-year framework.", shared),
        claim(3, "C", "The US and India signed a 10-year framework.", shared),
        claim(3, "C", "Officials expect 5,000 jobs from the deal.", vec(5), score=0.9),
    ]
    result = analyse(StoryInput(arts, claims))
    [corroborated] = _kinds(result.flags, "corroborated")
    assert sorted(corroborated.variants[0].outlets) == ["A", "B", "C"]
    assert len(corroborated.variants[0].evidence) == 3
    [single] = _kinds(result.flags, "single_source")
    assert single.variants[0].outlets == ["C"]
    # re-analysis yields the same fingerprints
    again = analyse(StoryInput(arts, claims))
    assert {f.fingerprint for f in again.flags} == {f.fingerprint for f in result.flags}


def _dated(article_id, outlet, text, iso):
    return claim(article_id, outlet, text, dates=[DateSlot(iso, iso, False, 0, 5)])


def test_dates_a_day_apart_in_one_cluster_mismatch():
    a = _dated(1, "A", "The ferry sank on 3 May, officials said.", "2025-05-03")
    b = _dated(2, "B", "The ferry sank on 4 May, officials said.", "2025-05-04")
    flags = compare.contradiction_flags("label", "fp", [a, b], {}, [], set())
    assert [f.kind for f in flags] == ["date_mismatch"]


def test_late_one_night_and_early_the_next_day_are_one_night():
    a = _told_on(1, "A", "The ferry sank late Saturday, officials said.", "Saturday", "2025-05-03")
    b = _told_on(2, "B", "The ferry sank early Sunday, officials said.", "Sunday", "2025-05-04")
    assert compare.contradiction_flags("label", "fp", [a, b], {}, [], set()) == []
    c = _told_on(3, "C", "The ferry sank on Sunday afternoon.", "Sunday", "2025-05-04")
    d = _told_on(4, "D", "The ferry sank on Saturday morning.", "Saturday", "2025-05-03")
    flags = compare.contradiction_flags("label", "fp", [c, d], {}, [], set())
    assert [f.kind for f in flags] == ["date_mismatch"]


@pytest.mark.parametrize("other", ["2025-06-20", "9999-05-03", "0000-05-03"])
def test_dates_weeks_apart_or_impossible_are_never_a_mismatch(other):
    # a sinking and the inquiry's report weeks later are two facts; a date in
    # year 0 or 9999 is a clear skip, never a flag and never a crash
    a = _dated(1, "A", "The ferry that sank on 3 May was overloaded.", "2025-05-03")
    b = _dated(2, "B", "The ferry was overloaded, the inquiry found.", other)
    assert compare.contradiction_flags("label", "fp", [a, b], {}, [], set()) == []


def test_where_a_flight_came_from_is_not_where_it_happened():
    text_a = "The jet from Lisbon crashed on Sunday."
    text_b = "The jet crashed on Sunday after a flight from Porto."
    a = claim(1, "A", text_a, places=[PlaceSlot("Lisbon", "lisbon", False, 13, 19)])
    b = claim(2, "B", text_b, places=[PlaceSlot("Porto", "porto", False, 46, 51)])
    assert text_a[13:19] == "Lisbon" and text_b[46:51] == "Porto"
    assert compare.contradiction_flags("label", "fp", [a, b], {}, [], set()) == []
    # where it happened still counts
    c = claim(
        3, "C", "The jet crashed in Faro.", places=[PlaceSlot("Faro", "faro", False, 19, 23)]
    )
    d = claim(
        4, "D", "The jet crashed in Beja.", places=[PlaceSlot("Beja", "beja", False, 19, 23)]
    )
    flags = compare.contradiction_flags("label", "fp", [c, d], {}, [], set())
    assert [f.kind for f in flags] == ["place_mismatch"]


def _placed(claim_id, outlet, text, place, norm_):
    at = text.index(place)
    return claim(
        claim_id, outlet, text, places=[PlaceSlot(place, norm_, False, at, at + len(place))]
    )


def test_places_of_two_levels_are_no_mismatch():
    # a sea and a country, a town and a country: one may hold the other
    a = _placed(1, "A", "The yacht sank in the Coral Sea on Sunday.", "the Coral Sea", "coral sea")
    b = _placed(2, "B", "The yacht sank in Australia on Sunday.", "Australia", "australia")
    assert compare.contradiction_flags("label", "fp", [a, b], {}, [], set()) == []
    c = _placed(3, "C", "The yacht sank near Tarbury on Sunday.", "Tarbury", "tarbury")
    assert compare.contradiction_flags("label", "fp", [b, c], {}, [], set()) == []
    # two countries still clash
    d = _placed(4, "D", "The yacht sank in Fiji on Sunday.", "Fiji", "fiji")
    flags = compare.contradiction_flags("label", "fp", [b, d], {}, [], set())
    assert [f.kind for f in flags] == ["place_mismatch"]


def test_the_day_a_statement_was_made_is_not_the_day_of_the_fact():
    a = _dated(1, "A", "The toll rose to 40, officials said on Saturday.", "2025-05-03")
    b = _dated(2, "B", "The toll rose to 52, the ministry said on Monday.", "2025-05-05")
    for c, written in ((a, "on Saturday"), (b, "on Monday")):
        d = c.data.dates[0]
        d.start = c.text.index(written)
    flags = compare.contradiction_flags("l", "fp", [a, b], {}, [], set())
    assert [f.kind for f in flags if f.kind == "date_mismatch"] == []
    # the same days on what happened are a mismatch
    c = _dated(3, "C", "The ferry sank on Saturday, officials said.", "2025-05-03")
    e = _dated(4, "D", "The ferry sank on Monday, officials said.", "2025-05-05")
    for x, written in ((c, "on Saturday"), (e, "on Monday")):
        x.data.dates[0].start = x.text.index(written)
    flags = compare.contradiction_flags("l", "fp", [c, e], {}, [], set())
    assert [f.kind for f in flags] == ["date_mismatch"]


@pytest.mark.parametrize(
    "coarse, flagged",
    [
        ("2025-05", False),
        ("2025-04", True),
        ("2025-W18", False),
        ("2025-02", False),
        # 4 May 2025 is a Sunday: ISO puts it in week 18, American copy's "this
        # week" of the 5th (week 19) began on it
        ("2025-W19", False),
        ("2025-W20", True),
    ],
)
def test_a_month_or_week_is_compared_with_the_days_it_covers(coarse, flagged):
    # 3 May 2025 is in May and in ISO week 18; late April is days away (one fact
    # misdated), February is months away (another fact)
    day = "2025-05-04" if coarse.startswith("2025-W") else "2025-05-03"
    a = _dated(1, "A", "The ferry sank on 3 May, officials said.", day)
    b = _dated(2, "B", "The ferry sank last month, officials said.", coarse)
    flags = compare.contradiction_flags("label", "fp", [a, b], {}, [], set())
    assert bool(flags) == flagged


# --- quotes told with other speakers, optional words (issue 14) -------------------------

MOURN = "We grieve deeply the loss of a treasured colleague and a much-loved friend"


def test_one_quote_attributed_to_different_speakers_is_still_compared():
    claims = [
        claim(1, "A", f"“{MOURN}.”", quotes=[quote(MOURN, "the governor")]),
        claim(
            2,
            "B",
            "x",
            quotes=[quote(MOURN.replace("the loss", "the passing"), "Maria Ortega")],
        ),
    ]
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert {v.value for v in flag.variants} == {"loss", "passing"}


def test_short_or_loose_quotes_of_different_speakers_are_never_joined():
    claims = [
        claim(1, "A", "x", quotes=[quote("we will rebuild the bridge this year", "Ana Ruiz")]),
        claim(2, "B", "x", quotes=[quote("we will rebuild the school this year", "Tom Bell")]),
        claim(
            3,
            "C",
            "x",
            quotes=[
                quote("our town will rebuild the old bridge and the school by spring", "Li Wei")
            ],
        ),
    ]
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_a_nine_word_quote_with_one_word_swapped_is_one_quote_in_two_mouths():
    said = "and I want to thank that {} down under"
    claims = [
        claim(1, "A", "x", quotes=[quote("Thank you all, " + said.format("fellow"), "Ana Ruiz")]),
        claim(2, "B", "x", quotes=[quote(said.format("fella"), "Tom Bell")]),
    ]
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert {v.value for v in flag.variants} == {"fellow", "fella"}
    # a second word changed: two speakers' sentences that share a phrase
    claims[1].data.quotes = [quote("and I want to thank that fella up north", "Tom Bell")]
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_a_dropped_that_is_no_quote_variant():
    said = "it does seem {}the fire started in the kitchen of the old bakery"
    claims = _quote_claims(("A", said.format("that ")), ("B", said.format("")))
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []
    # another added word still is
    claims = _quote_claims(("A", said.format("that ")), ("B", said.format("clear ")))
    assert len(compare.quote_flags(claims, [], [], order=lambda c: c.id)) == 1


def test_a_relative_day_inside_a_quote_is_not_compared():
    # "today" in a speech is the day it was given; outlets publish it on different days
    said = "“Today I name her the new head of the harbour board,” the governor said."
    a = claim(1, "A", said, dates=[DateSlot("Today", "2025-05-03", True, 1, 6)])
    b = claim(2, "B", said, dates=[DateSlot("Today", "2025-05-04", True, 1, 6)])
    for c in (a, b):
        c.data.quotes = [quote(said[1:48], "the governor")]
        c.data.quotes[0].start, c.data.quotes[0].end = 1, 48
    flags = compare.contradiction_flags("label", "fp", [a, b], {}, [], set())
    assert [f.kind for f in flags] == []
    # the same days outside a quote still mismatch
    for c in (a, b):
        c.data.quotes = []
    flags = compare.contradiction_flags("label", "fp", [a, b], {}, [], set())
    assert [f.kind for f in flags] == ["date_mismatch"]


def test_one_outlet_writing_a_name_two_ways_is_no_variant():
    claims = [
        claim(1, "A", "x", people=[person("Marta Luisa Ferreira")]),
        claim(1, "A", "y", people=[person("Marta Louisa Ferreira")]),
        claim(2, "B", "z", people=[person("Ferreira", "Ferreira")]),
    ]
    assert (
        _kinds(compare.people_flags(people.build_people(claims), claims, []), "name_variant") == []
    )
    # a second outlet with the other spelling makes it one
    claims.append(claim(3, "C", "w", people=[person("Marta Louisa Ferreira")]))
    flags = compare.people_flags(people.build_people(claims), claims, [])
    assert len(_kinds(flags, "name_variant")) == 1


def test_a_place_that_owns_something_does_not_locate_it():
    text_a = "The bridge, the oldest in the Portugal's history, fell in Porto."
    text_b = "The bridge fell in Braga on Friday."
    at_a, at_p, at_b = text_a.index("the Portugal"), text_a.index("Porto"), text_b.index("Braga")
    a = claim(
        1,
        "A",
        text_a,
        places=[
            PlaceSlot("the Portugal's", "portugal", False, at_a, at_a + 14),
            PlaceSlot("Porto", "porto", False, at_p, at_p + 5),
        ],
    )
    b = claim(2, "B", text_b, places=[PlaceSlot("Braga", "braga", False, at_b, at_b + 5)])
    [flag] = compare.contradiction_flags("label", "fp", [a, b], {}, [], set())
    assert {v.value for v in flag.variants} == {"Porto", "Braga"}


def _full_date(article_id, outlet, text, iso):
    written = text[text.index("on ") + 3 : text.index(",", text.index("on ") + 10) + 6]
    d = DateSlot(written, iso, False, text.index(written), text.index(written) + len(written))
    terms = [w.strip(",.").lower() for w in text.split() if len(w) > 4]
    return claim(article_id, outlet, text, dates=[d], key_terms=terms)


def test_a_day_written_with_a_digit_added_or_dropped_is_a_date_slip():
    a = _full_date(
        1, "A", "The bridge over the Tagus opened on March 16, 1931, to traffic.", "1931-03-16"
    )
    b = _full_date(
        2, "B", "The bridge over the Tagus opened on March 6, 1931, to traffic.", "1931-03-06"
    )
    [flag] = compare.date_slip_flags([a, b])
    assert flag.kind == "date_mismatch" and flag.subject == "Date slip: March 1931"
    assert {v.value for v in flag.variants} == {"March 16, 1931", "March 6, 1931"}


def test_one_day_of_the_year_given_in_two_years_is_a_date_slip():
    a = _full_date(
        1, "A", "The museum fire broke out on December 4, 2011, in the east wing.", "2011-12-04"
    )
    b = _full_date(
        2, "B", "The museum fire broke out on December 4, 2001, in the east wing.", "2001-12-04"
    )
    c = _full_date(
        3, "C", "Crews say the museum fire broke out on December 4, 2011, at night.", "2011-12-04"
    )
    [flag] = compare.date_slip_flags([a, b, c])
    assert flag.subject == "Date slip: 04 December"
    assert {v.value: v.outlets for v in flag.variants} == {
        "December 4, 2011": ["A", "C"],
        "December 4, 2001": ["B"],
    }
    # an anniversary told, or an outlet giving both years, is two days
    memorial = _full_date(
        2, "B", "A memorial for the museum fire was held on December 4, 2012, in the east wing.",
        "2012-12-04",
    )  # fmt: skip
    assert compare.date_slip_flags([a, memorial]) == []
    both = _full_date(
        1, "A", "The museum fire on December 4, 2001, was the first one.", "2001-12-04"
    )
    assert compare.date_slip_flags([a, b, both]) == []


def test_days_apart_by_more_than_a_slip_or_about_other_facts_are_no_slip():
    a = _full_date(
        1, "A", "The bridge over the Tagus opened on March 16, 1931, to traffic.", "1931-03-16"
    )
    other_day = _full_date(
        2, "B", "The bridge over the Tagus opened on March 17, 1931, to traffic.", "1931-03-17"
    )
    other_fact = _full_date(
        3, "C", "Heavy floods hit Coimbra on March 6, 1931, said archives.", "1931-03-06"
    )
    same_outlet = _full_date(
        1, "A", "The bridge over the Tagus opened on March 6, 1931, to traffic.", "1931-03-06"
    )
    assert compare.date_slip_flags([a, other_day]) == []
    assert compare.date_slip_flags([a, other_fact]) == []
    assert compare.date_slip_flags([a, same_outlet]) == []


def _quote_variants(*texts):
    return compare.quote_flags(_quote_claims(*texts), [], [], order=lambda c: c.id)


def test_a_word_split_or_joined_is_no_quote_variant():
    said = "we will finish the {} review before the harbour festival opens in May"
    assert _quote_variants(("A", said.format("mid-term")), ("B", said.format("midterm"))) == []
    assert _quote_variants(("A", said.format("half year")), ("B", said.format("halfyear"))) == []


def test_words_cut_with_an_ellipsis_are_no_quote_variant():
    full = "the council listened to every family and we rebuilt the market hall together"
    cut = "the council listened to every family … we rebuilt the market hall together"
    assert _quote_variants(("A", full), ("B", cut)) == []
    # other words in their place still are
    other = "the council listened to every family so we rebuilt the market hall together"
    swapped = "the council listened to every family then we rebuilt the market hall together"
    assert len(_quote_variants(("A", other), ("B", swapped))) == 1


def test_an_editors_bracketed_words_are_not_the_speakers():
    plain = "at the port the night shift is tired, when the cranes stop it stops"
    marked = "at the port [in Leith] the night shift is tired, when the cranes stop it stops"
    assert _quote_variants(("A", plain), ("B", marked)) == []


def test_a_dropped_conjunction_is_no_quote_variant():
    said = "the river rose quickly{} the volunteers moved the sandbags before dawn"
    assert _quote_variants(("A", said.format(" and")), ("B", said.format(","))) == []


LONG = (
    "this plan will make sure that we stay on a steady course to repair the harbour walls "
    "and keep the ferries running for every island family through the winter"
)


def test_a_long_quote_with_words_changed_is_one_quote_whoever_it_is_attributed_to():
    changed = LONG.replace("on a steady course", "on behalf").replace("every", "each")
    claims = [
        claim(1, "A", "x", quotes=[quote(LONG, "Maria Ortega")]),
        claim(2, "B", "x", quotes=[quote(changed, "the harbour master")]),
    ]
    flags = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert {v.value for f in flags for v in f.variants} >= {"a steady course", "behalf"}
    # the same number of changes in a quote under sixteen matching words is two quotes
    short = "we stay on a steady course to repair the harbour walls this winter"
    claims = [
        claim(1, "A", "x", quotes=[quote(short, "Maria Ortega")]),
        claim(2, "B", "x", quotes=[quote(short.replace("a steady course", "behalf"), "Tom Bell")]),
    ]
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_a_quote_retold_with_a_clause_rewritten_is_still_one_quote():
    # 15 of the longer telling's 22 words match in order: below seven in ten of
    # its span, but the shorter telling is all inside it
    full = (
        "we have therefore written to the harbour board to tell them that we are "
        "closing the north pier for the whole winter"
    )
    retold = "we have written to the harbour board to close the north pier for the whole winter"
    flags = _quote_variants(("A", full), ("B", retold))
    values = {v.value for f in flags for v in f.variants}
    assert values >= {"have therefore written", "have written"}
    # a paraphrase that swaps words throughout, sharing fewer than twelve words in
    # order, is the outlet's wording, not a telling
    said = (
        "the mayor and the deputy will remain in the town hall this evening and will fly "
        "home on friday"
    )
    paraphrase = "the mayor and deputy will stay at city hall tonight and fly home on friday"
    assert _quote_variants(("A", said), ("B", paraphrase)) == []
    # two quotes that share a phrase stay two quotes
    other = "the harbour board will close the north pier when the storms come in March"
    assert _quote_variants(("A", full), ("B", other)) == []


def _told_on(article_id, outlet, text, written, iso):
    at = text.index(written)
    d = DateSlot(written, iso, False, at, at + len(written))
    terms = [w.strip(",.").lower() for w in text.split() if len(w) > 4]
    return claim(article_id, outlet, text, dates=[d], key_terms=terms)


def _published(*pairs):
    from datetime import UTC, datetime

    out = {}
    for article_id, day in pairs:
        out[article_id] = article(article_id, "x")
        out[article_id].published = datetime(2025, 8, day, tzinfo=UTC) if day else None
    return out


def test_a_past_day_dated_after_its_own_paper_a_month_late_is_a_month_slip():
    late = _told_on(
        1, "A", "The hikers entered the gorge on September 14 before the storm.", "September 14",
        "2025-09-14",
    )  # fmt: skip
    right = _told_on(
        2, "B", "The hikers entered the gorge on August 14 after lunch.", "August 14", "2025-08-14"
    )
    [flag] = compare.month_slip_flags([late, right], _published((1, 20), (2, 21)))
    assert flag.kind == "date_mismatch" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"September 14", "August 14"}


def test_days_ahead_of_the_paper_that_may_lie_ahead_are_no_month_slip():
    right = _told_on(
        2, "B", "The hikers entered the gorge on August 14 after lunch.", "August 14", "2025-08-14"
    )
    ahead = _told_on(
        1, "A", "The hikers will enter the gorge again on September 14.", "September 14",
        "2025-09-14",
    )  # fmt: skip
    assert compare.month_slip_flags([ahead, right], _published((1, 20), (2, 21))) == []
    # a day before its paper's publication is no slip
    past = _told_on(
        1,
        "A",
        "The hikers entered the gorge on July 14 before the storm.",
        "July 14",
        "2025-07-14",
    )
    assert compare.month_slip_flags([past, right], _published((1, 20), (2, 21))) == []
    # another fact on the day a month before
    other = _told_on(
        3, "C", "Heavy rain closed the harbour on August 14.", "August 14", "2025-08-14"
    )
    late = _told_on(
        1, "A", "The hikers entered the gorge on September 14 before the storm.", "September 14",
        "2025-09-14",
    )  # fmt: skip
    assert compare.month_slip_flags([late, other], _published((1, 20), (3, 21))) == []


def _number_flag(subject, values, cluster=""):
    variants = [Variant(value, outlets, []) for value, outlets in values.items()]
    return FlagResult("number_mismatch", subject, subject, variants, cluster_fingerprint=cluster)


def test_a_cluster_number_flag_the_story_figure_flag_holds_is_shown_once():
    figure = _number_flag("Figure: home (destroy)", {"1,500": ["A", "C"], "1,200": ["B"]})
    twin = _number_flag("The flood destroyed 1,500 homes", {"1,500": ["A"], "1,200": ["B"]}, "c1")
    other = _number_flag("The flood cost $4m", {"$4m": ["A"], "$5m": ["B"]}, "c2")
    flags = compare.fold_figure_twins([twin, figure, other])
    assert flags == [figure, other]
    assert figure.cluster_fingerprint == "c1"  # the claim's row still shows it


def test_a_cluster_number_flag_with_a_value_of_its_own_is_kept():
    figure = _number_flag("Figure: home (destroy)", {"1,500": ["A"], "1,200": ["B"]})
    wider = _number_flag("The flood destroyed 1,500 homes", {"1,500": ["A"], "900": ["D"]}, "c1")
    assert compare.fold_figure_twins([wider, figure]) == [wider, figure]


def _date_flag(subject, values, cluster=""):
    variants = [Variant(value, outlets, []) for value, outlets in values.items()]
    return FlagResult("date_mismatch", subject, subject, variants, cluster_fingerprint=cluster)


def test_a_story_date_flag_and_a_cluster_date_flag_on_the_same_days_are_shown_once():
    days = {"2025-03-03": ["A"], "2025-03-04": ["C"]}
    story = _date_flag("Date: resigned", days)
    cluster = _date_flag("Vogt resigned on Monday", {**days, "2025-03-03": ["A", "B"]}, "c1")
    assert compare.fold_figure_twins([cluster, story]) == [cluster]
    assert cluster.subject == "Date: resigned"  # the story flag's subject says what
    narrow = _date_flag("Vogt resigned on Monday", days, "c2")
    wide = _date_flag("Date: resigned", {**days, "2025-03-03": ["A", "B"]})
    assert compare.fold_figure_twins([narrow, wide]) == [wide]
    assert wide.cluster_fingerprint == "c2"
    other_days = _date_flag(
        "Vogt resigned on Monday", {"2025-03-03": ["A"], "2025-03-05": ["D"]}, "c3"
    )
    assert compare.fold_figure_twins([other_days, story]) == [other_days, story]


def test_date_flags_on_the_same_days_from_other_outlets_are_merged():
    story = _date_flag("Date: arrested", {"2025-03-05": ["C"], "2025-03-06": ["B"]})
    cluster = _date_flag(
        "Police arrested Vogt on Wednesday", {"2025-03-05": ["A"], "2025-03-06": ["B"]}, "c1"
    )
    assert compare.fold_figure_twins([cluster, story]) == [story]
    assert {v.value: v.outlets for v in story.variants} == {
        "2025-03-05": ["C", "A"],
        "2025-03-06": ["B"],
    }
    assert story.cluster_fingerprint == "c1"


def _said(article_id, outlet, speaker, words="We will rebuild every home the river took from us"):
    text = f"“{words},” said {speaker}."
    return claim(
        article_id, outlet, text, quotes=[quote(words, speaker)], people=[person(speaker)]
    )


def test_one_quote_put_in_two_mouths_is_flagged():
    claims = [_said(1, "A", "Ann Fox"), _said(2, "B", "Tom Hale"), _said(3, "C", "Ann Fox")]
    found = people.build_people(claims, [], {})
    [flag] = [
        f
        for f in compare.quote_flags(claims, found, [], lambda c: c.id)
        if "Who said" in f.subject
    ]
    assert flag.severity == "contradiction"
    assert {v.value: sorted(v.outlets) for v in flag.variants} == {
        "Ann Fox": ["A", "C"],
        "Tom Hale": ["B"],
    }


def test_a_quote_every_outlet_gives_to_one_speaker_is_no_misattribution():
    claims = [_said(1, "A", "Ann Fox"), _said(2, "B", "Ann Fox")]
    found = people.build_people(claims, [], {})
    assert not [
        f
        for f in compare.quote_flags(claims, found, [], lambda c: c.id)
        if "Who said" in f.subject
    ]


def test_a_quote_given_to_one_speaker_spelled_two_ways_is_no_misattribution():
    # the spelling is the name-variant flag's business, not a second speaker
    claims = [_said(1, "A", "Vera Kostova"), _said(2, "B", "Vera Kostowa")]
    found = people.build_people(claims, [], {})
    assert not [
        f
        for f in compare.quote_flags(claims, found, [], lambda c: c.id)
        if "Who said" in f.subject
    ]


def test_one_speakers_quotes_are_compared_across_spellings_of_the_name():
    claims = [
        # short enough that quotes of two different people are not taken for one
        _said(1, "A", "Vera Kostova", "No one saw the tide turn this fast"),
        _said(2, "B", "Vera Kostova", "No one saw the tide turn this fast"),
        _said(3, "C", "Vera Kostowa", "No one saw the tide turn this quickly"),
    ]
    found = people.build_people(claims, [], {})
    [flag] = [
        f
        for f in compare.quote_flags(claims, found, [], lambda c: c.id)
        if f.kind == "quote_variant"
    ]
    assert {v.value for v in flag.variants} == {"fast", "quickly"}


def test_a_weekday_flag_and_a_date_flag_on_the_same_sentences_are_shown_once():
    said_a = Evidence(1, "Vogt died on Saturday, her family said.", 0, 10)
    said_b = Evidence(2, "Vogt died on Sunday.", 0, 10)
    said_c = Evidence(3, "Vogt, 84, died on Saturday.", 0, 10)

    def flag(subject, values):
        variants = [Variant(value, [outlet], ev) for value, outlet, ev in values]
        return FlagResult("date_mismatch", subject, subject, variants)

    weekdays = flag(
        "Date: death of Vogt", [("on Saturday", "A", [said_a]), ("on Sunday", "B", [said_b])]
    )
    days = flag(
        "Date: died", [("2025-03-01", "A", [said_a, said_c]), ("2025-03-02", "B", [said_b])]
    )
    assert compare.fold_figure_twins([weekdays, days]) == [days]
    other = flag("Date: buried", [("2025-03-05", "A", [said_c]), ("2025-03-06", "C", [said_b])])
    assert compare.fold_figure_twins([weekdays, other]) == [weekdays, other]  # other sentences
    by_weekday = flag("Day: died", [("on Saturday", "A", [said_a]), ("on Sunday", "B", [said_b])])
    assert compare.fold_figure_twins([by_weekday, days]) == [days]


def test_a_surname_slip_the_full_names_flag_shows_is_not_shown_again():
    def name_flag(values):
        variants = [Variant(value, outlets, []) for value, outlets in values.items()]
        return FlagResult("name_variant", "Ida Brandqvist", "x", variants)

    full = name_flag({"Ida Brandqvist": ["A", "B"], "Ida Brandquist": ["C"]})
    slip = name_flag({"Brandqvist": ["A", "B"], "Brandquist": ["C"]})
    other = name_flag({"Osterberg": ["A"], "Osterburg": ["C"]})
    assert compare.unshown_slips([slip, other], [full]) == [other]


def _told(article_id, outlet, speaker, *sentences):
    """One article's consecutive sentences, each with the quote inside its “…”."""
    claims, start = [], article_id * 1000
    for n, text in enumerate(sentences):
        c = claim(article_id, outlet, text, position=n)
        c.data.start, c.data.end = start, start + len(text)
        inner = re.search(r"“([^”]+)”?", text) or re.search(r"^([^”]+)”", text)
        words = inner.group(1)
        at = start + text.index(words)
        c.data.quotes = [quote(words, speaker)]
        c.data.quotes[0].start, c.data.quotes[0].end = at, at + len(words)
        claims.append(c)
        start += len(text) + 1
    return claims


def test_a_quotation_told_over_two_sentences_is_compared_whole():
    rest = "Nobody here had ever seen water this high,”"
    claims = [
        *_told(1, "A", "Ida Brenn", "“It was like a war zone.", rest + " Mayor Ida Brenn said."),
        *_told(2, "B", "Ida Brenn", "“It was like a battlefield.", rest + " Brenn said."),
        *_told(
            3,
            "C",
            "Ida Brenn",
            "“It was like a war zone,” Brenn said.",
            "“Nobody here had ever seen water that high.”",
        ),
    ]
    flags = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    values = [{v.value: sorted(v.outlets) for v in f.variants} for f in flags]
    assert {"war zone": ["A", "C"], "battlefield": ["B"]} in values
    assert {"this": ["A", "B"], "that": ["C"]} in values
    [that] = [f for f in flags if "that" in {v.value for v in f.variants}]
    # the evidence is the sentence holding the differing words
    assert [e.text for v in that.variants for e in v.evidence if "that" == v.value] == [
        "“Nobody here had ever seen water that high.”"
    ]


def test_a_quote_told_in_two_sentences_is_compared_with_its_telling_in_one():
    # A splits what B says in one sentence: the short first piece is compared too
    one = _told(
        1,
        "A",
        "Ida Brenn",
        "“The bridge is currently closed.",
        "Nobody will cross it before the engineers have checked every cable,” Brenn said.",
    )
    two = _told(
        2,
        "B",
        "Ida Brenn",
        "“The bridge is completely closed and nobody will cross it before the engineers "
        "have checked every cable,” Brenn said.",
    )
    flags = compare.quote_flags([*one, *two], [], [], order=lambda c: c.id)
    values = [{v.value: v.outlets for v in f.variants} for f in flags]
    assert {"currently closed": ["A"], "completely closed and": ["B"]} in values
    # the same words in one sentence or two: nothing to see
    two = _told(
        2,
        "B",
        "Ida Brenn",
        "“The bridge is currently closed and nobody will cross it before the engineers "
        "have checked every cable,” Brenn said.",
    )
    assert compare.quote_flags([*one, *two], [], [], order=lambda c: c.id) == []


def test_quotes_apart_from_each_other_are_not_joined():
    # narration between the pieces: the outlet's words, not one quotation
    rest = "“Nobody here had ever seen water this high.”"
    one = _told(1, "A", "Ida Brenn", "“It was like a war zone,” Brenn said.", rest)
    two = _told(2, "B", "Ida Brenn", "“It was like a battlefield,” Brenn said.", rest)
    one[1].data.start += 40
    two[1].data.start += 40
    flags = compare.quote_flags([*one, *two], [], [], order=lambda c: c.id)
    assert not any("battlefield" in {v.value for v in f.variants} for f in flags)


def test_a_phrase_quoted_inside_the_outlets_words_is_not_joined_with_the_next_quote():
    rest = "“Nobody here had ever seen water this high.”"
    one = _told(1, "A", "Ida Brenn", "She promised a “swift clean-up” of the town.", rest)
    two = _told(2, "B", "Ida Brenn", "She vowed a “fast clean-up” of the town.", rest)
    flags = compare.quote_flags([*one, *two], [], [], order=lambda c: c.id)
    assert not any(len(f.subject) > 60 for f in flags)  # no joined "clean-up Nobody…"


@pytest.mark.parametrize(
    "whole, phrase, other, differing",
    [
        # one word changed; two words of five in common is two remarks
        (
            "The result of the count is a mandate which must be honoured by all of us.",
            "mandate that must be honoured",
            "a mandate nobody can ever ignore",
            {"which", "that"},
        ),
        # one word grown to two; two words grown to three is another remark
        (
            "The loss of our founder is a moment of the deepest sorrow for all of us here.",
            "a moment of deep sorrow",
            "a moment of very deep national sorrow",
            {"the deepest", "deep"},
        ),
    ],
)
def test_a_short_quoted_phrase_a_word_apart_is_a_variant(whole, phrase, other, differing):
    framed = f"Rajnath Singh told the chamber it was “{phrase}” on Monday."
    claims = _quote_claims(("A", whole)) + [
        claim(2, "B", framed, quotes=[quote(phrase, "Rajnath Singh")])
    ]
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert {v.value for v in flag.variants} == differing
    claims[1] = claim(
        2, "B", framed.replace(phrase, other), quotes=[quote(other, "Rajnath Singh")]
    )
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_one_speakers_long_statement_translated_twice_is_one_quote():
    one = "We believe that the fire was started by both the careless campers themselves and was helped by the dry eastern winds"  # noqa: E501
    two = "We believe the fire was started both by the campers who were careless themselves and, of course, was helped by the dry eastern winds"  # noqa: E501
    claims = _quote_claims(("A", one), ("B", two))
    flags = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert any("campers" in v.value for f in flags for v in f.variants)
    # the same words given to no one, or to someone else: two statements
    claims[1].data.quotes[0].speaker = ""
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []


def test_a_speaker_named_with_a_name_cut_short_is_the_full_names_person():
    from claims.analysis.types import Person

    words = "We will rebuild every bridge this summer"
    claims = [
        claim(1, "A", f"“{words}.”", quotes=[quote(words, "Anda Kaleja Rusova")]),
        claim(
            2,
            "B",
            "“We will rebuild each bridge this summer.”",
            quotes=[quote("We will rebuild each bridge this summer", "Anda Kaleja")],
        ),
    ]
    people = [Person("Anda Kaleja Rusova", {"Anda Kaleja Rusova": ["A"]}, [], ["A", "B"])]
    [flag] = compare.quote_flags(claims, people, [], order=lambda c: c.id)
    assert {v.value for v in flag.variants} == {"every", "each"}


def test_one_speakers_statement_in_two_translations_is_one_quote():
    long_a = "Through this decree I will rebuild and protect the free republic, which is sinking"
    long_b = (
        "Through the order that I signed last night, I will rebuild and protect the free nation"
    )
    claims = [
        claim(1, "A", f"“{long_a}.”", quotes=[quote(long_a, "Lena Dorsk")]),
        claim(2, "B", f"“{long_b}.”", quotes=[quote(long_b, "Lena Dorsk")]),
    ]
    [flag] = compare.quote_flags(claims, [], [], order=lambda c: c.id)
    assert flag.subject.startswith("Lena Dorsk")
    # the same words from two speakers are two statements
    claims[1].data.quotes = [quote(long_b, "Tomas Reev")]
    claims[1].data.speaker = "Tomas Reev"
    assert compare.quote_flags(claims, [], [], order=lambda c: c.id) == []

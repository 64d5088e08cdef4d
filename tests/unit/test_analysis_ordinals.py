"""One thing given two places in an order (claims.analysis.ordinals, compare.order_flags)."""

import pytest

from claims.analysis import compare, ordinals
from tests.unit.analysis_builders import claim


def _flags(*texts):
    return compare.order_flags([claim(i, f"Outlet {i}", t) for i, t in enumerate(texts, 1)])


@pytest.mark.parametrize(
    "first, second, written",
    [
        (
            "Port Avel, the fourth-largest city in Norland, was flooded overnight.",
            "Port Avel is the third largest city in the country.",
            {"fourth-largest city", "third largest city"},
        ),
        # a city's bare ordinal is its place by size
        (
            "Lindqvist, Norland's fourth city, lost its bridges.",
            "Norland's second-largest city, Lindqvist, lost its bridges.",
            {"fourth city", "second-largest city"},
        ),
        (
            "Coinvale, the third largest crypto exchange by volume, froze withdrawals.",
            "Coinvale was the second-largest crypto exchange when it failed.",
            {"third largest crypto exchange", "second-largest crypto exchange"},
        ),
    ],
)
def test_one_thing_given_two_places_in_an_order_is_a_number_mismatch(first, second, written):
    [flag] = _flags(first, second)
    assert flag.kind == "number_mismatch" and flag.severity == "discrepancy"
    assert {v.value for v in flag.variants} == written


@pytest.mark.parametrize(
    "first, second",
    [
        # two things of one kind, each named
        (
            "Port Avel, the fourth-largest city, was flooded.",
            "Selby, the third-largest city, was not.",
        ),
        # no place in an order: a degree, a first time, a count of happenings
        ("He faces a second-degree murder charge.", "He faces a first-degree murder charge."),
        (
            "It was the first city to flood since 1902.",
            "It was the second city to flood since 1990.",
        ),
        # one outlet ranking two cities itself ranks two things
        (
            "Port Avel, the fourth-largest city, and the second-largest city both flooded.",
            "The third-largest city was spared.",
        ),
    ],
)
def test_places_that_can_both_be_true_are_not_flagged(first, second):
    assert _flags(first, second) == []


def test_an_ordinal_beside_no_name_is_the_one_thing_the_story_ranks():
    places = ordinals.places_in_order(claim(1, "A", "Norland's second-largest city lay in ruins."))
    assert [(p.key, p.subject, p.rank) for p in places] == [("largest city", "", 2)]


def test_an_ordinal_before_a_noun_modifier_ranks_the_noun_after_it():
    # "a third airport bomber" is a bomber, not an airport
    assert _flags("A third airport bomber escaped.", "The second airport attack failed.") == []


def test_a_name_after_the_ordinal_is_what_it_ranks_only_when_set_off():
    [flag] = _flags(
        "Rain fell on the nation's third largest city, Port Avel Mayor Ann Fox said.",
        "Port Avel, the fourth-largest city, flooded.",
    )
    assert {v.value for v in flag.variants} == {"third largest city", "fourth-largest city"}
    places = ordinals.places_in_order(claim(1, "A", "the fourth-largest city, Port Avel, flooded"))
    assert [p.subject for p in places] == ["port avel"]


def test_the_flag_names_what_is_ranked_as_written():
    [flag] = _flags("Selby, the fourth-largest city, flooded.", "Selby is the third largest city.")
    assert flag.subject == "Place in order: Selby, largest city"
    assert flag.reason == "outlets rank Selby differently"

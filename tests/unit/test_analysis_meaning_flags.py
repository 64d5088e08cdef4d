"""A matched pair's difference (claims.analysis.run.meaning_flags) checked
against what the claims' slots know. Made-up sentences."""

import pytest

from claims.analysis import compare, matching, run
from claims.nlp.language import get_nlp
from claims.nlp.quantities import find_quantities
from claims.nlp.types import PlaceSlot

from .analysis_builders import claim


def typed(article_id, outlet, text):
    return claim(article_id, outlet, text, quantities=find_quantities(text, 0, get_nlp()(text)[:]))


def flags(a, b, kind):
    return run.meaning_flags("label", "fp", [(a, b, [kind])], [])


@pytest.mark.parametrize(
    "other",
    [
        "The blast killed 31 people, police said.",  # "at least 31" and 31 agree
        "At least 31 people died and 12 were injured in the blast.",  # the injured are others
    ],
)
def test_typed_figures_that_agree_make_no_number_flag(other):
    a = typed(1, "A", "At least 31 people died in the blast, police said.")
    assert flags(a, typed(2, "B", other), matching.NUMBER) == []


def test_typed_figures_that_measure_one_thing_and_differ_flag():
    a = typed(1, "A", "The convoy drove eight hours to the border.")
    b = typed(2, "B", "The convoy drove 11 hours to the border.")
    [flag] = flags(a, b, matching.NUMBER)
    assert flag.kind == compare.NUMBER_MISMATCH


def test_untyped_claims_keep_the_word_level_number_flag():
    a = claim(1, "A", "The tariff is 25% on steel.")
    b = claim(2, "B", "The tariff is 50% on steel.")
    assert [f.kind for f in flags(a, b, matching.NUMBER)] == [compare.NUMBER_MISMATCH]


def test_a_negation_flags_only_when_the_denied_word_is_affirmed():
    denied = claim(1, "A", "The gunman has not been identified by the police.")
    affirmed = claim(2, "B", "The gunman was identified by the police as a local man.")
    assert [f.kind for f in flags(denied, affirmed, matching.NEGATION)] == [
        compare.POLARITY_MISMATCH
    ]
    # a "not" or "without" about something else is no contradiction
    other = claim(3, "C", "The plane landed without its wheels, and the cause is not clear.")
    plain = claim(4, "D", "The plane landed on its belly and skidded off the runway.")
    assert flags(other, plain, matching.NEGATION) == []


def test_a_list_of_places_in_another_order_is_no_role_swap():
    text_a = "Aid came from Peru, Chile and Bolivia on Monday."
    text_b = "Aid came from Chile, Bolivia and Peru on Monday."
    a = claim(
        1,
        "A",
        text_a,
        places=[PlaceSlot(p, p.lower(), False, text_a.index(p), 0) for p in ("Peru", "Chile")],
    )
    b = claim(2, "B", text_b)
    assert flags(a, b, matching.ROLES) == []


def test_a_reordered_sentence_is_no_role_swap():
    a = claim(1, "A", "Prosecutor Dana Oyelaran announced that a jury had indicted Tomas Vik.")
    b = claim(2, "B", "A jury indicted Tomas Vik for murder, prosecutor Dana Oyelaran announced.")
    assert flags(a, b, matching.ROLES) == []


def test_actors_swapped_around_one_action_flag():
    a = claim(1, "A", "In the final Harlow defeated Okafor in three sets.")
    b = claim(2, "B", "In the final Okafor defeated Harlow in three sets.")
    assert [f.kind for f in flags(a, b, matching.ROLES)] == [compare.ROLE_MISMATCH]

"""Parts of a place an event struck (claims.analysis.parts) and their place flags.
Made-up places."""

import pytest

from claims.analysis import compare, parts
from tests.unit.analysis_builders import claim


def _flags(*sentences):
    claims = [claim(i, "ABCD"[i - 1], text) for i, text in enumerate(sentences, start=1)]
    return compare.part_flags(claims)


def test_a_part_reads_verb_part_and_place():
    [p] = parts.parts_struck("A quake struck south-eastern Ostravia at dawn.")
    assert (p.verb, p.degrees, p.place, p.written) == ("struck", 135.0, "ostravia", "Ostravia")


def test_parts_struck_by_one_verb_differ():
    [flag] = _flags(
        "A strong quake struck southern Ostravia on Monday.",
        "The quake struck eastern Ostravia before dawn.",
    )
    assert flag.kind == "place_mismatch" and flag.severity == "contradiction"
    assert flag.subject == "Where struck: Ostravia"
    assert sorted(v.value for v in flag.variants) == [
        "struck eastern Ostravia",
        "struck southern Ostravia",
    ]


def test_neighbouring_parts_are_a_discrepancy():
    [flag] = _flags(
        "A strong quake struck southern Ostravia on Monday.",
        "The quake struck south-eastern Ostravia before dawn.",
    )
    assert flag.severity == "discrepancy"


def test_central_differs_from_every_part():
    [flag] = _flags(
        "A strong quake struck central Ostravia on Monday.",
        "The quake struck northern Ostravia before dawn.",
    )
    assert flag.severity == "contradiction"


@pytest.mark.parametrize(
    "other",
    [
        "Rescue teams worked in eastern Ostravia.",  # no verb of the event
        "Aid came from eastern Ostravia.",  # a preposition
        "The quake struck southern Ostravia and northern Pellam.",  # the same part
        "Floods hit eastern Ostravia a week later.",  # another verb
    ],
)
def test_parts_that_need_not_clash_never_flag(other):
    assert _flags("A strong quake struck southern Ostravia on Monday.", other) == []


def test_one_outlet_naming_two_parts_is_no_clash():
    claims = [
        claim(1, "A", "The quake struck southern Ostravia."),
        claim(2, "A", "Later the quake struck eastern Ostravia."),
    ]
    assert compare.part_flags(claims) == []


def test_where_a_place_lies_in_its_country_is_compared_whatever_the_verb():
    [flag] = _flags(
        "Floods killed nine people in the northern town of Kelmar.",
        "The river burst its banks in the southern mining town of Kelmar.",
    )
    assert flag.subject == "Where Kelmar lies" and flag.severity == "contradiction"
    assert "different parts of its country" in flag.reason


@pytest.mark.parametrize(
    "other",
    [
        "Volunteers reached the northern town of Kelmar by boat.",  # the same part
        "Rescuers flew to the Central district of Kelmar.",  # a name, capitalised
        "Water also reached the southern town of Pellam.",  # another place
    ],
)
def test_where_a_place_lies_told_alike_never_flags(other):
    assert _flags("Floods struck the northern town of Kelmar.", other) == []


def test_the_part_of_a_country_the_happening_took_place_in_is_compared():
    a = claim(1, "A", "Two buses collided near the town of Varn in central Ostria on Monday.")
    b = claim(2, "B", "Nine people died when a bus crashed into a lorry in northern Ostria.")
    [flag] = compare.part_flags([a, b])
    assert flag.kind == "place_mismatch" and flag.subject == "Where it happened: Ostria"
    assert flag.reason == "outlets put the happening in different parts of Ostria"


def test_neighbouring_parts_of_a_country_a_happening_took_place_in_are_one_region():
    a = claim(1, "A", "The airliner crashed in western Ostria on Monday, officials said.")
    b = claim(2, "B", "The airliner crashed on landing in south-western Ostria on Monday.")
    assert compare.part_flags([a, b]) == []
    # rescuers in a part of the country tell where they are, not where it happened
    c = claim(3, "C", "Rescuers in eastern Ostria searched the wreck on Monday.")
    assert compare.part_flags([a, c]) == []

"""Bearings from a named place and parts of a place struck (claims.analysis.bearings)
and their place flags. Made-up places."""

import pytest

from claims.analysis import bearings, compare
from tests.unit.analysis_builders import claim


def test_a_bearing_reads_distance_point_and_place():
    [b] = bearings.bearings_from("The camp lies 1,200 km (746 miles) north-east of Varnholm.")
    assert (b.place, b.degrees, round(b.km)) == ("varnholm", 45.0, 1200)


def test_miles_are_converted_to_kilometres():
    [b] = bearings.bearings_from("It sank 40 miles south-south-west of Port Ellery.")
    assert b.degrees == 202.5 and round(b.km) == 64


def test_a_word_that_is_no_point_is_no_bearing():
    assert bearings.bearings_from("The east-west road of Varnholm closed.") == []


def _flags(*sentences):
    claims = [claim(i, "ABCD"[i - 1], text) for i, text in enumerate(sentences, start=1)]
    return compare.bearing_flags(claims)


def test_one_distance_at_a_right_angle_is_a_place_contradiction():
    [flag] = _flags(
        "The colony is 1,900 kilometres north-west of Varnholm.",
        "The colony is about 1,900 kilometres north-east of Varnholm.",
    )
    assert flag.kind == "place_mismatch" and flag.severity == "contradiction"
    assert sorted(v.value for v in flag.variants) == [
        "1,900 kilometres north-east of Varnholm",
        "1,900 kilometres north-west of Varnholm",
    ]


@pytest.mark.parametrize(
    "other",
    [
        "The colony is 1,900 kilometres north-north-west of Varnholm.",  # close bearings
        "The town is 300 kilometres north-east of Varnholm.",  # another distance: another thing
        "The colony is north-east of Varnholm.",  # no distance to tie it to the same thing
        "The colony is 1,900 kilometres north-east of Tallow Bay.",  # another place
    ],
)
def test_bearings_that_need_not_clash_never_flag(other):
    assert _flags("The colony is 1,900 kilometres north-west of Varnholm.", other) == []


def test_one_outlet_writing_two_bearings_is_no_clash():
    claims = [
        claim(1, "A", "The camp is 50 km north of Varnholm."),
        claim(2, "A", "The camp is 50 km south of Varnholm."),
    ]
    assert compare.bearing_flags(claims) == []


def test_parts_struck_by_one_verb_differ():
    [flag] = _flags(
        "A strong quake struck southern Ostravia on Monday.",
        "The quake struck eastern Ostravia before dawn.",
    )
    assert flag.kind == "place_mismatch" and flag.severity == "contradiction"
    assert flag.subject == "Where struck: Ostravia"


def test_neighbouring_parts_are_a_discrepancy():
    [flag] = _flags(
        "A strong quake struck southern Ostravia on Monday.",
        "The quake struck south-eastern Ostravia before dawn.",
    )
    assert flag.severity == "discrepancy"


@pytest.mark.parametrize(
    "other",
    [
        "Rescue teams worked in eastern Ostravia.",  # no verb of the event
        "The quake struck southern Ostravia and northern Pellam.",  # the same part
        "Floods hit eastern Ostravia a week later.",  # another verb
    ],
)
def test_parts_that_need_not_clash_never_flag(other):
    assert _flags("A strong quake struck southern Ostravia on Monday.", other) == []


def test_one_direction_at_two_distances_is_a_number_mismatch():
    [flag] = _flags(
        "The town is 80 miles west of Varnholm.",
        "The town lies 85 miles west of Varnholm.",
    )
    assert flag.kind == "number_mismatch" and flag.subject == "Distance from Varnholm"


def test_off_the_coast_is_any_direction_for_a_distance():
    [flag] = _flags(
        "The wreck lies about 1,000 miles east of Varnholm.",
        "The wreck lies 900 miles off the coast of Varnholm.",
    )
    assert flag.kind == "number_mismatch"


@pytest.mark.parametrize(
    "other",
    [
        "The town is 130 km (80 miles) west of Varnholm.",  # one distance in two units
        "The bridge is 20 miles west of Varnholm.",  # far shorter: another thing
        "The town is 85 miles east of Varnholm.",  # another direction: the bearing's to flag
        "The town lies off the coast of Varnholm.",  # no distance
    ],
)
def test_distances_that_need_not_differ_never_flag_a_number(other):
    flags = _flags("The town is 80 miles west of Varnholm.", other)
    assert [f for f in flags if f.kind == "number_mismatch"] == []


def test_a_distance_a_figure_flag_already_shows_is_dropped():
    a = claim(1, "A", "The town is 80 miles west of Varnholm.")
    b = claim(2, "B", "The town lies 85 miles west of Varnholm.")
    [distance] = compare.bearing_flags([a, b])
    figure = compare._flag("number_mismatch", "Figure: distance", distance.variants)
    assert compare.without_repeats([figure, distance]) == [figure]
    assert compare.without_repeats([distance]) == [distance]

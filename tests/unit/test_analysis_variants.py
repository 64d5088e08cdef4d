"""The one reader of Flag.variants: stored rows as frozen Variants, malformed ones tolerated."""

import dataclasses

import pytest

from claims.analysis.types import Evidence
from claims.analysis.types import Variant as BuiltVariant
from claims.analysis.variants import (
    EvidenceRef,
    Variant,
    evidence_refs,
    read_variants,
    variant_values,
)


def _stored():
    built = [
        BuiltVariant(
            "twelve",
            ["Daily Lantern", "Harbour Post"],
            [Evidence(3, "Twelve boats left the pier.", 10, 37)],
        ),
        BuiltVariant(
            "eleven",
            ["Valley Courier"],
            [Evidence(4, "Eleven boats left.", 0, 18)],
            diff="[Eleven] boats",
            quote="Eleven boats left",
        ),
    ]
    return [v.to_dict() for v in built]


def test_round_trip_is_the_stored_form():
    stored = _stored()
    assert [v.to_dict() for v in read_variants(stored)] == stored


def test_fields_read_typed():
    first, second = read_variants(_stored())
    assert first.outlets == ("Daily Lantern", "Harbour Post")
    assert first.evidence == (EvidenceRef(3, "Twelve boats left the pier.", 10, 37),)
    assert first.evidence[0].span == (10, 37)
    assert (second.diff, second.quote) == ("[Eleven] boats", "Eleven boats left")


def test_variant_is_frozen():
    variant = read_variants(_stored())[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        variant.value = "thirteen"  # type: ignore[misc]


@pytest.mark.parametrize("raw", [None, "", "twelve", 12, {"value": "twelve"}, (), []])
def test_not_a_list_reads_as_no_variants(raw):
    assert read_variants(raw) == []


def test_entries_that_are_not_variants_are_left_out():
    raw = ["twelve", None, 7, [], {}, {"value": "twelve"}]
    assert read_variants(raw) == [Variant(value="twelve")]


def test_fields_of_the_wrong_type_read_as_empty():
    raw = [{"value": None, "outlets": "Harbour Post", "evidence": {"article": 1}, "quote": None}]
    assert read_variants(raw) == [Variant()]


def test_values_and_outlets_become_strings():
    raw = [{"value": 41, "outlets": ["Harbour Post", None, 7]}]
    assert read_variants(raw) == [Variant(value="41", outlets=("Harbour Post", "7"))]


def test_evidence_tolerates_gaps_and_bad_offsets():
    raw = [
        {
            "value": "twelve",
            "evidence": [
                "Twelve boats left.",
                {"article": "5", "text": None, "start": "3", "end": 9},
                {"article": "https://lantern.example/boats", "start": True, "end": 4},
                {"article": "", "text": "Twelve.", "start": 0, "end": 7},
                {"article": False},
            ],
        }
    ]
    (variant,) = read_variants(raw)
    assert variant.evidence == (
        EvidenceRef(article=5, text="", start=None, end=9),
        EvidenceRef(article="https://lantern.example/boats", start=None, end=4),
        EvidenceRef(article=None, text="Twelve.", start=0, end=7),
        EvidenceRef(),
    )
    assert [ev.span for ev in variant.evidence] == [None, None, (0, 7), None]


def test_evidence_refs_flattens_in_stored_order():
    refs = evidence_refs(_stored())
    assert [(ev.article, ev.start) for ev in refs] == [(3, 10), (4, 0)]
    assert evidence_refs("not json rows") == []


def test_variant_values_distinct_non_empty_in_order():
    raw = [{"value": "twelve"}, {"value": ""}, {"value": None}, {"value": "twelve"}, {"value": 11}]
    assert variant_values(raw) == ["twelve", "11"]

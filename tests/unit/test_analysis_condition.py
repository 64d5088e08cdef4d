"""A named person's condition across outlets (claims.analysis.condition). Made-up sentences."""

from datetime import UTC, datetime

import pytest

from claims.analysis import compare, condition
from claims.analysis.types import ArticleInfo
from tests.unit.analysis_builders import article, claim, person

DORSK = "Lena Dorsk"


def _told(i, outlet, text):
    people = []
    for name in ("Lena Dorsk", "Dorsk", "Ivo Kalm"):
        if name in text:
            found = person(name, DORSK if "Dorsk" in name else name)
            found.start = text.index(name)
            found.end = found.start + len(name)
            people.append(found)
            break
    return claim(i, outlet, text, people=people)


def _flags(*reports):
    """(outlet, hours after T0, sentence)."""
    claims = [_told(i, o, t) for i, (o, _, t) in enumerate(reports, start=1)]
    articles = {i: article(i, o, hours=h) for i, (o, h, _) in enumerate(reports, start=1)}
    return compare.condition_flags(claims, articles)


@pytest.mark.parametrize(
    "text, label",
    [
        ("Lena Dorsk is in life-threatening condition after the attack.", "in danger"),
        ("Dorsk is not yet out of danger, doctors said.", "in danger"),
        ("Dorsk is not in a life-threatening condition anymore.", "out of danger"),
        ("The mayor said Dorsk's life is not in danger.", "out of danger"),
        ("Lena Dorsk was in stable condition after surgery.", "out of danger"),
        ("Dorsk is currently out of danger, the hospital said.", "out of danger"),
    ],
)
def test_the_condition_a_sentence_gives_a_named_person(text, label):
    [report] = condition.conditions(_told(1, "A", text), None)
    assert (report.label, report.subject) == (label, DORSK)


@pytest.mark.parametrize(
    "text",
    [
        "Lena Dorsk said that the mayor is not out of danger yet.",  # someone's account
        "The patient is in critical condition.",  # no one named
        "Dorsk was critically injured in the attack.",  # the wound, not the condition
    ],
)
def test_no_named_persons_condition_is_read(text):
    assert not any(r.subject == DORSK for r in condition.conditions(_told(1, "A", text), None))


def test_in_danger_and_out_of_danger_within_hours_is_a_contradiction():
    [flag] = _flags(
        ("A", 0, "Lena Dorsk is in life-threatening condition after the attack."),
        ("B", 2, "The mayor said Dorsk's life is not in danger."),
    )
    assert flag.kind == "polarity_mismatch" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"in danger", "out of danger"}
    assert flag.subject == "Lena Dorsk: condition"


def test_a_recovery_days_later_or_one_outlets_own_account_is_no_clash():
    assert not _flags(
        ("A", 0, "Lena Dorsk is in life-threatening condition after the attack."),
        ("B", 72, "Dorsk is currently out of danger, the hospital said."),
    )
    assert not _flags(
        ("A", 0, "Lena Dorsk is in life-threatening condition after the attack."),
        ("A", 1, "Dorsk is currently out of danger, the hospital said."),
    )


def test_reports_dated_by_day_only_clash_on_the_same_day_as_a_discrepancy():
    texts = [
        "Dorsk is not yet out of danger, doctors said.",
        "Lena Dorsk was in stable condition after surgery.",
    ]
    claims = [_told(i, o, t) for i, (o, t) in enumerate(zip("AB", texts, strict=True), 1)]
    day = datetime(2025, 5, 16, tzinfo=UTC)
    articles = {i: ArticleInfo(i, o, day, "t", "", "") for i, o in ((1, "A"), (2, "B"))}
    [flag] = compare.condition_flags(claims, articles)
    assert flag.severity == "discrepancy"
    articles[2] = ArticleInfo(2, "B", datetime(2025, 5, 17, tzinfo=UTC), "t", "", "")
    assert compare.condition_flags(claims, articles) == []

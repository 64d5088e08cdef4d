"""A weekday beside a date it does not fall on (claims.analysis.weekdays)."""

from datetime import UTC, date, datetime

import pytest

from claims.analysis import compare
from claims.analysis.weekdays import weekday_errors
from tests.unit.analysis_builders import article, claim

PUBLISHED = datetime(2025, 3, 7, 9, 0, tzinfo=UTC)  # a Friday


@pytest.mark.parametrize(
    "text",
    [
        "The suspect was detained on Tuesday (March 5).",
        "The hearing took place on Tuesday, March 5.",
        "The hearing took place on 5 March, a Tuesday.",
        "The hearing took place on March 5 (Tuesday).",
    ],
)
def test_a_weekday_the_date_does_not_fall_on(text):
    [error] = weekday_errors(text, PUBLISHED)
    assert (error.written, error.actual, error.day) == ("Tuesday", "Wednesday", date(2025, 3, 5))


@pytest.mark.parametrize(
    "text, published",
    [
        ("The suspect was detained on Wednesday (March 5).", PUBLISHED),
        ("The suspect was detained on Tuesday (March 5, 2024).", PUBLISHED),
        ("The suspect was detained on Tuesday.", PUBLISHED),  # a weekday with no date
        ("The suspect was detained on Tuesday (March 5).", None),  # no year to read it in
        ("It was Tuesday, March 5, 9999.", PUBLISHED),
        ("It was Tuesday, March 5, 0.", PUBLISHED),
        ("It was Tuesday, June 31.", PUBLISHED),
    ],
)
def test_right_weekdays_and_bad_input_are_skipped(text, published):
    assert weekday_errors(text, published) == []


def test_december_date_in_a_january_paper_is_last_year():
    # 30 December 2024 was a Monday
    published = datetime(2025, 1, 2, tzinfo=UTC)
    assert weekday_errors("He left on Monday, December 30.", published) == []
    [error] = weekday_errors("He left on Sunday, December 30.", published)
    assert error.actual == "Monday"


def test_the_article_is_flagged_with_the_computed_weekday():
    a = article(1, "A")
    a.published = PUBLISHED
    c = claim(1, "A", "The suspect was detained on Tuesday (March 5).")
    [flag] = compare.weekday_flags([c], {1: a})
    assert flag.kind == "date_mismatch" and flag.severity == "contradiction"
    assert "which was a Wednesday" in flag.reason
    assert [v.value for v in flag.variants] == ["Tuesday (March 5)", "2025-03-05 is a Wednesday"]


# --- one event dated by several outlets ---------------------------------------------


def _dated(article_id, outlet, text, written, iso):
    from claims.nlp.types import DateSlot

    start = text.index(written)
    return claim(article_id, outlet, text, dates=[DateSlot(written, iso, True, start, start)])


def test_outlets_dating_one_arrest_a_day_apart_mismatch():
    a = _dated(1, "A", "The singer was arrested on Saturday in Lyon.", "Saturday", "2025-03-01")
    b = _dated(2, "B", "Police said the singer was arrested on Sunday.", "Sunday", "2025-03-02")
    [flag] = compare.event_date_flags([a, b])
    assert flag.kind == "date_mismatch" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"2025-03-01", "2025-03-02"}


@pytest.mark.parametrize(
    "second",
    [
        ("Police said on Sunday the singer was held.", "Sunday", "2025-03-02"),  # reporting
        ("A second man was arrested on 20 March.", "20 March", "2025-03-20"),  # weeks apart
        ("A man was arrested on Saturday, March 1, 0.", "Saturday", "0000-03-01"),  # no such day
        ("He was arrested on Saturday.", "Saturday", "9999-03-01"),  # absurd year
    ],
)
def test_other_facts_reports_and_bad_dates_never_flag(second):
    a = _dated(1, "A", "The singer was arrested on Saturday in Lyon.", "Saturday", "2025-03-01")
    b = _dated(2, "B", *second)
    assert compare.event_date_flags([a, b]) == []


def _two_dates(article_id, outlet, text, *dated):
    from claims.nlp.types import DateSlot

    slots = [DateSlot(w, iso, True, text.index(w), text.index(w)) for w, iso in dated]
    return claim(article_id, outlet, text, dates=slots)


def test_a_sentence_naming_the_other_day_for_another_thing_is_no_mismatch():
    # its writer dates the first vote Tuesday and the second Wednesday
    a = _two_dates(
        1,
        "A",
        "The first vote will be held on Tuesday, with a second vote likely on Wednesday.",
        ("Tuesday", "2025-03-04"),
        ("Wednesday", "2025-03-05"),
    )
    b = _dated(2, "B", "A second vote will be held on Wednesday.", "Wednesday", "2025-03-05")
    assert compare.event_date_flags([a, b]) == []
    # a sentence naming only its own day still clashes a day apart
    c = _dated(3, "C", "The first vote will be held on Thursday.", "Thursday", "2025-03-06")
    assert compare.event_date_flags([c, b])


def test_one_outlet_alone_is_no_mismatch():
    a = _dated(1, "A", "The singer was arrested on Saturday in Lyon.", "Saturday", "2025-03-01")
    b = _dated(2, "A", "The singer was arrested on Sunday, it said.", "Sunday", "2025-03-02")
    assert compare.event_date_flags([a, b]) == []


# --- the time of day of one event ----------------------------------------------------


def _said(article_id, outlet, text):
    return claim(article_id, outlet, text)


def test_outlets_putting_one_quake_at_different_times_of_day_mismatch():
    a = _said(1, "A", "The quake struck the valley at about 10am on Monday.")
    b = _said(2, "B", "A powerful quake hit the valley on Monday night.")
    [flag] = compare.event_time_flags([a, b])
    assert flag.kind == "date_mismatch" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"at about 10am", "night"}


@pytest.mark.parametrize(
    "second",
    [
        "The quake struck at 10:20 a.m., the agency said.",  # the same time, more precise
        "The quake hit in the morning.",  # a part of the day that holds 10am
        "The quake struck at 10am (0630 GMT).",  # another zone in parentheses
        "Five strong tremors struck the valley at night.",  # aftershocks, not the quake
        "The quake struck, officials said on Monday night.",  # when it was said
        "The quake struck at 17 pm.",  # no such hour
    ],
)
def test_same_times_other_zones_and_bad_hours_never_flag(second):
    a = _said(1, "A", "The quake struck the valley at about 10am on Monday.")
    assert compare.event_time_flags([a, _said(2, "B", second)]) == []


def test_one_outlet_alone_gives_no_time_mismatch():
    a = _said(1, "A", "The quake struck at 10am.")
    b = _said(2, "A", "The quake hit on Monday night.")
    assert compare.event_time_flags([a, b]) == []


def test_times_on_different_named_days_are_two_events():
    a = _said(1, "A", "The storm hit the coast late Thursday.")
    b = _said(2, "B", "The storm hit the city on Friday morning.")
    assert compare.event_time_flags([a, b]) == []

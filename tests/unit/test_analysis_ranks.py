"""A person's rank as outlets write it (claims.analysis.ranks through compare). Made-up text."""

from datetime import UTC, datetime

import pytest

from claims.analysis import compare, ranks
from claims.analysis.types import ArticleInfo, Person


@pytest.mark.parametrize(
    ("words", "rank"),
    [
        ("Capt.", "captain"),
        ("spokeswoman Lt.", "lieutenant"),
        ("Lt. Col.", "lieutenant colonel"),
        ("Det Sgt", "detective sergeant"),
        ("Petty Officer 2nd Class", "petty officer 2nd class"),
        ("Maj. Gen.", "major general"),
        ("Attorney General", ""),  # an office, not a rank
        ("Officer", ""),  # how any police officer is addressed
        ("Mayor", ""),
    ],
)
def test_the_rank_before_a_name(words, rank):
    assert ranks.read_rank(words) == rank


def test_a_rank_in_full_and_shortened_is_one():
    assert ranks.ranks_agree("lieutenant colonel", "colonel")
    assert ranks.ranks_agree("staff sergeant", "sergeant")
    assert not ranks.ranks_agree("captain", "lieutenant")


def _people():
    return [Person("Dana Ruiz", {"Dana Ruiz": ["A", "B"]}, [], ["A", "B", "C"])]


def _articles(*rows):
    return {
        i: ArticleInfo(i, outlet, datetime(*day, tzinfo=UTC), "", text)
        for i, (outlet, day, text) in enumerate(rows, start=1)
    }


def test_one_person_given_two_ranks_by_two_outlets_flags():
    articles = _articles(
        ("A", (2025, 3, 1), "Two hikers were found, Capt. Dana Ruiz said on Sunday."),
        ("B", (2025, 3, 2), "Sheriff's spokeswoman Lt. Dana Ruiz said the search was over."),
    )
    [flag] = compare.rank_flags(_people(), articles)
    assert flag.kind == compare.TITLE_MISMATCH and flag.subject == "Rank: Dana Ruiz"
    assert {v.value for v in flag.variants} == {"captain", "lieutenant"}
    assert flag.severity == compare.DISCREPANCY


@pytest.mark.parametrize(
    "second",
    [
        ((2025, 3, 2), "Detective Sgt. Dana Ruiz led the search."),  # shortened rank, one outlet
        ((2025, 3, 2), "Det. Sgt. Dana Ruiz led the search."),
        (
            (2026, 2, 1),
            "Lt. Dana Ruiz, now in charge of the unit, spoke.",
        ),  # a promotion, months on
    ],
)
def test_one_rank_or_a_later_promotion_is_no_flag(second):
    articles = _articles(
        ("A", (2025, 3, 1), "Detective Sergeant Dana Ruiz said the hikers were found."),
        ("B", *second),
    )
    assert compare.rank_flags(_people(), articles) == []


def test_a_family_name_that_opens_another_name_is_not_that_person():
    people = [Person("Dana Ruiz", {"Dana Ruiz": ["A"]}, [], ["A", "B"])]
    articles = _articles(
        ("A", (2025, 3, 1), "Capt. Dana Ruiz said the hikers were found."),
        ("B", (2025, 3, 1), "Staff Sgt. Ruiz Molina, a medic, treated them."),
    )
    assert compare.rank_flags(people, articles) == []

"""The fate of people outlets do not name (claims.analysis.fates). Made-up sentences."""

import pytest

from claims.analysis import compare, fates
from tests.unit.analysis_builders import article, claim


def _flags(*reports):
    """(outlet, hours after T0, sentence) -> the fate flags of one story."""
    claims, articles = [], {}
    for i, (outlet, hours, text) in enumerate(reports, start=1):
        articles[i] = article(i, outlet, hours=hours)
        claims.append(claim(i, outlet, text))
    return compare.fate_flags(claims, articles)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The driver stabbed his uncle before fleeing the farm.", []),
        ("The driver killed his uncle before fleeing the farm.", [("uncle", fates.DEAD)]),
        ("The driver seriously wounded his uncle at the farm.", [("uncle", fates.HURT)]),
        ("The driver fatally wounded his uncle at the farm.", [("uncle", fates.DEAD)]),
        ("His uncle was fatally shot at the farm.", [("uncle", fates.DEAD)]),
        (
            "The driver attacked his uncle, who has been hospitalised, and fled.",
            [("uncle", fates.HURT)],
        ),
        (
            "The driver stabbed his 70-year-old aunt, whom he lived with, and she remains in "
            "stable condition.",
            [("aunt", fates.HURT)],
        ),
        # the pronoun cannot be the aunt: the state is the driver's, not hers
        ("The driver stabbed his aunt and two neighbours before he was killed by police.", []),
        ("The pilot's father said the pilot died instantly.", [("pilot", fates.DEAD)]),
        # a stay in hospital of another time, or for the mind, is no wound of the attack
        ("The gunman had been hospitalized for two weeks months before the attack.", []),
        ("The gunman was hospitalized for a psychiatric evaluation last summer.", []),
    ],
)
def test_the_fate_of_a_role(text, expected):
    assert [(role, stage) for role, stage, _ in fates.role_fates(text)] == expected


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("A fishing boat with six people aboard has been missing since Monday.", fates.MISSING),
        ("All six people on board the missing boat have died, the coastguard said.", fates.DEAD),
        ("The six crew members are presumed dead, the coastguard said.", fates.PRESUMED),
        ("The crash resulted in the loss of all lives on board.", fates.DEAD),
        # some of them: a toll, compared as a figure
        ("Twelve of the 40 passengers on board died.", None),
        ("It is not clear whether all six on board died.", None),
        ("The boat carried six passengers.", None),
    ],
)
def test_everyone_aboard(text, stage):
    found = fates.aboard_stage(text)
    assert (found[0] if found else None) == stage


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("No deaths have been reported so far, officials said.", fates.NONE_DEAD),
        ("No injuries or casualties were reported at the depot.", fates.NONE_DEAD),
        ("No civilian deaths were reported.", None),  # soldiers may have died
        ("Officials confirmed the discovery of three bodies.", fates.DEAD),
        ("We have two fatalities in the burn area, the chief said.", fates.DEAD),
        # one place of several, or more on top of earlier deaths
        ("No deaths were reported in Northshire.", None),
        ("No new deaths were reported in the districts of Ambra and Velo.", None),
        ("Police are investigating whether two deaths are linked to the fire.", None),
        # some places of several reporting none
        ("At least 12 parishes have reported no deaths.", None),
        ("Four shelters recorded no fatalities overnight.", None),
    ],
)
def test_deaths_at_all(text, stage):
    found = fates.death_stage(text)
    assert (found[0] if found else None) == stage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Doe said a guard was seriously wounded in the attack.", []),  # "said" ends his clause
        ("Doe was seriously wounded in the attack, police said.", [("Martin Doe", fates.HURT)]),
        ("The gang killed Doe outside his shop.", [("Martin Doe", fates.DEAD)]),
        (
            "Doe was critically injured and taken to the county hospital, where he was later "
            "pronounced dead.",
            [("Martin Doe", fates.DEAD)],
        ),
        ("Doe, whose brother was killed in the attack, spoke to reporters.", []),
        ("Doe survived a shooting outside his shop in 2019.", []),
    ],
)
def test_the_fate_of_a_named_person(text, expected):
    found = fates.role_fates(text, [("Doe", "Martin Doe")])
    assert [(who, stage) for who, stage, _ in found if who == "Martin Doe"] == expected


def test_killed_against_wounded_is_a_contradiction():
    [flag] = _flags(
        ("A", 0, "The driver killed his uncle before fleeing the farm."),
        ("B", 1, "The driver critically wounded his uncle before fleeing the farm."),
    )
    assert flag.kind == "polarity_mismatch" and flag.severity == "contradiction"
    assert flag.subject == "Fate: uncle"
    assert {v.value for v in flag.variants} == {fates.DEAD, fates.HURT}


def test_wounded_then_dead_days_later_may_be_death_from_wounds():
    [flag] = _flags(
        ("A", 0, "The driver critically wounded his uncle at the farm."),
        ("B", 72, "The driver killed his uncle at the farm, prosecutors said on Monday."),
    )
    assert flag.severity == "discrepancy"


def test_missing_then_dead_is_shown_in_the_order_reported():
    [flag] = _flags(
        ("A", 0, "A fishing boat with six people aboard has been missing since Monday."),
        ("B", 48, "All six people on board the boat died, the coastguard said."),
    )
    assert flag.severity == "discrepancy"
    assert "reported first: missing, then reported dead" in flag.reason


def test_fatally_wounded_is_dead():
    [flag] = _flags(
        ("A", 0, "His uncle was fatally shot at the farm on Sunday."),
        ("B", 1, "The driver seriously wounded his uncle at the farm on Sunday."),
    )
    assert {v.value for v in flag.variants} == {fates.DEAD, fates.HURT}


def test_no_deaths_then_deaths():
    [flag] = _flags(
        ("A", 0, "No deaths have been reported so far, officials said."),
        ("B", 30, "Officials confirmed the discovery of three bodies."),
    )
    assert flag.subject == "Fate: deaths at all"
    assert {v.value for v in flag.variants} == {fates.NONE_DEAD, fates.DEAD}


def test_no_one_hurt_days_after_the_first_reports_of_injuries_is_a_later_incident():
    assert not _flags(
        ("A", 0, "Four passers-by were injured by flying glass."),
        ("B", 24 * 10, "A second blast shook the quarry. No injuries were reported."),
    )
    assert not _flags(
        ("A", 0, "Officials confirmed the discovery of three bodies."),
        ("B", 24 * 4, "The aftershock cracked walls but no deaths were reported."),
    )
    [flag] = _flags(
        ("A", 0, "Four passers-by were injured by flying glass."),
        ("B", 24, "No injuries were reported, the fire service said."),
    )
    assert flag.subject == "Fate: injuries at all"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("No one else was injured in the crash, police said.", fates.NONE_HURT),
        ("No injuries were reported, the fire service said.", fates.NONE_HURT),
        ("Four passers-by were injured by flying glass.", fates.SOME_HURT),
        ("The blast injured 12 people in the market.", fates.SOME_HURT),
        ("No further injuries were reported.", None),  # there were some before
        ("No civilian injuries were reported.", None),  # rescuers may have been hurt
        ("There were no serious injuries, the coastguard said.", None),
        ("Police did not say whether anyone was hurt.", None),
        # some hurt, however many, and in other words
        (
            "Several riders suffered minor injuries, but no one was seriously hurt.",
            fates.SOME_HURT,
        ),
        ("Nine people aboard the ferry suffered minor injuries.", fates.SOME_HURT),
        ("The collision, which did not result in any injuries, closed the road.", fates.NONE_HURT),
        ("No one was seriously hurt.", None),
    ],
)
def test_injuries_at_all(text, stage):
    found = fates.injury_stage(text)
    assert (found[0] if found else None) == stage


def test_no_one_injured_against_people_injured():
    [flag] = _flags(
        ("A", 0, "No one else was injured in the crash, police said."),
        ("B", 1, "Two cyclists were hurt in the crash, police said."),
    )
    assert flag.subject == "Fate: injuries at all" and flag.severity == "discrepancy"
    assert {v.value for v in flag.variants} == {fates.NONE_HURT, fates.SOME_HURT}


def test_never_flagged():
    # one outlet changing its own account; the same stage in other words;
    # two kinds of wounded over days
    assert (
        _flags(
            ("A", 0, "A fishing boat with six people aboard has been missing since Monday."),
            ("A", 48, "All six people on board the boat died, the coastguard said."),
        )
        == []
    )
    assert (
        _flags(
            ("A", 0, "The driver seriously wounded his uncle at the farm."),
            ("B", 30, "The driver attacked his uncle, who remains in stable condition."),
        )
        == []
    )
    assert (
        _flags(
            ("A", 0, "A boat with six people aboard has been missing since Monday."),
            ("B", 48, "Twelve of the 40 passengers on board died."),
        )
        == []
    )

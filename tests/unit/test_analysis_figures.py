"""Figures compared only when they measure the same thing; timelines of moving
figures (claims.analysis.figures through compare). Made-up sentences."""

import pytest

from claims.analysis import compare, figures
from claims.nlp.language import get_nlp
from claims.nlp.quantities import find_quantities
from tests.unit.analysis_builders import article, claim


def fig_claim(article_id, outlet, text):
    return claim(article_id, outlet, text, quantities=find_quantities(text, 0, get_nlp()(text)[:]))


def q(text):
    return find_quantities(text, 0, get_nlp()(text)[:])[0]


def numbers(claims, articles=None):
    articles = articles or {c.article_id: article(c.article_id, c.outlet) for c in claims}
    return compare.figure_flags("label", "fp", claims, articles, [])


# --- agreement of two figures -----------------------------------------------------------


def test_yards_and_metres_of_the_same_value_differ():
    assert figures.agreement(q("It landed 300 yards away."), q("It landed 300 metres away.")) == (
        "differ"
    )


def test_a_rounded_conversion_is_the_same_figure():
    assert figures.agreement(q("The route is 10 km long."), q("The route is 6 miles long.")) == (
        "same"
    )


def test_weeks_and_days_agree_within_a_few_days():
    weeks = q("The siege lasted five weeks.")
    assert figures.agreement(weeks, q("The siege lasted 35 days.")) == "same"
    assert figures.agreement(weeks, q("The siege lasted 33 days.")) == "same"
    assert figures.agreement(weeks, q("The siege lasted 20 days.")) == "differ"


@pytest.mark.parametrize("other", ["Over 3,000 fans came.", "3,000 fans came."])
def test_about_over_and_exact_are_consistent(other):
    assert figures.agreement(q("About 3,000 fans came."), q(other)) in ("same", "approx")


def test_indian_grouping_equals_the_western_figure():
    assert figures.agreement(q("2,50,000 pilgrims came."), q("250,000 pilgrims came.")) == "same"


# --- inside a claim cluster ---------------------------------------------------------------


def test_different_distances_flag_with_severity_and_reason():
    a = fig_claim(1, "A", "The rocket landed 300 yards from the hospital.")
    b = fig_claim(2, "B", "The rocket landed 300 metres from the hospital.")
    [flag] = numbers([a, b])
    assert flag.kind == "number_mismatch" and flag.severity == "contradiction"
    assert "one unit" in flag.reason
    assert {v.value for v in flag.variants} == {"300 yards", "300 metres"}


@pytest.mark.parametrize(
    "first, second",
    [
        ("The walk is 10 km (6 miles) long.", "The walk is 6 miles long."),
        ("The deal is worth £50m ($63m).", "The deal is worth $63m."),
        ("The deal is worth £50m ($63m).", "The deal is worth £50m."),
        ("Almost 2,50,000 people fled.", "Almost 250,000 people fled."),
        ("The talks ran for five weeks.", "The talks ran for 35 days."),
    ],
)
def test_one_value_stated_twice_never_flags(first, second):
    assert numbers([fig_claim(1, "A", first), fig_claim(2, "B", second)]) == []


def test_approximations_are_at_most_a_low_severity_discrepancy():
    claims = [
        fig_claim(1, "A", "About 3,000 workers joined the strike."),
        fig_claim(2, "B", "Over 3,000 workers joined the strike."),
        fig_claim(3, "C", "3,000 workers joined the strike."),
    ]
    assert all(f.severity != "contradiction" for f in numbers(claims))


def test_figures_that_count_different_things_are_not_compared():
    a = fig_claim(1, "A", "Nine passengers were injured in the collision.")
    b = fig_claim(2, "B", "Two crew members were injured in the collision.")
    c = fig_claim(3, "C", "Thieves stole 40 paintings, and 12 paintings were recovered.")
    d = fig_claim(4, "D", "Thieves stole 40 paintings from the gallery.")
    assert numbers([a, b]) == [] and numbers([c, d]) == []


def test_unknown_units_and_absurd_figures_never_flag():
    a = fig_claim(1, "A", "The colt ran 12 furlongs and 10^400 people watched.")
    b = fig_claim(2, "B", "The colt ran 12 miles and 1e500 people watched.")
    assert numbers([a, b]) == []


# --- timelines -------------------------------------------------------------------------------


def _story(*reports):
    """(outlet, hours after T0, sentence) -> claims and their articles."""
    claims, articles = [], {}
    for i, (outlet, hours, text) in enumerate(reports, start=1):
        articles[i] = article(i, outlet, hours=hours)
        claims.append(fig_claim(i, outlet, text))
    return claims, articles


def _contradictions(flags):
    return [f for f in flags if f.severity == "contradiction"]


def test_a_toll_that_moves_is_a_timeline_not_a_contradiction():
    claims, articles = _story(
        ("A", 0, "At least 41 people were killed in the blast, police said."),
        ("B", 30, "The death toll rose to 97 on Tuesday."),
        ("C", 160, "Officials said the final death toll was 112."),
    )
    timelines, flags = compare.timeline_flags(claims, articles, [])
    [moved] = flags  # the timeline itself, for a reviewer's look
    assert moved.severity == "discrepancy" and "moved over time" in moved.reason
    assert {v.value for v in moved.variants} == {"At least 41", "97", "112"}
    [timeline] = timelines
    assert [p["value"] for p in timeline["points"]] == [41, 97, 112]
    assert [p["status"] for p in timeline["points"]] == ["superseded", "superseded", "latest"]
    assert timeline["final"] == 112 and timeline["outlets"] == ["A", "B", "C"]


def test_reports_of_the_same_time_that_disagree_contradict():
    claims, articles = _story(
        ("A", 0, "Officials said 41 people were killed in the blast."),
        ("B", 1, "Officials said 67 people were killed in the blast."),
        ("C", 72, "Officials said 70 people were killed in the blast."),
    )
    _, flags = compare.timeline_flags(claims, articles, [])
    [flag] = _contradictions(flags)
    assert "within" in flag.reason
    assert {v.value for v in flag.variants} == {"41", "67"}


def test_bare_dates_are_not_the_same_time():
    claims, articles = _story(
        ("A", 0, "Officials said 41 people were killed in the blast."),
        ("B", 1, "Officials said 67 people were killed in the blast."),
    )
    for a in articles.values():
        a.published = a.published.replace(hour=0, minute=0)
    _, flags = compare.timeline_flags(claims, articles, [])
    assert _contradictions(flags) == []


def test_a_figure_beyond_the_final_official_one_contradicts():
    claims, articles = _story(
        ("A", 0, "Police said 35 people died in the fire."),
        ("B", 20, "As many as 90 people died in the fire, a witness said."),
        ("C", 100, "Officials confirmed that 52 people died in the fire."),
        ("D", 101, "The fire killed 52 people, the ministry said."),
    )
    timelines, flags = compare.timeline_flags(claims, articles, [])
    [flag] = _contradictions(flags)
    assert "exceeds the final figure" in flag.reason
    assert {v.value for v in flag.variants} == {"90", "52"}
    assert timelines[0]["final"] == 52


def test_a_figure_about_another_event_stays_off_the_timeline():
    claims, articles = _story(
        ("A", 0, "Police said 35 people died in the fire."),
        ("B", 20, "A week earlier, 90 people died in a similar fire upstate."),
        ("C", 40, "Police said 40 people died in the fire."),
    )
    [timeline], _ = compare.timeline_flags(claims, articles, [])
    assert [p["value"] for p in timeline["points"]] == [35, 40]


def test_different_tallies_make_different_timelines():
    claims, articles = _story(
        ("A", 0, "Twelve people on board were killed in the crash."),
        ("B", 5, "Three people on the ground were killed in the crash."),
        ("C", 50, "Fourteen people on board were killed in the crash."),
    )
    timelines, flags = compare.timeline_flags(claims, articles, [])
    assert _contradictions(flags) == []
    [timeline] = timelines
    assert [p["value"] for p in timeline["points"]] == [12, 14]


def test_timelines_need_a_publication_time():
    claims, articles = _story(
        ("A", 0, "Police said 35 people died in the fire."),
        ("B", 0, "Police said 36 people died in the fire."),
    )
    for a in articles.values():
        a.published = None
    assert compare.timeline_flags(claims, articles, []) == ([], [])

"""Figures compared only when they measure the same thing; timelines of moving
figures (claims.analysis.figures through compare). Made-up sentences."""

from datetime import datetime, timedelta

import pytest

from claims.analysis import compare, figures
from claims.nlp.dates import find_dates
from claims.nlp.language import get_nlp
from claims.nlp.quantities import find_quantities
from claims.nlp.types import DateSlot
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


def test_flights_cancelled_day_after_day_are_a_timeline():
    claims, articles = _story(
        ("A", 0, "The carrier cancelled 900 flights on Friday as its systems failed."),
        ("B", 30, "The carrier has now cancelled 2,400 flights since the outage."),
        ("C", 80, "The carrier cancelled 3,100 flights in all, its chief executive said."),
    )
    timelines, flags = compare.timeline_flags(claims, articles, [])
    [moved] = flags
    assert "moved over time" in moved.reason
    assert [p["value"] for p in timelines[0]["points"]] == [900, 2400, 3100]


def test_a_lower_bound_that_a_later_figure_passes_is_a_timeline():
    # "at least 23" and "31" are consistent as ranges, yet the toll moved
    claims, articles = _story(
        ("A", 0, "At least 23 people were killed when the barge sank."),
        ("B", 18, "The death toll from the barge sinking rose to 31."),
    )
    [timeline], [moved] = compare.timeline_flags(claims, articles, [])
    assert [p["status"] for p in timeline["points"]] == ["superseded", "latest"]
    assert moved.severity == "discrepancy"
    # a figure within "about" of the bound is no movement worth a look
    claims, articles = _story(
        ("A", 0, "At least 30 people were killed when the barge sank."),
        ("B", 18, "The death toll from the barge sinking rose to 31."),
    )
    assert compare.timeline_flags(claims, articles, []) == ([], [])


def test_two_different_maxima_differ():
    # "up to 20 years" and "up to 25 years" are two maximum sentences, not one estimate
    claims, articles = _story(
        ("A", 0, "The clerk faces up to 20 years in prison."),
        ("B", 1, "The clerk faces up to 25 years in prison."),
    )
    [flag] = compare.figure_flags("c", "c1", claims, articles, [])
    assert {v.value for v in flag.variants} == {"up to 20 years", "up to 25 years"}


def test_reports_of_the_same_time_that_disagree_contradict():
    claims, articles = _story(
        ("A", 0, "Officials said 41 people were killed in the blast."),
        ("B", 1, "Officials said 67 people were killed in the blast."),
        ("C", 72, "Officials said 70 people were killed in the blast."),
    )
    _, flags = compare.timeline_flags(claims, articles, [])
    # one flag for the moving figure: the timeline's, a contradiction now
    [flag] = _contradictions(flags)
    assert flags == [flag]
    assert "moved over time" in flag.reason and "within" in flag.reason
    assert "41 (A), 67 (B)" in flag.reason
    assert {v.value for v in flag.variants} == {"41", "67", "70"}


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
        ("B", 20, "A witness said 90 people died in the fire."),
        ("C", 100, "Officials confirmed that 52 people died in the fire."),
        ("D", 101, "The fire killed 52 people, the ministry said."),
    )
    timelines, flags = compare.timeline_flags(claims, articles, [])
    [flag] = _contradictions(flags)
    assert flags == [flag]
    assert "90 exceeds the final figure 52" in flag.reason
    assert {v.value for v in flag.variants} == {"35", "90", "52"}
    assert timelines[0]["final"] == 52


def test_the_latest_figure_is_the_last_day_s_not_the_last_official_one():
    # a toll only grows: a later, larger report supersedes an earlier official one,
    # and a recap weeks on repeating a stale toll is not the latest
    claims, articles = _story(
        ("A", 0, "Police said 35 people died in the fire."),
        ("B", 30, "The toll from the fire has risen to 48."),
        ("C", 500, "At least 40 people died in the fire, mourners were told."),
    )
    [timeline], _ = compare.timeline_flags(claims, articles, [])
    assert timeline["final"] == 48
    assert [p["status"] for p in timeline["points"]] == ["superseded", "latest", "superseded"]
    # a count that can fall takes the latest report whatever its value
    claims, articles = _story(
        ("A", 0, "Police said 35 people were hospitalised after the fire."),
        ("B", 30, "Twelve people remain hospitalised after the fire."),
    )
    [timeline], _ = compare.timeline_flags(claims, articles, [])
    assert timeline["final"] == 12
    # an official revising a toll down still gives the latest figure
    claims, articles = _story(
        ("A", 0, "The fire killed 72 people, officials said."),
        ("B", 200, "Officials now say 42 people died in the fire, not 72."),
    )
    [timeline], _ = compare.timeline_flags(claims, articles, [])
    assert timeline["final"] == 42


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


def test_undated_reports_make_no_chart_but_show_their_values():
    claims, articles = _story(
        ("A", 0, "Police said 35 people died in the fire."),
        ("B", 0, "Police said 36 people died in the fire."),
    )
    for a in articles.values():
        a.published = None
    timelines, flags = compare.timeline_flags(claims, articles, [])
    assert timelines == []  # no time to place them on a chart
    [flag] = flags
    assert {v.value for v in flag.variants} == {"35", "36"}
    assert flag.severity == "discrepancy" and "no publication times" in flag.reason


# --- rules added for real coverage (made-up sentences) ----------------------------------


def test_about_covers_rounding_but_not_a_different_distance():
    # "about 40 miles" is 36-44 miles; 45 miles (72 km) is outside it
    about = q("The epicentre was about 40 miles south of the town.")
    converted = find_quantities("It was 72 km (45 miles) south of the town.", 0, None)[0]
    assert figures.agreement(about, converted) == "differ"
    assert figures.agreement(about, q("The epicentre was 42 miles south of the town.")) == (
        "approx"
    )


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (
            "The aftershock came 20 minutes later.",
            "The aftershock came 19 minutes later.",
            "approx",
        ),
        ("He wrote a 2,300-word note.", "He wrote a 2,356-word note.", "approx"),
        ("He drove 10 hours to the city.", "He drove eight hours to the city.", "differ"),
        (
            "It had a magnitude of 7 on the scale.",
            "It had a magnitude of 6.8 on the scale.",
            "differ",
        ),
        ("It lasted 24 seconds.", "It lasted 32 seconds.", "differ"),
    ],
)
def test_a_round_figure_close_to_a_precise_one_rounds_it(a, b, expected):
    assert figures.agreement(q(a), q(b)) == expected


def test_who_was_aboard_is_never_a_rounding():
    precise = q("The ferry sailed with 241 people on board.")
    assert figures.agreement(precise, q("The ferry sailed with 240 people on board.")) == "differ"
    assert figures.agreement(precise, q("About 240 people were on board the ferry.")) != "differ"
    # other counts still round: "2,300 fans" is "2,356 fans" told roughly
    assert figures.agreement(q("2,300 fans came."), q("2,356 fans came.")) == "approx"


def test_a_figure_in_a_clause_about_another_event_stays_off_the_timeline():
    claims, articles = _story(
        ("A", 0, "Police said 35 people died in the flood."),
        ("B", 20, "It was worse than the 1998 storm, in which 4,000 people died."),
        ("C", 30, "The flood came hours after a bus crash killed 12 people."),
        ("D", 40, "Police said 40 people died in the flood."),
    )
    [timeline], _ = compare.timeline_flags(claims, articles, [])
    assert [p["value"] for p in timeline["points"]] == [35, 40]


def test_one_stray_figure_does_not_empty_the_timeline():
    # parts are judged against the typical report, not the largest one
    claims, articles = _story(
        ("A", 0, "Police said 35 people died in the flood."),
        ("B", 10, "Police said 38 people died in the flood."),
        ("C", 20, "Officials said 60,000 people died in the flood."),
        ("D", 30, "Police said 40 people died in the flood."),
    )
    [timeline], _ = compare.timeline_flags(claims, articles, [])
    assert {35, 38, 40} <= {p["value"] for p in timeline["points"]}


def test_reports_that_agree_within_their_approximations_make_no_flag():
    claims, articles = _story(
        ("A", 0, "Officials said 516 people are missing."),
        ("B", 5, "More than 500 people are missing, officials said."),
    )
    assert compare.timeline_flags(claims, articles, [])[1] == []


def test_casualties_are_not_a_death_toll():
    claims, articles = _story(
        ("A", 0, "Police said 35 people died in the flood."),
        ("B", 5, "Police said 35 people died in the flood."),
        ("C", 10, "Police said 90 people were killed and wounded in the flood."),
    )
    assert compare.timeline_flags(claims, articles, []) == ([], [])


def test_counts_of_one_specific_thing_are_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "There were 31 survivors, including four children, rescuers said."),
        ("B", 1, "Doctors said 31 survivors including five children were in hospital."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"four", "five"}
    assert flag.subject == "Figure: child"


def test_figures_of_different_doers_are_not_one_figure():
    claims, articles = _story(
        ("A", 0, "Sweden is expelling 15 Russian diplomats over the poisoning."),
        ("B", 1, "Norway has expelled 12 Russian diplomats over the poisoning."),
        ("C", 2, "Twelve Russian diplomats have been expelled, officials said."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []
    # one doer given two figures is a clash
    claims, articles = _story(
        ("A", 0, "Sweden is expelling 15 Russian diplomats over the poisoning."),
        ("B", 1, "Sweden has expelled 12 Russian diplomats over the poisoning."),
    )
    assert compare.story_figure_flags(claims, articles, [])


def test_a_things_age_is_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "The 60-year-old dam burst after two days of rain, officials said."),
        ("B", 1, "Engineers had warned for years about the 95-year-old dam upstream."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"60-year-old", "95-year-old"}


@pytest.mark.parametrize(
    "batch",
    [
        "Another four students came out in the evening.",
        "The remaining five students came out in the evening.",
        "The last four students came out in the evening, with the teacher.",
    ],
)
def test_a_batch_of_a_whole_told_in_parts_is_not_compared(batch):
    whole = "The 12 students came out in the evening, rescuers said."
    claims, articles = _story(("A", 0, whole), ("B", 1, batch))
    assert compare.story_figure_flags(claims, articles, []) == []
    # without the batch word the two counts still disagree
    other = "The nine students came out in the evening, rescuers said."
    claims, articles = _story(("A", 0, whole), ("B", 1, other))
    assert compare.story_figure_flags(claims, articles, [])


def test_one_member_singled_out_is_no_count_of_the_group():
    whole = "The 12 students came out in the evening, rescuers said."
    other = "The 11 students came out in the evening, rescuers said."
    one = "The mother of one student said she had not slept for days."
    claims, articles = _story(("A", 0, whole), ("B", 1, other), ("C", 2, one))
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"12", "11"}


def test_counts_of_people_in_different_sentences_are_not_compared():
    claims, articles = _story(
        ("A", 0, "About 300 people gathered at the vigil."),
        ("B", 1, "The city hall employs 45 people."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_distances_from_one_place_are_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "The quake struck about 30 miles south of Pelham."),
        ("B", 1, "Its epicentre lay 56 km (35 miles) southwest of the city of Pelham."),
    )
    flags = compare.story_figure_flags(claims, articles, [])
    assert [f.kind for f in flags] == ["number_mismatch"]
    assert flags[0].subject == "Figure: distance (from pelham)"


def test_one_distance_in_two_units_is_never_flagged():
    claims, articles = _story(
        ("A", 0, "The quake struck 56 km (35 miles) southwest of Pelham."),
        ("B", 1, "The quake struck about 35 miles southwest of Pelham."),
        ("C", 2, "The quake struck 56 kilometres south-west of Pelham."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_opposite_directions_from_one_place_are_a_place_mismatch():
    claims, articles = _story(
        ("A", 0, "The quake struck 56 km southwest of Pelham."),
        ("B", 1, "The quake struck 56 km northeast of Pelham."),
        ("C", 2, "The quake struck 56 km south of Pelham."),  # close to southwest: rounding
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.kind == "place_mismatch" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {
        "southwest of pelham",
        "northeast of pelham",
        "south of pelham",
    }


def test_two_towns_in_two_directions_from_one_place_are_no_clash():
    claims, articles = _story(
        ("A", 0, "He lived in Velmora, about 60 miles north of Castria."),
        ("B", 1, "Police raided a flat in Dunmere, 40 km (25 miles) west of Castria."),
    )
    assert all(
        f.kind != "place_mismatch" for f in compare.story_figure_flags(claims, articles, [])
    )
    # one place named two ways, at one distance, put in two directions still is
    claims, articles = _story(
        ("A", 0, "He was held in Velmora, about 1,900 km north-east of Castria."),
        ("B", 1, "He died in the Polar Fox colony, 1900 kilometres north-west of Castria."),
    )
    flags = compare.story_figure_flags(claims, articles, [])
    assert [f.kind for f in flags] == ["place_mismatch"]


def test_a_size_joined_to_its_noun_is_compared_only_for_things_of_one_name():
    claims, articles = _story(
        ("A", 0, "Relatives waited outside a collapsed six-storey building."),
        ("B", 1, "He worked in a seven-storey office block that fell."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []
    claims, articles = _story(
        ("A", 0, "The state set up a six-member committee to find the cause."),
        ("B", 1, "A five-member panel of engineers blamed the contractor."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []
    claims, articles = _story(
        ("A", 0, "A 150-car Westline freight train derailed near Halvard."),
        ("B", 1, "The 50-car Westline train was carrying solvents."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"150", "50"}
    # a team's own size ("a 12-strong team") is still compared
    claims, articles = _story(
        ("A", 0, "A 12-strong team of divers reached the chamber."),
        ("B", 1, "A 15-strong team of divers reached the chamber."),
    )
    assert compare.story_figure_flags(claims, articles, [])


def test_a_vessel_s_tonnage_is_one_figure_across_the_story_whenever_built():
    claims, articles = _story(
        ("A", 0, "The 2,100-tonne ferry, built in Norway in 1984, sank off Halvard."),
        ("B", 1, "Divers reached the 1,900-ton vessel on Tuesday."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"2,100-tonne", "1,900-ton"}
    # a cargo's weight is no vessel's size
    claims, articles = _story(
        ("A", 0, "The ferry carried 2,100 tonnes of grain."),
        ("B", 1, "The ferry carried 1,900 tonnes of grain when it sank."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_a_bare_count_beside_the_one_thing_described_by_it_counts_that_thing():
    # "more than 3,000 pages" of a story whose only paged thing is a 2,934-page report
    claims, articles = _story(
        ("A", 0, "The inquiry released a 2,934-page report on the Halvard fire."),
        (
            "B",
            1,
            "The findings on the Halvard fire were released, totalling more than 3,000 pages.",
        ),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"2,934", "more than 3,000"}
    # a count far from it is some of them, not the thing ("ten cars" of a 150-car train)
    claims, articles = _story(
        ("A", 0, "A 150-car Westline freight train derailed near Halvard."),
        ("B", 1, "Ten cars were carrying solvents when the Westline train derailed."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_a_sum_paid_bare_is_the_kind_the_story_names_at_that_value():
    # "paid $2.1 million to the gang" is the ransom another outlet calls "a $2.1 million ransom"
    claims, articles = _story(
        ("A", 0, "Norvale Fuels paid a ransom of $2.1 million to the Brightclaw gang."),
        ("B", 1, "Norvale Fuels paid $2.1 million to the Brightclaw gang, its chief said."),
        ("C", 2, "Norvale Fuels handed the Brightclaw gang a ransom of nearly $3 million."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    outlets = {o for v in flag.variants if "2.1" in v.value for o in v.outlets}
    assert outlets == {"A", "B"}
    # a sum of a value the story gives to no kind stays bare
    claims, articles = _story(
        ("A", 0, "Norvale Fuels paid a ransom of $2.1 million to the Brightclaw gang."),
        ("B", 1, "Norvale Fuels paid $900,000 to its lawyers, its chief said."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_a_sum_recovered_is_not_the_sum_paid():
    recovered = q("Police recovered $1.2 million of the ransom on Monday.")
    clawed = q("Agents clawed back approximately $1.1 million of the ransom.")
    assert recovered.counted == clawed.counted == "recovered"
    claims, articles = _story(
        ("A", 0, "Norvale Fuels paid a ransom of $2.1 million to the Brightclaw gang."),
        ("B", 1, "Police recovered $1.2 million in ransom from the Brightclaw gang."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_a_distance_of_four_digits_is_no_year():
    claims, articles = _story(
        ("A", 0, "The camp lies 1900 kilometres northwest of Pelham."),
        ("B", 1, "The camp lies about 1,900 km (1,180 miles) northeast of Pelham."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.kind == "place_mismatch"


def test_a_distance_from_a_place_is_this_events_even_beside_hours_after():
    claims, articles = _story(
        ("A", 0, "The sub lost contact 90 minutes after the dive began, 900 miles off Pelham."),
        ("B", 1, "The sub dived 1,000 miles east of Pelham."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.kind == "number_mismatch" and flag.subject == "Figure: distance (from pelham)"


def test_durations_of_one_action_are_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "The convoy drove eight hours to reach the border."),
        ("B", 1, "It was a 12-hour drive to the border, officials said."),
        ("C", 2, "Officials said the convoy drove about 12 hours to the border."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: duration (drive)"
    assert {v.value for v in flag.variants} == {"eight hours", "12-hour", "about 12 hours"}


def test_durations_of_broad_verbs_are_not_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "The storm lasted three days along the coast."),
        ("B", 1, "The power cut in the capital lasted five days."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_main_quake_magnitudes_are_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "A magnitude 6.1 earthquake struck the valley on Monday."),
        ("B", 1, "The 5.9-magnitude quake toppled houses across the valley."),
        ("C", 2, "The quake, of magnitude 6.1, was felt in the capital."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: magnitude of the main quake"
    assert {v.value for v in flag.variants} == {"6.1", "5.9"}


def test_aftershock_magnitudes_are_never_compared_with_the_main_quake():
    claims, articles = _story(
        ("A", 0, "A magnitude 6.1 earthquake struck the valley on Monday."),
        ("B", 1, "It was followed by three aftershocks measuring magnitude 5.2, 4.8 and 4.1."),
        ("C", 2, "A 4.6 magnitude aftershock hit the valley an hour later."),
        ("D", 3, "The 6.1-magnitude quake was followed by strong aftershocks."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_a_magnitude_a_point_below_the_main_quakes_is_another_shocks():
    claims, articles = _story(
        ("A", 0, "A magnitude 6.1 earthquake struck the valley on Monday."),
        ("B", 1, "The 6.1-magnitude quake toppled houses across the valley."),
        ("C", 2, "The strongest one came at dawn, with a magnitude of 5.0."),
        ("D", 3, "The quake, of magnitude 5.8, was felt in the capital."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"6.1", "5.8"}


@pytest.mark.parametrize(
    "a, b, near",
    [
        ("5631", "5361", True),  # digits swapped
        ("5631", "5632", True),  # one digit miswritten
        ("5631", "5631", False),
        ("5631", "17", False),  # another flight named in passing
        ("5631", "8024", False),
    ],
)
def test_flight_numbers_that_look_miswritten(a, b, near):
    assert figures.near_identifiers(a, b) is near


def test_one_flight_numbered_two_ways_is_a_number_mismatch():
    claims, articles = _story(
        ("A", 0, "Coastal Air flight CX-5631 left the capital at dawn."),
        ("B", 1, "Flight 5361 was bound for the islands."),
        ("C", 2, "Coastal Air flight 5631 carried mostly tourists."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: flight number" and flag.severity == "contradiction"
    # one variant per number, however its code is written
    assert sorted(sorted(v.outlets) for v in flag.variants) == [["A", "C"], ["B"]]


def test_one_flight_number_written_with_and_without_its_code_never_flags():
    claims, articles = _story(
        ("A", 0, "Coastal Air flight CX5631 left the capital at dawn."),
        ("B", 1, "Flight 5631 was bound for the islands."),
        ("C", 2, "Coastal Air flight CX 5631 carried mostly tourists."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_the_aftermath_of_this_event_stays_on_the_timeline():
    r = figures.FigureReport(
        q("In the hours after the blast, 14 people were confirmed dead."),
        fig_claim(1, "A", "In the hours after the blast, 14 people were confirmed dead."),
        None,
    )
    assert figures.about_this_event(r)


def test_how_long_the_attack_lasted_is_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "Witnesses said the rampage lasted about 40 seconds."),
        ("B", 1, "He fired in a 25-second barrage outside the mall."),
        ("C", 2, "Police believe the shooting lasted 41 seconds."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: duration (attack)"
    assert {v.value for v in flag.variants} == {"about 40 seconds", "25-second", "41 seconds"}


def test_an_articles_part_beside_its_total_is_no_disagreement():
    claims, articles = _story(
        ("A", 0, "Police said 21 people were arrested after the riot."),
        ("B", 1, "Police said 21 people were arrested after the riot."),
    )
    # the same article of A tells a part further down
    claims.append(fig_claim(1, "A", "Police said 16 people were arrested in the old town."))
    assert compare.timeline_flags(claims, articles, [])[1] == []
    # a smaller value another outlet gives on its own is still a disagreement
    claims, articles = _story(
        ("A", 0, "Police said 21 people were arrested after the riot."),
        ("B", 1, "Police said 16 people were arrested after the riot."),
    )
    assert compare.timeline_flags(claims, articles, [])[1] != []


def test_ages_of_different_people_are_never_a_death_toll():
    claims, articles = _story(
        ("A", 0, "The former mayor has died aged 91, his family said."),
        ("B", 1, "His wife died in 2015, at 87."),
    )
    timelines, flags = compare.timeline_flags(claims, articles, [])
    assert timelines == [] and flags == []


def test_a_rounded_span_matches_the_same_span_in_parts():
    a = q("Her term of 12 years and 100 days was the longest.")
    assert figures.agreement(a, q("She served a 12-year term.")) == "same"
    assert figures.agreement(a, q("She served a 13-year term.")) == "differ"


def _dated_fig(article_id, outlet, text, iso, written):
    c = fig_claim(article_id, outlet, text)
    at = text.index(written)
    c.data.dates = [DateSlot(written, iso, False, at, at + len(written))]
    return c


def test_a_figure_dated_years_before_the_story_is_of_another_time():
    old = _dated_fig(
        1,
        "A",
        "On May 2, 2016, the ferry line ran a 40-minute crossing to the island.",
        "2016-05-02",
        "May 2, 2016",
    )
    now = fig_claim(2, "B", "The ferry line runs a 55-minute crossing to the island.")
    articles = {1: article(1, "A"), 2: article(2, "B")}  # published in 2025
    assert numbers([old, now], articles) == []
    # a date of the story's own time is no reason to look away
    recent = _dated_fig(
        1,
        "A",
        "On May 2, 2025, the ferry line ran a 40-minute crossing to the island.",
        "2025-05-02",
        "May 2, 2025",
    )
    assert len(numbers([recent, now], articles)) == 1


def test_figures_seen_or_confirmed_count_the_same_thing():
    claims, articles = _story(
        ("A", 0, "The old harbour saw 12 lighthouse keepers during its history."),
        ("B", 1, "Records confirmed 13 lighthouse keepers during the harbour's history."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"12", "13"}


def _report(text: str, published: datetime | None) -> figures.FigureReport:
    return figures.FigureReport(q(text), fig_claim(1, "A", text), published)


def test_a_figure_of_an_earlier_event_named_by_its_year_is_not_this_events():
    text = "It is the worst blaze since the 2011 Ridgeway Fire killed 40 people."
    assert not figures.about_this_event(_report(text, datetime(2024, 5, 2, 9, 0)))
    # the year of the news itself names this event
    same = "The 2024 Ridgeway Fire has killed 40 people, officials said."
    assert figures.about_this_event(_report(same, datetime(2024, 5, 2, 9, 0)))
    # undated: no year to be earlier than
    assert figures.about_this_event(_report(text, None))


def test_depths_outlets_give_differently_are_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "The tremor struck at a depth of 12 km near the coast."),
        ("B", 1, "Seismologists said the tremor was centred 30 kilometres deep."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: distance (depth)"


def test_the_size_of_one_structure_is_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "Flames toppled the chapel's 61-metre bell tower on Monday."),
        ("B", 1, "The bell tower, which stood 64 metres tall, fell an hour after the fire began."),
        ("C", 1, "Waves as high as 4 metres struck the harbour wall."),
        ("D", 2, "Waves reached 6 metres along the northern shore."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: size (tower)"
    assert {v.value for v in flag.variants} == {"61-metre", "64 metres"}


# --- compound durations, fractions and ranges (made-up sentences) -------------------


@pytest.mark.parametrize(
    "first, second",
    [
        ("The ferry was delayed an hour and 45 minutes.", "The ferry was delayed 105 minutes."),
        ("The ferry was delayed 2 hours 30 minutes.", "The ferry was delayed 150 minutes."),
        ("The ferry was delayed an hour and a half.", "The ferry was delayed 90 minutes."),
        ("The ferry was delayed half an hour.", "The ferry was delayed 30 minutes."),
        ("The raft drifted 2 1/2 miles (4 km).", "The raft drifted 4 km."),
        ("The raft drifted 2½ miles (4 km).", "The raft drifted two and a half miles."),
        ("The choir members, aged 9-14, sang.", "The choir members, aged between 9 and 14, sang."),
        ("The choir members, aged 9 to 14, sang.", "The choir members, aged 12, sang."),
        ("Between 60 and 70 cabins burned.", "About 65 cabins burned."),
    ],
)
def test_compound_figures_stated_alike_never_flag(first, second):
    assert numbers([fig_claim(1, "A", first), fig_claim(2, "B", second)]) == []


def test_a_compound_duration_differs_from_its_first_part_and_other_values():
    long = q("The ferry was delayed an hour and 45 minutes.")
    assert figures.agreement(long, q("The ferry was delayed one hour.")) == "differ"
    assert figures.agreement(long, q("The ferry was delayed 75 minutes.")) == "differ"


def test_two_different_ranges_are_one_discrepancy_showing_both():
    a = fig_claim(1, "A", "Between 60 and 70 cabins burned.")
    b = fig_claim(2, "B", "Between 60 and 80 cabins burned.")
    [flag] = numbers([a, b])
    assert flag.severity == "discrepancy"
    assert {v.value for v in flag.variants} == {"Between 60 and 70", "Between 60 and 80"}


def test_a_figure_outside_a_range_differs():
    rng = q("Between 60 and 70 cabins burned.")
    assert figures.agreement(rng, q("Some 90 cabins burned.")) == "differ"
    assert figures.agreement(rng, q("Some 64 cabins burned.")) == "approx"


def test_age_ranges_of_one_group_are_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "Rescuers reached the choir members, aged between 9 and 13, at noon."),
        ("B", 1, "The choir members, aged 9 to 14, were flown home on Friday."),
        ("C", 2, "Parents waited for the choir members, aged 9-14, at the airport."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.severity == "discrepancy"
    assert len(flag.variants) == 2


def test_age_ranges_of_other_groups_or_parts_are_not_compared():
    claims, articles = _story(
        ("A", 0, "The choir members, aged 9 to 14, were flown home on Friday."),
        ("B", 1, "Two members among the first group out, who were aged 12 to 14, slept."),
        ("C", 2, "The coaches, aged 30 to 45, stayed behind on Friday."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_depths_under_the_surface_are_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "The hull rests 2 1/2 miles (4 km) beneath the surface, divers said."),
        ("B", 1, "Sonar swept waters nearly four miles deep on Friday."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert "depth" in flag.subject
    same, _ = _story(
        ("A", 0, "The hull rests 2½ miles beneath the surface, divers said."),
        ("B", 1, "The hull lies about four kilometres below the surface."),
    )
    assert compare.story_figure_flags(same, articles, []) == []


def test_counts_of_shocks_observed_with_different_verbs_are_one_count():
    claims, articles = _story(
        ("A", 0, "The quake was followed by 140 aftershocks overnight."),
        ("B", 1, "Seismologists recorded close to 90 aftershocks overnight."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject.startswith("Figure: aftershock")


def test_two_estimates_of_different_values_are_a_low_severity_discrepancy():
    # "about 85 miles" covers 80, yet the outlets give two figures: worth a look
    claims, articles = _story(
        ("A", 0, "The farm lies about 85 miles west of Pelham."),
        ("B", 1, "The farm lies 80 miles west of Pelham."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.severity == "discrepancy" and "within each other's estimate" in flag.reason


@pytest.mark.parametrize(
    "other",
    [
        "The farm lies 85 miles west of Pelham.",  # one value, one "about"
        "The farm lies more than 80 miles west of Pelham.",  # a bound, not an estimate
        "The farm lies 137 km (85 miles) west of Pelham.",  # a conversion's rounding
    ],
)
def test_one_value_or_a_bound_is_no_estimate_discrepancy(other):
    claims, articles = _story(
        ("A", 0, "The farm lies about 85 miles west of Pelham."),
        ("B", 1, other),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_two_different_lower_bounds_are_a_low_severity_discrepancy():
    # "more than 600" and "over 800" are both true if 900 came, yet the outlets
    # set the floor apart: worth a look, not a contradiction
    claims, articles = _story(
        ("A", 0, "More than 600 volunteers joined the clean-up of the harbour."),
        ("B", 1, "Over 800 volunteers joined the clean-up of the harbour."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.severity == "discrepancy" and "different lower bounds" in flag.reason


@pytest.mark.parametrize(
    "other",
    [
        "More than 640 volunteers joined the clean-up of the harbour.",  # 600 cut to hundreds
        "At least 600 volunteers joined the clean-up of the harbour.",  # one floor
        "About 800 volunteers joined the clean-up of the harbour.",  # a point, not a floor
    ],
)
def test_a_rounder_floor_or_one_floor_twice_is_no_discrepancy(other):
    claims, articles = _story(
        ("A", 0, "More than 600 volunteers joined the clean-up of the harbour."),
        ("B", 1, other),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


@pytest.mark.parametrize(
    "where, words",
    [
        ("board", "people dead on board"),
        ("ground", "people dead on the ground"),
        ("buncombe county", "people dead in buncombe county"),
    ],
)
def test_where_a_tally_was_counted_reads_as_written(where, words):
    from claims.nlp.types import QuantitySlot

    slot = QuantitySlot(text="12", value=12, counted="people", state="dead", where=where)
    assert figures.describe(slot) == words


def test_a_toll_in_the_events_own_area_counts_what_the_toll_counts():
    from claims.analysis import figure_pairs

    claims, articles = _story(
        ("A", 0, "Officials said 12 people were killed in the harbour district."),
        ("B", 1, "Officials said 14 people were killed."),
        ("C", 2, "Officials said 12 people were killed in Kell County."),
    )
    for a in articles.values():
        a.title = "Blast in the harbour district"
    keys = {
        r.claim.outlet: figures.measure_key(r.quantity)
        for r in figure_pairs.reports_of(claims, articles)
    }
    assert keys["A"] == keys["B"]  # the district every headline names: the event's own
    assert keys["C"] != keys["B"]  # a county no headline names keeps its own tally


def test_an_area_named_the_other_way_round_in_the_openings_is_the_events_own():
    from claims.analysis import figure_pairs

    claims, articles = _story(
        ("A", 0, "Cholera has killed 31 people in Tessa province, officials said."),
        ("B", 1, "Officials said cholera had killed 13 people."),
    )
    for a in articles.values():
        a.title = "Cholera spreads in the northern province of Tessa"
    keys = {
        r.claim.outlet: figures.measure_key(r.quantity)
        for r in figure_pairs.reports_of(claims, articles)
    }
    assert keys["A"] == keys["B"]


@pytest.mark.parametrize(
    "text, tally",
    [
        ("The motion fell by 112 votes to 98.", (112, 98)),
        ("The council lost a confidence vote 112-96 on Monday.", (112, 96)),
        ("The senate passed the bill 52-48 on Monday.", (52, 48)),
        ("The court ruled by a vote of 7 to 2.", (7, 2)),
        ("In a 6-3 ruling, the court struck the law down.", (6, 3)),
        ("The board approved it with a 5-2 majority.", (5, 2)),
    ],
)
def test_vote_tallies_are_read(text, tally):
    [(high, low, _, _)] = figures.vote_tallies(text)
    assert (high, low) == tally


@pytest.mark.parametrize("text", ["The Rovers won 31-24.", "the 2019-2020 session", "a 7-2 lead"])
def test_scores_years_and_bare_pairs_are_no_tally(text):
    assert figures.vote_tallies(text) == []


def test_one_vote_counted_two_ways_is_flagged_and_two_votes_are_not():
    from tests.unit.analysis_builders import claim

    a = claim(1, "A", "The motion fell by 112 votes to 98.")
    b = claim(2, "B", "The council lost a confidence vote 112-96.")
    [finding] = figures.tally_findings([a, b])
    assert {value for value, _, _ in finding.items} == {"112-98", "112-96"}
    other = claim(3, "C", "A second motion passed 60-40 in the afternoon.")
    assert figures.tally_findings([a, other]) == []


def test_a_tally_with_two_digits_swapped_is_one_vote_miscounted():
    from tests.unit.analysis_builders import claim

    a = claim(1, "A", "The motion fell by 214 votes to 170.")
    b = claim(2, "B", "Deputies voted 214-107 against the motion.")
    [finding] = figures.tally_findings([a, b])
    assert {value for value, _, _ in finding.items} == {"214-170", "214-107"}
    other = claim(3, "C", "Deputies voted 214-135 on the amendment.")  # another vote
    assert figures.tally_findings([a, other]) == []


def test_a_sum_a_court_set_is_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "The judge ordered Tarn to pay $750 million in restitution."),
        ("B", 1, "Tarn must also pay $570 million in restitution, the court ruled."),
        ("C", 2, "The firm paid $3 million to settle a second case."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"$750 million", "$570 million"}


def test_a_distances_bearing_is_kept_when_every_opening_names_it():
    from claims.analysis import figure_pairs

    claims, articles = _story(
        ("A", 0, "The quake struck 12 kilometres north of Rask on Monday."),
        ("B", 1, "The quake struck 12 kilometres south of Rask on Monday."),
    )
    for a in articles.values():
        a.title = "Quake strikes north of Rask"
    wheres = {r.quantity.where for r in figure_pairs.reports_of(claims, articles)}
    assert wheres == {"north", "south"}


def test_outlets_giving_different_numbers_in_critical_condition_at_one_time_contradict():
    claims, articles = _story(
        ("A", 0, "Four of the injured were in critical condition, doctors said."),
        ("B", 1, "Two workers were in critical condition, doctors said."),
    )
    _, [flag] = compare.timeline_flags(claims, articles, [])
    assert flag.subject == "Figure: people in critical condition"
    assert flag.severity == "contradiction"


def test_an_elections_turnout_is_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "Voter turnout reached 58% on Sunday, officials said."),
        ("B", 2, "Voter turnout reached 85%, the election commission said."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"58%", "85%"}


def test_one_games_score_told_two_ways_is_flagged_and_two_games_are_not():
    from tests.unit.analysis_builders import claim

    a = claim(1, "A", "Dock Albion beat Hill Town 4-2 in the final on Sunday.")
    b = claim(2, "B", "Hill Town lost 4-1 to Dock Albion in the final.")
    c = claim(3, "C", "Albion sealed a 4-2 win over Hill Town.")
    [finding] = figures.score_findings([a, b, c])
    assert {value for value, _, _ in finding.items} == {"4-2", "4-1"}
    other = claim(4, "D", "In the semi-final Albion beat Port Vale 2-0.")
    assert figures.score_findings([a, other]) == []


def test_how_many_were_aboard_is_compared_however_the_sentence_goes_on():
    claims, articles = _story(
        ("A", 0, "A plane carrying 66 people crashed in the hills."),
        ("B", 2, "The plane crashed in the hills with 65 people on board."),
        ("C", 3, "The plane had 60 passengers on board, the airline said."),
        ("D", 4, "The aircraft was carrying 59 passengers, officials said."),
    )
    flags = compare.story_figure_flags(claims, articles, [])
    assert {f.subject for f in flags} == {"Figure: people on board", "Figure: passenger on board"}


def test_jobs_cut_shed_or_eliminated_are_one_figure():
    keys = {
        figures.measure_key(q(text))
        for text in (
            "Corvane will cut 1,200 jobs.",
            "Corvane plans to shed 1,200 jobs.",
            "Corvane is to eliminate 1,200 jobs.",
        )
    }
    assert len(keys) == 1


def test_the_dead_identified_so_far_are_not_the_toll():
    toll = figures.measure_key(q("Nineteen people were killed in the quarry blast."))
    identified = figures.measure_key(q("Only 12 bodies have been identified so far."))
    assert toll and identified and toll != identified
    # told with no noun, or as victims: the same figure
    assert identified == figures.measure_key(q("So far 14 have been identified, police said."))
    assert identified == figures.measure_key(q("Nine victims had been identified by Friday."))
    assert figures.measure_key(q("Police identified three suspects.")) != identified


def test_a_storms_speed_is_one_figure_with_or_without_its_noun_but_gusts_are_apart():
    plain = figures.measure_key(q("The storm hit the coast at 190 km/h on Friday."))
    assert plain == figures.measure_key(q("It brought wind speeds of up to 190 km/h."))
    assert plain == figures.measure_key(q("It brought winds of over 120 miles per hour."))
    assert plain != figures.measure_key(q("Gusts of up to 200 km an hour tore off roofs."))


def test_one_bench_split_two_ways_is_one_vote_and_small_totals_are_not():
    from tests.unit.analysis_builders import claim

    a = claim(1, "A", "The court struck the statute down in a 7-2 ruling.")
    b = claim(2, "B", "The justices ruled 6-3, striking the statute down in a 6-3 decision.")
    [finding] = figures.tally_findings([a, b])
    assert {value for value, _, _ in finding.items} == {"7-2", "6-3"}
    # three voters say too little: two panels of three, not one vote
    c = claim(3, "C", "The panel backed it in a 2-1 decision.")
    d = claim(4, "D", "The second panel rejected it in a 3-0 decision.")
    assert figures.tally_findings([c, d]) == []


def test_two_exact_counts_one_apart_differ():
    from claims.nlp.types import QuantitySlot

    def votes(value):
        return QuantitySlot(text=f"{value:,}", value=value, unit="", dimension="count", base=value)

    assert figures.agreement(votes(16141241), votes(16141242)) == "differ"
    assert figures.agreement(votes(16141241), votes(16141241)) == "same"


def test_a_towns_population_told_beside_another_happening_is_still_compared():
    claims, articles = _story(
        ("A", 0, "Roads into the port town of some 40,000 were cut on Monday."),
        ("B", 1, "The anger in this port town of 65,000 inhabitants came hours after the vote."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"some 40,000", "65,000"}


def test_two_readings_of_one_measure_a_unit_apart_are_one_figure():
    from claims.nlp.types import QuantitySlot

    def acres(value):
        return QuantitySlot(
            text=f"{value:,} acres", value=value, unit="acre", dimension="area", base=value
        )

    assert figures.agreement(acres(153335), acres(153336)) == "same"


def test_just_under_and_over_one_figure_differ_but_at_least_and_about_do_not():
    from claims.nlp.types import QuantitySlot

    def hours(value, approx):
        return QuantitySlot(
            text="x", value=value, unit="hour", dimension="duration", base=value, approx=approx
        )

    assert figures.agreement(hours(3, "nearly"), hours(3, "over")) == "differ"
    assert figures.agreement(hours(3, "about"), hours(3, "over")) != "differ"
    assert figures.agreement(hours(3, "at_least"), hours(3, "")) != "differ"


def test_how_long_a_meeting_lasted_is_compared_even_told_days_later_in_a_clause():
    claims, articles = _story(
        ("A", 0, "The talks took place at the palace on 2 May and lasted for nearly four hours."),
        (
            "B",
            1,
            "Officials gave details of the talks, which took place in private and lasted "
            "for more than four hours.",
        ),
    )
    flags = compare.story_figure_flags(claims, articles, [])
    values = [{v.value for v in f.variants} for f in flags]
    assert {"nearly four hours", "more than four hours"} in values


def test_a_toll_told_weeks_later_with_the_events_own_date_is_about_this_event():
    text = "Inquiries into the March 3 ferry sinking that left 61 people dead began on Monday."
    later = datetime(2024, 4, 8, 9, 0)
    dated = claim(
        1,
        "A",
        text,
        quantities=find_quantities(text, 0, get_nlp()(text)[:]),
        dates=find_dates(text, 0, later.date()),
    )
    story_start = datetime(2024, 3, 3, 18, 0)
    report = figures.FigureReport(dated.data.quantities[0], dated, later, story_start)
    assert figures.about_this_event(report)
    # a story that began after that date: the sinking is another, earlier event
    report = figures.FigureReport(dated.data.quantities[0], dated, later, later)
    assert not figures.about_this_event(report)


def test_the_day_of_a_statement_dates_no_figure():
    # a page dated Thursday 11 April whose "Friday" reads as the 5th
    published = datetime(2024, 4, 11, 9, 0)

    def report(text):
        told = claim(
            1,
            "A",
            text,
            quantities=find_quantities(text, 0, get_nlp()(text)[:]),
            dates=find_dates(text, 0, published.date()),
        )
        return figures.FigureReport(told.data.quantities[0], told, published, published)

    said = "The victims came from 24 countries, the regional government said on Friday."
    assert figures.about_this_event(report(said))
    sank = "A ferry sank on Friday and 61 people died, officials said."
    assert not figures.about_this_event(report(sank))


def test_a_venues_capacity_outlets_give_differently_is_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "The riverside arena can hold 30,000 people, officials said."),
        ("B", 1, "Tickets sold out at the riverside arena, which seats 36 000 people."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"30,000", "36 000"}


def test_how_far_things_fell_is_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "Several lorries fell 30 metres when the viaduct gave way on Monday."),
        ("B", 1, "The deck crashed onto the road 36 metres (118 feet) below."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: height of the fall"


def test_two_figures_one_outlet_each_across_the_story_ask_for_a_look():
    claims, articles = _story(
        ("A", 0, "The tremor struck at a depth of 12 km near the coast."),
        ("B", 1, "Seismologists said the tremor was centred 30 kilometres deep."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.severity == "discrepancy"
    assert "one outlet each" in flag.reason
    # a figure two outlets agree on against a third's is stated as a contradiction
    claims, articles = _story(
        ("A", 0, "The tremor struck at a depth of 12 km near the coast."),
        ("C", 1, "The tremor struck at a depth of 12 km, the agency said."),
        ("B", 2, "Seismologists said the tremor was centred 30 kilometres deep."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.severity == "contradiction"


def test_two_figures_one_outlet_each_far_apart_count_different_things():
    claims, articles = _story(
        ("A", 0, "Nearly 40 fire engines were sent to the blaze on Monday."),
        ("B", 1, "Officials said six fire engines were sent to the warehouse."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []
    # close enough to be one count told two ways: a flag
    claims, articles = _story(
        ("A", 0, "Nearly 40 fire engines were sent to the blaze on Monday."),
        ("B", 1, "Officials said 25 fire engines were sent to the warehouse."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"Nearly 40", "25"}
    # a third outlet makes it more than one figure against another: still compared
    claims, articles = _story(
        ("A", 0, "Nearly 40 fire engines were sent to the blaze on Monday."),
        ("C", 1, "About 40 fire engines were sent to the blaze, the brigade said."),
        ("B", 2, "Officials said six fire engines were sent to the warehouse."),
    )
    assert len(compare.story_figure_flags(claims, articles, [])) == 1


@pytest.mark.parametrize(
    "text, start_days_before, about",
    [
        ("The ferry that sank last week killed 61 people, officials said.", 6, True),
        ("The ferry that sank last week killed 61 people, officials said.", 0, False),
        ("A ferry that sank two weeks ago killed 61 people, officials said.", 13, True),
        ("A ferry that sank two weeks ago killed 61 people, officials said.", 2, False),
        ("A ferry that sank 10 years ago killed 61 people, officials said.", 5, False),
    ],
)
def test_last_week_in_a_follow_up_dates_the_storys_own_event(text, start_days_before, about):
    published = datetime(2024, 4, 8, 9, 0)
    told = claim(1, "A", text, quantities=find_quantities(text, 0, get_nlp()(text)[:]))
    start = published - timedelta(days=start_days_before)
    report = figures.FigureReport(told.data.quantities[0], told, published, start)
    assert figures.about_this_event(report) is about


def test_a_planes_altitude_moments_apart_is_not_compared_across_the_story():
    claims, articles = _story(
        (
            "A",
            0,
            "The jet was flying at an altitude of 9,000 feet when it fell, officials said.",
        ),
        ("B", 1, "Radar lost the jet at an altitude of about 6,000 feet, officials said."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []


def test_a_crowd_a_festival_drew_is_its_attendance():
    claims, articles = _story(
        ("A", 0, "The festival drew 40,000 attendees on its last night, organisers said."),
        ("B", 1, "Some 25,000 attendees were at the festival on its last night, police said."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"40,000", "Some 25,000"}


def test_a_deals_value_is_the_same_whenever_told():
    text = "Norvia cancelled the $40 billion deal it previously made with Calder."
    r = _report(text, datetime(2024, 5, 2, 9, 0))
    assert r.quantity.counted == "deal" and figures.about_this_event(r)
    assert figures.describe(r.quantity) == "deal value in USD"
    # a toll told of something earlier is still another event's
    other = "It was previously the worst crash, killing 40 people."
    assert not figures.about_this_event(_report(other, datetime(2024, 5, 2, 9, 0)))


def test_a_figure_that_may_come_to_be_is_not_compared():
    claims, articles = _story(
        ("A", 0, "The two harbour towns signed the water pact on the island."),
        ("B", 1, "The mayor said about five harbour towns might sign the water pact."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []
    # "May" the month is no modal
    claims, articles = _story(
        ("A", 0, "The two harbour towns signed the water pact on the island."),
        ("B", 1, "Five harbour towns signed the water pact on May 15 on the island."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"two", "Five"}


def test_countries_referred_back_to_are_not_counted_but_victims_countries_are():
    claims, articles = _story(
        ("A", 0, "Talks between the two countries ended on the island."),
        ("B", 1, "Talks between three countries ended on the island."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []
    claims, articles = _story(
        ("A", 0, "The passengers came from 16 countries, the airline said."),
        ("B", 1, "The passengers came from 18 countries, officials said."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"16", "18"}


def test_how_long_after_a_call_an_arrest_came_is_compared_across_the_story():
    claims, articles = _story(
        ("A", 0, "Police arrested the gunman 12 minutes after the first emergency call."),
        ("B", 1, "The gunman was arrested 25 minutes after the first emergency call."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: duration (arrest)"
    assert {v.value for v in flag.variants} == {"12 minutes", "25 minutes"}


def test_counts_of_two_named_places_are_each_compared_with_their_own():
    claims, articles = _story(
        (
            "A",
            0,
            "In all 41 people were killed at the Harbor market and six at the Riverside station.",
        ),
        (
            "B",
            0,
            "Police said 43 people died at the Harbor market and six at the Riverside station.",
        ),
    )
    _, flags = compare.timeline_flags(claims, articles, [])
    [flag] = flags
    assert flag.subject == "Figure: people dead at Harbor"
    assert {v.value for v in flag.variants} == {"41", "43"}


def test_a_force_sent_to_an_emergency_is_one_figure_whatever_its_verb():
    claims, articles = _story(
        ("A", 0, "About 400 firefighters battled the blaze through the night."),
        ("B", 1, "More than 500 firefighters were deployed to the blaze."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert flag.subject == "Figure: firefighter (deploy)"


def test_visitors_a_place_receives_or_draws_are_one_figure():
    claims, articles = _story(
        ("A", 0, "The old abbey draws 12 million visitors a year."),
        ("B", 1, "The old abbey receives about 15 million visitors each year."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"12 million", "about 15 million"}


def test_counts_split_by_the_storys_own_places_stay_counts_of_each_place():
    # every opening names both countries; each count of one is still a part
    texts = (
        "The quake killed 4,100 people in Norland and 900 in Velta, officials said.",
        "Officials said 4,100 people had died in Norland and 1,300 in Velta.",
    )
    claims, articles = _story(("A", 0, texts[0]), ("B", 1, texts[1]))
    for i, text in enumerate(texts, start=1):
        articles[i] = article(i, articles[i].outlet, hours=i - 1, text=text)
    _, flags = compare.timeline_flags(claims, articles, [])
    [flag] = flags
    assert flag.subject == "Figure: people dead in Velta"


def test_a_length_of_service_is_compared_whatever_time_the_sentence_tells():
    claims, articles = _story(
        ("A", 0, "Deputy Lina Voss, a 23-year veteran of the force, stayed outside."),
        (
            "B",
            1,
            "A week ago the sheriff said Voss, a 32-year veteran, waited four minutes to act.",
        ),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"23-year", "32-year"}


def test_latest_of_a_timeline_is_the_latest_dated_when_undated_pages_differ():
    claims, articles = _story(
        ("A", 0, "At least 30 people were killed in the blast, police said."),
        ("B", 30, "The death toll rose to 64 on Tuesday, police said."),
        ("C", 60, "Police said 180 people were killed in the blast."),
    )
    articles[3].published = None  # a page that gives no date
    _, flags = compare.timeline_flags(claims, articles, [])
    [moved] = flags
    assert "latest dated 64 (B)" in moved.reason
    assert "pages with no date give 180" in moved.reason


def test_one_sum_in_two_currencies_is_a_discrepancy_and_a_restated_sum_is_not():
    a = fig_claim(1, "A", "The board will pay 40,000 euros to each family, a spokesman said.")
    b = fig_claim(2, "B", "The board will pay 40,000 US dollars to each family, a spokesman said.")
    [flag] = numbers([a, b])
    assert flag.severity == "discrepancy" and "different currencies" in flag.reason
    restated = fig_claim(3, "C", "The board will pay 40,000 euros ($43,000) to each family.")
    assert numbers([a, restated]) == []


def test_a_part_of_a_sized_whole_is_compared_with_the_same_part():
    claims, articles = _story(
        ("A", 0, "Nine of the 14 people he shot were white, police said."),
        ("B", 1, "Prosecutors said 10 of the 14 victims were white."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"Nine", "10"}
    assert flag.subject == "Figure: white people of 14"


def test_an_order_of_size_stands_only_against_a_figure_of_another_order():
    hundreds = q("Hundreds of protesters gathered outside the courthouse.")
    assert figures.agreement(hundreds, q("About 2,000 protesters gathered there.")) == "differ"
    assert figures.agreement(hundreds, q("About 120 protesters gathered there.")) == "approx"
    assert figures.agreement(hundreds, q("Thousands of protesters gathered there.")) == "approx"


def test_two_ranges_told_roughly_that_overlap_agree():
    a = q("The wreck lies about 30 to 40 metres down.")
    b = q("The wreck lies about 30-35 metres down.")
    assert figures.agreement(a, b) == "approx"


def test_one_sum_told_with_two_scale_words_is_a_slip_even_in_one_article():
    claims, articles = _story(
        ("A", 0, "The storm caused nearly $40 million in damage across the islands."),
        ("A", 0, "In all, the storm caused nearly $40 billion in damage, officials said."),
    )
    [flag] = compare.story_figure_flags(claims, articles, [])
    assert {v.value for v in flag.variants} == {"nearly $40 million", "nearly $40 billion"}
    assert flag.severity == "contradiction" and "two scale words" in flag.reason


def test_sums_of_other_things_or_other_digits_are_no_slip():
    claims, articles = _story(
        ("A", 0, "The city offered a $3 million reward for information on the arson."),
        ("B", 1, "The city approved a $3 billion budget for rebuilding the district."),
        ("C", 2, "The mayor said the bail was set at $75,000 for the suspect."),
        ("D", 3, "A judge later set bail at $75 million for the second suspect."),
    )
    assert compare.story_figure_flags(claims, articles, []) == []

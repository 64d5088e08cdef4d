"""A weekday beside a date it does not fall on (claims.analysis.weekdays)."""

from datetime import UTC, date, datetime

import pytest

from claims.analysis import compare, weekdays
from claims.analysis.weekdays import weekday_errors
from tests.unit.analysis_builders import article, claim, person

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


@pytest.mark.parametrize(
    "text", ["The navy ended the search on Thursday (2/14).", "Rescuers left on Thursday (14/2)."]
)
def test_a_numeric_date_beside_a_weekday_month_or_day_first(text):
    # 14 February 2025 was a Friday
    [error] = weekday_errors(text, PUBLISHED)
    assert (error.written, error.actual, error.day) == ("Thursday", "Friday", date(2025, 2, 14))
    assert weekday_errors(text.replace("Thursday", "Friday"), PUBLISHED) == []


def test_a_numeric_date_either_number_could_be_the_month_of_is_skipped():
    assert weekday_errors("The navy ended the search on Thursday (2/4).", PUBLISHED) == []


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


def test_two_verbs_for_one_happening_are_compared():
    a = _dated(1, "A", "The residents were evacuated on Saturday night.", "Saturday", "2025-03-01")
    b = _dated(2, "B", "The residents were displaced on Sunday.", "Sunday", "2025-03-02")
    [flag] = compare.event_date_flags([a, b])
    assert {v.value for v in flag.variants} == {"2025-03-01", "2025-03-02"}
    c = _dated(3, "C", "The residents were rescued on Sunday.", "Sunday", "2025-03-02")
    assert compare.event_date_flags([a, c]) == []


def test_a_fire_that_started_on_one_day_and_broke_out_on_another_mismatches():
    a = _dated(1, "A", "The fire started on Saturday at the depot.", "Saturday", "2025-03-01")
    b = _dated(2, "B", "The blaze erupted on Monday at the depot.", "Monday", "2025-03-03")
    [flag] = compare.event_date_flags([a, b])
    assert flag.subject == "Date: broke out"
    assert flag.reason == "outlets give different days for “broke out”"
    # a trial or a search that started is not the fire
    c = _dated(3, "C", "The search started on Monday at the depot.", "Monday", "2025-03-03")
    assert compare.event_date_flags([a, c]) == []


def test_the_happening_the_parse_attached_a_date_to_is_compared():
    # a date apart from its verb: the patterns read nothing, the parse did
    a = _dated(1, "A", "Police arrested the baker at his home on Friday.", "Friday", "2025-02-28")
    b = _dated(2, "B", "The baker was detained at a farm on Saturday.", "Saturday", "2025-03-01")
    assert compare.event_date_flags([a, b]) == []
    a.data.dates[0].event, b.data.dates[0].event = "arrested", "detained"
    [flag] = compare.event_date_flags([a, b])
    assert flag.subject == "Date: arrested"


def test_a_day_in_another_time_zone_is_not_compared():
    a = _dated(
        1,
        "A",
        "The quake struck late Sunday, Eastern time, officials said.",
        "Sunday",
        "2025-03-02",
    )
    b = _dated(2, "B", "The quake struck early on Monday, officials said.", "Monday", "2025-03-03")
    assert compare.event_date_flags([a, b]) == []


def test_a_state_seen_on_a_day_is_no_happening_dated():
    from claims.analysis import weekdays

    state = _dated(
        1, "A", "Some 9,000 homes were without power on Friday.", "Friday", "2025-03-07"
    )
    assert weekdays.dates_a_state(state, state.data.dates[0])
    held = _dated(2, "B", "He was sworn in as premier on Friday.", "Friday", "2025-03-07")
    assert not weekdays.dates_a_state(held, held.data.dates[0])
    struck = _dated(3, "C", "The homes were hit by the storm on Friday.", "Friday", "2025-03-07")
    assert not weekdays.dates_a_state(struck, struck.data.dates[0])
    going_on = _dated(
        4, "D", "Divers were still searching the lake on Friday.", "Friday", "2025-03-07"
    )
    assert weekdays.dates_a_state(going_on, going_on.data.dates[0])


def test_the_day_of_what_a_sentence_measures_from_is_no_day_of_its_own():
    from claims.analysis import weekdays

    after = _dated(
        1,
        "A",
        "The van was found near the quarry shortly after the robbery on Monday night.",
        "Monday",
        "2025-03-03",
    )
    assert weekdays.dates_a_reference(after, after.data.dates[0])
    found = _dated(2, "B", "The van was found near the quarry on Monday.", "Monday", "2025-03-03")
    assert not weekdays.dates_a_reference(found, found.data.dates[0])


def test_found_guilty_and_convicted_are_one_verdict():
    a = _dated(1, "A", "The clerk was found guilty on Thursday.", "Thursday", "2025-03-06")
    b = _dated(2, "B", "The clerk was convicted on Wednesday of fraud.", "Wednesday", "2025-03-05")
    [flag] = compare.event_date_flags([a, b])
    assert flag.subject == "Date: convicted"


def test_a_boat_that_capsized_and_sank_is_one_happening():
    # "sank" is a past tense without -ed, and "capsized" tells the same happening
    a = _dated(1, "A", "The barge capsized on Saturday near Orlo.", "Saturday", "2025-03-01")
    b = _dated(2, "B", "The barge sank on Sunday with nine aboard.", "Sunday", "2025-03-02")
    [flag] = compare.event_date_flags([a, b])
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


def test_a_fire_that_broke_out_at_different_times_of_day_mismatches():
    a = _said(1, "A", "The blaze broke out late on Thursday evening at the depot.")
    b = _said(2, "B", "The fire broke out around 3 p.m. on Thursday, officials said.")
    [flag] = compare.event_time_flags([a, b])
    assert {v.outlets[0] for v in flag.variants} == {"A", "B"}
    c = _said(3, "C", "The fire broke out on Thursday evening, near the depot.")
    assert compare.event_time_flags([a, c]) == []


def test_a_fire_or_attack_that_started_or_began_is_the_happening_itself():
    a = _said(1, "A", "The fire started at about 6:20 p.m. in the attic, officials said.")
    b = _said(2, "B", "The blaze began at around 6:50 p.m., according to the brigade.")
    [flag] = compare.event_time_flags([a, b])
    assert flag.subject == "Time: broke out" and flag.severity == "discrepancy"
    assert "30 minutes apart" in flag.reason
    # what else starts or begins is as often a rescue's or a meeting's
    c = _said(3, "C", "Rescue work began at 9 p.m. as the fire broke out at 6:20 p.m.")
    assert [t.verb for t in weekdays.event_times(c)] == ["broke out"]
    d = _said(4, "D", "The search started at 7 a.m. on Tuesday.")
    assert weekdays.event_times(d) == []


def test_a_happening_named_by_another_noun_is_not_the_storys():
    # a later gunfight "that took place" is not the bombing, however generic its verb
    a = _said(1, "A", "Two men died in the gunfight that took place on Sunday night in Orlo.")
    assert weekdays.event_times(a) == []
    b = _said(2, "B", "The explosion that took place at about 3 p.m. shook the depot.")
    assert [t.verb for t in weekdays.event_times(b)] == ["exploded"]
    c = _said(3, "C", "The crash that took place at about 3 p.m. closed the road.")
    assert [t.verb for t in weekdays.event_times(c)] == ["happened"]


def test_an_outlets_clock_time_is_compared_before_its_part_of_the_day():
    # "on Monday evening" holds any evening time; the clock time beside it does not
    a1 = _said(1, "A", "A fire broke out at the depot on Monday evening.")
    a2 = _said(1, "A", "The fire broke out at 6:20 p.m., officials said.")
    b = _said(2, "B", "The fire broke out at 7:05 p.m. on Monday.")
    [flag] = compare.event_time_flags([a1, a2, b])
    assert "45 minutes apart" in flag.reason
    # an outlet with no clock time is compared by what it gives
    c = _said(3, "C", "The fire broke out on Monday evening near the depot.")
    assert compare.event_time_flags([a2, c]) == []


@pytest.mark.parametrize(
    "first, second, key",
    [
        (
            "The bomb went off at 10:31 p.m. in the foyer.",
            "The device detonated at 11:40 p.m.",
            "exploded",
        ),
        (
            "The gunman opened fire at 6:11 p.m.",
            "Shots rang out at about 7:30 p.m.",
            "opened fire",
        ),
        (
            "The storm made landfall at 6:15 a.m.",
            "The storm made landfall at 9:40 a.m.",
            "landfall",
        ),
        # a ship or a building that caught fire: the fire's start
        (
            "The ferry Marlin caught fire around 2:10 AM near the pier.",
            "The fire broke out at about 4 a.m. on Sunday.",
            "broke out",
        ),
    ],
)
def test_a_happening_told_in_other_words_is_read_with_its_time(first, second, key):
    [flag] = compare.event_time_flags([_said(1, "A", first), _said(2, "B", second)])
    assert flag.subject == f"Time: {key}"


def test_a_clock_time_after_a_part_of_the_day_is_read():
    c = _said(1, "A", "The fire broke out Sunday night around 2:40 a.m. near the pier.")
    [time] = weekdays.event_times(c)
    assert (time.clock, time.hours) == (160, (1, 3))
    d = _said(2, "B", "The fire broke out at about 4:30 a.m. on Sunday.")
    [flag] = compare.event_time_flags([c, d])
    assert "an hour or more apart" in flag.reason


def test_a_time_after_its_verb_is_not_the_next_clauses():
    c = _said(1, "A", "The bridge collapsed at about 1:30 a.m. after the ship hit a pillar.")
    assert [(t.verb, t.clock) for t in weekdays.event_times(c)] == [("collapsed", 90)]


def test_the_times_of_a_story_of_several_blasts_or_shootings_are_not_compared():
    a = _said(1, "A", "The first bomb went off at 8:45 a.m. at the chapel.")
    b = _said(2, "B", "The bomb exploded at 9:40 a.m., police said.")
    assert len(compare.event_time_flags([a, b])) == 1
    c = _said(3, "C", "A second explosion hit a hotel across the city an hour later.")
    assert compare.event_time_flags([a, b, c]) == []
    d = _said(4, "D", "The gunman opened fire at 6:11 p.m. from the roof.")
    e = _said(5, "E", "Shots rang out at 7:30 p.m. near the stage.")
    f = _said(6, "F", "A counter-sniper returned fire seconds later.")
    assert len(compare.event_time_flags([d, e])) == 1
    assert compare.event_time_flags([d, e, f]) == []


def test_clock_times_to_the_minute_hours_apart_are_two_shocks():
    a = _said(1, "A", "The quake struck the valley at 4:17 a.m. on Monday.")
    b = _said(2, "B", "The quake hit the valley at 1:24 p.m., the agency said.")
    assert compare.event_time_flags([a, b]) == []
    c = _said(3, "C", "The quake hit the valley at 1 p.m., the agency said.")
    assert len(compare.event_time_flags([a, c])) == 1


@pytest.mark.parametrize(
    "second",
    [
        "The first quake hit the valley at 7 p.m.",  # one of several shocks
        "The biggest one struck at night, the agency said.",
        "The valley had been hit by two quakes on Monday night.",
    ],
)
def test_one_of_several_shocks_gives_no_time_of_the_quake(second):
    a = _said(1, "A", "The quake struck the valley at about 10am on Monday.")
    assert compare.event_time_flags([a, _said(2, "B", second)]) == []


def _shock(article_id, outlet, text, magnitude, written="", iso=""):
    from claims.nlp.quantities import MAIN_SHOCK
    from claims.nlp.types import DateSlot, QuantitySlot

    size = QuantitySlot(str(magnitude), magnitude, dimension="magnitude", counted=MAIN_SHOCK)
    at = text.index(written) if written else 0
    dates = [DateSlot(written, iso, True, at, at)] if written else []
    return claim(article_id, outlet, text, quantities=[size], dates=dates)


def test_a_quake_whose_magnitude_is_an_aftershocks_is_neither_timed_nor_dated():
    a = _shock(1, "A", "A magnitude 6.4 quake struck at about 10am on Monday.", 6.4)
    b = _shock(2, "B", "The magnitude 6.4 quake hit the valley, the agency said.", 6.4)
    c = _shock(3, "C", "A magnitude 4.9 quake hit the valley at night.", 4.9)
    assert compare.event_time_flags([a, b, c]) == []
    assert len(compare.event_time_flags([a, _shock(3, "C", c.data.text, 6.2)])) == 1
    d = _shock(1, "A", "A magnitude 6.4 quake struck on Monday.", 6.4, "Monday", "2025-03-03")
    e = _shock(2, "B", "A magnitude 4.8 quake struck on Tuesday.", 4.8, "Tuesday", "2025-03-04")
    assert compare.event_date_flags([d, b, e]) == []
    f = _shock(2, "B", "A magnitude 6.3 quake struck on Tuesday.", 6.3, "Tuesday", "2025-03-04")
    assert len(compare.event_date_flags([d, b, f])) == 1


def test_early_morning_holds_the_small_hours():
    a = _said(1, "A", "The quake struck the valley at 3:36 a.m.")
    b = _said(2, "B", "The quake hit the valley early on Wednesday morning.")
    assert compare.event_time_flags([a, b]) == []
    c = _said(2, "B", "The quake hit the valley on Wednesday morning.")
    assert len(compare.event_time_flags([a, c])) == 1


def test_a_time_opening_a_quotation_is_read_without_its_quotation_mark():
    a = _said(1, "A", "“At 11 p.m. last night, I declared martial law,” the president said.")
    [time] = weekdays.event_times(a)
    assert (time.verb, time.text) == ("declared", "At 11 p.m.")


def test_one_outlet_alone_gives_no_time_mismatch():
    a = _said(1, "A", "The quake struck at 10am.")
    b = _said(2, "A", "The quake hit on Monday night.")
    assert compare.event_time_flags([a, b]) == []


def test_times_on_different_named_days_are_two_events():
    a = _said(1, "A", "The storm hit the coast late Thursday.")
    b = _said(2, "B", "The storm hit the city on Friday morning.")
    assert compare.event_time_flags([a, b]) == []


# --- a date written before the event it dates ---------------------------------------


@pytest.mark.parametrize(
    "first, written, iso, second, written2, iso2",
    [
        (
            "On March 3, 2020, a bus overturned near the mountain pass.",
            "March 3, 2020",
            "2020-03-03",
            "The bus overturned on March 4, 2020, police said.",
            "March 4, 2020",
            "2020-03-04",
        ),
        (
            "On Friday evening the bottling plant exploded.",
            "On Friday",
            "2025-03-07",
            "The bottling plant exploded on Saturday.",
            "Saturday",
            "2025-03-08",
        ),
        (
            "It was on 12 May that the old rail bridge fell.",
            "12 May",
            "2025-05-12",
            "The old rail bridge fell on 13 May.",
            "13 May",
            "2025-05-13",
        ),
        (
            "HARBORTON (AP) — On 2 June, 2025, a freight train derailed near the river.",
            "2 June, 2025",
            "2025-06-02",
            "A freight train derailed on 3 June.",
            "3 June",
            "2025-06-03",
        ),
    ],
)
def test_a_date_before_its_clause_dates_the_clause_event(
    first, written, iso, second, written2, iso2
):
    a = _dated(1, "A", first, written, iso)
    b = _dated(2, "B", second, written2, iso2)
    [flag] = compare.event_date_flags([a, b])
    assert {v.value for v in flag.variants} == {iso, iso2}


@pytest.mark.parametrize(
    "first, written, verb",
    [
        ("On Monday, police said the old bridge fell.", "On Monday", None),  # a statement
        ("On Friday, a train operated by the firm derailed.", "On Friday", "derailed"),
        ("On Friday, a masked man opened fire.", "On Friday", "opened"),
        ("Crews worked through the night on Friday and the bridge fell.", "Friday", None),
        ("The bridge, which fell on Friday, was old.", "Friday", "fell"),
        # a joined clause led by its date
        ("Crews sealed the road, and on Friday, two lorries collided.", "Friday", "collided"),
        ("The mayor spoke; on Friday the old tower collapsed.", "Friday", "collapsed"),
        ("Crews sealed the road and on Friday reopened it.", "Friday", None),  # no subject
    ],
)
def test_the_verb_a_leading_date_dates(first, written, verb):
    c = _dated(1, "A", first, written, "2025-03-07")
    day = weekdays.event_day(c, c.data.dates[0])
    assert (day.verb if day else None) == verb


def test_a_place_between_the_verb_and_its_date_is_read_through():
    a = _dated(
        1, "A", "The train derailed in Ostrava near the border on 4 May.", "4 May", "2025-05-04"
    )
    day = weekdays.event_day(a, a.data.dates[0])
    assert day is not None and day.verb == "derailed"
    b = _dated(2, "B", "The train derailed on 5 May.", "5 May", "2025-05-05")
    assert compare.event_date_flags([a, b])
    # comings and goings and places with no name are not read through
    for text in (
        "The envoy arrived in Ostrava on 4 May.",
        "The tanker derailed in the yard on 4 May.",
        "He was arrested in Ostrava and released on 4 May.",
    ):
        c = _dated(3, "C", text, "4 May", "2025-05-04")
        assert weekdays.event_day(c, c.data.dates[0]) is None, text


def test_what_many_did_on_a_day_is_not_the_storys_happening():
    many = _dated(1, "A", "The last rescues happened on 4 May.", "4 May", "2025-05-04")
    assert weekdays.event_day(many, many.data.dates[0]) is None
    one = _dated(2, "B", "The collapse happened on 2 May.", "2 May", "2025-05-02")
    assert weekdays.event_day(one, one.data.dates[0]).verb == "happened"
    attacks = _dated(3, "C", "The attacks happened on 2 May.", "2 May", "2025-05-02")
    assert weekdays.event_day(attacks, attacks.data.dates[0]).verb == "happened"


def test_an_undated_article_reads_month_and_day_in_the_story_year():
    dated = _dated(1, "A", "A freight train derailed on October 30.", "October 30", "2025-10-30")
    undated = claim(2, "B", "The freight train derailed in Ostrava near the border on October 31.")
    articles = {1: article(1, "A"), 2: article(2, "B")}
    articles[2].published = None
    [flag] = compare.event_date_flags([dated, undated], articles)
    assert {v.value for v in flag.variants} == {"2025-10-30", "2025-10-31"}
    # a weekday is never guessed for an article without a publication date
    weekday = claim(3, "B", "The freight train derailed on Friday.")
    articles[3] = article(3, "B")
    articles[3].published = None
    assert compare.event_date_flags([dated, weekday], articles) == []


# --- a death's clock time -------------------------------------------------------------


def _death(article_id, outlet, text, name="Lena Marsh", quotes=()):
    start = text.find(name.split()[-1])
    people = [person(name)] if start >= 0 else []
    if people:
        people[0].start, people[0].end = start, start + len(name)
    return claim(article_id, outlet, text, people=people, quotes=list(quotes))


def test_one_death_at_clock_times_an_hour_apart_is_a_discrepancy_when_approximate():
    a = _death(1, "A", "Marsh, a volunteer diver, died around 1 a.m. local time.")
    b = _death(2, "B", "Lena Marsh died at 2am local time inside the cave.")
    [flag] = compare.event_time_flags([a, b])
    assert flag.kind == "date_mismatch" and flag.severity == "discrepancy"
    exact = _death(3, "C", "Lena Marsh died at 3 a.m. in the cave.")
    [flag] = compare.event_time_flags([b, exact])
    assert flag.severity == "contradiction"


@pytest.mark.parametrize(
    "second",
    [
        "Lena Marsh died at 1:20 a.m. in the cave.",  # inside "about 1 a.m.": rounding
        "Lena Marsh died at 2 a.m. EDT in the cave.",  # another zone written beside it
        "Omar Vance died at 5 a.m. in hospital.",  # another person
        "Lena Marsh died, officials said at 4 a.m.",  # when it was said
        "Lena Marsh died after the rescuers left at 5 a.m.",  # another event's time
    ],
)
def test_death_times_that_can_be_one_or_are_not_comparable_never_flag(second):
    a = _death(1, "A", "Lena Marsh died at about 1 a.m. local time.")
    b = _death(2, "B", second, name="Omar Vance" if "Omar" in second else "Lena Marsh")
    assert compare.event_time_flags([a, b]) == []


def test_one_event_at_clock_times_minutes_apart_is_a_discrepancy():
    a = _said(1, "A", "The collision occurred at about 8:10 p.m. near the depot.")
    b = _said(2, "B", "The accident took place near the depot at 8:35 p.m. on Friday.")
    [flag] = compare.event_time_flags([a, b])
    assert flag.severity == "discrepancy"
    assert flag.reason == "outlets give times for “happened” up to 25 minutes apart"
    assert len(flag.variants) == 2


@pytest.mark.parametrize(
    "second",
    [
        "The collision occurred at 8:12 p.m. near the depot.",  # two minutes: one time
        "The collision occurred around 8pm near the depot.",  # a whole hour, approximate
        "The collision occurred in the evening near the depot.",  # a part of the day
    ],
)
def test_clock_times_rounding_explains_never_flag(second):
    a = _said(1, "A", "The collision occurred at 8:10 p.m. near the depot.")
    assert compare.event_time_flags([a, _said(2, "B", second)]) == []


def test_a_time_written_before_the_decree_it_dates_is_read():
    a = _said(1, "A", "At 2:40 a.m., the curfew was officially lifted across the capital.")
    b = _said(2, "B", "The cabinet lifted the curfew at around 2:10 a.m., officials confirmed.")
    [flag] = compare.event_time_flags([a, b])
    assert flag.subject == "Time: lifted"
    c = _said(3, "C", "At 9 p.m., the general announced martial law on television.")
    d = _said(4, "D", "The general declared martial law at 9:40 p.m. on Sunday.")
    [flag] = compare.event_time_flags([c, d])
    assert flag.subject == "Time: declared"


def test_a_decree_lifted_in_the_passive_and_a_time_in_capitals_are_read():
    a = _said(1, "A", "At 2:40 AM, the curfew order was officially revoked in the capital.")
    b = _said(2, "B", "After the vote, the curfew order was formally lifted around 2:10 a.m.")
    [flag] = compare.event_time_flags([a, b])
    assert flag.subject == "Time: lifted"


def test_a_declaration_of_something_else_and_another_clause_s_time_are_not_read():
    a = _said(1, "A", "The board declared the winner at 9 p.m. in the hall.")
    b = _said(2, "B", "The board declared the winner at 10:30 p.m. in the hall.")
    assert compare.event_time_flags([a, b]) == []
    c = _said(3, "C", "When the crush happened, the chief left his office at 9:47 p.m.")
    d = _said(4, "D", "The crush happened at around 10:15 p.m. in the alley.")
    assert compare.event_time_flags([c, d]) == []


def test_unnamed_deaths_are_not_compared():
    a = _death(1, "A", "A man died at 1 a.m. near the bar.")
    b = _death(2, "B", "A woman died at 5 a.m. in hospital.")
    assert compare.event_time_flags([a, b]) == []


def test_an_article_and_the_source_it_quotes_giving_one_death_two_hours():
    from claims.nlp.types import QuoteSlot

    a = _death(1, "A", "Marsh died around 1 a.m. from lack of oxygen.")
    said = '"The diver died last night around 3 a.m.," the governor told reporters.'
    inner = said.index("The diver")
    q = QuoteSlot("The diver died last night around 3 a.m.", "", "", inner, inner + 40)
    b = _death(1, "A", said, quotes=[q])
    b.data.start = b.data.end = 0  # one article: offsets of the quote as given
    [flag] = compare.event_time_flags([a, b])
    assert flag.severity == "discrepancy"
    # the article's own two sentences, neither quoted, are not compared
    c = _death(1, "A", "The diver died last night around 3 a.m., it added.")
    assert compare.event_time_flags([a, c]) == []


def test_a_verb_before_a_bearing_from_a_place_is_the_one_dated():
    a = _dated(1, "A", "A jet crashed north of Tarvel on Monday, May 4.", "May 4", "2025-05-04")
    b = _dated(2, "B", "The jet came down west of Tarvel on 6 May.", "6 May", "2025-05-06")
    [flag] = compare.event_date_flags([a, b])
    assert flag.subject == "Date: crashed"
    assert {v.value for v in flag.variants} == {"2025-05-04", "2025-05-06"}


def test_a_figure_of_speech_going_down_is_no_crash():
    a = _dated(1, "A", "A cargo jet crashed north of Tarvel on May 4.", "May 4", "2025-05-04")
    b = _dated(2, "B", "The team went down 3-1 in Tarvel on 6 May.", "6 May", "2025-05-06")
    assert compare.event_date_flags([a, b]) == []


def test_the_event_itself_dated_a_month_off_is_a_slip_and_a_later_fact_is_not():
    a = _dated(
        1,
        "A",
        "The ferry sinking, which killed 40 on 3 May, shocked the port.",
        "3 May",
        "2025-05-03",
    )
    b = _dated(2, "B", "Divers returned to the ferry sinking of 3 April.", "3 April", "2025-04-03")
    for c in (a, b):
        c.data.dates[0].event = "happened"
    [flag] = compare.event_date_flags([a, b])
    assert {v.value for v in flag.variants} == {"2025-05-03", "2025-04-03"}
    # a month and a day apart is two happenings, not one miswritten
    b.data.dates[0].iso = "2025-04-04"
    assert compare.event_date_flags([a, b]) == []


@pytest.mark.parametrize(
    "a, b", [("indicted", "charged"), ("freed", "released"), ("quit", "resigned")]
)
def test_verbs_outlets_tell_one_happening_with_are_one_event(a, b):
    assert weekdays.event_of(a) == weekdays.event_of(b)


def test_a_clash_group_of_one_day_makes_no_flag(monkeypatch):
    """Whatever grouped them, one day told by every outlet is nothing to show."""
    a = _dated(1, "A", "The singer was arrested on Saturday in Lyon.", "Saturday", "2025-03-01")
    b = _dated(2, "B", "The singer was arrested on 1 March.", "1 March", "2025-03-01")
    days = [weekdays.EventDay("arrested", "2025-03-01", "x", c) for c in (a, b)]
    monkeypatch.setattr(weekdays, "day_clashes", lambda found: [days])
    assert compare.event_date_flags([a, b]) == []


def test_a_flights_due_time_and_its_descent_are_read_and_compared():
    claims = [
        claim(1, "A", "The jet had been due to arrive at the airport at 11.57 am today."),
        claim(2, "B", "The jet was scheduled to land in Varno at 11:35 a. m. local time."),
        claim(3, "C", "It started to descend after reaching its cruising altitude at 10:45 a.m."),
    ]
    [flag] = compare.event_time_flags(claims)
    assert flag.subject == "Time: due to arrive"
    assert {v.value for v in flag.variants} == {"at 11.57 am", "at 11:35 a. m."}
    [descent] = weekdays.event_times(claims[2])
    assert (descent.verb, descent.clock) == ("began its descent", 10 * 60 + 45)


def test_it_started_is_the_fires_start_only_in_a_story_of_a_fire_that_broke_out():
    started = claim(1, "A", "It started near Dunmore around 3 p.m. Thursday and burned south.")
    broke = claim(2, "B", "The Dunmore fire broke out late Thursday evening near the ridge.")
    [flag] = compare.event_time_flags([started, broke])
    assert flag.subject == "Time: broke out"
    assert {v.value for v in flag.variants} == {"around 3 p.m.", "late Thursday"}
    # no fire broke out in the story: "it" may be anything
    other = claim(3, "B", "The storm struck late Thursday evening near the ridge.")
    assert all(f.subject != "Time: broke out" for f in compare.event_time_flags([started, other]))


def test_a_shows_end_is_one_happening_however_told():
    claims = [
        claim(1, "A", "Earlier reports said the concert stopped at 9:40 p.m. on Friday."),
        claim(2, "B", "The singer was performing until 9:55 p.m., the paper said."),
        claim(3, "C", "The band played on for another 20 minutes until around 9.55pm."),
    ]
    [flag] = compare.event_time_flags(claims)
    assert flag.subject == "Time: show ended"
    assert {v.value for v in flag.variants} >= {"at 9:40 p.m.", "9:55 p.m."}
    # "set to arrive" stays a flight's due time
    [due] = weekdays.event_times(claim(4, "D", "The jet was set to arrive at 11 a.m."))
    assert due.verb == "due to arrive"


def test_a_time_someone_was_pronounced_dead_is_a_time_of_death():
    a = _death(1, "A", "Lena Marsh was pronounced dead at 5:03 p.m. in hospital.")
    b = _death(2, "B", "Lena Marsh was declared dead at 5:30 p.m. local time.")
    assert [t.verb for t in weekdays.event_times(a)] == ["died"]
    [flag] = compare.event_time_flags([a, b])
    assert flag.subject == "Time: died"


def test_the_time_a_flight_lost_contact_is_one_happening():
    a = _said(1, "A", "The plane lost contact with air traffic control at 11:14 a.m.")
    b = _said(2, "B", "Contact was lost at 11:24 a.m., the airline said.")
    assert [t.verb for t in weekdays.event_times(b)] == ["lost contact"]
    [flag] = compare.event_time_flags([a, b])
    assert flag.subject == "Time: lost contact"


def test_a_day_of_another_event_is_left_out_of_a_days_flag():
    a = _dated(1, "A", "The singer was arrested on Saturday in Lyon.", "Saturday", "2025-03-01")
    b = _dated(2, "B", "Police said the singer was arrested on Sunday.", "Sunday", "2025-03-02")
    c = _dated(3, "C", "His manager was arrested on May 4 last year.", "May 4", "2024-05-04")
    [flag] = compare.event_date_flags([a, b, c])
    assert {v.value for v in flag.variants} == {"2025-03-01", "2025-03-02"}


def test_a_happening_near_midnight_dated_a_day_apart_is_a_discrepancy():
    # the jet came down at 10:15 p.m. where it fell: the next day in a country a
    # few hours on; two days apart is still a contradiction
    a = _dated(
        1, "A", "The jet crashed on 28 November near Rionegro.", "28 November", "2025-11-28"
    )
    b = _dated(2, "B", "The jet crashed on 29 November, killing 71.", "29 November", "2025-11-29")
    timed = claim(3, "C", "The jet crashed at about 10:15 p.m. as it neared the runway.")
    [untimed] = compare.event_date_flags([a, b])
    assert untimed.severity == "contradiction"
    [flag] = compare.event_date_flags([a, b, timed])
    assert flag.severity == "discrepancy" and "near midnight" in flag.reason
    c = _dated(4, "D", "The jet crashed on 30 November, killing 71.", "30 November", "2025-11-30")
    [apart] = compare.event_date_flags([a, c, timed])
    assert apart.severity == "contradiction"

"""One event put in places, or on days, that cannot both be true (claims.analysis.events)."""

from datetime import UTC, date, datetime

import pytest

from claims.analysis import compare, events, weekdays
from claims.analysis.types import ArticleInfo
from claims.nlp.types import DateSlot, QuoteSlot
from tests.unit.analysis_builders import article, claim, person


def _told(article_id, outlet, text, **slots):
    return claim(article_id, outlet, text, **slots)


def _articles(*claims, extra=""):
    return {c.article_id: article(c.article_id, c.outlet, text=c.text + extra) for c in claims}


# --- places ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, second, values",
    [
        (
            "Dana Reyes was rushed to Harbor General Hospital in critical condition.",
            "Dana Reyes was taken to Saint Anne Hospital, officials said.",
            {"harbor general hospital", "saint anne hospital"},
        ),
        (
            "Storm Ada made landfall late Monday near Portville as a Category 2 storm.",
            "Storm Ada made landfall on Gull Key with 100 mph winds.",
            {"portville", "gull key"},
        ),
        (
            "Eight men were arrested in Chile, the police chief said.",
            "Eight men were arrested in Peru on charges of fraud.",
            {"chile", "peru"},
        ),
        (
            "Omar Vance was arraigned in Dunmore County Court in Eastbridge.",
            "Omar Vance was taken to the Dunmore County Courthouse in Westfield for arraignment.",
            {"eastbridge", "westfield"},
        ),
    ],
)
def test_one_event_in_two_places_of_one_kind_is_a_place_mismatch(first, second, values):
    a, b = _told(1, "A", first), _told(2, "B", second)
    [flag] = compare.event_place_flags([a, b], _articles(a, b))
    assert flag.kind == "place_mismatch" and flag.severity == "contradiction"
    assert {v.value.lower() for v in flag.variants} == values


@pytest.mark.parametrize(
    "first, second",
    [
        # a region and a town in it
        ("Storm Ada made landfall near Portville.", "Storm Ada made landfall in Florida."),
        ("Eight men were arrested in Chile.", "Eight men were arrested in Ohio."),
        # one facility named by part of its name
        (
            "Dana Reyes was rushed to Mercy Hospital.",
            "Dana Reyes was taken to Mercy West Hospital.",
        ),
        (
            "Dana Reyes was rushed to Mt. Hope Hospital.",
            "Dana Reyes was taken to Mount Hope Hospital.",
        ),
        # a second place where something else happened
        (
            "Omar Vance was arrested in Portville.",
            "After the attack in Dunmore, Omar Vance was arrested in Portville.",
        ),
        (
            "Omar Vance was arrested in Portville.",
            "Omar Vance was arrested in Portville before a hearing in Dunmore.",
        ),
        # a river and a town: not one kind of place
        (
            "Storm Ada made landfall near Portville.",
            "Storm Ada made landfall near the Kell River.",
        ),
        # two storms, two landfalls
        ("Storm Ada made landfall near Portville.", "Storm Bo made landfall near Dunmore."),
    ],
)
def test_places_that_can_both_be_true_are_not_flagged(first, second):
    a, b = _told(1, "A", first), _told(2, "B", second)
    assert events.event_places(a) and events.event_places(b)  # both read: the check is live
    assert compare.event_place_flags([a, b], _articles(a, b)) == []


@pytest.mark.parametrize(
    "second",
    [
        "Storm Ada made a second landfall on Gull Key late Thursday.",
        "Storm Ada made landfall again on Gull Key late Thursday.",
        "Storm Ada made a second Keltish landfall on Gull Key late Thursday.",
        "Storm Ada was the first storm to make landfall on Gull Key since 1911.",
    ],
)
def test_a_repeated_happening_is_not_compared_with_the_first(second):
    # the storm's second landfall has its own place and day
    a = _told(1, "A", "Storm Ada made landfall late Wednesday night near Portville.")
    b = _told(2, "B", second)
    assert events.event_places(a) and not events.event_places(b)
    assert compare.event_place_flags([a, b], _articles(a, b)) == []
    assert compare.event_weekday_flags([a, b]) == []


def test_someone_captured_on_camera_is_filmed_not_arrested():
    a = _told(1, "A", "Two walkers were captured on CCTV in Mill Lane an hour later.")
    assert events.event_places(a) == []
    b = _told(2, "B", "The gunman was captured in Mill Lane an hour later.")
    assert [p.name for p in events.event_places(b)] == ["mill lane"]


def test_a_month_after_the_event_word_is_no_place():
    a = _told(1, "A", "Storm Ada made landfall on Aug. 12 near Portville.")
    assert [p.name for p in events.event_places(a)] == ["portville"]


def test_places_the_story_names_together_are_not_flagged():
    a = _told(1, "A", "Storm Ada made landfall near Portville.")
    b = _told(2, "B", "Storm Ada made landfall on Gull Key.")
    texts = _articles(a, b, extra=" Gull Key, a small island near Portville, was cut off.")
    assert compare.event_place_flags([a, b], texts) == []


def test_a_nationality_is_no_place_and_a_name_runs_across_its_of():
    a = _told(1, "A", "The van crashed outside the French embassy on Tuesday.")
    b = _told(2, "B", "The van crashed at the Hall of Justice in Tarnford.")
    places = [p.name for c in (a, b) for p in events.event_places(c)]
    assert places == ["hall of justice", "tarnford"]
    assert compare.event_place_flags([a, b], _articles(a, b)) == []


def test_one_outlet_alone_is_no_place_mismatch():
    a = _told(1, "A", "Dana Reyes was rushed to Harbor General Hospital.")
    b = _told(2, "A", "Dana Reyes was taken to Saint Anne Hospital.")
    assert compare.event_place_flags([a, b], _articles(a, b)) == []


# --- days --------------------------------------------------------------------------


def _dated(article_id, outlet, text, written, iso):
    start = text.index(written)
    slot = DateSlot(written, iso, False, start, start + len(written))
    return _told(article_id, outlet, text, dates=[slot])


def test_one_landfall_on_two_weekdays_is_a_date_mismatch():
    a = _told(1, "A", "Storm Ada made landfall late Wednesday night near Portville.")
    b = _told(2, "B", "Storm Ada made landfall late Thursday as a Category 2 storm.")
    [flag] = compare.event_weekday_flags([a, b])
    assert flag.kind == "date_mismatch" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"late Wednesday night", "late Thursday"}


def test_weekdays_of_days_months_apart_are_two_happenings():
    # 5 March 2025 was a Wednesday; "on Saturday" in a June report is 14 June
    a = _dated(1, "A", "Kim Ode was found on a bench on 5 March.", "5 March", "2025-03-05")
    b = _dated(
        2, "B", "The couple were found unconscious on Saturday.", "on Saturday", "2025-06-14"
    )
    assert compare.event_weekday_flags([a, b]) == []
    c = _dated(3, "C", "Kim Ode was found on a bench on Saturday.", "on Saturday", "2025-03-08")
    assert compare.event_weekday_flags([a, c])


def test_a_resolved_date_gives_its_weekday():
    # 5 March 2025 was a Wednesday
    a = _told(1, "A", "Kim Ode, who was appointed premier on Tuesday, spoke first.")
    b = _dated(2, "B", "Kim Ode was appointed premier on 5 March.", "5 March", "2025-03-05")
    [flag] = compare.event_weekday_flags([a, b])
    assert {v.value for v in flag.variants} == {"on Tuesday", "5 March"}


@pytest.mark.parametrize(
    "first, second",
    [
        # late one night and early the next morning may be one moment
        (
            "Storm Ada made landfall late Wednesday night.",
            "Storm Ada made landfall early Thursday.",
        ),
        # the day in another time zone, in parentheses
        (
            "Storm Ada made landfall on Wednesday night.",
            "Storm Ada made landfall at 11pm Wednesday (0300 GMT Thursday).",
        ),
        # the day it was said, not the day it happened
        (
            "Storm Ada made landfall late Wednesday.",
            "Storm Ada made landfall, officials said on Thursday.",
        ),
        # the same day
        ("Kim Ode was appointed on Tuesday.", "Kim Ode was appointed by the king on Tuesday."),
        # two people, two appointments
        ("Kim Ode was appointed on Tuesday.", "Lee Park was appointed on Friday."),
    ],
)
def test_days_that_can_both_be_true_are_not_flagged(first, second):
    a, b = _told(1, "A", first), _told(2, "B", second)
    assert events.event_days(a, {})  # read, so the check is live
    assert compare.event_weekday_flags([a, b]) == []


@pytest.mark.parametrize(
    "first, second, values",
    [
        # people found after a search, on two days
        (
            "The three hikers were found by park rangers on Sunday night.",
            "The hikers were found on Monday night, six days after they set out.",
            {"on Sunday night", "on Monday night"},
        ),
        # one person taking one office, on two days
        (
            "Mara Lind could become prime minister by Friday.",
            "Mara Lind gave her first speech after becoming Prime Minister on Saturday.",
            {"Friday", "on Saturday"},
        ),
    ],
)
def test_one_finding_or_office_taken_on_two_weekdays_is_a_date_mismatch(first, second, values):
    a, b = _told(1, "A", first), _told(2, "B", second)
    [flag] = compare.event_weekday_flags([a, b])
    assert flag.kind == "date_mismatch"
    assert {v.value for v in flag.variants} == values


@pytest.mark.parametrize(
    "first, second",
    [
        # a verdict is no finding
        ("Omar Vance was found guilty on Monday.", "Omar Vance was found on Friday in a barn."),
        # two offices taken on two days
        (
            "Mara Lind became party leader on Friday.",
            "Mara Lind became prime minister on Saturday.",
        ),
    ],
)
def test_a_verdict_or_another_office_is_not_a_date_mismatch(first, second):
    a, b = _told(1, "A", first), _told(2, "B", second)
    assert compare.event_weekday_flags([a, b]) == []


def test_no_weekday_is_guessed_for_a_date_never_resolved():
    # no publication date: "5 March" carries no resolved day, so no weekday
    a = _told(1, "A", "Kim Ode was appointed premier on Tuesday.")
    b = _told(2, "B", "Kim Ode was appointed premier on 5 March.")
    assert compare.event_weekday_flags([a, b]) == []


# --- one person's killing, dated --------------------------------------------------


def _with_people(article_id, outlet, text, *names):
    mentions = [person(n) for n in names]
    return _told(article_id, outlet, text, people=mentions)


def test_one_killing_given_two_days_of_the_year_is_a_date_mismatch():
    a = _with_people(
        1, "A", "The suspect in the Nov. 14 Dunmore shooting death of Ann Lee.", "Ann Lee"
    )
    b = _with_people(
        2,
        "B",
        "He faces a charge for Ann Lee's murder, which took place outside a bank on Nov. 4.",
        "Ann Lee",
    )
    [flag] = compare.event_weekday_flags([a, b])
    assert flag.kind == "date_mismatch" and flag.subject == "Day: killing"
    assert {v.value for v in flag.variants} == {"Nov. 14", "Nov. 4"}


@pytest.mark.parametrize(
    "second, names",
    [
        # the same day, written another way
        ("Ann Lee's murder, which took place outside a bank on November 4.", ("Ann Lee",)),
        # another person's killing
        ("The suspect in the Oct. 2 shooting of Bo Park was freed.", ("Bo Park",)),
        # the day in another time zone, in parentheses
        ("The Nov. 4 (the Nov. 5 shooting in Seoul time) shooting of Ann Lee.", ("Ann Lee",)),
        # a trial, not the killing
        ("Ann Lee's murder trial opens on Nov. 20.", ("Ann Lee",)),
        # no one named: whose killing is not known
        ("The suspect in the Nov. 14 shooting was freed.", ()),
    ],
)
def test_killing_dates_that_can_both_be_true_are_not_flagged(second, names):
    a = _with_people(1, "A", "The Nov. 4 shooting of Ann Lee shocked the city.", "Ann Lee")
    b = _with_people(2, "B", second, *names)
    assert [k.day for k in events.killing_dates(a)] == [4]  # read, so the check is live
    assert compare.event_weekday_flags([a, b]) == []


@pytest.mark.parametrize(
    "first",
    [
        "On Saturday, police arrested Noor Vale outside the arena.",
        "NORTHPORT (AP) — Late on Saturday night, Noor Vale was arrested.",
        "It was on Saturday that Noor Vale was arrested.",
    ],
)
def test_a_weekday_before_its_clause_dates_the_event(first):
    a = _told(1, "A", first)
    b = _told(2, "B", "Noor Vale was arrested on Monday, police said.")
    [flag] = compare.event_weekday_flags([a, b])
    days = {w for v in flag.variants for w in v.value.lower().split()}
    assert {"saturday", "monday"} <= days


def test_a_leading_weekday_of_a_statement_dates_no_event():
    a = _told(1, "A", "On Saturday, police said Noor Vale was arrested.")
    b = _told(2, "B", "Noor Vale was arrested on Monday.")
    assert compare.event_weekday_flags([a, b]) == []


# --- one person's death ----------------------------------------------------------------


def _died(article_id, outlet, text, written, iso, name="Ivo Brandt"):
    start = text.index(written)
    slot = DateSlot(written, iso, False, start, start + len(written))
    found = text.find(name.split()[-1])
    people = []
    if found >= 0:
        people = [person(name)]
        people[0].start, people[0].end = found, found + len(name)
    return _told(article_id, outlet, text, dates=[slot], people=people)


def test_one_death_dated_to_a_month_and_a_day_outside_it_is_a_date_mismatch():
    a = _died(1, "A", "Brandt committed suicide in his cell June 2018.", "June 2018", "2018-06")
    b = _died(
        2,
        "B",
        "Ivo Brandt died in what the coroner ruled a suicide in his cell on July 9, 2018.",
        "July 9, 2018",
        "2018-07-09",
    )
    [flag] = compare.event_date_flags([a, b])
    assert flag.subject == "Date: death of Brandt" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"June 2018", "July 9, 2018"}
    # "he" is the story's person
    c = _died(3, "C", "He died on June 30, 2018.", "June 30, 2018", "2018-06-30")
    assert compare.event_date_flags([b, c])


@pytest.mark.parametrize(
    "second, written, iso, name",
    [
        ("Ivo Brandt died in July 2018.", "July 2018", "2018-07", "Ivo Brandt"),  # holds it
        ("Lea Sorn died on June 2, 2018.", "June 2, 2018", "2018-06-02", "Lea Sorn"),  # another
        ("A guard died on June 2, 2018.", "June 2, 2018", "2018-06-02", "Nobody Named"),
        ("Ivo Brandt died from Monday's fall.", "Monday", "2018-07-02", "Ivo Brandt"),
        # a year guessed for a date written without one
        ("Ivo Brandt died on July 9.", "July 9", "2021-07-09", "Ivo Brandt"),
        (
            "Ivo Brandt died, and on June 2 the inquiry began.",
            "June 2",
            "2018-06-02",
            "Ivo Brandt",
        ),
    ],
)
def test_deaths_that_can_be_one_or_are_others_are_not_flagged(second, written, iso, name):
    a = _died(1, "A", "Ivo Brandt died on July 9, 2018.", "July 9, 2018", "2018-07-09")
    b = _died(2, "B", second, written, iso, name=name)
    assert compare.event_date_flags([a, b]) == []


def test_a_weekday_beside_a_yearless_date_gives_an_undated_article_its_year():
    # the story's latest article is from 2023; "Thursday, Nov. 11" is 2021's
    assert weekdays.days_by_weekday(
        "He died Thursday, Nov. 11 of his wounds.", date(2023, 6, 1)
    ) == {
        8 + len("Thursday, "): "2021-11-11",
        8 + len("Thursday, Nov. "): "2021-11-11",
    }
    assert weekdays.days_by_weekday("He died on Nov. 11, 2020.", date(2023, 6, 1)) == {}


def test_an_undated_articles_weekday_and_date_agree_with_a_dated_report():
    told = "Ivo Brandt died on Thursday, the family said."
    a = _died(1, "A", told, "Thursday", "2021-11-11")
    b = _died(2, "B", "Ivo Brandt died Thursday, Nov. 11 of his wounds.", "Nov. 11", "")
    b.data.dates = []  # no publication date: the pipeline resolved nothing
    later = claim(3, "C", "The inquiry opened on June 1, 2023.")
    articles = {
        1: ArticleInfo(1, "A", datetime(2021, 11, 12, tzinfo=UTC), "t", told, ""),
        2: ArticleInfo(2, "B", None, "t", b.text, ""),
        3: ArticleInfo(3, "C", datetime(2023, 6, 1, tzinfo=UTC), "t", later.text, ""),
    }
    assert compare.event_date_flags([a, b, later], articles) == []
    a.data.dates[0].iso = "2021-11-10"  # a day apart: the dated report read it as Wednesday
    [flag] = compare.event_date_flags([a, b, later], articles)
    assert flag.subject == "Date: death of Brandt"
    assert {v.value for v in flag.variants} == {"Thursday", "Nov. 11"}


@pytest.mark.parametrize(
    "told",
    ["Storm Ada made landfall on March 6 near Portville.", "Storm Ada came ashore on March 6."],
)
def test_a_landfall_told_without_its_own_verb_is_dated(told):
    # "made landfall on <date>" and "came ashore on <date>": the word before the
    # date is no verb, yet the day is the landfall's
    a = _dated(1, "A", "Storm Ada made landfall on 5 March.", "5 March", "2025-03-05")
    b = _dated(2, "B", told, "March 6", "2025-03-06")
    [flag] = compare.event_date_flags([a, b])
    assert flag.subject == "Date: landfall"


def test_a_reference_date_no_story_can_have_reads_no_weekday_year():
    assert weekdays.days_by_weekday("He died Thursday, Nov. 11.", date(9999, 12, 31)) == {}
    assert weekdays.days_by_weekday("He died Thursday, Nov. 31.", date(2023, 6, 1)) == {}


def test_where_a_bus_crashed_near_two_towns_is_a_discrepancy():
    a = _told(1, "A", "A bus carrying 40 pilgrims plunged into a gorge near the town of Velm.")
    b = _told(2, "B", "Twelve pilgrims died when their bus fell into a gorge near Ostrava Nova.")
    [flag] = compare.event_place_flags([a, b], _articles(a, b))
    assert flag.subject == "Where: crashed" and flag.severity == "discrepancy"
    assert {v.value.lower() for v in flag.variants} == {"velm", "ostrava nova"}


def test_batches_of_remains_found_on_different_days_are_no_date_mismatch():
    a = _told(1, "A", "Another seven bodies were found on Thursday in the hills.")
    b = _told(2, "B", "Eight more bodies were found on Friday, officials said.")
    c = _told(3, "C", "Three human remains were located on Saturday in the town.")
    assert compare.event_weekday_flags([a, b, c]) == []


def test_yesterday_in_someone_s_words_is_not_the_paper_s_yesterday():
    a_text = "The Velden bridge collapsed on Tuesday."
    a_slot = DateSlot("on Tuesday", "2025-03-04", True, 25, 35, event="collapsed")
    a = _told(1, "A", a_text, dates=[a_slot])
    quoted = "I mourn yesterday's collapse of the bridge"
    b_text = f'"{quoted}," Mayor Ivo Brandt said on Tuesday.'
    start = b_text.index("yesterday")
    b_slot = DateSlot("yesterday", "2025-03-05", True, start, start + 9, event="collapsed")
    quote = QuoteSlot(quoted, quoted.lower(), "Ivo Brandt", 1, 1 + len(quoted))
    b = _told(2, "B", b_text, dates=[b_slot], quotes=[quote])
    assert compare.event_date_flags([a, b]) == []
    unquoted = _told(
        3,
        "C",
        "Officials said the bridge collapsed yesterday.",
        dates=[DateSlot("yesterday", "2025-03-05", True, 36, 45, event="collapsed")],
    )
    assert compare.event_date_flags([a, unquoted])

"""What a date dates, read from the parse (claims.nlp.events)."""

import pytest

from claims.nlp.events import dated_event
from claims.nlp.language import parse_paragraphs


def _event(sentence: str, date_text: str) -> str:
    [doc] = parse_paragraphs([sentence])
    start = sentence.index(date_text)
    return dated_event(doc[:], 0, start, start + len(date_text))


@pytest.mark.parametrize(
    "sentence, date_text, key",
    [
        ("Police arrested the baker at his home on Friday.", "on Friday", "arrested"),
        ("The two guards were killed in an ambush on Monday.", "on Monday", "killed"),
        ("The cargo plane went down on Sunday after take-off.", "on Sunday", "crashed"),
        ("The old footbridge gave way on Tuesday.", "on Tuesday", "collapsed"),
        ("The march took place on Sunday morning.", "on Sunday", "happened"),
        # repeated acts within the story happen on their own days
        ("The last successful rescues happened on Thursday.", "on Thursday", ""),
        ("The storm made landfall on Thursday.", "on Thursday", "landfall"),
        ("The jury reached its verdict on Thursday.", "on Thursday", "verdict"),
        ("The trawler ran aground on Tuesday.", "on Tuesday", "ran aground"),
        ("The mayor announced her resignation on Tuesday.", "on Tuesday", "resigned"),
        ("The bomb went off outside the station on Saturday.", "on Saturday", "blast"),
        # the day of what came before or after is not the verb's
        (
            "The van was found in a field shortly after the robbery on Monday night.",
            "on Monday",
            "",
        ),
    ],
)
def test_the_happening_a_date_is_attached_to(sentence, date_text, key):
    assert _event(sentence, date_text) == key


@pytest.mark.parametrize(
    "sentence",
    [
        "The town still reels from a shooting at a roller rink that killed six on Friday night.",
        "It came two days after another bombing that killed nine on Friday.",
    ],
)
def test_a_date_in_a_clause_on_another_happening_dates_none_of_the_story(sentence):
    assert _event(sentence, "on Friday") == ""


def test_a_clause_on_the_happenings_place_dates_the_happening():
    sentence = "The fire at a warehouse that killed six on Friday night shocked the port."
    assert _event(sentence, "on Friday") == "happened"


@pytest.mark.parametrize(
    "sentence, date_text",
    [
        ("Police said on Monday that the baker was arrested.", "on Monday"),
        ("The company will announce its results on Friday.", "on Friday"),
        ("The mayor informed councillors on Tuesday.", "on Tuesday"),
        # deaths are dated per person (claims.analysis.events)
        ("He was pronounced dead at the scene on Friday.", "on Friday"),
        ("Detectives were investigating the death of a man on Monday.", "on Monday"),
        # a place or a thing named after the happening is not it
        ("The minister will visit the crash scene on Wednesday.", "on Wednesday"),
    ],
)
def test_a_statement_a_plan_or_a_noun_dates_no_happening(sentence, date_text):
    assert _event(sentence, date_text) == ""


@pytest.mark.parametrize(
    "sentence, date_text",
    [
        ("Relatives gathered a week after the stampede on 4 March in the town.", "4 March"),
        ("Investigators blamed the 4 March derailment on a faulty signal.", "4 March"),
        ("The ferry sinking, which killed 40 people on 4 March, shocked the port.", "4 March"),
        ("The blaze on Monday destroyed 40 homes.", "on Monday"),
        ("Sunday's collision happened near the small town of Varn.", "Sunday"),
        ("The stampede incident on 4 March shocked the town.", "4 March"),
    ],
)
def test_a_date_on_the_event_itself_dates_the_happening(sentence, date_text):
    assert _event(sentence, date_text) == "happened"

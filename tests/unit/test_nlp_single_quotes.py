"""Single quotes that carry speech are quotes; names of documents, scare quotes
and apostrophes are not (claims.nlp.quotes). Made-up text."""

from claims.nlp.extract import split_paragraphs
from claims.nlp.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text, split_paragraphs(text))]


def test_single_quotes_after_a_speech_verb_are_a_quote():
    text = "Outside the depot, she said: ‘We have asked the council to open the road.’"
    assert quoted(text) == ["We have asked the council to open the road."]


def test_single_quotes_before_a_speech_verb_are_a_quote():
    text = "‘The ferry will run again on Friday,’ the harbour master said."
    assert quoted(text) == ["The ferry will run again on Friday,"]


def test_a_paragraph_opening_with_a_single_quote_is_speech():
    text = "The mayor spoke first.\n\n‘Nobody in this town will be left without heat\n\nNext."
    assert quoted(text) == ["Nobody in this town will be left without heat"]


def test_straight_single_quotes_with_the_first_person_are_a_quote():
    text = "Headline: 'When the river rises, we move the boats first' and more."
    assert quoted(text) == ["When the river rises, we move the boats first"]


def test_a_document_name_or_a_scare_quote_in_single_quotes_is_not_a_quote():
    assert quoted("They signed the ‘Northern Harbours Joint Maintenance Accord’ on Monday.") == []
    assert quoted("The mayor called it a ‘very sad day for the town’ on Monday.") == []
    assert quoted("Voters said ‘no’ to the plan.") == []  # too short to be speech


def test_apostrophes_open_and_close_nothing():
    text = "It's the rock 'n' roll band's '90s hit, and Ms Lee's players’ union said it again."
    assert quoted(text) == []


def test_single_quotes_inside_double_quotes_are_part_of_that_quote():
    text = 'He said: "They told me ‘we will never close the school’ and then they did."'
    assert quoted(text) == ["They told me ‘we will never close the school’ and then they did."]


def test_a_closing_mark_after_a_stop_and_a_space_closes_the_quote():
    text = "'We thank everyone for their patience now. ' her agent said."
    assert [q.strip() for q in quoted(text)] == ["We thank everyone for their patience now."]


def test_double_quotes_inside_single_quoted_speech_are_part_of_it():
    text = "The nurse said: ‘I know “ordinary” days are gone and my family needs rest now.’"
    assert quoted(text) == ["I know “ordinary” days are gone and my family needs rest now."]
    text = "He said “It was a ‘lucky’ escape for all of us,” and left."
    assert quoted(text) == ["It was a ‘lucky’ escape for all of us,"]

"""Attributed quotes always become claims, so the quote comparison sees them
(claims.nlp.extract, claims.nlp.attribution). Made-up text."""

from claims.nlp.extract import extract_article
from claims.nlp.types import ArticleInput

TEXT = """The council met on Monday to discuss the fire in the old bakery on Rua Nova.

The mayor's eldest daughter, Clara Mendes, described the fire as \
“a night of the greatest sorrow for our whole street.”

“Firstly, the city must rebuild the bakery quickly,” Mendes said.

“Secondly, an apology to every family on the street.”

- “We will not forget the bakers of Rua Nova,” the fire chief said

“Thank you all,” she said.

“Nobody knows who is right about this,” a sign on the door read, and nobody asked.
"""


def claims():
    return extract_article(ArticleInput(TEXT, "Fire on Rua Nova", None, "Lisbon Daily")).claims


def quoted(words):
    return [c for c in claims() if any(words in q.text for q in c.quotes)]


def test_an_attributed_quote_is_a_claim_however_little_else_it_states():
    [c] = quoted("Secondly, an apology to every family")
    assert c.speaker == "Clara Mendes"


def test_a_quote_on_a_list_line_with_a_speech_verb_is_a_claim():
    assert len(quoted("We will not forget the bakers")) == 1


def test_the_speaker_in_apposition_to_the_subject_is_the_speaker():
    [c] = quoted("a night of the greatest sorrow")
    assert c.speaker == "Clara Mendes"


def test_short_quotes_stay_out():
    assert quoted("Thank you all") == []


def _standalone(text):
    got = extract_article(ArticleInput(text, "", None, "Harbour Times")).claims
    return [c for c in got if c.quotes]


def test_a_quotation_standing_alone_after_reported_speech_is_a_claim():
    text = (
        "The port authority described the night in a statement on Friday.\n\n"
        "“The crane gave way after a gust, almost immediately falling onto the quay.”"
    )
    [c] = _standalone(text)
    assert c.kind == "quote" and c.speaker == ""
    text = (
        "The harbour master told the inquiry:\n\n“No crane was inspected after the storm of May.”"
    )
    assert len(_standalone(text)) == 1


def test_a_quotation_after_no_reported_speech_is_no_claim():
    text = "The storm hit on Monday.\n\n“We have never seen anything like this in our lives here.”"
    assert _standalone(text) == []


def _speakers(text):
    got = extract_article(ArticleInput(text, "", None, "Valley Post")).claims
    return {q.text[:20]: q.speaker for c in got for q in c.quotes}


def test_a_quote_cut_from_its_attribution_takes_the_speaker_after_it():
    # the segmenter ends the sentence at » before "Trump said"
    text = (
        "The new bridge was opened on the river.\n\n"
        "« We came here today to open a bridge for the whole valley, » Trump said from "
        "a stage beside the water. « After years of delay, the valley is joined again. »"
    )
    assert _speakers(text)["We came here today t"].lower() == "trump"


def test_a_datelines_place_or_a_quotation_mark_is_no_speaker():
    text = (
        "MARLOW (AP) – Declaring « a brand new dawn for us, » Mayor Lena Dorsk on Tuesday "
        "opened the bridge over the river. It took four years to build.\n\n"
        "« We came here today to open a bridge for the whole valley, » Okonkwo said."
    )
    speakers = _speakers(text)
    assert speakers["a brand new dawn for"] != "marlow"
    assert speakers["We came here today t"].lower() == "okonkwo"


def test_a_document_speaks_for_itself_not_for_the_last_person_quoted():
    text = (
        "“We will appeal,” said Dara Quell, a spokesman for the ferry line.\n\n"
        "The indictment alleges that the captain caused the deaths of nine passengers "
        "“through gross neglect of the watch he was given.”\n\n"
        "The lawsuit blames the ferry line for the fire “by its failure to train its crew "
        "for a night at sea.”"
    )
    speakers = _speakers(text)
    assert speakers["through gross neglec"] == "the indictment"
    assert speakers["by its failure to tr"] == "the lawsuit"


def test_the_one_cited_as_saying_is_the_speaker_not_the_one_citing():
    text = (
        "The harbour master, Tomas Ferreira, spoke after the storm.\n\n"
        "Local radio stations quoted Mr Ferreira as saying: “We believe the crane was "
        "weakened by the salt and, of course, by years of neglect.”"
    )
    [c] = _standalone(text)
    assert c.speaker == "Tomas Ferreira"


def test_a_retired_mark_after_a_name_is_no_person():
    text = (
        "The pilot flew fighters for twenty years before joining the airline.\n\n"
        "Air Commodore Kiran Patel (Retd) said that, “The captain was among the finest "
        "pilots we ever trained at the academy.”"
    )
    got = extract_article(ArticleInput(text, "", None, "Harbour Times"))
    assert "Retd" not in {p.canonical for p in got.people}
    [c] = [c for c in got.claims if c.quotes]
    assert c.speaker == "Kiran Patel"

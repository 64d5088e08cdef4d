"""People, titles and speakers on short texts written for the purpose."""

from datetime import date

import pytest

from claims.nlp.extract import extract_article
from claims.nlp.types import ArticleInput

pytestmark = pytest.mark.slow  # loads the spaCy pipeline


def run(text):
    return extract_article(ArticleInput(text=text, published=date(2025, 11, 1)))


def test_apposition_and_title_alone():
    result = run(
        "Pete Hegseth, Defence Secretary of the United States, met Indian officials in "
        "Kuala Lumpur on Friday.\n"
        "“Our ties have never been stronger,” the US Defence Secretary said on Friday."
    )
    [person] = [p for p in result.people if p.canonical == "Pete Hegseth"]
    assert {t.title_norm for t in person.titles} == {"defense secretary"}
    quote = result.claims[-1]
    assert quote.kind == "quote" and quote.speaker == "Pete Hegseth"


def test_pronoun_resolves_to_last_person_named_outside_quotes():
    result = run(
        "Foreign Minister Penny Wong met Chinese officials in Beijing on Tuesday.\n"
        "“We discussed trade with Li Qiang,” she said in a statement on Tuesday."
    )
    assert result.claims[-1].speaker == "Penny Wong"


def test_a_pronoun_skips_a_person_the_article_refers_to_with_the_other():
    result = run(
        "Mayor Tom Okafor opened the new bridge in Lagos on Sunday, watched by "
        "council staff and his wife Amaka.\n"
        "He said the “bridge will carry forty thousand cars a day by next year”."
    )
    assert result.claims[-1].speaker == "Tom Okafor"


def test_a_pronoun_skips_a_lone_name_for_someone_the_article_introduced():
    # "Kowalski" is named alone and never introduced: "He" is the mayor
    result = run(
        "Mayor Tom Okafor opened the new bridge in Lagos on Sunday.\n"
        "The delays were blamed on Kowalski, the contractor.\n"
        "He said the “bridge will carry forty thousand cars a day by next year”."
    )
    assert result.claims[-1].speaker == "Tom Okafor"


def test_social_post_author_is_the_speaker():
    result = run(
        "Minister Anna Berg visited Oslo on Monday and signed the accord.\n"
        "We signed the 2025 accord with @norway today in Oslo.\n"
        "— Minister Anna Berg (@annaberg) November 1, 2025\n"
    )
    post = [c for c in result.claims if "We signed the 2025 accord" in c.text]
    assert post and post[0].speaker == "Anna Berg"
    assert not any("(@annaberg)" in c.text for c in result.claims)


def test_most_frequent_full_form_is_canonical():
    result = run(
        "Peter Hegseth arrived in Kuala Lumpur on Friday.\n"
        "Pete Hegseth met Rajnath Singh on Friday in Kuala Lumpur.\n"
        "Pete Hegseth signed a 10-year pact with India on Friday."
    )
    [person] = [p for p in result.people if "Hegseth" in p.canonical]
    assert person.canonical == "Pete Hegseth" and "Peter Hegseth" in person.variants


def test_according_to_and_organisation():
    result = run("According to the foreign ministry, 12 diplomats were expelled on Monday.")
    assert result.claims[0].speaker == "the foreign ministry"


def _titles(result, name):
    [person] = [p for p in result.people if p.canonical == name]
    return {t.title for t in person.titles}


def test_ranks_with_a_class_or_an_undotted_abbreviation_are_titles():
    result = run(
        "Petty Officer 2nd Class Tom Rell, 41, had carried air tanks deep into the mine.\n"
        "Sgt. Ada Kell died from a lack of oxygen on the way back to the command post.\n"
        "Police officer Jo Barr said the second class of recruits would start on Monday."
    )
    assert _titles(result, "Tom Rell") == {"Petty Officer 2nd Class"}
    assert _titles(result, "Ada Kell") == {"Sgt."}
    # "officer" alone and a class of recruits are no title
    assert not [p for p in result.people if p.canonical == "Jo Barr" and p.titles]


def test_ousted_and_then_stay_in_the_title():
    result = run(
        "Ousted premier Ken Marr is said to be weighing another bid for the party post.\n"
        "The budget was drawn up by then chancellor Ada Kell in a year of cuts."
    )
    assert _titles(result, "Ken Marr") == {"Ousted premier"}
    assert _titles(result, "Ada Kell") == {"then chancellor"}


def test_a_title_abbreviation_before_a_name_ends_no_sentence():
    result = run(
        "The ferry sank near the harbour wall on Monday.\n"
        "“We will raise the hull by the end of the month,” Harbour Master Capt. Lena Frost "
        "said in a statement."
    )
    [quote] = [c for c in result.claims if "raise the hull" in c.text]
    assert quote.kind == "quote" and quote.speaker == "Lena Frost"
    assert quote.text.endswith("said in a statement.")


def test_the_court_is_part_of_a_judges_title():
    result = run(
        "U.S. District Judge Ada Kell set the sentencing for June.\n"
        "Magistrate Judge Tom Rell denied the request on Friday."
    )
    assert _titles(result, "Ada Kell") == {"District Judge"}
    assert _titles(result, "Tom Rell") == {"Magistrate Judge"}


def test_the_office_of_a_title_is_not_its_holder():
    result = run(
        "District Attorney Ada Kell said she would seek a life sentence.\n"
        "The District Attorney's Office said the hearing would be in March."
    )
    [person] = [p for p in result.people if p.canonical == "Ada Kell"]
    assert len(person.titles) == 1


@pytest.mark.parametrize(
    "text, name",
    [
        ("Governor Yousef al-Marzouki said 12 people had died.", "Yousef al-Marzouki"),
        ("Prime Minister Han Min-seok said the state would pay the families.", "Han Min-seok"),
        ("Beatrice Warren-Holt, a nurse, said the ward was full by noon.", "Warren-Holt"),
    ],
)
def test_a_hyphenated_name_is_read_whole(text, name):
    """spaCy splits a name at its hyphen, and the small model may tag only a part of it."""
    names = {p.canonical for p in run(text).people}
    assert any(name in n for n in names), names


@pytest.mark.parametrize(
    "text, title",
    [
        ("Major General Omar Haddad said the troops would withdraw by Friday.", "major general"),
        ("Lt. Gen. Omar Haddad said the troops would withdraw by Friday.", "lt. gen."),
        ("Brigadier General Omar Haddad said the troops had withdrawn.", "brigadier general"),
    ],
)
def test_a_general_keeps_his_rank(text, title):
    """A rank is part of the title: "Lieutenant General" and "Major General" are two."""
    [person] = run(text).people
    assert {t.title_norm for t in person.titles} == {title}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Judge Maria del Castillo said the hearing would resume.", "Maria del Castillo"),
        ("Sheikh Khalid ibn Rashed said the talks would continue.", "Khalid ibn Rashed"),
        ("Farmer Pedro dos Santos said the river rose overnight.", "Pedro dos Santos"),
        ("Witness Katarzyna Nowicki said she heard three bangs.", "Katarzyna Nowicki"),
    ],
)
def test_particles_stay_in_a_name_and_a_role_before_it_goes(text, name):
    assert name in {p.canonical for p in run(text).people}


def test_crown_prince_is_a_title():
    [person] = run("Crown Prince Faisal Al Nahran said the fund would invest $2 billion.").people
    assert person.canonical == "Faisal Al Nahran"
    assert {t.title_norm for t in person.titles} == {"crown prince"}


@pytest.mark.parametrize(
    "text, title",
    [
        ("Tomas Lind, the country's finance minister, said so.", "finance minister"),
        ("Economy Minister Tomas Lind said the budget would shrink.", "economy minister"),
        ("Tomas Lind, the nation's tourism minister, said so.", "tourism minister"),
    ],
)
def test_a_ministers_portfolio_is_read_before_and_after_the_name(text, title):
    [person] = run(text).people
    assert {t.title_norm for t in person.titles} == {title}


@pytest.mark.parametrize(
    "text, title",
    [
        ("Sheriff Daniel Harper said the road would stay closed.", "sheriff"),
        ("Daniel Harper, the county sheriff, said the road was closed.", "county sheriff"),
        ("Daniel Harper, the police chief, said the road was closed.", "police chief"),
        ("Battalion Chief Daniel Harper said the road was closed.", "battalion chief"),
        ("Coroner Daniel Harper said the cause of death was not yet known.", "coroner"),
    ],
)
def test_police_fire_and_coroners_offices_are_titles(text, title):
    [person] = run(text).people
    assert {t.title_norm for t in person.titles} == {title}


def test_a_title_alone_names_the_holder_of_a_longer_form_of_it():
    text = "County Mayor Daniel Harper spoke on Friday. The Mayor called the fire a disaster."
    [person] = run(text).people
    assert {t.title_norm for t in person.titles} == {"county mayor", "mayor"}
    other = "Deputy Mayor Daniel Harper spoke on Friday. The Mayor called the fire a disaster."
    [person] = run(other).people
    assert {t.title_norm for t in person.titles} == {"deputy mayor"}


@pytest.mark.parametrize(
    ("text", "label", "found"),
    [
        ("Former city treasurer Corin Hale was convicted.", "ORG", ["Corin Hale"]),
        ("The deputy minister Ardo Vesk resigned.", "GPE", ["Ardo Vesk"]),
        ("Former city treasurer Corin Council was convicted.", "ORG", []),  # an organisation
        ("The city Corin Hale was flooded.", "ORG", []),  # no office before it
    ],
)
def test_a_name_ner_typed_as_an_organisation_after_an_office_is_a_person(text, label, found):
    from spacy.tokens import Span

    from claims.nlp.language import get_nlp
    from claims.nlp.people import find_people

    doc = get_nlp()(text)
    start = next(i for i, t in enumerate(doc) if t.text in ("Corin", "Ardo"))
    doc.ents = [Span(doc, start, start + 2, label=label)]
    people = find_people([(0, doc)], text, [])
    assert [p.canonical for p in people.persons] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Police charged Corin Hale, the port director, with negligence.", ["Corin Hale"]),
        ("Police charged Corin Hale, 54, with negligence.", ["Corin Hale"]),
        ("Police fined Corin Hale, a shipping firm, for negligence.", []),  # a company
        ("Police fined Corin Council, the port director, for negligence.", []),
    ],
)
def test_a_name_ner_typed_as_an_organisation_with_a_persons_apposition_is_a_person(text, found):
    from spacy.tokens import Span

    from claims.nlp.language import get_nlp
    from claims.nlp.people import find_people

    doc = get_nlp()(text)
    start = next(i for i, t in enumerate(doc) if t.text == "Corin")
    doc.ents = [Span(doc, start, start + 2, label="ORG")]
    people = find_people([(0, doc)], text, [])
    assert [p.canonical for p in people.persons] == found


@pytest.mark.parametrize(
    "text",
    [
        "After the search operation, Radoslaw Zielinski thanked the volunteers for their work.",
        "Operations director Radoslaw Zielinski said the crews had reached the tunnel.",
        "Rescuers kept drilling overnight, Radoslaw Zielinski said on Tuesday.",
    ],
)
def test_a_person_after_an_operations_or_drilling_word_is_no_exercise(text):
    assert "Radoslaw Zielinski" in {p.canonical for p in run(text).people}


def test_exercises_named_in_a_list_are_not_people():
    text = "The navies train together in exercises such as Tide Lance, Iron Reed and Blue Harp."
    assert not {"Tide Lance", "Iron Reed", "Blue Harp"} & {p.canonical for p in run(text).people}


def _tagged(words, pos, person):
    """A parsed sentence whose PERSON entity is the word range `person`."""
    from spacy.tokens import Doc, Span

    from claims.nlp.language import get_nlp

    doc = Doc(
        get_nlp().vocab, words=words, pos=pos, sent_starts=[True] + [False] * (len(words) - 1)
    )
    doc.ents = [Span(doc, *person, label="PERSON")]
    return doc.ents[0]


def test_a_given_name_ner_left_out_is_read_with_the_name():
    from claims.nlp.people import _hyphen_whole

    words = ["Dutch", "national", "Henrik", "Pieter", "Oosterhuis", "survived"]
    pos = ["ADJ", "NOUN", "PROPN", "PROPN", "PROPN", "VERB"]
    assert _hyphen_whole(_tagged(words, pos, (3, 5))).text == "Henrik Pieter Oosterhuis"
    words = ["It", "was", "flown", "by", "Captain", "Imre", "Szalai"]
    pos = ["PRON", "AUX", "VERB", "ADP", "PROPN", "PROPN", "PROPN"]
    assert _hyphen_whole(_tagged(words, pos, (5, 7))).text == "Imre Szalai"


def test_an_office_and_a_name_ner_took_for_a_title_of_a_work_is_a_person():
    from claims.nlp.people import _office_then_name

    words = ["Mayor", "Lina", "Ostrova", "said"]
    pos = ["PROPN", "PROPN", "PROPN", "VERB"]
    from spacy.tokens import Doc, Span

    from claims.nlp.language import get_nlp

    doc = Doc(get_nlp().vocab, words=words, pos=pos)
    assert _office_then_name(Span(doc, 0, 3, label="WORK_OF_ART"))
    doc = Doc(get_nlp().vocab, words=["President", "Hotel", "Kigali"], pos=["PROPN"] * 3)
    assert not _office_then_name(Span(doc, 0, 2, label="FAC"))


def test_an_office_served_under_someone_is_not_that_persons_title():
    text = (
        "Ines Varga, 51, served as interior minister under Otto Lindahl until 2019, the party "
        "said on Monday.\n\nShe left politics a year later and now runs a charity in the capital."
    )
    [otto] = [p for p in run(text).people if p.canonical == "Otto Lindahl"]
    assert not otto.titles


def test_a_press_secretary_keeps_press_in_the_title():
    text = (
        "The palace said little on Monday. The governor's press secretary Lena Marsh said "
        "the visit was off. Marsh gave no reason."
    )
    [person] = [p for p in run(text).people if p.canonical == "Lena Marsh"]
    assert {t.title_norm for t in person.titles} == {"press secretary"}


def test_a_title_heading_its_body_set_off_by_a_comma_before_the_name():
    result = run(
        "The report was read by Harbour Board chairperson, Lena Dorsk, at the summit in Varn.\n"
        "According to the President of the Harbour Board, Tomas Reev, the port will reopen.\n"
        "The spokesman for the River Rescue Service, Daniel Okonkwo, said nine boats were out."
    )
    assert _titles(result, "Lena Dorsk") == {"Harbour Board chairperson"}
    assert _titles(result, "Tomas Reev") == {"President of the Harbour Board"}
    assert _titles(result, "Daniel Okonkwo") == {"spokesman for the River Rescue Service"}


def test_a_title_set_off_after_a_clause_of_its_own_is_not_the_names():
    result = run(
        "After meeting the president of the Harbour Board, Lena Dorsk flew home on Monday.\n"
        "She said the talks in Varn had gone well for both sides of the dispute."
    )
    assert not [p for p in result.people if p.canonical == "Lena Dorsk" and p.titles]


def test_an_apposition_with_a_or_an_gives_the_title():
    result = run(
        "The hospitals are full, said Daniel Okonkwo, a spokesman for the River Rescue Service.\n"
        "Rain fell on the valley for a third day on Monday, and roads were closed."
    )
    assert _titles(result, "Daniel Okonkwo") == {"spokesman"}


def test_a_company_officers_title_is_read_whole():
    result = run(
        "At a briefing, the agency's chief operating officer, Daniel Okonkwo, said it was shut.\n"
        "Rain fell on the valley for a third day on Monday, and roads were closed."
    )
    assert _titles(result, "Daniel Okonkwo") == {"chief operating officer"}


@pytest.mark.parametrize(
    "text, person",
    [
        (
            "Exiled Brenner boss Daniel Okonkwo released a video on Sunday. He spoke at length.",
            "Daniel Okonkwo",
        ),
        (
            "Jailed Velkor founder Lena Dorsk released a statement on Monday. She spoke briefly.",
            "Lena Dorsk",
        ),
    ],
)
def test_the_body_a_person_heads_is_no_person(text, person):
    assert [p.canonical for p in run(text).people] == [person]


@pytest.mark.parametrize("text", ["The injured were taken to St Mary's Hospital in Arlon."])
def test_a_name_that_begins_a_place_is_no_person(text):
    from spacy.tokens import Span

    from claims.nlp.language import get_nlp
    from claims.nlp.people import find_people

    doc = get_nlp()(text)
    start = next(i for i, t in enumerate(doc) if t.text == "St")
    doc.ents = [Span(doc, start, start + 2, label="PERSON")]  # "St Mary", as the tagger reads it
    assert [p.canonical for p in find_people([(0, doc)], text, []).persons] == []
    named = "The injured were met by Mary Rowe at the hospital."
    doc = get_nlp()(named)
    start = next(i for i, t in enumerate(doc) if t.text == "Mary")
    doc.ents = [Span(doc, start, start + 2, label="PERSON")]
    assert [p.canonical for p in find_people([(0, doc)], named, []).persons] == ["Mary Rowe"]


def _tagged_person(text: str, first: str, words: int):
    from spacy.tokens import Span

    from claims.nlp.language import get_nlp
    from claims.nlp.people import find_people

    doc = get_nlp()(text)
    start = next(i for i, t in enumerate(doc) if t.text == first)
    doc.ents = [Span(doc, start, start + words, label="PERSON")]  # as a tagger may read it
    return [p.canonical for p in find_people([(0, doc)], text, []).persons]


def test_a_town_the_tagger_took_for_a_person_is_no_person():
    # "Santa Clara" and "Pangkal Pinang" (Pangkalpinang written in two words)
    assert _tagged_person("The flight left Santa Clara at noon.", "Santa", 2) == []
    assert _tagged_person("The flight was bound for Pangkal Pinang on Bangka.", "Pangkal", 2) == []
    # a person who shares a first name with a city stays a person
    assert _tagged_person("The award went to Paris Velden on Friday.", "Paris", 2) == [
        "Paris Velden"
    ]


def test_a_company_the_tagger_took_for_a_person_is_no_person():
    assert _tagged_person("The jet was leased from Velmar Leasing in 2017.", "Velmar", 2) == []
    assert _tagged_person("The jet was leased from Velmar Holt in 2017.", "Velmar", 2) == [
        "Velmar Holt"
    ]


def test_under_before_a_title_dates_it_and_under_secretary_is_an_office():
    result = run(
        "The scheme grew fast under President Mara Olsen, the agency said on Monday.\n"
        "Under Secretary Ben Tal will testify on Tuesday, officials said."
    )
    assert _titles(result, "Mara Olsen") == {"President"}
    assert _titles(result, "Ben Tal") == {"Under Secretary"}


def test_a_street_is_no_person():
    result = run(
        "A van stopped at the Dale Fresh Markets store at 2210 Jefferson Ave on Saturday.\n"
        "Shoppers on Jefferson Avenue said the store would reopen."
    )
    assert not [p for p in result.people if "Jefferson" in p.canonical]


def test_he_is_the_man_just_named_not_a_nearer_name_of_unknown_pronoun():
    result = run(
        "Mr Tal Orin, who was also hurt, said Mara Vey had opened the box.\n"
        "He told reporters: “Within minutes, I think Mara said she felt dizzy.”"
    )
    quote = result.claims[-1]
    assert quote.kind == "quote" and quote.speaker == "Tal Orin"

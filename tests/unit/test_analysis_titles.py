"""Typed title comparison (claims.analysis.titles) on made-up people and offices."""

from datetime import UTC, date, datetime, timedelta

import pytest

from claims.analysis import compare, people, titles
from claims.analysis.titles import (
    DESCRIPTIVE,
    DIFFERENT_OFFICE,
    FORMER_VS_CURRENT,
    SAME,
    SAME_OFFICE_OTHER_NAME,
    SHORT_FORM,
    HolderData,
    OfficeBook,
    OfficeData,
    OfficeNameData,
    TitleUse,
)
from claims.analysis.types import ArticleInfo

from .analysis_builders import claim, person, quote

# An office renamed twice: Posts (until 2004), Communications (2005-2014), Digital Affairs.
POSTS = OfficeData(
    1,
    "Minister of Digital Affairs",
    "Freedonia",
    names=[
        OfficeNameData(
            "Minister of Posts", titles.FORMER_NAME, date(1990, 1, 1), date(2004, 12, 31)
        ),
        OfficeNameData(
            "Minister of Communications", titles.FORMER_NAME, date(2005, 1, 1), date(2014, 12, 31)
        ),
        OfficeNameData("Minister of Digital Affairs", titles.STATUTORY, date(2015, 1, 1)),
        OfficeNameData("Digital Minister", titles.INFORMAL),
    ],
    holders=[HolderData("Ana Ruiz", date(2012, 3, 1))],
)
# An office with a secondary title from a date, and a holder who left.
HARBOURS = OfficeData(
    2,
    "Secretary of Harbours",
    "Freedonia",
    names=[
        OfficeNameData("Secretary of Harbours", titles.STATUTORY),
        OfficeNameData("Secretary of the Fleet", titles.SECONDARY, date(2024, 6, 1)),
        OfficeNameData("SecHarb", titles.ABBREVIATION),
    ],
    holders=[
        HolderData("Milo Brandt", date(2019, 1, 10), date(2023, 2, 28)),
        HolderData("Tessa Quill", date(2023, 3, 1)),
    ],
)
PRESIDENT = OfficeData(
    3,
    "President of Freedonia",
    "Freedonia",
    names=[OfficeNameData("President", titles.STATUTORY)],
    holders=[HolderData("Tom Vale", date(2016, 5, 1), date(2021, 4, 30))],
)
FINANCE = OfficeData(
    4,
    "Minister of Finance",
    "Freedonia",
    names=[OfficeNameData("Finance Minister", titles.STATUTORY)],
    holders=[HolderData("Ana Ruiz", date(2008, 1, 1), date(2012, 2, 28))],
)
# Two countries' offices sharing a name: told apart by who held them.
DEFENCE_A = OfficeData(
    5,
    "Defence Minister of Sylvania",
    "Sylvania",
    [OfficeNameData("Defence Minister")],
    [HolderData("Ivo Marsh", date(2020, 1, 1))],
)
DEFENCE_B = OfficeData(
    6,
    "Defence Minister of Freedonia",
    "Freedonia",
    [OfficeNameData("Minister of Defence")],
    [HolderData("Lena Kraus", date(2021, 1, 1))],
)
BOOK = OfficeBook([POSTS, HARBOURS, PRESIDENT, FINANCE, DEFENCE_A, DEFENCE_B])
DAY = date(2025, 3, 14)


def uses(*pairs, day=DAY):
    return [TitleUse(value, outlet, day) for value, outlet in pairs]


# --- text alone ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Gov.", "Governor"),
        ("Sen.", "Senator"),
        ("PM", "Prime Minister"),
        ("Premier", "Prime Minister"),
        ("Lt. Gov.", "Lieutenant Governor"),
        ("Sec. of State", "Secretary of State"),
        ("Commerce minister", "Commerce and Industry Minister"),
        ("Secretary", "Secretary of the Fleet"),
        ("CEO", "Chief executive"),
        ("CFO", "Chief Financial Officer"),
        # a state's own governor or senator: "state" is where, not a rank
        ("Governor", "State governor"),
        ("Senator", "state senator"),
    ],
)
def test_abbreviations_and_short_forms_are_one_title(a, b):
    assert titles.text_relation(a, b) == SHORT_FORM
    c = titles.compare("Rosa Pell", uses((a, "A"), (b, "B")))
    assert not c.flagged and len(c.groups) == 1
    assert c.relation_of(titles.title_display(a)) in (SAME, SHORT_FORM)


@pytest.mark.parametrize(
    "a, b",
    [
        ("President", "Vice President"),
        ("Minister", "Minister of State"),
        ("Secretary", "Secretary of State"),
        ("Secretary", "Secretary General"),
        ("Governor", "Governor-elect"),
        ("Finance Minister", "Foreign Minister"),
    ],
)
def test_a_rank_word_makes_another_office(a, b):
    assert titles.text_relation(a, b) == DIFFERENT_OFFICE


@pytest.mark.parametrize(
    "a, b",
    [
        ("Fire Chief", "Battalion Chief"),
        ("Fire Chief", "Battalion Fire Chief"),
        ("Sheriff", "Deputy Sheriff"),
        ("Coroner", "Medical Examiner"),
        ("Sheriff", "Fire Marshal"),
    ],
)
def test_offices_of_police_fire_and_courts_are_told_apart(a, b):
    assert titles.text_relation(a, b) == DIFFERENT_OFFICE


def test_a_fire_chief_is_an_office_a_police_chief_a_description():
    assert titles.text_relation("Fire Chief", "Pentagon chief") == DESCRIPTIVE
    assert titles.text_relation("Police Chief", "Director General") == DESCRIPTIVE
    assert not titles.is_descriptive("Fire Chief")
    assert titles.text_relation("Sheriff", "County Sheriff") == SHORT_FORM


@pytest.mark.parametrize(
    "a, b",
    [("Spokesman", "Spokesperson"), ("Police spokeswoman", "Police Spokesperson")],
)
def test_an_office_named_for_a_man_or_a_woman_is_one_title(a, b):
    assert titles.text_relation(a, b) in (SAME, SHORT_FORM)
    assert not titles.compare("Rosa Pell", uses((a, "A"), (b, "B"))).flagged
    assert titles.text_relation("Spokesman", "Chairman") == DIFFERENT_OFFICE


@pytest.mark.parametrize(
    "a, b", [("Acting Mayor", "Interim Mayor"), ("Caretaker Premier", "Interim Premier")]
)
def test_acting_and_interim_are_one_title(a, b):
    assert titles.text_relation(a, b) in (SAME, SHORT_FORM)
    assert not titles.compare("Rosa Pell", uses((a, "A"), (b, "B"))).flagged
    assert titles.text_relation("Acting Mayor", "Deputy Mayor") == DIFFERENT_OFFICE


def test_an_acting_holder_is_not_the_holder():
    assert titles.text_relation("Acting President", "President") == DIFFERENT_OFFICE
    assert titles.text_relation("Interim Premier", "Premier") == DIFFERENT_OFFICE
    assert titles.compare("Rosa Pell", uses(("Acting Mayor", "A"), ("Mayor", "B"))).flagged


@pytest.mark.parametrize(
    "a, b",
    [
        ("former Chancellor", "former finance minister"),
        ("Home Secretary", "Interior Minister"),
        ("Foreign Secretary", "foreign minister"),
    ],
)
def test_a_portfolio_named_generically_is_one_title(a, b):
    assert titles.text_relation(a, b) == SHORT_FORM
    c = titles.compare("Rosa Pell", uses((a, "A"), (b, "B")))
    assert not c.flagged and len(c.groups) == 1


@pytest.mark.parametrize(
    "a, b",
    [
        ("Finance Minister", "Home Secretary"),  # two portfolios
        ("Secretary of War", "Defence Minister"),  # not the portfolio's own words
        ("Minister", "Chancellor"),  # no portfolio named
    ],
)
def test_other_portfolios_stay_different_offices(a, b):
    assert titles.text_relation(a, b) == DIFFERENT_OFFICE
    assert titles.compare("Rosa Pell", uses((a, "A"), (b, "B"))).flagged


def test_spelling_and_country_are_the_same_title():
    assert titles.text_relation("Defence Minister", "US Defense Minister") == SAME


@pytest.mark.parametrize(
    "title", ["Pentagon chief", "the official", "top diplomat", "army chief", "his counterpart"]
)
def test_descriptions_are_no_titles(title):
    assert titles.is_descriptive(title)
    c = titles.compare("Rosa Pell", uses((title, "A"), ("Secretary of Harbours", "B")))
    assert not c.flagged
    assert c.relation_of(titles.title_display(title)) == DESCRIPTIVE


@pytest.mark.parametrize("title", ["Chief Minister", "Chief of Staff", "Chief Justice"])
def test_titles_that_start_with_chief_are_titles(title):
    assert not titles.is_descriptive(title)


def test_text_only_different_titles_are_a_different_office_on_text_basis():
    c = titles.compare("Rosa Pell", uses(("Harbour Master", "A"), ("Port Warden", "B")))
    assert c.relation == DIFFERENT_OFFICE and c.basis == "text"
    assert "no office data" in c.reason


def test_text_only_former_against_current():
    c = titles.compare("Rosa Pell", uses(("former Governor", "A"), ("Governor", "B")))
    assert c.relation == FORMER_VS_CURRENT and c.severity == "contradiction"


def test_text_only_former_published_after_current_is_no_contradiction():
    earlier = TitleUse("Governor", "A", DAY)
    later = TitleUse("former Governor", "B", DAY + timedelta(days=9))
    assert not titles.compare("Rosa Pell", [earlier, later]).flagged
    # the other order: called former first, then in office again
    before = TitleUse("former Governor", "B", DAY - timedelta(days=9))
    c = titles.compare("Rosa Pell", [earlier, before])
    assert c.relation == FORMER_VS_CURRENT and c.flagged


@pytest.mark.parametrize(
    "a, b", [("Malawian president", "President"), ("Peruvian Prime Minister", "Prime Minister")]
)
def test_a_country_adjective_places_the_title_and_changes_no_office(a, b):
    assert titles.key_of(a) == titles.key_of(b)
    assert titles.key_of("Malawi president") == titles.key_of("President")


def test_a_tier_of_government_before_an_office_of_two_words_places_it():
    assert titles.key_of("State chief minister") == titles.key_of("Chief Minister")
    assert titles.key_of("Union home minister") == titles.key_of("Home Minister")
    # before one word it may be the office itself
    assert titles.key_of("State Secretary") != titles.key_of("Secretary")


def test_undated_pages_beside_a_leaving_the_dated_pages_show_are_no_contradiction():
    earlier = TitleUse("Governor", "A", DAY)
    later = TitleUse("former Governor", "B", DAY + timedelta(days=9))
    undated_former = TitleUse("former Governor", "C", None)
    undated_current = TitleUse("Governor", "D", None)
    assert not titles.compare("Rosa Pell", [earlier, later, undated_former]).flagged
    assert not titles.compare("Rosa Pell", [earlier, later, undated_current]).flagged
    # "Governor" shortens the "Irish Governor" the dated pages show was left
    named = TitleUse("former Irish Governor", "B", DAY + timedelta(days=9))
    short = TitleUse("former Governor", "C", None)
    assert not titles.compare("Rosa Pell", [earlier, undated_current, named, short]).flagged
    # with no dated leaving, an undated "former" beside "Governor" is still flagged
    c = titles.compare("Rosa Pell", [earlier, undated_former])
    assert c.relation == FORMER_VS_CURRENT and c.flagged


def test_former_while_another_outlet_still_calls_the_person_the_holder_that_day_or_later():
    earlier = TitleUse("Governor", "A", DAY)
    former = TitleUse("former Governor", "B", DAY + timedelta(days=1))
    still = TitleUse("Governor", "C", DAY + timedelta(days=1))
    c = titles.compare("Rosa Pell", [earlier, former, still])
    assert c.relation == FORMER_VS_CURRENT and c.flagged
    # an ousted leader others still call by the office: no ruling on the ouster
    ousted = TitleUse("ousted Governor", "B", DAY + timedelta(days=1))
    assert not titles.compare("Rosa Pell", [earlier, ousted, still]).flagged


@pytest.mark.parametrize(
    "a, b", [("Ousted premier", "former Prime Minister"), ("then Governor", "former Governor")]
)
def test_ousted_is_former_and_then_is_neither(a, b):
    assert titles.text_relation(a, b) in (SAME, SHORT_FORM)
    assert not titles.compare("Rosa Pell", uses((a, "A"), (b, "B"))).flagged
    # "then" is no current title either: never against "former"
    assert not titles.compare("Rosa Pell", uses(("then Governor", "A"), ("Governor", "B"))).flagged
    assert titles.text_relation("Ousted premier", "Prime Minister") == FORMER_VS_CURRENT


def test_two_classes_of_one_rank_are_different_offices():
    c = titles.compare(
        "Rosa Pell",
        uses(("Petty Officer 2nd Class", "A"), ("Navy Petty Officer 1st Class", "B")),
    )
    assert c.relation == DIFFERENT_OFFICE
    assert titles.text_relation("Sgt.", "Sergeant") == SHORT_FORM


def test_a_short_form_of_two_titles_joins_neither():
    c = titles.compare(
        "Rosa Pell",
        uses(("Harbour Secretary", "A"), ("Fleet Secretary", "B"), ("Secretary", "C")),
    )
    assert c.relation == DIFFERENT_OFFICE
    assert sorted(g.value for g in c.groups) == ["Fleet Secretary", "Harbour Secretary"]
    assert c.relation_of("Secretary") == SHORT_FORM


# --- with office data -------------------------------------------------------------------


def test_secondary_title_is_the_same_office_under_another_name():
    c = titles.compare(
        "Tessa Quill",
        uses(
            ("Secretary of the Fleet", "A"),
            ("Secretary of the Fleet", "B"),
            ("Fleet Secretary", "D"),
            ("Harbours Secretary", "C"),
        ),
        BOOK,
    )
    assert c.relation == SAME_OFFICE_OTHER_NAME and c.basis == "office"
    assert c.severity == "discrepancy"
    assert c.reason == (
        "Same office (Secretary of Harbours): “Secretary of the Fleet” is the secondary title"
        " since 1 June 2024; “Harbours Secretary” is the statutory title."
    )
    detail = c.detail()
    assert detail["office"]["name"] == "Secretary of Harbours"
    assert detail["date"] == "2025-03-14"
    kinds = {t["value"]: (t["kind"], t["valid_from"]) for t in detail["titles"]}
    assert kinds == {
        "Secretary of the Fleet": ("secondary", "2024-06-01"),
        "Harbours Secretary": ("statutory", None),
    }


def test_abbreviation_and_informal_names_are_short_forms():
    c = titles.compare("Tessa Quill", uses(("SecHarb", "A"), ("Secretary of Harbours", "B")), BOOK)
    assert not c.flagged and c.relation_of("SecHarb") == SHORT_FORM
    c = titles.compare(
        "Ana Ruiz", uses(("Digital Minister", "A"), ("Minister of Digital Affairs", "B")), BOOK
    )
    assert not c.flagged


def test_office_renamed_twice_former_name_after_the_rename():
    c = titles.compare(
        "Ana Ruiz",
        uses(("Digital Affairs Minister", "A"), ("Communications Minister", "B")),
        BOOK,
    )
    assert c.relation == SAME_OFFICE_OTHER_NAME
    assert "“Communications Minister” is the former name (after a rename), in use until" in (
        c.reason
    )
    assert "31 December 2014" in c.reason
    # the oldest name, too, is this office, not another
    c = titles.compare(
        "Ana Ruiz", uses(("Digital Affairs Minister", "A"), ("Posts Minister", "B")), BOOK
    )
    assert c.relation == SAME_OFFICE_OTHER_NAME
    assert {t["name"] for t in c.detail()["titles"]} == {
        "Minister of Digital Affairs",
        "Minister of Posts",
    }


def test_name_in_use_on_the_date_is_no_difference():
    day = date(2013, 6, 1)  # Communications was the name then
    c = titles.compare(
        "Ana Ruiz",
        uses(("Communications Minister", "A"), ("Minister of Communications", "B"), day=day),
        BOOK,
    )
    assert c.relation == SAME
    [group] = c.groups
    assert group.match.name.kind == titles.FORMER_NAME and group.match.valid


def test_two_offices_of_a_person_are_different_offices():
    c = titles.compare(
        "Ana Ruiz", uses(("Digital Affairs Minister", "A"), ("Finance Minister", "B")), BOOK
    )
    assert c.relation == DIFFERENT_OFFICE and c.basis == "office"
    assert "(Minister of Finance)" in c.reason


def test_holder_who_left_office_called_by_the_title():
    c = titles.compare("Tom Vale", uses(("President", "A"), ("President", "B")), BOOK)
    assert c.relation == FORMER_VS_CURRENT and c.basis == "office"
    assert "no longer held President of Freedonia on 14 March 2025" in c.reason
    assert c.relation_of("President") == FORMER_VS_CURRENT
    # "former" after leaving is right
    c = titles.compare("Tom Vale", uses(("former President", "A")), BOOK)
    assert not c.flagged


def test_former_while_holding_the_office():
    c = titles.compare(
        "Tessa Quill",
        uses(("former Secretary of Harbours", "A"), ("Harbours Secretary", "B")),
        BOOK,
    )
    assert c.relation == FORMER_VS_CURRENT
    assert "calls Tessa Quill a former holder" in c.reason
    # on a date before she took office, "former" is not contradicted by her term
    c = titles.compare(
        "Milo Brandt",
        uses(("former Secretary of Harbours", "A"), day=date(2024, 1, 5)),
        BOOK,
    )
    assert not c.flagged


def test_shared_name_resolved_by_holder():
    assert BOOK.match("Defence Minister", "Ivo Marsh", DAY).office.id == 5
    assert BOOK.match("Defense Minister", "Lena Kraus", DAY).office.id == 6
    assert BOOK.match("Defence Minister", "Nobody Known", DAY) is None


def test_no_publication_date_is_text_only_never_guessed():
    c = titles.compare(
        "Tom Vale", uses(("President", "A"), ("former President", "B"), day=None), BOOK
    )
    # office data says he left in 2021, but without a date nothing is read against it
    assert c.relation == FORMER_VS_CURRENT and c.basis == "text"
    assert all(r.match is None and r.holds is None for g in c.groups for r in g.readings)
    c = titles.compare(
        "Tessa Quill",
        uses(("Secretary of the Fleet", "A"), ("Harbours Secretary", "B"), day=None),
        BOOK,
    )
    assert c.relation == DIFFERENT_OFFICE and c.basis == "text"
    assert "office" not in c.detail()


# --- through the flags -------------------------------------------------------------------


def test_people_flags_read_titles_at_each_articles_date():
    claims = [
        claim(1, "A", "x", people=[person("Tessa Quill", title="Secretary of the Fleet")]),
        claim(2, "B", "y", people=[person("Tessa Quill", title="Secretary of the Fleet")]),
        claim(3, "C", "z", people=[person("Tessa Quill", title="Harbours Secretary")]),
        claim(4, "D", "w", people=[person("Quill", "Tessa Quill", title="the official")]),
    ]
    when = datetime(2025, 3, 14, 9, tzinfo=UTC)
    articles = {i: ArticleInfo(i, o, when) for i, o in [(1, "A"), (2, "B"), (3, "C"), (4, "D")]}
    profiles = people.build_people(claims)
    [flag] = compare.people_flags(profiles, claims, [], articles, BOOK)
    assert flag.kind == "title_mismatch"
    assert flag.detail["relation"] == SAME_OFFICE_OTHER_NAME
    assert flag.severity == "discrepancy"
    assert [v.value for v in flag.variants] == ["Secretary of the Fleet", "Harbours Secretary"]
    relations = {t.value: t.relation for t in profiles[0].titles}
    assert relations["Harbours Secretary"] == SAME_OFFICE_OTHER_NAME
    assert relations["Secretary of the Fleet"] == SAME
    # before the secondary title existed, the same words are not a name in use
    early = {
        i: ArticleInfo(i, a.outlet, datetime(2024, 1, 3, tzinfo=UTC)) for i, a in articles.items()
    }
    [flag] = compare.people_flags(profiles, claims, [], early, BOOK)
    assert "not in use before 1 June 2024" in flag.detail["reason"]


def test_people_flags_without_office_data_or_dates_still_flag_from_text():
    claims = [
        claim(1, "A", "x", people=[person("Tessa Quill", title="Secretary of the Fleet")]),
        claim(2, "B", "y", people=[person("Tessa Quill", title="Harbours Secretary")]),
        claim(3, "C", "z", people=[person("Tessa Quill", title="Gov.")]),
        claim(4, "D", "w", people=[person("Tessa Quill", title="Governor")]),
    ]
    profiles = people.build_people(claims)
    [flag] = compare.people_flags(profiles, claims, [])
    assert flag.detail["relation"] == DIFFERENT_OFFICE and flag.detail["basis"] == "text"
    # Gov./Governor are one group, shown as one title
    assert len(flag.variants) == 3
    assert {t.value: t.relation for t in profiles[0].titles}["Gov."] in (SAME, SHORT_FORM)


def test_a_first_name_before_a_known_name_in_a_quotes_attribution_is_no_title():
    # one outlet names "Dario Elan Voss" in full; others know him as "Elan Voss"
    claims = [
        claim(1, "A", "x", people=[person("Elan Voss", title="President")]),
        claim(
            2,
            "B",
            "y",
            people=[person("Elan Voss")],
            quotes=[quote("We will rebuild", "Dario Elan Voss")],
        ),
        claim(3, "C", "z", quotes=[quote("We will rebuild", "Governor Elan Voss")]),
    ]
    profiles = people.build_people(claims)
    [voss] = [p for p in profiles if p.canonical == "Elan Voss"]
    assert {t.value for t in voss.titles} == {"President", "Governor"}


def test_a_former_office_beside_a_current_one_is_held_in_turn():
    assert titles.text_relation("Former foreign minister", "Prime Minister") == "earlier_office"
    c = titles.compare("Rosa Pell", uses(("former foreign minister", "A"), ("Premier", "B")))
    assert not c.flagged
    assert titles.text_relation("Foreign Minister", "Prime Minister") == DIFFERENT_OFFICE


def test_the_office_a_person_held_before_the_one_the_sentence_gives_them():
    became = "Interior Minister Rosa Pell became prime minister on Monday."
    assert compare._takes_office(became, "Interior Minister")
    assert not compare._takes_office(became, "Prime Minister")
    after = "Prime Minister Rosa Pell took office after being elected party leader."
    assert not compare._takes_office(after, "Prime Minister")


def test_an_office_the_article_tells_the_person_left_is_told_then():
    page = ArticleInfo(1, "A", None, "Dana Whitfield resigns as Acme CEO", "Acme's CEO, ...")
    assert compare._left_office(page, "Dana Whitfield", "CEO")
    assert not compare._left_office(page, "Dana Whitfield", "Chairman")
    said = ArticleInfo(2, "B", None, "", "On Friday, she stepped down as chief executive.")
    assert compare._left_office(said, "Dana Whitfield", "CEO")
    # someone else's resignation says nothing of hers
    other = ArticleInfo(3, "C", None, "Leon Marsh resigns as Acme CEO", "Acme's CEO Dana ...")
    assert not compare._left_office(other, "Dana Whitfield", "CEO")


@pytest.mark.parametrize(
    "a, b",
    [("press secretary", "Spokesman"), ("Press Secretary", "spokeswoman")],
)
def test_a_press_secretary_is_the_spokesperson(a, b):
    assert titles.text_relation(a, b) in (titles.SAME, titles.SHORT_FORM)
    assert titles.text_relation(a, "Secretary of State") == titles.DIFFERENT_OFFICE


@pytest.mark.parametrize(
    "a, b",
    [
        ("CEO", "President"),
        ("Managing Director", "Chief Executive Officer"),
        ("County Sheriff", "Police Sheriff"),
    ],
)
def test_other_names_of_one_office_are_no_mismatch(a, b):
    assert titles.text_relation(a, b) in (titles.SAME, titles.SHORT_FORM)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Vice President", "President"),
        ("President", "Prime Minister"),
        ("Sheriff", "Mayor"),
        ("Judge", "Justice"),
        ("District Judge", "Circuit Judge"),
    ],
)
def test_other_offices_stay_apart(a, b):
    assert titles.text_relation(a, b) == titles.DIFFERENT_OFFICE


def test_a_rank_abbreviated_after_an_office_belongs_to_the_name():
    # "Interior Minister Gen. Ana Ruiz": the office is interior minister
    assert titles.key_of("Interior minister Gen.") == titles.key_of("Interior Minister")
    assert not titles.compare(
        "Ana Ruiz", uses(("Interior Minister", "A"), ("Interior minister Gen.", "B"))
    ).flagged
    assert titles.text_relation("Secretary", "Secretary General") == DIFFERENT_OFFICE


def test_a_senior_officer_s_rank_does_not_contradict_the_post_held():
    assert titles.text_relation("Army General", "Army Chief of Staff") == DESCRIPTIVE
    assert titles.text_relation("Navy Admiral", "Defence Minister") == DESCRIPTIVE
    assert titles.text_relation("Air Marshal", "Commander") == DESCRIPTIVE
    assert titles.text_relation("First Admiral", "Navy spokesman") == DESCRIPTIVE
    assert not titles.compare(
        "Tomas Vey", uses(("Navy Chief of Staff", "A"), ("Navy Admiral", "B"))
    ).flagged
    # two ranks still disagree, and a lower rank against a post is compared
    assert titles.text_relation("Major General", "Lieutenant Colonel") == DIFFERENT_OFFICE
    assert titles.text_relation("Sergeant", "Sheriff") == DIFFERENT_OFFICE


def test_a_seat_in_parliament_does_not_contradict_a_ministry():
    assert titles.text_relation("MP", "Minister") == DESCRIPTIVE
    assert titles.text_relation("Transport Minister", "Member of Parliament") == DESCRIPTIVE
    assert not titles.compare("Rhea Tolland", uses(("Minister", "A"), ("MP", "B"))).flagged
    # a seat against a non-ministerial office is still another office
    assert titles.text_relation("MP", "Mayor") == DIFFERENT_OFFICE


def test_a_bare_office_shortens_the_office_of_a_named_body():
    # "President" folds to a firm's chief executive; it still shortens
    # "President of the Farmers Union"
    assert titles.text_relation("President", "President of Farmers Union") == SHORT_FORM
    assert not titles.compare(
        "Rosa Pell", uses(("President", "A"), ("President of Farmers Union", "B"))
    ).flagged

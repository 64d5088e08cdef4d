"""A person's age as outlets state it (claims.analysis.ages through compare). Made-up text."""

from datetime import UTC, datetime

from claims.analysis import ages, compare
from claims.analysis.types import ArticleInfo, Person
from tests.unit.analysis_builders import article


def _articles(*texts):
    return {i: article(i, outlet, text=text) for i, (outlet, text) in enumerate(texts, start=1)}


def test_ages_written_beside_a_name_either_way():
    text = "Yesterday Marta Ilves, 41, led the team. The 29-year-old Tomas Rebane followed."
    found = [(name, age) for name, age, _, _ in ages.stated_ages(text)]
    # a capitalised word in front stays with the name; matching to people drops it
    assert found == [("Yesterday Marta Ilves", 41), ("Tomas Rebane", 29)]


def test_one_person_given_two_ages_by_two_outlets_flags():
    articles = _articles(
        ("A", "Diver Marta Ilves, 41, reached the chamber first."),
        ("B", "The 42-year-old Marta Ilves reached the chamber first."),
        ("C", "Marta Ilves, 41, was praised by the navy."),
    )
    [flag] = compare.age_flags([], articles, [])
    assert flag.kind == compare.NUMBER_MISMATCH and flag.subject == "Age: Marta Ilves"
    assert [(v.value, v.outlets) for v in flag.variants] == [("41", ["A", "C"]), ("42", ["B"])]
    assert flag.severity == compare.DISCREPANCY


def test_same_age_other_people_or_a_title_in_front_make_no_flag():
    articles = _articles(
        ("A", "Petty Officer 2nd Class Marta Ilves, 41, reached the chamber."),
        ("B", "Diver Marta Ilves, 41, reached the chamber. Tomas Rebane, 30, waited."),
        ("C", "Officials said Anna Rebane, 33, was safe."),
    )
    assert compare.age_flags([], articles, []) == []


def test_ages_are_matched_to_the_storys_people():
    profiles = [Person("Marta J. Ilves", {"Marta J. Ilves": ["A"]}, [], ["A", "B"])]
    articles = _articles(
        ("A", "Marta J. Ilves, 41, reached the chamber first."),
        ("B", "The 44-year-old Marta Ilves reached the chamber first."),
    )
    [flag] = compare.age_flags(profiles, articles, [])
    assert flag.subject == "Age: Marta J. Ilves"


_ILVES = Person("Marta Ilves", {"Marta Ilves": ["A", "B"]}, [], ["A", "B"])


def test_an_age_beside_a_known_surname_alone_counts():
    articles = _articles(
        ("A", "Marta Ilves, 41, reached the chamber first."),
        ("B", "The 43-year-old Ilves reached the chamber first."),
        ("C", "Rescuers said Ilves (41) was unhurt."),
    )
    [flag] = compare.age_flags([_ILVES], articles, [])
    assert flag.subject == "Age: Marta Ilves"
    assert [(v.value, v.outlets) for v in flag.variants] == [("41", ["A", "C"]), ("43", ["B"])]


def test_a_surname_alone_is_read_only_for_the_storys_people():
    articles = _articles(
        ("A", "Marta Ilves, 41, reached the chamber first."),
        ("B", "The 43-year-old Rebane reached the chamber first."),
        ("C", "Lyon, 20, and Tallinn, 31, sent teams."),
    )
    assert compare.age_flags([_ILVES], articles, []) == []


def test_a_surname_shared_by_two_people_of_the_story_is_not_read_alone():
    anna = Person("Anna Ilves", {"Anna Ilves": ["A", "B"]}, [], ["A", "B"])
    articles = _articles(
        ("A", "Marta Ilves, 41, reached the chamber first."),
        ("B", "The 43-year-old Ilves reached the chamber first."),
    )
    assert compare.age_flags([_ILVES, anna], articles, []) == []


def test_ages_given_together_for_two_names_are_not_the_last_names():
    text = "Mother and son Anna and Oskar Ilves, 47 and 12, respectively, were named."
    assert ages.stated_ages(text) == []
    text = "Anna Ilves, 47, and Oskar Ilves, 12, were named."
    assert [(n, a) for n, a, _, _ in ages.stated_ages(text)] == [
        ("Anna Ilves", 47),
        ("Oskar Ilves", 12),
    ]


def test_a_surname_written_with_ages_for_two_first_names_is_not_read_alone():
    # the story's people hold one Ilves; the lists name two of the family
    articles = _articles(
        ("A", "The victims: Anna Ilves, 47; Oskar Ilves, 12."),
        ("B", "Oskar Ilves, 12, was the youngest."),
        ("C", "Ilves (47) worked at the school."),
    )
    oskar = Person("Oskar Ilves", {"Oskar Ilves": ["A", "B"]}, [], ["A", "B"])
    assert compare.age_flags([oskar], articles, []) == []


def test_a_surname_alone_before_another_capitalised_word_is_no_age():
    text = "The 12-year-old Ilves Foundation gave food."
    assert ages.surname_ages(text, ("Ilves",)) == []


def test_an_age_told_in_words_around_the_name_counts():
    articles = _articles(
        ("A", "The painter Marta Ilves has died at her home in Tartu. She was 81."),
        ("B", "Marta Ilves died in hospital at the age of 82, her family said."),
        ("C", "Ilves, aged 81, had painted until last spring."),
    )
    [flag] = compare.age_flags([_ILVES], articles, [])
    assert [(v.value, v.outlets) for v in flag.variants] == [("81", ["A", "C"]), ("82", ["B"])]


def test_an_age_in_a_sentence_of_two_people_or_after_another_sentence_is_no_ones():
    text = "Ilves and Tomas Rebane met at the age of 20. The storm passed. She was 81."
    assert ages.sentence_ages(text, {"Ilves": "Marta Ilves", "Tomas Rebane": "Tomas Rebane"}) == []


def test_an_age_of_the_past_is_no_age_now():
    names = {"Marta Ilves": "Marta Ilves"}
    for text in (
        "Marta Ilves qualified as a pilot aged 19 in 1981.",
        "Marta Ilves began painting at the age of six.",
        "Marta Ilves taught pupils aged 11 to 16.",
    ):
        assert ages.sentence_ages(text, names) == []


def test_a_time_of_death_is_no_age():
    names = {"Marta Ilves": "Marta Ilves"}
    for text in ("Marta Ilves was declared dead at 7:12 a.m.", "Marta Ilves died at 9 pm."):
        assert ages.sentence_ages(text, names) == []


def test_an_age_beside_a_relation_and_a_first_name_is_that_persons():
    articles = _articles(
        ("A", "Tomas Rebane, his wife Anna and their 13-year-old daughter Marta were aboard."),
        ("B", "The dead included Marta Rebane, 14, and her father."),
    )
    people = [Person("Marta Rebane", {"Marta Rebane": ["B"]}, [], ["B"])]
    [flag] = compare.age_flags(people, articles, [])
    assert flag.subject == "Age: Marta Rebane"
    assert {v.value for v in flag.variants} == {"13", "14"}
    # two people of the story share the first name: whose age it is stays unknown
    people.append(Person("Marta Ilves", {"Marta Ilves": ["A"]}, [], ["A"]))
    assert compare.age_flags(people, articles, []) == []


def test_a_short_surname_alone_with_an_age_counts():
    roan = Person("Mira Roan", {"Mira Roan": ["A", "B"]}, [], ["A", "B"])
    articles = _articles(
        ("A", "Mira Roan was at the helm. Roan, 44, steered the boat home."),
        ("B", "Mira Roan was at the helm. Roan, 45, steered the boat home."),
    )
    [flag] = compare.age_flags([roan], articles, [])
    assert [v.value for v in flag.variants] == ["44", "45"]


def test_an_age_of_a_man_named_right_after_is_that_persons():
    text = "Police arrested a 41-year-old man, Tetsu Arai, at the scene."
    assert [(n, a) for n, a, _, _ in ages.stated_ages(text)] == [("Tetsu Arai", 41)]


def test_an_age_written_with_a_space_for_a_hyphen_is_read():
    text = "Police said 18-year old Tomas Rebane fired the shots."
    assert [(n, a) for n, a, _, _ in ages.stated_ages(text)] == [("Tomas Rebane", 18)]


def test_ages_before_each_name_of_a_list_go_to_the_name_after_them():
    text = (
        "Police held 30-year-old Kazbek Omarov, 25-year-old Tilek Sadyrov "
        "and 19-year-old Aziz Nurov."
    )
    found = {(name, age) for name, age, _, _ in ages.stated_ages(text)}
    assert found == {("Kazbek Omarov", 30), ("Tilek Sadyrov", 25), ("Aziz Nurov", 19)}


def _dated(*rows):
    return {
        i: ArticleInfo(i, outlet, datetime(*day, tzinfo=UTC) if day else None, "", text)
        for i, (outlet, day, text) in enumerate(rows, start=1)
    }


def test_ages_told_years_apart_agree_when_one_birth_date_fits_both():
    articles = _dated(
        ("A", (2019, 3, 1), "Warehouse owner Olek Varga, 46, was questioned."),
        ("B", (2021, 6, 1), "Olek Varga, 48, was sentenced on Monday."),
        ("C", (2023, 9, 1), "The 50-year-old Olek Varga was released."),
    )
    assert compare.age_flags([], articles, []) == []


def test_ages_told_weeks_apart_too_far_apart_or_undated_still_flag():
    for second, age in (((2019, 3, 25), 47), ((2020, 3, 1), 49), (None, 47)):
        articles = _dated(
            ("A", (2019, 3, 1), "Warehouse owner Olek Varga, 46, was questioned."),
            ("B", second, f"Olek Varga, {age}, was sentenced."),
        )
        assert [f.subject for f in compare.age_flags([], articles, [])] == ["Age: Olek Varga"]


def test_a_birth_window_is_the_year_before_the_day_told():
    day, later = datetime(2020, 1, 1, tzinfo=UTC), datetime(2021, 7, 2, tzinfo=UTC)
    assert ages.birth_window(30, day) == (1989.0, 1990.0)
    assert ages.ages_clash((30, day), (31, None))
    assert ages.ages_clash((30, day), (33, later))
    assert not ages.ages_clash((30, day), (31, later))


def test_a_role_or_a_rank_between_the_age_and_the_name_keeps_the_age_the_names():
    text = (
        "Police held 52-year-old Lakeview resident Omar Haddad. "
        "A vigil was held for 44-year-old Sgt. Dana Ruiz on Friday."
    )
    found = [(name, age) for name, age, _, _ in ages.stated_ages(text)]
    assert found == [("Omar Haddad", 52), ("Dana Ruiz", 44)]


def test_an_age_told_right_after_the_name_is_the_names():
    text = "Omar Haddad, a 52-year-old engineer, was held. In Lakeview, a 30-year-old man ran."
    found = [(name, age) for name, age, _, _ in ages.stated_ages(text)]
    assert found == [("Omar Haddad", 52)]  # "In Lakeview" is no name
    apposed = ages.surname_ages("Haddad, the 53-year-old who fled, was held.", ("Haddad",))
    assert [(name, age) for name, age, _, _ in apposed] == [("Haddad", 53)]


_HADDAD = {"Omar Haddad": "Omar Haddad", "Haddad": "Omar Haddad", "Dana Ruiz": "Dana Ruiz"}


def test_the_n_year_old_stands_for_the_person_last_named():
    text = (
        "A jury found Omar Haddad guilty on Monday.\n\nThe court sat for a week.\n\n"
        "The 52-year-old was the ferry's captain."
    )
    assert [(who, age) for who, age, _, _ in ages.referred_ages(text, _HADDAD)] == [
        ("Omar Haddad", 52)
    ]


def test_the_n_year_old_is_not_read_beside_a_child_a_relative_a_thing_or_two_people():
    texts = (
        "Omar Haddad spoke. The 8-year-old girl was rescued.",
        "Omar Haddad spoke. The 40-year-old wife of the mayor wept.",
        "Omar Haddad spoke. The 143-year-old bridge fell.",
        "Omar Haddad and Dana Ruiz spoke. The 40-year-old left.",
        "The 40-year-old left. Omar Haddad spoke.",
        "Omar Haddad's mother spoke. The 69-year-old Lena said so.",
    )
    for text in texts:
        assert ages.referred_ages(text, _HADDAD) == [], text


def test_two_outlets_one_naming_the_age_through_the_n_year_old_flag():
    profiles = [Person("Omar Haddad", {"Omar Haddad": ["A", "B"]}, [], ["A", "B"])]
    articles = _articles(
        ("A", "Omar Haddad, 52, was convicted on Monday."),
        ("B", "A jury convicted Omar Haddad on Monday. The 54-year-old was the captain."),
    )
    [flag] = compare.age_flags(profiles, articles, [])
    assert [(v.value, v.outlets) for v in flag.variants] == [("52", ["A"]), ("54", ["B"])]


def test_the_n_year_old_in_a_sentence_naming_only_the_last_named_is_theirs():
    text = (
        "Mourners remembered Omar Haddad.\n\n"
        "The 52-year-old officer died at the scene, the inquiry into Haddad's death found."
    )
    assert [(who, age) for who, age, _, _ in ages.referred_ages(text, _HADDAD)] == [
        ("Omar Haddad", 52)
    ]


def test_the_n_year_old_suspect_after_the_victims_name_is_not_the_victims():
    text = "A man shot Omar Haddad on Monday. The 71-year-old suspect was held."
    assert ages.referred_ages(text, _HADDAD) == []


def test_an_acronym_the_parser_took_for_a_name_is_no_lone_surname():
    profiles = [
        Person("Lakeview RCMP", {"Lakeview RCMP": ["A"]}, [], ["A"]),
        Person("Omar Haddad", {"Omar Haddad": ["A"]}, [], ["A"]),
    ]
    assert compare._lone_surnames(profiles) == {"Haddad": "Omar Haddad"}


def test_the_n_year_old_far_from_every_age_stated_with_the_name_is_someone_elses():
    profiles = [Person("Omar Haddad", {"Omar Haddad": ["A", "B"]}, [], ["A", "B"])]
    articles = _articles(
        ("A", "Omar Haddad, 52, was sworn in on Friday."),
        ("B", "He is replaced by Omar Haddad. The 93-year-old wishes to stay home."),
    )
    assert compare.age_flags(profiles, articles, []) == []


def test_an_age_told_beside_the_name_in_another_language_is_the_names():
    texts = (
        "Omar Haddad, de 52 años, fue detenido.",
        "Omar Haddad, âgé de 52 ans, a été arrêté.",
        "Omar Haddad, il poliziotto di 52 anni che guidava.",
        "fue confrontado por Omar Haddad de 52 años.",
    )
    for text in texts:
        assert [(n, a) for n, a, _, _ in ages.stated_ages(text)] == [("Omar Haddad", 52)], text
    found = ages.surname_ages("Haddad, de 53 anos, morreu.", ("Haddad",))
    assert [(n, a) for n, a, _, _ in found] == [("Haddad", 53)]
    assert ages.stated_ages("En Lakeview, 30 ans après la guerre.") == []

"""What an accused is charged with, across outlets (claims.analysis.charges).
Made-up sentences."""

from claims.analysis import charges, compare
from claims.analysis.charges import Offence, read_offences
from tests.unit.analysis_builders import article, claim, person

OKAFOR = "Daniel Okonkwo"


def _story(*reports):
    """(outlet, hours after T0, sentence) -> the charge flags of the story."""
    claims, articles = [], {}
    for i, (outlet, hours, text) in enumerate(reports, start=1):
        articles[i] = article(i, outlet, hours=hours)
        people = [person("Okonkwo", OKAFOR)] if "Okonkwo" in text else []
        claims.append(claim(i, outlet, text, people=people))
    return compare.charge_flags(claims, articles)


def test_offences_read_with_attempt_and_degree():
    assert read_offences("attempted premeditated murder") == {Offence("murder", attempted=True)}
    assert read_offences("second-degree murder and arson") == {
        Offence("murder", degree="second"),
        Offence("arson"),
    }
    assert read_offences("multiple counts of negligent homicide") == {Offence("manslaughter")}
    assert read_offences("his conduct in office") == frozenset()


def test_murder_vs_attempted_murder_at_one_time():
    [flag] = _story(
        ("A", 0, "Okonkwo was charged with premeditated murder, prosecutors said."),
        ("B", 2, "Okonkwo was charged with attempted murder on Friday."),
    )
    assert flag.kind == "polarity_mismatch" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"murder", "attempted murder"}
    assert flag.subject == f"{OKAFOR}: charged with"


def test_the_unnamed_suspect_is_the_one_named_person():
    [flag] = _story(
        ("A", 0, "Okonkwo has been charged with two counts of negligent homicide."),
        ("B", 3, "The signal operator was charged with multiple counts of murder."),
    )
    assert {v.value for v in flag.variants} == {"manslaughter", "murder"}


def test_wordings_of_one_charge_are_no_flag():
    assert (
        _story(
            ("A", 0, "Okonkwo was charged with attempted murder."),
            ("B", 1, "Okonkwo has been charged with premeditated attempted murder."),
            ("C", 2, "Okonkwo was arrested and charged with attempted murder, police said."),
            ("D", 2, "Okonkwo was booked on an attempted murder charge."),
        )
        == []
    )


def test_homicide_alone_fits_murder_and_manslaughter():
    assert (
        _story(
            ("A", 0, "Okonkwo was charged with homicide."),
            ("B", 1, "Okonkwo was charged with manslaughter."),
        )
        == []
    )


def test_one_outlet_naming_part_of_a_fuller_list_is_no_flag():
    assert (
        _story(
            ("A", 0, "Okonkwo was charged with murder and arson."),
            ("B", 1, "Okonkwo was charged with murder."),
            ("C", 1, "Okonkwo was charged with arson."),
        )
        == []
    )


def test_suspicion_then_a_lesser_charge_is_the_case_moving_on():
    assert (
        _story(
            ("A", 0, "Okonkwo was arrested on suspicion of murder."),
            ("B", 50, "Okonkwo was charged with manslaughter."),
        )
        == []
    )


def test_a_charge_changed_days_later_is_a_discrepancy():
    [flag] = _story(
        ("A", 0, "Okonkwo was charged with attempted murder."),
        ("B", 24 * 40, "Okonkwo now faces charges of murder, prosecutors said."),
    )
    assert flag.severity == "discrepancy"
    assert "may have been changed" in flag.reason


def test_two_counts_of_one_case_named_by_two_outlets_are_no_flag():
    assert (
        _story(
            ("A", 0, "Okonkwo was convicted of rape on Monday."),
            ("B", 1, "Okonkwo was convicted of assault, the jury found."),
            ("C", 2, "Okonkwo was charged with fraud in March."),
            ("D", 2, "Okonkwo was charged with conspiracy in March."),
        )
        == []
    )


def test_negated_conditional_and_several_accused_are_not_read():
    assert (
        _story(
            ("A", 0, "Okonkwo was not charged with murder."),
            ("B", 1, "Okonkwo could face charges of manslaughter."),
            ("C", 1, "Two other men were charged with robbery."),
            ("D", 2, "Okonkwo was acquitted of fraud last year."),
        )
        == []
    )


def test_convicted_offences_compared_among_themselves():
    [flag] = _story(
        ("A", 0, "Okonkwo was convicted of first-degree murder on Tuesday."),
        ("B", 1, "Okonkwo was found guilty of second-degree murder."),
    )
    assert {v.value for v in flag.variants} == {"first-degree murder", "second-degree murder"}
    assert charges.CONVICTED in flag.subject


def test_the_person_named_after_the_charge_is_the_victim():
    [flag] = _story(
        ("A", 0, "A man was charged with the attempted murder of Daniel Okonkwo."),
        ("B", 1, "The gunman has been charged with murder, police said."),
    )
    assert flag.subject == "The suspect: charged with"


def test_an_old_sentence_being_served_and_a_generic_charge_are_not_read():
    assert (
        _story(
            ("A", 0, "Okonkwo was charged with fraud on Monday."),
            ("B", 1, "He was serving a sentence on bribery charges when he escaped."),
            ("C", 1, "Each perjury charge carries a maximum of five years."),
        )
        == []
    )


def test_deaths_through_negligence_is_a_manslaughter():
    assert read_offences("mass deaths through negligence") >= {Offence("manslaughter")}


def test_the_reason_tells_reports_of_one_time_from_later_ones():
    [flag] = _story(
        ("A", 0, "Okonkwo was charged with attempted murder."),
        ("B", 2, "Okonkwo was charged with murder."),
        ("C", 24 * 40, "Okonkwo now faces charges of manslaughter, prosecutors said."),
    )
    assert flag.severity == "contradiction"
    at_once, later = flag.reason.split("; ")
    assert "attempted murder vs murder, reported at the same time" in at_once
    assert "manslaughter" in later and "may have been changed" in later

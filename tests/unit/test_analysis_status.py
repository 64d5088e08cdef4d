"""Legal and factual status across outlets (claims.analysis.status). Made-up sentences."""

import pytest

from claims.analysis import compare, status
from claims.nlp.extract import extract_article
from claims.nlp.types import ArticleInput
from tests.unit.analysis_builders import article, claim, person

DOE = "Martin Doe"


def _story_claims(*reports):
    """(outlet, hours after T0, sentence) -> claims and their articles."""
    claims, articles = [], {}
    for i, (outlet, hours, text) in enumerate(reports, start=1):
        articles[i] = article(i, outlet, hours=hours)
        people = [person("Doe", DOE)] if "Doe" in text else []
        claims.append(claim(i, outlet, text, people=people))
    return claims, articles


def _story(*reports):
    return compare.status_flags(*_story_claims(*reports))


def test_charged_vs_arrested_on_suspicion_at_the_same_time():
    [flag] = _story(
        ("A", 0, "Doe was charged with murder, police said."),
        ("B", 1, "Doe was arrested on suspicion of murder."),
    )
    assert flag.kind == "polarity_mismatch" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"charged", "arrested on suspicion"}
    assert "legal status of Martin Doe" in flag.reason


def test_arrested_and_charged_in_one_sentence_is_charged():
    assert (
        _story(
            ("A", 0, "Doe was charged with arson on Friday."),
            ("B", 5, "Doe was arrested and charged with arson after the fire."),
        )
        == []
    )


def test_rushed_at_in_court_is_no_charge():
    assert (
        _story(
            ("A", 0, "Doe was arrested on suspicion of arson."),
            ("B", 1, "In court, Doe was charged by a man in the gallery."),
        )
        == []
    )
    assert _story(
        ("A", 0, "Doe was arrested on suspicion of arson."),
        ("B", 1, "Doe was charged by a grand jury with arson."),
    )


def test_charged_vs_expected_to_be_charged():
    [flag] = _story(
        ("A", 0, "Doe was charged with arson on Friday."),
        ("B", 2, "Doe is expected to be charged with arson next week."),
    )
    assert {v.value for v in flag.variants} == {"charged", "expected to be charged"}


def test_a_case_that_moves_on_over_days_is_progress():
    assert (
        _story(
            ("A", 0, "Doe was arrested on suspicion of murder."),
            ("B", 48, "Doe was charged with murder on Monday."),
            ("C", 400, "Doe was convicted of murder."),
        )
        == []
    )


def test_confirmed_dead_vs_missing():
    [flag] = _story(
        ("A", 0, "Doe was confirmed dead by the coastguard."),
        ("B", 2, "Doe is still missing, the coastguard said."),
    )
    assert {v.value for v in flag.variants} == {"confirmed dead", "missing"}


def test_all_on_board_died_vs_one_survivor():
    [flag] = _story(
        ("A", 0, "All 40 people on board died when the boat capsized."),
        ("B", 2, "There was one survivor, a fisherman who swam ashore."),
    )
    assert {v.value for v in flag.variants} == {"no survivors", "survivors"}
    assert flag.subject == "The event: survivors status"


def test_all_but_one_killed_is_no_lack_of_survivors():
    assert (
        _story(
            ("A", 0, "The bus plunged into the gorge, killing all but one of its 30 passengers."),
            ("B", 2, "There was one survivor, a girl of nine."),
        )
        == []
    )


def test_one_outlet_alone_and_negations_do_not_flag():
    assert _story(("A", 0, "Doe was charged."), ("A", 1, "Doe was arrested on Friday.")) == []
    assert (
        _story(
            ("A", 0, "Doe was charged with theft."),
            ("B", 1, "Doe was not arrested at the scene."),
        )
        == []
    )


def test_bare_dates_are_not_the_same_time():
    a, b = _story_claims(
        ("A", 0, "Doe was charged with murder, police said."),
        ("B", 1, "Doe was arrested on suspicion of murder."),
    )
    for info in b.values():
        info.published = info.published.replace(hour=0, minute=0)
    assert compare.status_flags(a, b) == []


def test_a_denial_of_what_another_outlet_affirms():
    assert status.negation_clash(
        ["The gunman has not been identified by authorities."],
        ["Police identified the gunman as a local man."],
    )
    assert not status.negation_clash(
        ["Officials did not immediately give details of the victims."],
        ["The gunman was identified as a local man."],
    )


def test_a_wanted_or_possible_act_does_not_affirm_it():
    # "waiting to be sworn in", "if he agrees to be extradited": not done yet
    assert not status.negation_clash(
        ["The mayor was no longer sworn in after the vote."],
        ["The mayor was waiting to be sworn in when the storm hit."],
    )
    assert not status.negation_clash(
        ["The suspect will not be extradited this week."],
        ["He could face trial in Ohio if he agrees to be extradited."],
    )
    assert status.negation_clash(
        ["The suspect will not be extradited this week."],
        ["The suspect was extradited to Ohio on Friday."],
    )


def test_ruling_something_out_denies_it():
    assert status.negation_clash(
        ["Engineers ruled out corrosion as the cause of the collapse."],
        ["The collapse was caused by corrosion of the main cables."],
    )
    assert not status.negation_clash(
        ["Engineers ruled out corrosion as the cause of the collapse."],
        ["The inquiry will report in the spring."],
    )


def test_a_sentence_that_rules_something_out_is_negated():
    text = (
        "Investigators on Tuesday ruled out sabotage as the cause of the derailment "
        "near Eastbrook, the rail operator said."
    )
    [claim] = extract_article(ArticleInput(text, "", None, "Outlet A")).claims
    assert claim.negated


def test_a_denial_about_one_part_and_an_affirmation_about_another_do_not_clash():
    # acquitted on one count, convicted on the others: both true
    assert not status.negation_clash(
        ["The jury found the banker not guilty on one count of bribery."],
        ["The banker was found guilty on four of the five counts."],
    )
    assert status.negation_clash(
        ["The jury found the banker not guilty on four counts."],
        ["The banker was found guilty on four counts of fraud."],
    )
    assert status.negation_clash(
        ["The jury found the banker not guilty of bribery."],
        ["The banker was found guilty on four of the five counts."],
    )


def test_a_stage_only_in_a_condition_is_not_reached():
    assert (
        _story(
            ("A", 0, "Doe was charged with murder, police said."),
            ("B", 1, "Doe faces life in prison if found guilty, prosecutors said."),
        )
        == []
    )


def test_the_attacker_dead_or_in_custody_at_one_time_contradict():
    [flag] = _story(
        ("A", 0, "The gunman was shot dead by police at the scene."),
        ("B", 1, "The gunman was taken into custody after a standoff, police said."),
        ("C", 2, "The gunman killed himself as officers closed in."),
    )
    assert flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {
        status.KILLED_BY_POLICE,
        "in custody",
        status.KILLED_SELF,
    }
    assert flag.subject == "The attacker: status"
    assert flag.reason.startswith("what became of the attacker: in custody vs dead")


def test_killed_by_police_or_by_their_own_hand_disagree_whenever_told():
    [flag] = _story(
        ("A", 0, "The gunman was killed by police after a standoff, the mayor said."),
        ("B", 72, "Detectives said the gunman killed himself before officers entered."),
    )
    assert {v.value for v in flag.variants} == {status.KILLED_BY_POLICE, status.KILLED_SELF}
    assert "two ways of dying" in flag.reason


def test_a_named_attacker_who_took_his_own_life():
    [flag] = _story(
        ("A", 0, "Police said Doe took his own life in the hotel room."),
        ("B", 1, "The suspect was shot dead by police in the hotel room."),
    )
    assert {v.value for v in flag.variants} == {status.KILLED_BY_POLICE, status.KILLED_SELF}


def test_dead_without_a_manner_agrees_with_either_manner():
    assert (
        _story(
            ("A", 0, "The gunman was killed, the mayor said."),
            ("B", 1, "The gunman killed himself before officers entered."),
        )
        == []
    )


@pytest.mark.parametrize(
    "reports",
    [
        # at large, then caught: progress
        (("A", 0, "The gunman fled on foot, police said."), ("B", 30, "The gunman was arrested.")),
        # negated, or several attackers: no state of one perpetrator
        (("A", 0, "The gunman was not arrested."), ("B", 1, "The gunman was shot dead.")),
        (("A", 0, "Two gunmen fled; the attacker was shot dead."), ("B", 1, "The gunman fled.")),
    ],
)
def test_the_attackers_progress_negations_and_several_attackers_never_flag(reports):
    assert _story(*reports) == []


def test_one_unnamed_suspect_at_two_stages_at_one_time():
    [flag] = _story(
        ("A", 0, "The suspect, a 31-year-old man, was charged with arson on Sunday."),
        ("B", 1, "The suspect was arrested on suspicion of arson, police said."),
    )
    assert flag.subject == "The suspect: legal status"
    assert "legal status of the suspect" in flag.reason
    # several suspects: whose stage each sentence gives is not known
    assert (
        _story(
            ("A", 0, "The suspect was charged with arson on Sunday."),
            ("B", 1, "Two suspects were arrested on suspicion of arson."),
        )
        == []
    )


def test_a_cause_given_and_a_cause_not_known_at_one_time_contradict():
    [flag] = _story(
        ("A", 0, "The chief said the blaze was sparked by a faulty heater."),
        ("B", 2, "Investigators have not yet determined the cause of the blaze."),
    )
    assert flag.subject == "Cause of the event" and flag.severity == "contradiction"
    assert {v.value for v in flag.variants} == {"cause given", "cause not known"}


@pytest.mark.parametrize(
    "reports",
    [
        # a cause found days later is progress
        [("A", 0, "The cause of the blaze remains under investigation."),
         ("B", 72, "The blaze was started by a faulty heater, the chief said.")],
        # a cause only guessed at is no cause given
        [("A", 0, "The blaze may have been caused by a faulty heater."),
         ("B", 1, "The cause of the blaze is not yet known.")],
        # damage caused by the event says nothing of the event's own cause
        [("A", 0, "The damage was caused by the blaze, the chief said."),
         ("B", 1, "The cause of the blaze is not yet known.")],
    ],
)  # fmt: skip
def test_a_cause_found_later_guessed_or_of_something_else_never_flags(reports):
    assert _story(*reports) == []


def test_no_claim_of_responsibility_against_a_claim_at_one_time_contradict():
    [flag] = _story(
        ("A", 0, "No group has yet claimed responsibility for the bombing."),
        ("B", 1, "The Red Dune Front claimed responsibility for the bombing."),
    )
    assert flag.subject == "Claim of responsibility"
    assert {v.value for v in flag.variants} == {"no one has claimed it", "claimed"}
    later = [
        ("A", 0, "No group has yet claimed responsibility for the bombing."),
        ("B", 48, "The Red Dune Front claimed responsibility for the bombing."),
    ]
    assert _story(*later) == []  # a claim made two days on is news, not a contradiction


def test_a_drivers_fate_is_read_apart_from_an_attackers():
    [flag] = _story(
        ("A", 0, "The driver fled on foot and remains at large, police said."),
        ("B", 2, "Police said the driver had been arrested after a manhunt."),
    )
    assert flag.subject == "The driver: status"
    assert flag.reason.startswith("what became of the driver: at large vs in custody")
    other = [
        ("A", 0, "The driver fled on foot, police said."),
        ("B", 1, "The attacker was arrested, police said."),
    ]
    assert _story(*other) == []  # a driver and an attacker may be two people


def test_presumed_dead_vs_confirmed_dead_at_the_same_time():
    [flag] = _story(
        ("A", 0, "Doe is presumed dead, the coastguard said."),
        ("B", 2, "Doe was confirmed dead by the coastguard."),
    )
    assert {v.value for v in flag.variants} == {"presumed dead", "confirmed dead"}


def test_charges_dropped_against_charged_at_one_time_and_later_as_progress():
    [flag] = _story(
        ("A", 0, "The case against Doe was dropped on Friday, his lawyer said."),
        ("B", 2, "Doe was charged with fraud on Friday, police said."),
    )
    assert {v.value for v in flag.variants} == {"charges dropped", "charged"}
    assert (
        _story(
            ("A", 0, "Doe was charged with fraud on Monday."),
            ("B", 300, "Doe was acquitted by the jury on Friday."),
        )
        == []
    )

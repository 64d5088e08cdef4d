"""What a revision did to claim sentences: changed (with new wording), removed, added."""

from claims.analysis import revisions

A = "The council approved a budget of 12 million for the new tram line on Tuesday."
A2 = "The council approved a budget of 15 million for the new tram line on Tuesday."
B = "Construction is expected to start in the autumn and last two years."
C = "The mayor said the line would carry twenty thousand passengers a day."


def test_a_reworded_sentence_is_changed_with_its_new_wording():
    changes = revisions.sentence_changes([A, B], [A2, B], f"{A2} {B}")
    assert changes == [revisions.SentenceChange("changed", A, A2)]


def test_a_sentence_gone_from_the_text_is_removed():
    assert revisions.sentence_changes([A, B], [B], B) == [
        revisions.SentenceChange("removed", A, "")
    ]


def test_new_wording_found_in_the_text_when_it_is_no_longer_a_claim():
    short = "The council approved a budget of 15 million for the tram line."
    changes = revisions.sentence_changes([A], [], f"{short} {B}")
    assert changes == [revisions.SentenceChange("changed", A, short)]


def test_spacing_and_typography_are_no_change():
    assert revisions.sentence_changes([A], [A.replace(" on ", "  on ")], A) == []


def test_is_new_checks_whole_words_of_the_previous_text():
    assert revisions.is_new(C, f"{A} {B}")
    assert not revisions.is_new(C, f"{A} {C}")
    # a sentence whose words appear only inside longer words is still new
    assert revisions.is_new("tram line", "The extram lines were old.")

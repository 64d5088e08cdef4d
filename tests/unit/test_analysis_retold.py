"""Quotes retold in other words (claims.analysis.retold, compare.retold_flags): made up."""

import pytest

from claims.analysis import compare, retold

from .analysis_builders import claim, quote


def _telling(index, outlet, text, speaker="Mara Quell"):
    return retold.Telling(index, speaker, outlet, text)


def _flags(*tellings, speaker="Mara Quell"):
    claims = [
        claim(i, outlet, f"“{text}”", quotes=[quote(text, speaker)])
        for i, (outlet, text) in enumerate(tellings, start=1)
    ]
    return compare.quote_flags(claims, [], [], order=lambda c: c.id)


def test_two_translations_of_one_statement_are_retold():
    a = _telling(0, "A", "The harbour will be rebuilt before the winter storms arrive")
    b = _telling(1, "B", "Before the storms of winter come, we shall rebuild the harbour")
    assert retold.retold(a, b)
    assert retold.pairs([a, b]) == [(0, 1)]


def test_another_speaker_or_the_same_outlet_is_not_a_retelling():
    a = _telling(0, "A", "The harbour will be rebuilt before the winter storms arrive")
    retelling = "Before the storms of winter come, we shall rebuild the harbour"
    other = _telling(1, "B", retelling, "Ivo Brandt")
    own = _telling(2, "A", "Before the storms of winter come, we shall rebuild the harbour")
    assert not retold.retold(a, other)
    assert not retold.retold(a, own)
    assert not retold.retold(_telling(0, "A", "x", ""), _telling(1, "B", "x", ""))


def test_an_excerpt_word_for_word_is_not_a_retelling():
    long_ = _telling(0, "A", "The harbour will be rebuilt before the winter storms arrive, I say")
    short = _telling(1, "B", "rebuilt before the winter storms arrive")
    assert not retold.retold(long_, short)


def test_two_statements_sharing_a_run_of_words_are_left_to_the_alignment():
    a = _telling(0, "A", "I was chosen by the harbour council to reopen the docks")
    b = _telling(1, "B", "I cannot reopen the docks I was chosen by the harbour council for")
    assert not retold.retold(a, b)


def test_a_short_phrase_inside_a_long_passage_is_not_a_retelling():
    a = _telling(0, "A", "rebuild the harbour")
    b = _telling(
        1,
        "B",
        "We must rebuild the old harbour walls, pay the fishermen, reopen the school and "
        "repair every road the flood washed away",
    )
    assert not retold.retold(a, b)


def test_retold_quote_is_flagged_with_each_telling_whole():
    [flag] = _flags(
        ("A", "The harbour will be rebuilt before the winter storms arrive"),
        ("B", "Before the storms of winter come, we shall rebuild the harbour"),
    )
    assert flag.kind == "quote_variant"
    assert flag.subject.startswith("Mara Quell: ")
    values = {v.value: v.outlets for v in flag.variants}
    assert values == {
        "The harbour will be rebuilt before the winter storms arrive": ["A"],
        "Before the storms of winter come, we shall rebuild the harbour": ["B"],
    }


def test_two_different_statements_of_one_speaker_are_no_flag():
    assert (
        _flags(
            ("A", "The harbour will be rebuilt before the winter storms arrive"),
            ("B", "Our teachers deserve a fair wage and a warm classroom"),
        )
        == []
    )


def test_a_short_quote_with_one_word_changed_is_flagged():
    [flag] = _flags(("A", "a grave mistake"), ("B", "a grave error"), ("C", "a grave mistake"))
    values = {v.value: sorted(v.outlets) for v in flag.variants}
    assert values == {"a grave mistake": ["A", "C"], "a grave error": ["B"]}


@pytest.mark.parametrize(
    "other",
    [
        "a dark day",  # another phrase: two words differ
        "in a grave mistake",  # not the same length
        "the grave mistake",  # a function word
        "a grave mistake!",  # punctuation
    ],
)
def test_short_quotes_that_are_no_variant(other):
    assert _flags(("A", "a grave mistake"), ("B", other)) == []


def test_a_short_quote_with_its_words_put_another_way_is_flagged():
    [flag] = _flags(("A", "a failure of leadership"), ("B", "a leadership failure"))
    assert {v.value for v in flag.variants} == {"a failure of leadership", "a leadership failure"}
    assert _flags(("A", "a failure of leadership"), ("B", "the failure of leadership")) == []


def _unit(*values):
    import numpy as np

    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_translations_sharing_few_words_are_retold_when_their_sentences_mean_the_same():
    a_text = "We are now working to verify which tanker wagons, if any, were breached"
    b_text = "We are now working to confirm which cisterns of fuel have been damaged"
    near, far = _unit(1.0, 0.2, 0.0), _unit(1.0, 0.0, 0.3)
    a = retold.Telling(0, "Mara Quell", "A", a_text, near)
    b = retold.Telling(1, "Mara Quell", "B", b_text, far)
    assert float(near @ far) >= retold.RETOLD_COSINE
    assert retold.retold(a, b)
    # without the embeddings, or with ones that mean something else: no retelling
    assert not retold.retold(retold.Telling(0, "Mara Quell", "A", a_text), b)
    other = retold.Telling(1, "Mara Quell", "B", b_text, _unit(0.0, 1.0, 0.0))
    assert not retold.retold(a, other)


def test_a_statement_twice_as_long_on_the_same_subject_is_not_retold_by_meaning():
    same = _unit(1.0, 0.1, 0.0)
    short = retold.Telling(0, "Mara Quell", "A", "We signed the ten-year harbour pact today", same)
    long_ = retold.Telling(
        1,
        "Mara Quell",
        "B",
        "The harbour pact will guide every part of our cooperation on shipping and "
        "open a new era between our two ports",
        same,
    )
    assert not retold.retold(short, long_)

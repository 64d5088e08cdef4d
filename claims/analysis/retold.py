"""Quotes retold in other words: one statement of one speaker, worded differently by two outlets.

Pure: quote texts and speakers in, pairs out (no Django).

The word-by-word comparison of quotes (`compare.quote_flags`) aligns tellings
that share runs of words ("rules-based" / "rules-bound" inside one sentence).
Two translations of one foreign-language statement, or an outlet's
paraphrase kept in quotation marks, share few such runs: "a man of difficult
fate" / "a man with a difficult destiny", "at extreme distances and depths
offshore" / "at extreme offshore distances and depths". They share most of
their content words instead. Two tellings are one statement retold when
they are given to the same speaker by two outlets, and most of the content
words of each (stems, function words left out) are in the other; one
telling that holds the other word for word is a shorter excerpt, not a
retelling, and two tellings sharing a run of words are aligned word by word
by the comparison of quotes, which decides them (two sentences of one speech
sharing "elected by the Conservative party" are two statements). Quotes of
three or four words ("a grave mistake" / "a grave error"), too short for either
reading, are one phrase retold when they differ in one content word or put
the same content words another way.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from claims.analysis.matching import STOP, prepare
from claims.analysis.normalise import fold

# Content words the two tellings share, at least: fewer is a common phrase.
MIN_SHARED = 3
# Of the shorter telling's content words, the share found in the other.
MIN_COVER_SHORT = 0.6
# Of the longer telling's content words, the share found in the other: a
# short phrase inside a long passage is that passage's excerpt, or another point.
MIN_COVER_LONG = 0.5
# Words in a row the two tellings share, at most: more, and they quote the same words.
MAX_RUN = 3
# Tellings shorter than this many words ("a grave mistake") are one statement retold
# when they differ in one content word at one place, and have at least SHORT_MIN words.
SHORT_WORDS = 5
SHORT_MIN = 3


@dataclass(frozen=True)
class Telling:
    """One outlet's quotation of a speaker (index: the caller's own position);
    `vector`, the embedding of a sentence the quotation makes up most of."""

    index: int
    speaker: str
    outlet: str
    text: str
    vector: np.ndarray | None = field(default=None, compare=False)  # L2-normalised


# Two translations that share too few words are one statement when their sentences,
# mostly the quotation, mean this nearly the same, and share this many content words.
RETOLD_COSINE = 0.75
MIN_SHARED_MEANING = 2
RETOLD_LENGTH = 0.75  # the shorter telling's words, at least, of the longer's


def content(text: str) -> frozenset[str]:
    return prepare(text).content


def retold(a: Telling, b: Telling) -> bool:
    """Whether b tells a's statement in other words (see the module docstring)."""
    if not a.speaker or a.speaker != b.speaker or a.outlet == b.outlet:
        return False
    fa, fb = " ".join(fold(a.text).split()), " ".join(fold(b.text).split())
    if not fa or not fb or fa in fb or fb in fa:
        return False
    wa, wb = prepare(a.text).words, prepare(b.text).words
    if min(len(wa), len(wb)) < SHORT_WORDS:
        return one_word_apart(wa, wb) or reordered(a.text, b.text)
    ca, cb = content(a.text), content(b.text)
    shared = len(ca & cb)
    if _longest_run(prepare(a.text).words, prepare(b.text).words) > MAX_RUN:
        # the comparison of quotes aligns them, and did not: only meaning joins them
        return shared >= MIN_SHARED_MEANING and _same_meaning(a, b)
    if ca == cb and prepare(a.text).words == prepare(b.text).words:
        return False
    short, long_ = sorted((len(ca), len(cb)))
    if (
        shared >= MIN_SHARED
        and shared / short >= MIN_COVER_SHORT
        and shared / long_ >= MIN_COVER_LONG
    ):
        return True
    return shared >= MIN_SHARED_MEANING and _same_meaning(a, b)


def _same_meaning(a: Telling, b: Telling) -> bool:
    """ "working to verify which hazardous materials cars have been breached" /
    "working to confirm which vehicles of hazardous substances were compromised"."""
    if a.vector is None or b.vector is None:
        return False
    # a translation runs about as long as the other: a statement twice the
    # length of another on the same subject says more than it
    short, long_ = sorted((len(a.text.split()), len(b.text.split())))
    if short < RETOLD_LENGTH * long_:
        return False
    return float(a.vector @ b.vector) >= RETOLD_COSINE


def one_word_apart(a: Sequence[str], b: Sequence[str]) -> bool:
    """Short tellings of one length that differ in one content word ("a grave
    mistake" / "a grave error")."""
    if len(a) != len(b) or len(a) < SHORT_MIN or len(a) >= SHORT_WORDS:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and all(w not in STOP and w.isalpha() for w in diff[0])


def reordered(a: str, b: str) -> bool:
    """Short tellings of the same two or more content words put another way ("a
    failure of intelligence" / "an intelligence failure")."""
    ca, cb = content(a), content(b)
    if len(ca) < 2 or ca != cb:
        return False
    order_a = [w for w in prepare(a).words if w in ca]
    order_b = [w for w in prepare(b).words if w in cb]
    return order_a != order_b


def _longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sm.find_longest_match(0, len(a), 0, len(b)).size


def pairs(tellings: Sequence[Telling]) -> list[tuple[int, int]]:
    """Index pairs of tellings that retell one statement, per speaker."""
    by_speaker: dict[str, list[Telling]] = {}
    for t in tellings:
        if t.speaker:
            by_speaker.setdefault(t.speaker, []).append(t)
    found = []
    for group in by_speaker.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if retold(a, b):
                    found.append((a.index, b.index))
    return found

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
sharing "elected by the Conservative party" are two statements).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from claims.analysis.matching import prepare
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


@dataclass(frozen=True)
class Telling:
    """One outlet's quotation of a speaker (index: the caller's own position)."""

    index: int
    speaker: str
    outlet: str
    text: str


def content(text: str) -> frozenset[str]:
    return prepare(text).content


def retold(a: Telling, b: Telling) -> bool:
    """Whether b tells a's statement in other words (see the module docstring)."""
    if not a.speaker or a.speaker != b.speaker or a.outlet == b.outlet:
        return False
    fa, fb = " ".join(fold(a.text).split()), " ".join(fold(b.text).split())
    if not fa or not fb or fa in fb or fb in fa:
        return False
    if _longest_run(prepare(a.text).words, prepare(b.text).words) > MAX_RUN:
        return False
    ca, cb = content(a.text), content(b.text)
    shared = len(ca & cb)
    if shared < MIN_SHARED or ca == cb and prepare(a.text).words == prepare(b.text).words:
        return False
    short, long_ = sorted((len(ca), len(cb)))
    return shared / short >= MIN_COVER_SHORT and shared / long_ >= MIN_COVER_LONG


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

"""What a new revision did to an article's claim sentences. Plain data, no Django.

`sentence_changes` pairs the sentences of the old claims that the new text no
longer has with their new wording: the closest new claim sentence, else the
closest sentence anywhere in the new text (a reworded sentence may no longer
be check-worthy), else nothing (removed).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from claims.analysis.normalise import tokens
from claims.analysis.provenance import sentences

CHANGED, REMOVED, ADDED = "changed", "removed", "added"

# Two sentences are one sentence reworded at this word similarity or above
# ("cost 40 million" -> "cost 32 million": 0.9; a different sentence of the
# same story: under 0.4).
REWORDED = 0.5


@dataclass(frozen=True)
class SentenceChange:
    reason: str  # changed | removed
    old: str
    new: str = ""


def key(sentence: str) -> str:
    """Comparison key of a sentence: its words, without case, spacing or punctuation."""
    return " ".join(tokens(sentence))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, key(a).split(), key(b).split(), autojunk=False).ratio()


def _closest(sentence: str, candidates: list[str]) -> tuple[str, float]:
    best, best_score = "", 0.0
    for candidate in candidates:
        score = similarity(sentence, candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best, best_score


def sentence_changes(old: list[str], new: list[str], new_text: str = "") -> list[SentenceChange]:
    """The old sentences missing from the new ones, each changed (with its new wording) or removed.

    A sentence whose words are all still there (spacing, typography) is no change.
    """
    have = {key(s) for s in new}
    have_text = {key(s) for s, _, _ in sentences(new_text)}
    missing = [s for s in dict.fromkeys(old) if key(s) not in have and key(s) not in have_text]
    fresh = [s for s in new if key(s) not in {key(o) for o in old}]
    others = [s for s, _, _ in sentences(new_text)]
    out = []
    for sentence in missing:
        best, score = _closest(sentence, fresh)
        if score < REWORDED:
            best, score = _closest(sentence, others)
        if score >= REWORDED:
            out.append(SentenceChange(CHANGED, sentence, best))
        else:
            out.append(SentenceChange(REMOVED, sentence))
    return out


def is_new(sentence: str, previous_text: str) -> bool:
    """True when the sentence is not in the previous text (an added sentence)."""
    want = key(sentence)
    if not want:
        return False
    return f" {want} " not in f" {key(previous_text)} "

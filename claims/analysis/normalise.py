"""Text normalisation for comparing values across outlets.

Two values that differ only by case, typography, punctuation, US/UK spelling or
dotted abbreviations ("U.S." / "US") normalise to the same string, so they are
never reported as a contradiction. The tables (typography, UK -> US spelling,
country words) are claims.nlp.normalize's: one owner for extraction and comparison.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from claims.nlp.normalize import TYPOGRAPHY, quoted_spelling, us_spelling

CONTRACTIONS = {
    "we're": "we are",
    "they're": "they are",
    "you're": "you are",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "i'm": "i am",
    "we've": "we have",
    "i've": "i have",
    "they've": "they have",
    "we'll": "we will",
    "i'll": "i will",
    "won't": "will not",
    "can't": "cannot",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "haven't": "have not",
    "hasn't": "has not",
    "shan't": "shall not",
    "ain't": "is not",
}
# The rest by their ending: "shouldn't", "they'd've" aside, "-n't" is "not",
# "-'re" "are", "-'ve" "have", "-'ll" "will"; "'s" and "'d" stay (is or has, had or
# would: the listed ones above are the unambiguous).
_CONTRACTED = re.compile(r"^([a-z]+?)(n't|'re|'ve|'ll)$")
_ENDINGS = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will"}


def expand(word: str) -> str | None:
    """The words a contraction stands for ("shouldn't" -> "should not"), else None."""
    listed = CONTRACTIONS.get(word)
    if listed:
        return listed
    match = _CONTRACTED.match(word)
    if not match or len(match.group(1)) < 2 and match.group(2) == "n't":
        return None
    return f"{match.group(1)} {_ENDINGS[match.group(2)]}"


SAME_LENGTH = str.maketrans({k: (v if len(v) == 1 else ".") for k, v in TYPOGRAPHY.items()})

# "U.S." -> "US", "U.S.-India" -> "US-India": single letters joined by dots.
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case, typography, dotted abbreviations and spacing folded away."""
    text = unicodedata.normalize("NFKC", text or "").translate(TYPOGRAPHY)
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    return _SPACE.sub(" ", text).strip().lower()


def unaccent(text: str) -> str:
    """Accents off ("São Paulo" -> "Sao Paulo"): a letter with an accent is no
    word break, and an accent is spelling, not wording."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _base_letter(ch: str) -> str:
    """A letter without its accent, one character for one ("ã" -> "a")."""
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)
    return base[0] if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]) else ch


def tokens(text: str) -> list[str]:
    """Comparison tokens: folded words, hyphens split, UK spelling and contractions mapped."""
    return list(_tokens(text))


# An analysis tokenises each claim several times over (terms, shared wording,
# comparisons); claims repeat across re-analyses of a story.
@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for word in _WORD.findall(unaccent(fold(text))):
        word = expand(word) or word
        for part in word.split():
            out.append(us_spelling(part))
    return tuple(out)


def norm(text: str) -> str:
    """One comparison key for a short value (title, name, place)."""
    return " ".join(tokens(text))


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Comparison tokens with character offsets into `text` (for showing diffs).

    Contractions stay one token here ("we're" vs "we are" is aligned by `tokens`
    callers only when they need it); spelling is mapped so "defence" == "defense".
    """
    # one character for one, so offsets into `folded` are offsets into `text`
    folded = (text or "").translate(SAME_LENGTH).lower()
    if len(folded) != len(text or ""):
        folded = (text or "").lower()
    if not folded.isascii():
        folded = "".join(_base_letter(ch) for ch in folded)  # as `tokens` reads them
    spans = []
    for m in re.finditer(r"[a-z0-9]+(?:'[a-z]+)?", folded):
        word = m.group(0)
        expanded = expand(word)
        if expanded:
            for part in expanded.split():
                spans.append((part, m.start(), m.end()))
        else:
            spans.append((quoted_spelling(word), m.start(), m.end()))
    return spans


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) to whole whitespace-delimited words, minus edge punctuation."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    strip = " \t\n\"'“”‘’,.;:!?()[]…"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


# "New Delhi, Nov. 1 --", "WASHINGTON (Reuters) -", "New Delhi:" at a sentence start.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z.' ]{1,40}"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s*\d{4})?)?"
    r"\s*(?:\([A-Za-z ]+\))?\s*(?:--|—|–|-|:)\s"
)


def dateline_end(text: str) -> int:
    """Length of a dateline opening the sentence, or 0."""
    m = _DATELINE.match(text or "")
    return m.end() if m else 0


def fingerprint(kind: str, subject: str, values: list[str]) -> str:
    """Stable key of a flag: its kind, normalised subject and sorted normalised values.

    Story-independent, so the same difference found again (re-analysis, or after
    a merge) lands on the same row and keeps the reviewer's decision.
    """
    parts = [kind, norm(subject), *sorted({norm(v) for v in values})]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

"""Page furniture that extraction tools leave in article text.

None of it is ever a claim: comment prompts, bylines, photo credits, share
buttons, paywall teasers, headline-only lines.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"leave a (reply|comment)",
    r"\d*\s*comments?( \(\d+\))?",
    r"(post a |add a |view |show |load )comments?.*",
    r"(share|tweet|email|print|save|copy link)( (this|the) (article|story|post|page))?"
    r"( on \w+)?",
    r"share (on|via|to) .*",
    r"(click|tap) here.*",
    r"(also read|read more|read also|related( articles| stories| news)?|recommended"
    r"|more from .*|trending( now)?|latest news)\b.*",
    r"(subscribe|sign up|follow us|join us|download (the|our) app|get the app)\b.*",
    r"to read the full (article|story)\b.*",
    r"contact us\.?",
    r"(author|published|updated|posted|last updated|edited|written)(\s*(:|on|at|by)\s*.{0,60})?",
    r"by [A-Z][\w.'-]*( [A-Z][\w.'-]*){0,3}",
    r"(photo|image|picture|pic|photograph|file photo|credit|source|courtesy|video)s?"
    r"\s*(:|credit|by|courtesy).*",
    r"(insight )?(post )?image",
    r"(copyright|\u00a9|all rights reserved).*",
    r"advertisement|sponsored( content)?|story continues below.*",
    r"please",
    r"news",
    r"[A-Za-z]",  # a drop cap left on its own line
    r"([\w.'-]+\s+){0,4}(bureau|desk|correspondent|news service)\s*-?",
    r"(pic\.twitter\.com|https?://|www\.|x\.com/)\S*",
]
_BOILERPLATE = re.compile(r"(?:" + "|".join(_PATTERNS) + r")\s*", re.IGNORECASE)
_DATE_ONLY = re.compile(
    r"(\w+day,?\s+)?([A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?"
    r"\s+\d{4})(\s*[|,]?\s*\d{1,2}:\d{2}.*)?"
)
# A social-post signature: "— Name (@handle) October 31, 2025"
SIGNATURE = re.compile(
    r"^\s*[\u2014\u2013-]{1,2}\s*(?P<name>[^()@\n]{2,120}?)\s*\(@(?P<handle>\w{1,30})\)"
    r"\s*(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?\s*$"
)
# Link fragments left by embedded posts: trimmed off the sentence.
LINK_FRAGMENT = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://\S+|www\.\S+)")
_TERMINAL = (".", "!", "?", '"', "\u201d", "'", "\u2019", "\u2026", ")")


def is_boilerplate(line: str) -> bool:
    """True for a line or sentence that is page furniture."""
    text = line.strip()
    if not text:
        return True
    if _BOILERPLATE.fullmatch(text) or _DATE_ONLY.fullmatch(text):
        return True
    return bool(SIGNATURE.match(text))


def is_headline(paragraph: str, sentence_count: int, title: str = "") -> bool:
    """A heading line: one short sentence with no end punctuation, or the title."""
    text = paragraph.strip()
    if title and _squash(text) == _squash(title):
        return True
    if sentence_count > 1 or text.endswith(_TERMINAL):
        return False
    return len(text.split()) <= 25


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()

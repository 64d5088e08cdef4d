"""Quotation spans: double quotes (curly or straight), single quotes that carry
speech, and embedded social posts.

Single quotes mark names of documents ("'Framework for the US-India Major
Defence Partnership'") and scare quotes as often as speech, and the closing
mark is the apostrophe. British outlets quote speech in them all the same
("she said: 'I have spoken to the King.'"), so a single-quoted span counts as
a quote only when it reads as speech: a speech verb just before or after it,
a paragraph that opens with it, or the first person inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.nlp.boilerplate import LINK_FRAGMENT, SIGNATURE

OPEN, CLOSE, STRAIGHT = "\u201c\u201e\u00ab", "\u201d\u00bb", '"'
_FIRST_PERSON = re.compile(r"\b(I|I'm|I've|we|we're|we've|my|our|us)\b|[@#]|pic\.twitter", re.I)
_QUOTE_CHARS = re.compile(r"[\u201c\u201d\"]")
SINGLE_OPEN, SINGLE_CLOSE = "\u2018'", "\u2019'"
# Fewer words than this in single quotes is a phrase or a name, not speech.
SINGLE_MIN_WORDS = 4
_SPEECH_VERBS = (
    r"(?:said|says|added|adds|stated|states|told|tells|declared|wrote|writes|tweeted|"
    r"continued|explained|insisted|warned|announced|replied|recalled|remarked)"
)
# "she said: '", "he added, '", "told reporters: '"
_SPEECH_BEFORE = re.compile(_SPEECH_VERBS + r"(?:\s+\w+){0,2}\s*[:,]\s*$", re.I)
# "', he said" "', Ms Truss said" "' said the minister"
_SPEECH_AFTER = re.compile(
    r"^\s*[,.]?\s*(?:(?:he|she|they|we|I|[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})\s+)?"
    + _SPEECH_VERBS
    + r"\b"
)
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|I\u2019m|I'm|I\u2019ve|I've|we|my|our|us|me)\b")
MAX_POST_LINES = 8


@dataclass
class QuoteSpan:
    start: int  # first character inside the marks
    end: int  # after the last character inside the marks
    author: str = ""  # the signature of a social post: "Secretary of War Pete Hegseth"
    handle: str = ""
    signature_start: int = -1  # where the post's signature line starts
    signature_end: int = -1
    person: object = None  # people.Person of the post's author, once known
    speaker: str = ""  # filled by attribution

    @property
    def is_post(self) -> bool:
        return self.signature_start >= 0


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Quote spans over the article; `paragraphs` are (start, end) offsets."""
    spans: list[QuoteSpan] = []
    for start, end in paragraphs:
        double = _marked(text, start, end)
        single = _single_marked(text, start, end, double)
        # British style: 'I recognise "normal" life is over' is one quote, the
        # double marks inside it a word the speaker quoted
        spans.extend(d for d in double if not any(_holds(o, d) for o in single))
        spans.extend(single)
    posts = find_posts(text, paragraphs)
    inside_post = [(p.start, p.end) for p in posts]
    spans = [s for s in spans if not any(a <= s.start < b for a, b in inside_post)]
    return sorted(spans + posts, key=lambda s: s.start)


def _marked(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Spans in one paragraph. An opening mark left open runs to the paragraph end
    (the convention for quotes that go on into the next paragraph); a closing
    mark with no opening one closes a quote begun in the previous paragraph."""
    spans, open_at = [], None
    for i in range(start, end):
        char = text[i]
        if char in OPEN or (char == STRAIGHT and open_at is None):
            if open_at is None:
                open_at = i + 1
        elif char in CLOSE or char == STRAIGHT:
            if open_at is None:
                spans.append(QuoteSpan(start, i))
            else:
                spans.append(QuoteSpan(open_at, i))
                open_at = None
    if open_at is not None and end - open_at > 1:
        spans.append(QuoteSpan(open_at, end))
    return [s for s in spans if text[s.start : s.end].strip()]


def _single_marked(text: str, start: int, end: int, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted spans in one paragraph that read as speech, outside the
    double-quoted ones or holding them (a quote inside a quote is part of it)."""
    spans, open_at = [], None
    for i in range(start, end):
        char = text[i]
        if open_at is None and char in SINGLE_OPEN and _opens(text, start, i):
            open_at = i + 1
        elif open_at is not None and char in SINGLE_CLOSE and _closes(text, end, i):
            spans.append(QuoteSpan(open_at, i))
            open_at = None
    if open_at is not None and open_at - 1 == start:
        spans.append(QuoteSpan(open_at, end))  # a quote that goes on into the next paragraph
    return [
        s
        for s in spans
        if not any(_overlap(t, s) and not _holds(s, t) for t in taken)
        and _reads_as_speech(text, start, end, s)
    ]


def _overlap(a: QuoteSpan, b: QuoteSpan) -> bool:
    return a.start <= b.start < a.end or b.start <= a.start < b.end


def _holds(outer: QuoteSpan, inner: QuoteSpan) -> bool:
    """A quote inside another: its marks strictly within the outer's."""
    return outer.start < inner.start and inner.end < outer.end


def _opens(text: str, start: int, i: int) -> bool:
    """A mark at the start of a word: not the apostrophe of "rock 'n' roll" or "'90s"."""
    after = text[i + 1 : i + 2]
    return (i == start or text[i - 1] in " \t([\u2014\u2013-:") and after.isalpha()


def _closes(text: str, end: int, i: int) -> bool:
    """A mark after a word (or after a quote's last stop and a space, as some wires
    write "... at this time. '") and before no letter: not the apostrophe of
    "Johnson's"."""
    after_word = not text[i - 1].isspace() or (i >= 2 and text[i - 2] in ",.!?")
    return after_word and (i + 1 >= end or not text[i + 1].isalnum())


def _reads_as_speech(text: str, start: int, end: int, span: QuoteSpan) -> bool:
    words = text[span.start : span.end].split()
    if len(words) < SINGLE_MIN_WORDS:
        return False
    before = text[max(start, span.start - 60) : span.start - 1]
    after = text[span.end + 1 : min(end, span.end + 60)]
    return bool(
        _SPEECH_BEFORE.search(before)
        or _SPEECH_AFTER.match(after)
        or span.start - 1 == start
        or _FIRST_PERSON_WORD.search(text[span.start : span.end])
    )


def find_posts(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Embedded posts: the lines above a "— Name (@handle) date" signature.

    The post's lines are taken upwards while they read like a post (first
    person, @mentions, hashtags, picture links) and carry no quotation marks,
    which would mean reported prose about the post instead.
    """
    posts = []
    for index, (start, end) in enumerate(paragraphs):
        match = SIGNATURE.match(text[start:end])
        if not match:
            continue
        first = index
        while (
            first > 0
            and index - first < MAX_POST_LINES
            and _post_like(text[slice(*paragraphs[first - 1])])
            and not SIGNATURE.match(text[slice(*paragraphs[first - 1])])
        ):
            first -= 1
        if first == index:
            continue
        body_start, body_end = paragraphs[first][0], paragraphs[index - 1][1]
        body_end = _trim_link(text, body_start, body_end)
        posts.append(
            QuoteSpan(
                body_start,
                body_end,
                author=match.group("name").strip(),
                handle=match.group("handle"),
                signature_start=start,
                signature_end=end,
            )
        )
    return posts


def _post_like(line: str) -> bool:
    return len(line) < 400 and not _QUOTE_CHARS.search(line) and bool(_FIRST_PERSON.search(line))


def _trim_link(text: str, start: int, end: int) -> int:
    """End of a span with a trailing picture link and ellipsis cut off."""
    chunk = text[start:end]
    match = LINK_FRAGMENT.search(chunk)
    while match and not chunk[match.end() :].strip():
        chunk = chunk[: match.start()]
        match = LINK_FRAGMENT.search(chunk)
    return start + len(chunk.rstrip().rstrip("\u2026").rstrip())


def segments(quote: QuoteSpan, start: int, end: int, text: str) -> tuple[int, int] | None:
    """The part of a quote inside a sentence [start, end), stripped; None if empty."""
    s, e = max(quote.start, start), min(quote.end, end)
    if s >= e:
        return None
    e = _trim_link(text, s, e)
    while s < e and text[s] in " \n\t":
        s += 1
    while e > s and text[e - 1] in " \n\t":
        e -= 1
    return (s, e) if e > s else None

"""Date expressions resolved against the publication date.

News copy is written in the past tense about the days before publication, so a
bare weekday means the latest such day on or before the publication date
("on Friday" in a Saturday paper is the day before); "next Friday" and future
tense look forward.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from claims.nlp.types import DateSlot

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
    # a whole word: "in Marlow Creek" and "5 Junction Road" name no month
    r"(?![A-Za-z])"
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?"
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}})\b)?"
)
_MONTH_YEAR = re.compile(rf"\b(?:in\s+|since\s+|by\s+)?{_MONTH}\s+(?P<year>\d{{4}})\b")
_MONTH_ALONE = re.compile(
    rf"\b(?:in|since|by|until|from|last|this|early|late|mid-)\s*{_MONTH}(?!\s*\d)"
)
_WEEKDAY = re.compile(
    r"\b(?:(?P<which>last|next|this|on|coming)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)
_RELATIVE_DAY = re.compile(r"\b(?P<word>today|yesterday|tomorrow)\b", re.IGNORECASE)
_RELATIVE_SPAN = re.compile(
    r"\b(?P<which>last|this|next)\s+(?P<unit>week|month|year)\b", re.IGNORECASE
)
# A bare year, not a range ("2025-2035") nor a quantity ("2025 troops" is rare).
# A figure with a unit is no year either: "1900 kilometres", "2000 acres".
_YEAR = re.compile(
    r"(?<![\d\-\u2013.,$])\b(?P<year>(?:19|20)\d{2})\b(?![\-\u2013]\d|%|,\d|\.\d)"
    r"(?!\s*(?:km\b|kilomet|miles?\b|metres?\b|meters?\b|feet\b|ft\b|yards?\b|kg\b|"
    r"kilogram|tonnes?\b|tons?\b|acres?\b|hectares?\b))"
)
_TOLD = re.compile(
    r"\b(?:said|told|announced|confirmed|reported|added|stated)\s+(?:on\s+)?$", re.I
)
# "would" of reported speech looks ahead too: "said he would speak on Thursday"
_FUTURE = re.compile(
    r"\b(will|shall|is to|are to|scheduled|expected to|set to|set for|would(?! have)|"
    # "due to arrive" is ahead; "died due to injuries" is a cause
    r"due to (?:be|arrive|begin|start|appear|meet|take|hold|return|leave|open|resume|"
    r"land|depart|testify|face|sign|visit|attend|hear|rule|deliver|announce|release|"
    r"vote|end|close|go|come|make|give|speak|report|publish|complete|launch))\b",
    re.I,
)
# Where a date's clause begins: "Brandt, who was detained on Sunday, will appear
# on Tuesday" reads Sunday in the past, Tuesday in the sentence's future.
_CLAUSE_EDGE = re.compile(r"[,;:()\u2014]|\b(?:who|which|that|after|before|when|while)\b", re.I)
_LEAD_WORDS = re.compile(r"^\W*(?:(?:late|early)\s+)?(?:on\s+)?$", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|did)\b|\b[a-z]{3,}ed\s+(?:(?:late|early)\s+)?(?:on\s+)?$", re.I
)


_SINCE = re.compile(r"\bsince\s+(?:the\s+|last\s+)?$", re.I)
# A meeting someone was called to, dated right after its noun, lies ahead of the
# call: "called both sides to talks on Thursday", "invited them to a meeting on Friday".
_CALLED_TO = re.compile(
    r"\b(?:called|invited|summoned|convened|urged|asked)\b[^.;]{0,40}?\b(?:to|for)\s+"
    r"(?:(?:a|an|the|new|fresh|urgent|emergency)\s+)*(?:talks|meeting|vote|hearing|summit|"
    r"session|negotiations)\s+(?:on\s+)?$",
    re.I,
)


def _future_at(text: str, start: int, sentence_future: bool) -> bool:
    """The tense of the clause holding the date at `start`: its own words since
    the clause began when they say ("who was detained on", "will be held on"),
    else the sentence's ("..., with a second vote likely on Thursday")."""
    if _SINCE.search(text[max(0, start - 20) : start]):
        return False  # "have faced criticism since the Nov. 13 attacks": a time gone by
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(text, 0, start)]
    before = text[edges[-1] if edges else 0 : start]
    if _FUTURE.search(before):
        return True
    if _PAST.search(before):
        return False
    return sentence_future or bool(_CALLED_TO.search(before))


def find_dates(
    text: str, offset: int, published: date | None, skip: list[tuple[int, int]] = ()
) -> list[DateSlot]:
    """Date slots in one sentence; `offset` maps sentence offsets to the article."""
    found: list[DateSlot] = []
    taken = list(skip)
    future = bool(_FUTURE.search(text))

    def add(match, iso, relative):
        start, end = match.start(), match.end()
        if not iso or any(s < offset + end and offset + start < e for s, e in taken):
            return
        taken.append((offset + start, offset + end))
        found.append(DateSlot(match.group(0), iso, relative, offset + start, offset + end))

    for match in [*_MONTH_DAY.finditer(text), *_DAY_MONTH.finditer(text)]:
        iso = _month_day(match, published, _future_at(text, match.start(), future))
        if _in_span_of_days(text, match):
            # "March 3-4", "3 to 5 March": days of a span, which any one of them
            # meets; "October 20-21, 2022" writes its year after the span
            year = _SPAN_YEAR.match(text, match.end())
            iso = f"{year.group('year')}-{iso[5:7]}" if year and iso else iso[:7]
        add(match, iso, False)
    for match in _MONTH_YEAR.finditer(text):
        add(match, f"{match.group('year')}-{_month(match):02d}", False)
    for match in _MONTH_ALONE.finditer(text):
        add(match, _month_alone(match, published, _future_at(text, match.start(), future)), True)
    days = [(s - offset, e - offset) for s, e in taken[len(skip) :]]
    for match in _WEEKDAY.finditer(text):
        if _beside_a_day(text, match, days):
            continue  # "Saturday 23 June", "June 23, a Saturday": the date says which
        # "officials said on Monday" is past even in a sentence about what will be
        told = _TOLD.search(text[max(0, match.start() - 30) : match.start()])
        ahead = _future_at(text, match.start(), future)
        add(match, _weekday(match, published, ahead and not told), True)
    for match in _RELATIVE_DAY.finditer(text):
        add(match, _relative_day(match.group("word"), published), True)
    for match in _RELATIVE_SPAN.finditer(text):
        add(match, _relative_span(match, published), True)
    for match in _YEAR.finditer(text):
        add(match, match.group("year"), False)
    return sorted(found, key=lambda d: d.start)


_BETWEEN_AFTER = re.compile(r"^[\s,(]*(?:the\s+)?$")
_BETWEEN_BEFORE = re.compile(r"^[\s,(]*(?:a|which\s+was\s+a)?\s*$", re.IGNORECASE)


def _beside_a_day(text: str, match, days: list[tuple[int, int]]) -> bool:
    """A weekday written right beside a month-and-day date names that date's day."""
    for start, end in days:
        if start >= match.end() and _BETWEEN_AFTER.match(text[match.end() : start]):
            return True
        if end <= match.start() and _BETWEEN_BEFORE.match(text[end : match.start()]):
            return True
    return False


def _month(match) -> int:
    return MONTHS[_key(match)]


def _key(match) -> str:
    name = match.group("month").lower().rstrip(".")
    return "sept" if name.startswith("sept") else name[:3]


_SPAN_AFTER = re.compile(
    r"\s*(?:[-\u2013]|and|to|through|until)\s*\d{1,2}(?:st|nd|rd|th)?\b"
    r"(?!\s+(?:people|persons|percent|per|times|more|others|of|[a-z]+s)\b)"
)
_SPAN_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s*(?:[-\u2013]|and|to|through|until)\s*$")


_SPAN_YEAR = re.compile(
    r"\s*(?:[-\u2013]|and|to|through|until)\s*\d{1,2}(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b"
)


def _in_span_of_days(text: str, match) -> bool:
    return bool(
        _SPAN_AFTER.match(text, match.end("day") if match.re is _MONTH_DAY else match.end())
        and match.re is _MONTH_DAY
        or match.re is _DAY_MONTH
        and _SPAN_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
    )


def _month_day(match, published: date | None, future: bool = False) -> str:
    month, day = _month(match), int(match.group("day"))
    year = match.group("year")
    if year:
        return _iso(int(year), month, day)
    if published is None:
        return ""
    candidate = _safe_date(published.year, month, day)
    # "October 31" read in a January paper is last year's October; but "results
    # will be announced on September 5" in a July paper is this year's.
    if candidate and not future and candidate > published + timedelta(days=31):
        candidate = _safe_date(published.year - 1, month, day)
    return candidate.isoformat() if candidate else ""


def _weekday(match, published: date | None, future: bool) -> str:
    if published is None:
        return ""
    target = WEEKDAYS.index(match.group("weekday").lower())
    which = (match.group("which") or "").lower()
    back = (published.weekday() - target) % 7
    if which == "next" or (which == "coming") or (future and which != "last"):
        ahead = (target - published.weekday()) % 7
        # "next Monday" in a Monday paper is a week on; "will be sworn in on
        # Monday" is that day
        if ahead == 0 and which in ("next", "coming"):
            ahead = 7
        return (published + timedelta(days=ahead)).isoformat()
    if which == "last" and back == 0:
        back = 7
    if back == 6 and not which:
        # "early Saturday" in a page dated Friday: six days before, or the next
        # day where the story happened, a time zone ahead of the page's date
        return ""
    return (published - timedelta(days=back)).isoformat()


def _month_alone(match, published: date | None, future: bool) -> str:
    """ "in July": the latest July up to publication (the next one in future tense)."""
    if published is None:
        return ""
    month = _month(match)
    year = published.year
    if future and month < published.month:
        year += 1
    elif not future and month > published.month:
        year -= 1
    return f"{year}-{month:02d}"


def _relative_day(word: str, published: date | None) -> str:
    if published is None:
        return ""
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[word.lower()]
    return (published + timedelta(days=shift)).isoformat()


def _relative_span(match, published: date | None) -> str:
    if published is None:
        return ""
    shift = {"last": -1, "this": 0, "next": 1}[match.group("which").lower()]
    unit = match.group("unit").lower()
    if unit == "year":
        return str(published.year + shift)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + shift
        return f"{month_index // 12}-{month_index % 12 + 1:02d}"
    year, week, _ = (published + timedelta(weeks=shift)).isocalendar()
    return f"{year}-W{week:02d}"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str:
    value = _safe_date(year, month, day)
    return value.isoformat() if value else ""

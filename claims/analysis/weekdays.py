"""A weekday written beside a date it does not fall on: an article's own error.

"on Tuesday (March 5)", "Tuesday, March 5, 2024", "on March 5, a Tuesday":
the date is resolved (its year from the text, or from the article's
publication date as in claims.nlp.dates) and its real weekday computed. A
weekday without a date, or a date that cannot exist (year 0, 9999, 31 June),
is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from claims.nlp.dates import MONTHS, WEEKDAYS

# Dates a news story can be about.
MIN_YEAR, MAX_YEAR = 1800, 2200

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{1,5})\b)?"
_WD = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATES = (rf"{_MONTH}\s+{_DAY}{_YEAR}", rf"{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}")
_PAIRS = [
    # "Tuesday (March 5)", "Tuesday, March 5, 2024", "Tuesday 5 March"
    *(re.compile(rf"\b{_WD}\s*(?:\(\s*|,\s*|\s)(?:the\s+)?{d}", re.I) for d in _DATES),
    # "March 5 (Tuesday)", "on 5 March, a Tuesday"
    *(re.compile(rf"\b{d}\s*(?:\(\s*|,\s*(?:a\s+|which was a\s+)?){_WD}\b", re.I) for d in _DATES),
]


@dataclass
class WeekdayError:
    written: str  # "Tuesday"
    actual: str  # "Wednesday"
    day: date
    text: str  # the words as written: "Tuesday (March 5)"
    start: int  # offset in the claim text
    end: int


def weekday_errors(text: str, published: datetime | date | None) -> list[WeekdayError]:
    """Weekdays in `text` written beside a date that falls on another day."""
    errors = []
    seen = set()
    for pattern in _PAIRS:
        for match in pattern.finditer(text):
            if match.start() in seen:
                continue
            day = _resolve(match, published)
            if day is None:
                continue
            seen.add(match.start())
            written = match.group("weekday").capitalize()
            actual = WEEKDAYS[day.weekday()].capitalize()
            if written != actual:
                words = match.group(0)
                if words.count("(") > words.count(")"):
                    words += ")"
                errors.append(
                    WeekdayError(written, actual, day, words, match.start(), match.end())
                )
    return errors


def _resolve(match, published) -> date | None:
    name = match.group("month").lower().rstrip(".")
    month = MONTHS["sept" if name.startswith("sept") else name[:3]]
    day = int(match.group("day"))
    year_text = match.group("year")
    if year_text:
        year = int(year_text)
    elif published is not None:
        pub = published.date() if isinstance(published, datetime) else published
        year = pub.year
        candidate = _safe(year, month, day)
        # "December 30" in a January paper is last year's December
        if candidate and candidate > pub + timedelta(days=31):
            year -= 1
    else:
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _safe(year, month, day)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None

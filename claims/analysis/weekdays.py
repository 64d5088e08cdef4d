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


# --- one event dated by several outlets ----------------------------------------------

# Outlets that date one event this many days apart misread a weekday or a time
# zone; further apart, the same verb names two facts ("arrested on Saturday"
# and a second arrest weeks later).
EVENT_GAP_DAYS = 3
# Verbs that report rather than say what happened: "said on Sunday".
_REPORTING = {
    "said", "told", "announced", "reported", "added", "confirmed", "stated", "noted",
    "released", "published", "posted", "wrote", "updated", "issued", "according",
}  # fmt: skip
_IRREGULAR = {"struck", "hit", "shot", "died", "fell", "broke", "began", "held", "came"}
# The event word right before the date: "was arrested on Saturday", "struck late Friday".
_BEFORE = re.compile(
    r"\b(?P<verb>[a-z]{4,})\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:(?:late|early)\s+)?$"
)


@dataclass
class EventDay:
    """A day one outlet gives for what a verb says happened."""

    verb: str  # "arrested"
    day: str  # ISO date
    text: str  # the date as written
    claim: object  # analysis.types.ClaimInput


def event_day(claim, date_slot) -> EventDay | None:
    """The event a full date dates in its sentence, or None when the word before
    it reports rather than happens, or the date is a dateline or not a day."""
    if date_slot.is_dateline or len(date_slot.iso or "") != 10:
        return None
    offset = date_slot.start - claim.data.start
    if not 0 < offset <= len(claim.data.text):
        return None
    match = _BEFORE.search(claim.data.text[max(0, offset - 30) : offset].lower())
    if match is None:
        return None
    verb = match.group("verb")
    if verb in _REPORTING or not (verb.endswith("ed") or verb in _IRREGULAR):
        return None
    return EventDay(verb, date_slot.iso, date_slot.text, claim)


def dates_a_statement(claim, date_slot) -> bool:
    """ "officials said on Monday", "the ministry announced Saturday": the day
    a statement was made, not the day of what it tells."""
    offset = date_slot.start - claim.data.start
    if not 0 < offset <= len(claim.data.text):
        return False
    match = _BEFORE.search(claim.data.text[max(0, offset - 30) : offset].lower())
    return match is not None and match.group("verb") in _REPORTING


def day_clashes(days: list[EventDay]) -> list[list[EventDay]]:
    """Groups of one verb's days where two outlets share no day and lie at most
    EVENT_GAP_DAYS apart."""
    by_verb: dict[str, list[EventDay]] = {}
    for d in days:
        by_verb.setdefault(d.verb, []).append(d)
    out = []
    for group in by_verb.values():
        per_outlet: dict[str, set[date]] = {}
        named: dict[str, set[date]] = {}
        for d in group:
            day = _day_of(d.day)
            if day is None:
                continue  # a day that cannot exist: skipped, never flagged
            per_outlet.setdefault(d.claim.outlet, set()).add(day)
            named.setdefault(d.claim.outlet, set()).update(_days_named(d.claim))
        if _outlets_clash(per_outlet, named):
            out.append(group)
    return out


def _day_of(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def _days_named(claim) -> set[date]:
    """Every full day the sentence names: "the first vote is held on Tuesday,
    a second likely on Wednesday" names the other outlet's day for another
    thing, so its writer does not date one thing two ways."""
    days = {_day_of(s.iso) for s in claim.data.dates if len(s.iso or "") == 10}
    return {d for d in days if d is not None}


def _outlets_clash(per_outlet: dict[str, set[date]], named: dict[str, set[date]]) -> bool:
    """`named` holds every day the outlet's dating sentences name (its own days too)."""
    outlets = list(per_outlet)
    for i, a in enumerate(outlets):
        for b in outlets[i + 1 :]:
            if per_outlet[a] & named[b] or per_outlet[b] & named[a]:
                continue
            gap = min(abs((x - y).days) for x in per_outlet[a] for y in per_outlet[b])
            if gap <= EVENT_GAP_DAYS:
                return True
    return False


# --- the time of day one event happened ------------------------------------------

# Hours (start, end) of a part of the day; "night" runs past midnight.
PARTS_OF_DAY = {
    "dawn": (4, 7),
    "morning": (5, 12),
    "noon": (11, 13),
    "midday": (11, 13),
    "afternoon": (12, 18),
    "evening": (17, 22),
    "night": (20, 29),
    "overnight": (20, 30),
    "midnight": (23, 25),
    "late": (19, 29),  # "struck late Friday"
}
# A clock time is the hour it names, give or take this much (an outlet's rounding).
CLOCK_SLACK = 1
# The event verb, then within a few words its time: "struck at about 11am",
# "hit Herat province on Saturday night", "struck late Friday".
_TIME_OF = re.compile(
    # verbs of the event itself; "began" and "started" are as often a rescue's
    r"\b(?P<verb>struck|hit|erupted|exploded|crashed|happened|occurred)\b"
    r"(?P<gap>[^.;]{0,60}?)\b(?:"
    r"(?:at\s+)?(?:about\s+|around\s+|approximately\s+|shortly\s+(?:after|before)\s+)?"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![\w])"
    r"|(?P<part>dawn|morning|noon|midday|afternoon|evening|night|overnight|midnight)\b"
    r"|(?P<late>late)\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r")",
    re.IGNORECASE,
)
_OTHER_SHOCK = re.compile(r"\b(?:aftershocks?|tremors?)\b", re.IGNORECASE)
# One verb for one kind of happening: a quake "struck" or "hit".
_SAME_VERB = {"hit": "struck", "occurred": "happened"}


@dataclass
class EventTime:
    """The time of day one outlet gives for what a verb says happened."""

    verb: str
    hours: tuple[float, float]
    text: str
    claim: object  # analysis.types.ClaimInput
    weekday: str = ""  # "saturday" when the sentence names the day beside the time


_WEEKDAY_NEAR = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)


def event_times(claim) -> list[EventTime]:
    """Times of day a sentence gives its events ("struck at 11am", "hit on
    Saturday night"); clock times in another zone ("(06:30 GMT)") are not read,
    being in parentheses, nor times after a reporting verb."""
    out = []
    for match in _TIME_OF.finditer(claim.data.text):
        if re.search(r"\b(?:said|told|announced|reported)\b", match.group("gap"), re.I):
            continue
        before = claim.data.text[: match.end("gap")]
        if before.count("(") > before.count(")"):
            continue  # "(06:30 GMT)": the same time in another zone
        if _OTHER_SHOCK.search(claim.data.text[: match.start()]):
            continue  # "five strong tremors struck around noon": not the main event
        hours = _hours(match)
        if hours is None:
            continue
        verb = match.group("verb").lower()
        words = match.group(0)[len(match.group("verb")) + len(match.group("gap")) :].strip()
        # the day beside the time: "on Saturday night", "at 11am on Saturday"
        near = claim.data.text[match.start("gap") : match.end() + 15]
        day = _WEEKDAY_NEAR.search(near)
        weekday = day.group(1).lower() if day else ""
        out.append(EventTime(_SAME_VERB.get(verb, verb), hours, words, claim, weekday))
    return out


def _hours(match) -> tuple[float, float] | None:
    if match.group("hour"):
        hour = int(match.group("hour"))
        if not 1 <= hour <= 12:
            return None  # "13 pm" or "0 am": skipped, never guessed
        hour = hour % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
        return hour - CLOCK_SLACK, hour + CLOCK_SLACK
    name = (match.group("part") or match.group("late") or "").lower()
    return PARTS_OF_DAY.get(name)


def time_clashes(times: list[EventTime]) -> list[list[EventTime]]:
    """Groups of one verb's times where two outlets give hours that cannot meet."""
    by_verb: dict[str, list[EventTime]] = {}
    for t in times:
        by_verb.setdefault(t.verb, []).append(t)
    out = []
    for group in by_verb.values():
        per_outlet: dict[str, list[EventTime]] = {}
        for t in group:
            per_outlet.setdefault(t.claim.outlet, []).append(t)
        outlets = list(per_outlet)
        clash = any(
            not any(_may_meet(x, y) for x in per_outlet[a] for y in per_outlet[b])
            for i, a in enumerate(outlets)
            for b in outlets[i + 1 :]
        )
        if clash:
            out.append(group)
    return out


def _may_meet(a: EventTime, b: EventTime) -> bool:
    """Two times that can be one event's: on different named days they are two
    events (a storm that "hit Florida late Thursday" and "hit the city on Friday
    morning"), so no clash either."""
    if a.weekday and b.weekday and a.weekday != b.weekday:
        return True
    return _overlap(a.hours, b.hours)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Hour ranges that meet, reading the day as a circle (23-25 meets 0-1)."""
    return any(a[0] <= b[1] + shift and b[0] + shift <= a[1] for shift in (-24, 0, 24))

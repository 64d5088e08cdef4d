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

from claims.analysis.normalise import dateline_end
from claims.nlp.dates import MONTHS, WEEKDAYS
from claims.nlp.events import EVENT_NOUNS

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

# "Sunday (4/26)", "Wednesday (21/4)": a numeric date after a weekday, month first
# or day first; read only where one number cannot be a month.
_NUMERIC = re.compile(
    rf"\b{_WD}\s*\(\s*(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?:/(?P<year>\d{{4}}))?\s*\)", re.I
)


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
    for pattern in (*_PAIRS, _NUMERIC):
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


def _month_and_day(match) -> tuple[int, int] | None:
    if "month" in match.re.groupindex:
        name = match.group("month").lower().rstrip(".")
        return MONTHS["sept" if name.startswith("sept") else name[:3]], int(match.group("day"))
    a, b = int(match.group("a")), int(match.group("b"))
    if a > 12 >= b:
        return b, a  # "(21/4)": day first
    if b > 12 >= a:
        return a, b  # "(4/26)": month first
    return None  # "(4/5)": either


def _resolve(match, published) -> date | None:
    parts = _month_and_day(match)
    if parts is None:
        return None
    month, day = parts
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


# How many years back from the story's latest date a weekday may place a date.
WEEKDAY_YEARS_BACK = 6


def days_by_weekday(text: str, reference: date) -> dict[int, str]:
    """Offset -> ISO day of each yearless date written with its weekday
    ("died Thursday, Nov. 11") in an article with no publication date: the
    year, which only the story's latest date would otherwise guess, is the
    latest one up to a month after `reference` whose day falls on that weekday."""
    found: dict[int, str] = {}
    if not MIN_YEAR <= reference.year <= MAX_YEAR:
        return found  # a reference date no story can have (year 9999): nothing to read
    for pattern in _PAIRS:
        for match in pattern.finditer(text):
            if match.group("year"):
                continue
            name = match.group("month").lower().rstrip(".")
            month = MONTHS["sept" if name.startswith("sept") else name[:3]]
            target = WEEKDAYS.index(match.group("weekday").lower())
            latest = reference + timedelta(days=31)
            for year in range(latest.year, latest.year - WEEKDAY_YEARS_BACK - 1, -1):
                day = _safe(year, month, int(match.group("day")))
                if day and day <= latest and day.weekday() == target:
                    found[match.start("month")] = day.isoformat()
                    found[match.start("day")] = day.isoformat()
                    break
    return found


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
_IRREGULAR = {
    "struck", "hit", "shot", "died", "fell", "broke", "began", "held", "came", "sank", "sunk",
    "blew", "fled", "stole", "swept", "tore", "shook",
}  # fmt: skip
# The event word right before the date: "was arrested on Saturday", "struck late Friday".
# "on Wednesday, August 23": the weekday written before the date it names.
_WEEKDAY_BEFORE = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_BEFORE = re.compile(
    r"\b(?P<verb>[a-z]{4,})\s+(?:(?:late|early)\s+)?(?:on\s+)?(?:(?:late|early)\s+)?"
    + _WEEKDAY_BEFORE
    + "$"
)


_FOUND_GUILTY = re.compile(r"\bfound\s+(?:[a-z-]+\s+){0,4}?guilty\s+(?:on\s+)?\S*\s*$")


@dataclass
class EventDay:
    """A day one outlet gives for what a verb says happened."""

    verb: str  # "arrested"
    day: str  # ISO date
    text: str  # the date as written
    claim: object  # analysis.types.ClaimInput


# A time zone named right after a day: "late Sunday, Eastern time", "Monday (GMT)";
# "local time" is the place's own.
_OTHER_ZONE = re.compile(
    r"^[\s,(]*(?:(?:US\s+)?(?:eastern|pacific|central|mountain|british|european|greenwich)"
    r"(?:\s+(?:standard|daylight|summer))?\s+time|(?:ET|EST|EDT|PT|PST|PDT|CT|CST|CDT|GMT|UTC|BST|CET|CEST)\b)",
    re.IGNORECASE,
)


# The key of the story's happening itself (claims.nlp.events).
HAPPENED = "happened"


def event_day(claim, date_slot) -> EventDay | None:
    """The event a full date dates in its sentence, or None when the word before
    it reports rather than happens, or the date is a dateline or not a day. A
    date written before its clause ("On March 3, a bus overturned", "It was on
    12 May that the bridge fell") dates the clause's first verb."""
    if date_slot.is_dateline or len(date_slot.iso or "") != 10:
        return None
    offset = date_slot.start - claim.data.start
    text = claim.data.text
    if not 0 <= offset <= len(text):
        return None
    match = _BEFORE.search(text[max(0, offset - 30) : offset].lower()) if offset else None
    verb = _landfall(text[max(0, offset - 40) : offset], match.group("verb")) if match else ""
    if verb in _REPORTING or verb in _GENERIC_HAPPENINGS and _many_did(text, offset, verb):
        return None
    if verb == "guilty" and _FOUND_GUILTY.search(text[max(0, offset - 60) : offset].lower()):
        verb = "convicted"  # "was found guilty on Thursday" / "convicted on Wednesday"
    if getattr(date_slot, "event", "") == HAPPENED:
        verb = HAPPENED  # the parse put the date on the event itself: "the crash on May 2"
    elif not _happens(verb):
        verb = leading_verb(text, offset, offset + len(date_slot.text))
        verb = verb or _verb_before_place(text[max(0, offset - PLACE_WINDOW) : offset])
        # what the parse found the date attached to ("killed in an ambush on Monday")
        verb = verb or getattr(date_slot, "event", "")
    if _OTHER_ZONE.match(text[offset + len(date_slot.text) :]):
        return None  # "late Sunday, Eastern time": the day in another time zone
    if verb in ("started", "began") and re.search(_STARTED, text[:offset], re.IGNORECASE):
        verb = "broke"  # "the fire started on Saturday": the fire that broke out
    return EventDay(verb, date_slot.iso, date_slot.text, claim) if verb else None


# A storm's landfall told without a verb of its own: "made landfall on Aug. 25",
# "since making landfall on Friday", "came ashore late Friday".
_ASHORE = re.compile(r"\b(?:came|come|comes|coming|roared|roaring)\s+ashore\b", re.IGNORECASE)


def _landfall(before: str, verb: str) -> str:
    if verb == "landfall" or (verb == "ashore" and _ASHORE.search(before)):
        return LANDFALL
    return verb


LANDFALL = "landfall"


# Verbs that say only that something happened: what happened is their subject.
_GENERIC_HAPPENINGS = {"happened", "occurred"}


def _many_did(text: str, offset: int, verb: str) -> bool:
    """ "the last rescues happened on Thursday": a plural subject tells of repeated
    acts within the story, each on its own day, not of its one happening ("it",
    "the crash"; "the attacks" name the happening still)."""
    at = text.lower().rfind(verb, 0, offset)
    words = re.findall(r"[a-z]+", text[max(0, at - 30) : max(0, at)].lower())
    if not words:
        return False
    noun = words[-1]
    plural = len(noun) > 3 and noun.endswith("s") and not noun.endswith("ss")
    return plural and noun[:-1] not in EVENT_NOUNS


# "derailed in Ohio near the state line on February 4": the verb, where it
# happened, then the day; the place words hold no other verb nor clause.
_BEFORE_PLACE = re.compile(
    r"\b(?P<verb>[a-z]{4,})\s+(?P<place>(?:(?:in|near|at|outside|inside|off|into|onto"
    r"|(?:\d[\d,.]*\s*(?:km|kilometres?|kilometers?|miles?)\s+)?(?:north|south|east|west)[a-z-]*\s+of)\s+"
    r"[\w'\u2019.-]+(?:\s+[\w'\u2019.-]+){0,5}?\s+){1,2})(?:(?:late|early)\s+)?(?:on\s+)?"
    + _WEEKDAY_BEFORE
    + "$"
)
_NOT_PLACE = {
    "and", "or", "but", "after", "before", "when", "while", "where", "which", "who", "that",
    "as", "since", "until", "with", "following", "amid", "during", "for", "of", "by", "from",
}  # fmt: skip
PLACE_WINDOW = 70
# Comings, goings and states: many people arrive in one place on many days.
_COMINGS = {
    "arrived", "returned", "travelled", "traveled", "landed", "headed", "visited", "stayed",
    "remained", "moved", "gathered", "lived", "based", "located", "stationed",
}  # fmt: skip


def _verb_before_place(before: str) -> str:
    """The verb of "derailed in Ohio near the state line on": the place names
    somewhere (a capitalised word) and holds no other verb nor clause."""
    match = _BEFORE_PLACE.search(before.lower())
    if match is None:
        return ""
    verb = _CRASHED if _came_down(before, match) else match.group("verb")
    if not _happens(verb) or verb in _COMINGS:
        return ""
    if not re.search(r"\b[A-Z]", before[match.start("place") : match.end("place")]):
        return ""
    place = _BEARING.sub(" ", match.group("place"))  # "north-west of Moscow": where
    words = re.findall(r"[a-z'\u2019]+", place)
    if any(w in _NOT_PLACE or w in _REPORTING or _happens(w) for w in words):
        return ""
    return verb


# "The jet came down north of Tver on": an aircraft's crash, dated like "crashed".
_CRASHED = "crashed"
_CAME_DOWN = re.compile(r"\b(?:came|went|come|go|coming|going)\s+$")
_BEARING = re.compile(
    r"(?:\d[\d,.]*\s*(?:km|kilometres?|kilometers?|miles?)\s+)?(?:north|south|east|west)[a-z-]*\s+of\b"
)


def _came_down(before: str, match: re.Match) -> bool:
    return match.group("verb") == "down" and bool(
        _CAME_DOWN.search(before.lower()[: match.start("verb")])
    )


def _happens(verb: str) -> bool:
    """A past-tense verb of what happened, not of what was said."""
    return verb == LANDFALL or (
        verb not in _REPORTING and (verb.endswith("ed") or verb in _IRREGULAR)
    )


# A date that opens its sentence ("On Friday evening, ..." "Late on 3 March the")
# or a cleft ("It was on 12 May that ..."), and what may follow the date before
# its clause begins: the year, a weekday or a part of the day in apposition.
# (a clause joined to the sentence opens with its date too: "..., and on May 3, a bus
# overturned")
_LEADS = re.compile(
    r"^\W*(?:(?:late|early)\s+)?(?:on\s+)?(?:the\s+)?$|\bit\s+was\s+(?:on\s+)?$"
    r"|(?:[,;]|\band|\bbut|\bthen)\s+(?:(?:late|early)\s+)?on\s+(?:the\s+)?$"
)
_APPOSITION = re.compile(
    r"^(?:,?\s*(?:\d{4}|(?:a\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:in\s+the\s+)?(?:night|evening|morning|afternoon)|(?:at\s+)?(?:about\s+|around\s+)?"
    r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|local\s+time))*\s*,?\s*(?:that\s+)?"
)
# Words that end the clause a leading date opens: what follows tells of another event.
_CLAUSE_END = re.compile(
    r"[;:(\u2014]|\b(?:after|before|since|until|following|when|while|where|who|which|as|"
    r"because|but|and then)\b"
)
_DETERMINER = {"a", "an", "the", "its", "his", "her", "their", "our", "this", "that"}
_AUXILIARY = {"was", "were", "had", "has", "have", "been", "being", "is", "are"}
# How far into its clause a leading date's verb may stand.
LEADING_WINDOW = 70


def apposition_end(rest: str) -> int:
    """Where the clause begins after a leading date: past its year, weekday or
    part of the day in apposition ("2023, a Friday evening, ...")."""
    match = _APPOSITION.match(rest.lower())
    return match.end() if match else 0


def leads(text: str, start: int) -> bool:
    """Whether what stands at `start` opens its sentence (after any dateline:
    "LYON (AP) - On Friday, ...") or is the focus of a cleft ("It was on ...")."""
    return bool(_LEADS.search(text[dateline_end(text) : start].lower()))


def leading_verb(text: str, start: int, end: int) -> str:
    """The verb a date written before its clause dates: the first past-tense
    word of the clause that has a subject before it and no determiner right
    before it ("a masked man" is no verb); "" when the date does not lead its
    clause, the clause's first verb reports ("On Monday, police said"), or
    none is found."""
    if not leads(text, start):
        return ""
    rest = text[end:].lower()
    rest = rest[apposition_end(rest) :][:LEADING_WINDOW]
    cut = _CLAUSE_END.search(rest)
    words = re.findall(r"[a-z']+", rest[: cut.start()] if cut else rest)
    for i, word in enumerate(words):
        if word in _REPORTING:
            return ""
        if len(word) < 4 or not _happens(word):
            continue
        before = [w for w in words[:i] if w not in _AUXILIARY]
        if not before or before[-1] in _DETERMINER:
            continue  # "On Friday, armed police": no subject yet; "the injured man"
        passive = i and words[i - 1] in _AUXILIARY
        if not passive and words[i + 1 : i + 2] == ["by"]:
            continue  # "a train operated by the company derailed"
        return word
    return ""


def dates_a_statement(claim, date_slot) -> bool:
    """ "officials said on Monday", "the ministry announced Saturday": the day
    a statement was made, not the day of what it tells."""
    offset = date_slot.start - claim.data.start
    if not 0 < offset <= len(claim.data.text):
        return False
    match = _BEFORE.search(claim.data.text[max(0, offset - 30) : offset].lower())
    return match is not None and match.group("verb") in _REPORTING


# "found shortly after the shooting spree on Wednesday night": the day of what
# came before or after, not of what the sentence tells.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:after|before|since|following|until)\s+(?:the|a|an|his|her|their|its)\s+"
    r"(?:[\w'-]+\s+){0,4}(?:on\s+|of\s+)?(?:(?:late|early)\s+)?$"
)


def dates_a_reference(claim, date_slot) -> bool:
    """The date is that of an event the sentence measures from ("after the
    attack on Monday"), not of the event it tells."""
    offset = date_slot.start - claim.data.start
    if not 0 < offset <= len(claim.data.text):
        return False
    return (
        _REFERENCE_BEFORE.search(claim.data.text[max(0, offset - 60) : offset].lower()) is not None
    )


# "were without power on Thursday", "remained in hospital on Friday": a state
# seen on a day, which other days see too, not the day of a happening.
_STATE_BEFORE = re.compile(
    r"\b(?:was|were|is|are|remain(?:s|ed)?|stay(?:s|ed)?)\b(?P<rest>[^.;,]{0,40}?)\s+"
    r"(?:(?:late|early)\s+)?(?:on\s+|by\s+)?(?:(?:late|early)\s+)?$"
)


def dates_a_state(claim, date_slot) -> bool:
    """The date says when a state held ("were without power on Thursday", "were
    still searching on Friday"), with no verb of a happening between the copula
    and the date ("was arrested on")."""
    offset = date_slot.start - claim.data.start
    if not 0 < offset <= len(claim.data.text):
        return False
    match = _STATE_BEFORE.search(claim.data.text[max(0, offset - 60) : offset].lower())
    if match is None:
        return False
    words = re.findall(r"[a-z']+", match.group("rest"))
    # "were without power", or an action going on that day ("were drilling on Tuesday")
    state = bool(words) and (words[0] in _STATE_WORDS or _ongoing(words[0]))
    return state and not any(_happens(w) for w in words)


def _ongoing(word: str) -> bool:
    return word.endswith("ing") and len(word) > 5 and word not in ("during", "nothing")


# What a state dated by day begins with: "without power", "in hospital", "still".
_STATE_WORDS = {
    "without", "in", "at", "under", "still", "closed", "shut", "open", "out", "off",
    "offline", "missing", "stranded", "trapped", "hospitalised", "hospitalized", "cut",
}  # fmt: skip


# Verbs outlets use for one happening: a quake "struck", "hit" or "jolted" a
# region; a building "collapsed" or "crumbled"; people "were evacuated" or
# "displaced"; a suspect "was arrested" or "detained"; a boat "capsized" or "sank".
_SAME_EVENT = {
    "hit": "struck", "jolted": "struck", "rocked": "struck", "shook": "struck",
    "crumbled": "collapsed", "caved": "collapsed",
    "displaced": "evacuated",
    "detained": "arrested", "apprehended": "arrested",
    "erupted": "broke",
    "exploded": "blast", "detonated": "blast",
    "plunged": "crashed", "plummeted": "crashed",
    "capsized": "sank", "overturned": "sank", "sunk": "sank", "foundered": "sank",
    "murdered": "killed", "slain": "killed",
    "indicted": "charged", "freed": "released", "quit": "resigned",
}  # fmt: skip


def event_of(verb: str) -> str:
    """One key for the verbs outlets tell one happening with."""
    return _SAME_EVENT.get(verb, verb)


def day_clashes(days: list[EventDay]) -> list[list[EventDay]]:
    """Groups of one verb's days where two outlets share no day and lie at most
    EVENT_GAP_DAYS apart."""
    by_verb: dict[str, list[EventDay]] = {}
    for d in days:
        by_verb.setdefault(event_of(d.verb), []).append(d)
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
            out.append([d for d in group if _near_another_outlet(d, group)])
    return out


# A day this far from every other outlet's day for the verb dates another event
# ("since the Nov. 13 attacks" in a March story): shown with no clash.
OTHER_EVENT_DAYS = 60


def _near_another_outlet(d: EventDay, group: list[EventDay]) -> bool:
    day = _day_of(d.day)
    others = [_day_of(o.day) for o in group if o.claim.outlet != d.claim.outlet]
    return day is not None and any(
        o is not None and abs((o - day).days) <= OTHER_EVENT_DAYS for o in others
    )


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
            pairs = [(x, y) for x in per_outlet[a] for y in per_outlet[b]]
            if min(abs((x - y).days) for x, y in pairs) <= EVENT_GAP_DAYS:
                return True
            if any(_month_slip(x, y) for x, y in pairs):
                return True
    return False


def _month_slip(x: date, y: date) -> bool:
    """One day written with the month next to it: "June 2" for "July 2", a slip
    of the pen, not a second happening on the same day a month apart."""
    months = x.year * 12 + x.month - (y.year * 12 + y.month)
    return x.day == y.day and abs(months) == 1


# --- the time of day one event happened ------------------------------------------

# Hours (start, end) of a part of the day; "night" runs past midnight.
PARTS_OF_DAY = {
    "dawn": (4, 7),
    "morning": (5, 12),
    "noon": (11, 13),
    "midday": (11, 13),
    "afternoon": (12, 18),
    "evening": (17, 24),  # "on Tuesday evening" holds "just before midnight"
    "night": (20, 29),
    "overnight": (20, 30),
    "midnight": (23, 25),
    "late": (19, 29),  # "struck late Friday"
}
EARLY_MORNING = (0, 9)
_EARLY = re.compile(r"\bearly\s+(?:on\s+)?(?:\w+day\s+)?$", re.IGNORECASE)
# A clock time is the hour it names, give or take this much (an outlet's rounding).
CLOCK_SLACK = 1
# A fire or an attack that "started", "began" or "broke out": one happening's start.
_STARTING = ("fire", "blaze", "inferno", "attack", "assault", "shooting", "rampage", "riot")
_STARTED = rf"(?:{'|'.join(_STARTING)})\s+(?:had\s+)?(?:started|began|broke\s+out|erupted)"
# "It started in Simi Valley around 3 p.m.": the fire of a story whose fire broke out.
_IT_STARTED = r"it\s+(?:had\s+)?(?:started|began)(?!\s+(?:to|descending|its|a|the)\b)"
IT_STARTED = "it started"
# Other words of one happening: a bomb that "went off", a gunman who "opened
# fire", a storm that "made landfall", a plane that "took off", a bridge that
# "collapsed" (keyed apart from "happened": in a quake many things collapse).
_OTHER_WORDS = (
    r"went\s+off|detonated|blew\s+(?:himself|herself|themselves|itself)\s+up|opened\s+fire"
    r"|(?:shots?|gunfire)\s+(?:(?:was|were)\s+)?(?:fired|rang\s+out)|made\s+landfall"
    r"|took\s+off|collapsed|caught\s+fire"
    # a flight lost from the controllers' screens: "lost contact at", "contact was lost at"
    r"|lost\s+(?:radar\s+)?contact|contact\s+(?:with\s+(?:the\s+)?\w+\s+)?was\s+lost"
    r"|disappeared\s+from\s+radar"
    # a flight's timetable and its fall: "was due to land at", "began its descent at"
    r"|(?:due|scheduled|set|expected)\s+to\s+(?:arrive|land)"
    r"|(?:began|started)\s+(?:(?:a|its|the)\s+)?(?:descent|to\s+descend|descending)"
    # a show's end: "the show stopped at", "performing until", "played on until"
    r"|(?:show|concert|performance|gig)\s+(?:was\s+)?(?:stopped|ended|halted)"
    r"|(?:perform(?:ed|ing)?|play(?:ed|ing)?)(?:\s+on)?"
    r"(?:\s+for\s+(?:another\s+|almost\s+|about\s+|nearly\s+)?[\w-]+\s+minutes)?\s+until"
)
# The event verb, then within a few words its time: "struck at about 11am",
# "hit Herat province on Saturday night", "struck late Friday".
_TIME_OF = re.compile(
    # verbs of the event itself; "began" and "started" are as often a rescue's,
    # unless a fire or an attack is what started
    r"\b(?P<verb>struck|hit|erupted|exploded|crashed|happened|occurred|broke\s+out|took\s+place"
    rf"|{_STARTED}|{_OTHER_WORDS}|{_IT_STARTED}"
    r"|(?:declared|imposed|lifted|lift|revoked)(?=[^.;]{0,40}?\b(?:martial\s+law|curfew))"
    r"|(?:martial\s+law|curfew)(?:\s+(?:decree|declaration|order))?\s+(?:was|were|has\s+been|"
    r"had\s+been)\s+(?:\w+ly\s+)?(?:declared|imposed|lifted|revoked)"
    r"|(?:crush|collision|accident|explosion|blast|stampede|derailment|collapse))\b"
    r"(?P<gap>[^.;]{0,60}?)\b(?:"
    r"(?:at\s+)?(?:about\s+|around\s+|approximately\s+|shortly\s+(?:after|before)\s+)?"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![\w])"
    r"|(?P<part>dawn|morning|noon|midday|afternoon|evening|night|overnight|midnight)\b"
    r"|(?P<late>late)\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r")",
    re.IGNORECASE,
)
_OTHER_SHOCK = re.compile(r"\b(?:aftershocks?|tremors?)\b", re.IGNORECASE)
# "had been hit by two successive quakes on Wednesday night": several shocks' time
_SHOCKS = re.compile(r"\b(?:(?:earth)?quakes|temblors|aftershocks|tremors)\b", re.IGNORECASE)
# A shock told as one of several: "The first quake hit at 7 p.m.", "the
# biggest one struck at 6:28 a.m."
_ONE_OF_SEVERAL = re.compile(
    r"\b(?:first|second|third|fourth|latest|biggest|strongest|largest)\s+"
    r"(?:(?:earth)?quakes?|temblors?|shocks?|one)?\s*$",
    re.IGNORECASE,
)
# The first word of a happening told in other words -> its key.
_ONE_WORD = {
    "went": "exploded", "detonated": "exploded", "blew": "exploded",
    "shots": "opened fire", "shot": "opened fire", "gunfire": "opened fire",
    "opened": "opened fire", "made": "landfall", "took": "took off",
    "due": "due to arrive", "scheduled": "due to arrive", "set": "due to arrive",
    "expected": "due to arrive", "began": "began its descent", "started": "began its descent",
    "lost": "lost contact", "contact": "lost contact", "disappeared": "lost contact",
    "caught": "broke out",  # "the boat caught fire around 3 a.m.": the fire's start
    "show": "show ended", "concert": "show ended", "performance": "show ended",
    "gig": "show ended", "perform": "show ended", "performed": "show ended",
    "performing": "show ended", "play": "show ended", "played": "show ended",
    "playing": "show ended",
}  # fmt: skip
# One verb for one kind of happening: a quake "struck" or "hit".
_SAME_VERB = {
    "hit": "struck", "occurred": "happened", "took place": "happened",
    # the happening named by its noun: "the crush at around 10:15 p.m."
    "crush": "happened", "collision": "happened", "accident": "happened",
    "stampede": "happened", "derailment": "happened", "collapse": "happened",
    "explosion": "exploded", "blast": "exploded",
    # a decree and its end: "declared martial law at 11 p.m.", "lifted around 4:30 a.m."
    "imposed": "declared", "lift": "lifted", "revoked": "lifted",
}  # fmt: skip
# A happening told in a clause of its own ("when the crush happened,"): a time
# after the comma is the main clause's.
_SUBORDINATE = re.compile(
    r"\b(?:when|after|before|as|since|while|until|once)\b[^,.;]{0,60}$", re.IGNORECASE
)
# "At 4:40 a.m., the decree was revoked": the time before the event it dates,
# in one clause (no full stop or semicolon between them).
_TIME_FIRST = re.compile(
    # at the head of its clause: in "collapsed at 1:30 a.m. after the ship hit
    # a pillar" the time is the collapse's, not the hit's
    r"(?:^\W*|[,;:]\s*[\"\u201c\u2018']?|\b(?:and|but|then|when)\s+)"
    r"(?P<when>[Aa]t\s+(?:about\s+|around\s+|approximately\s+|just\s+(?:after|before)\s+)?"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![\w]))"
    r"(?P<gap>[^.;]{0,80}?)\b(?P<verb>crush|collision|accident|explosion|blast|stampede|"
    r"derailment|collapse|struck|hit|erupted|exploded|crashed|happened|occurred|took\s+place|"
    r"(?:declared|imposed|announced|lifted|revoked)(?=[^.;]{0,40}?\b(?:martial\s+law|curfew))|"
    r"(?:martial\s+law|curfew)\s+(?:declaration\s+|decree\s+|order\s+)?(?:was|were)\s+(?:\w+ly\s+)?"
    r"(?P<passive>declared|imposed|lifted|revoked))\b",
    re.IGNORECASE,
)


# "the gunfight that took place on Sunday night": a happening the clause names by
# a noun that is none of the story's happenings (claims.nlp.events.EVENT_NOUNS).
_NAMED_BEFORE = re.compile(r"\b(?P<noun>[a-z]+)\s+(?:that|which)\s+$", re.IGNORECASE)


_GENERIC_HAPPENED = re.compile(r"happened|occurred|took\s+place", re.IGNORECASE)


def _other_happening(match, lead: str) -> bool:
    """ "the gunfight that took place on Sunday night" in a story of a bombing."""
    from claims.nlp.events import EVENT_NOUNS

    if not _GENERIC_HAPPENED.fullmatch(match.group("verb")):
        return False  # "the plane that crashed": the verb says what happened
    named = _NAMED_BEFORE.search(lead)
    return named is not None and named.group("noun").lower() not in EVENT_NOUNS


# A death's clock time: "died around 1 a.m.", "died last night at 2am", "was
# pronounced dead at 5:03 p.m."; parts of
# the day are not read for deaths (many die in one story, at many hours).
_DEATH_AT = re.compile(
    r"\b(?P<verb>died|(?:pronounced|declared|confirmed)\s+dead)\b(?P<gap>[^.;]{0,40}?)\b(?:at\s+)?"
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![\w])",
    re.IGNORECASE,
)
# Words between "died" and a clock time that start another event's clause.
_DEATH_GAP = re.compile(
    r"\b(?:after|before|when|while|and|but|who|which|as|since|until)\b|,", re.IGNORECASE
)
# Words that make a clock time approximate: "around 1 a.m.", "just after 9am".
_APPROX = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|shortly|just|some)\b\D{0,12}$",
    re.IGNORECASE,
)
# A time zone written after a clock time ("1 a.m. EDT", "06:30 GMT"): not compared
# with times given in another zone or none; "local time" is no other zone.
_ZONE = re.compile(r"^\s*(?:[A-Z]{1,3}[SD]?T|GMT|UTC|BST|CEST|AEST|AEDT)\b")
# Clock times of one event this far apart (minutes) are not an outlet's rounding.
CLOCK_APART = 60


@dataclass
class EventTime:
    """The time of day one outlet gives for what a verb says happened."""

    verb: str
    hours: tuple[float, float]
    text: str
    claim: object  # analysis.types.ClaimInput
    weekday: str = ""  # "saturday" when the sentence names the day beside the time
    clock: int | None = None  # minutes after midnight of a clock time ("1:30 a.m." -> 90)
    approx: bool = False  # "around 1 a.m."
    zoned: bool = False  # "1 a.m. EDT": another zone written beside it
    quoted: bool = False  # inside a quotation (a source's words, not the outlet's)
    subject: str = ""  # whose death: "kunan", or "" when the sentence names none
    minutes: bool = False  # the clock time gives its minutes ("10:15 p.m.", not "10 p.m.")


# A clock time told right after a part of the day ("Monday night around 3:28 a.m."):
# the clock says more.
_CLOCK_AFTER_PART = re.compile(
    r"\s+(?:(?:at|around|about|approximately|shortly\s+(?:after|before)|just\s+(?:after|before))"
    r"\s+){1,2}(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)"
    r"(?![\w])",
    re.IGNORECASE,
)
_WEEKDAY_NEAR = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)


def event_times(claim) -> list[EventTime]:
    """Times of day a sentence gives its events ("struck at 11am", "hit on
    Saturday night", "died around 1 a.m."); clock times in another zone
    ("(06:30 GMT)") are not read, being in parentheses, nor times after a
    reporting verb."""
    from claims.analysis.events import _subject

    out = []
    text = claim.data.text
    matches = [*_TIME_OF.finditer(text), *_DEATH_AT.finditer(text), *_TIME_FIRST.finditer(text)]
    for match in matches:
        if re.search(r"\b(?:said|told|announced|reported)\b", match.group("gap"), re.I):
            continue
        before = text[: match.end("gap") if match.re is not _TIME_FIRST else match.start()]
        if before.count("(") > before.count(")"):
            continue  # "(06:30 GMT)": the same time in another zone
        if match.re is _TIME_OF and (
            _OTHER_SHOCK.search(text[: match.start()]) or _SHOCKS.search(match.group("gap"))
        ):
            continue  # "five strong tremors struck around noon": not the main event
        if match.re is _TIME_OF and _ONE_OF_SEVERAL.search(text[: match.start("verb")]):
            continue  # "The first quake hit at 7 p.m.": one of several shocks
        if match.re is _DEATH_AT and _DEATH_GAP.search(match.group("gap")):
            continue  # "died after police arrived at 3 a.m.": another event's time
        lead = text[: match.start("verb")]
        if match.re is _TIME_OF and "," in match.group("gap") and _SUBORDINATE.search(lead):
            continue  # "when the crush happened, left the office at 9:47 p.m.": the leaving's
        if match.re is _TIME_OF and _other_happening(match, lead):
            continue  # "the gunfight that took place on Sunday night": another happening's time
        hours = _hours(match)
        if hours is None:
            continue
        verb, words = _verb_and_words(match)
        part = match.re is _TIME_OF and match.group("part")
        clock = _CLOCK_AFTER_PART.match(text, match.end()) if part else None
        # the day beside the time: "on Saturday night", "at 11am on Saturday"
        near = text[match.start("gap") : match.end() + 15]
        day = _WEEKDAY_NEAR.search(near)
        weekday = day.group(1).lower() if day else ""
        verb = " ".join(verb.split())
        if match.re is _DEATH_AT:
            verb = "died"  # "pronounced dead at 5:03 p.m.": the time of death
        if re.fullmatch(_STARTED, verb):
            verb = "broke out"  # "the blaze began at": the fire that broke out
        elif re.fullmatch(_IT_STARTED, verb, re.IGNORECASE):
            verb = IT_STARTED
        if re.fullmatch(_OTHER_WORDS, verb):
            verb = _ONE_WORD.get(verb.split()[0], verb)
        item = EventTime(_SAME_VERB.get(verb, verb), hours, words, claim, weekday)
        timed = match if match.group("hour") else clock
        if timed is not None and 1 <= int(timed.group("hour")) <= 12:
            hour = int(timed.group("hour")) % 12 + (12 if timed.group("ampm")[0] in "pP" else 0)
            item.clock = hour * 60 + int(timed.group("minute") or 0)
            item.minutes = timed.group("minute") is not None
            item.approx = bool(_APPROX.search(text[: timed.start("hour")]))
            item.zoned = bool(_ZONE.match(text[timed.end() :]))
            at = claim.data.start + timed.start("hour")
            item.quoted = any(q.start <= at < q.end for q in claim.data.quotes)
            if clock is not None:
                item.text = text[match.start("part") : clock.end()]
                item.hours = (hour - CLOCK_SLACK, hour + CLOCK_SLACK)
        if verb == "died":
            item.subject = _subject(claim, match.start())
        out.append(item)
    return out


def pronoun_starts(times: list[EventTime]) -> list[EventTime]:
    """ "It started at 3 p.m." is the fire's start when the story tells a fire
    that broke out; in a story of no such start "it" may be anything, and is dropped."""
    fire = any(t.verb == "broke out" for t in times)
    out = []
    for t in times:
        if t.verb == IT_STARTED:
            if not fire:
                continue
            t.verb = "broke out"
        out.append(t)
    return out


def _verb_and_words(match) -> tuple[str, str]:
    """The event's verb and the words that give its time ("at about 11am")."""
    if match.re is _TIME_FIRST:
        verb = (match.group("passive") or match.group("verb")).lower()
        verb = "declared" if verb == "announced" else verb
        return verb, match.group("when")
    verb = match.group("verb").lower()
    words = match.group(0)[len(verb) + len(match.group("gap")) :].strip()
    # "the martial law decree was formally lifted": the decree's verb
    return verb.split()[-1] if " law " in f" {verb} " or "curfew" in verb else verb, words


def _hours(match) -> tuple[float, float] | None:
    if match.group("hour"):
        hour = int(match.group("hour"))
        if not 1 <= hour <= 12:
            return None  # "13 pm" or "0 am": skipped, never guessed
        hour = hour % 12 + (12 if match.group("ampm").lower().startswith("p") else 0)
        return hour - CLOCK_SLACK, hour + CLOCK_SLACK
    name = (match.group("part") or match.group("late") or "").lower()
    if name == "morning" and _EARLY.search(match.string[: match.start("part")]):
        return EARLY_MORNING  # "hit early on Wednesday morning": 3:36 a.m. is early morning
    return PARTS_OF_DAY.get(name)


_COUNT_WORD = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
# A story of several blasts or shootings ("a second explosion", "eight bombs",
# "another gunman opened fire"): the times outlets give are many happenings'.
_SEVERAL = {
    "exploded": re.compile(
        rf"\b(?:second|third|another|further|several|multiple|series\s+of|{_COUNT_WORD})"
        r"\s+(?:\w+\s+)?(?:explosions?|blasts?|bombs?|bombings?|bombers?|suicide\s+bombers?)\b",
        re.IGNORECASE,
    ),
    "opened fire": re.compile(
        rf"\b(?:second|another|several|multiple|{_COUNT_WORD})\s+(?:\w+\s+)?"
        r"(?:shootings?|gunmen|shooters|attackers|attacks)\b|\breturned\s+fire\b",
        re.IGNORECASE,
    ),
}


def several_happenings(texts: list[str]) -> set[str]:
    """The keys of happenings the story tells more than one of: never compared by time."""
    return {key for key, pattern in _SEVERAL.items() if any(pattern.search(t) for t in texts)}


def time_clashes(times: list[EventTime], several: set[str] = frozenset()) -> list[list[EventTime]]:
    """Groups of one event's times where two outlets give hours that cannot
    meet; a death's times per person. One article's own narration and a source
    it quotes that put one event at clock times an hour or more apart clash too.
    `several`: keys of happenings the story has more than one of (skipped)."""
    from claims.analysis.events import by_subject

    by_verb: dict[str, list[EventTime]] = {}
    for t in times:
        if t.verb not in several:
            by_verb.setdefault(t.verb, []).append(t)
    out = []
    for verb, items in by_verb.items():
        groups = by_subject(items) if verb == "died" else [items]
        for group in groups:
            if _clashing_pairs(group):
                out.append(group)
    return out


def approximate(group: list[EventTime]) -> bool:
    """Every clash of the group is between clock times one of which is
    approximate ("around 1 a.m." / "2am"): a discrepancy, not a contradiction."""
    pairs = _clashing_pairs(group)
    return bool(pairs) and all(
        x.clock is not None and y.clock is not None and (x.approx or y.approx) for x, y in pairs
    )


def _clashing_pairs(group: list[EventTime]) -> list[tuple[EventTime, EventTime]]:
    per_outlet: dict[str, list[EventTime]] = {}
    for t in group:
        per_outlet.setdefault(t.claim.outlet, []).append(t)
    outlets = list(per_outlet)
    pairs = []
    for i, a in enumerate(outlets):
        for b in outlets[i + 1 :]:
            xs, ys = _clocks_first(per_outlet[a]), _clocks_first(per_outlet[b])
            if any(x.clock is None for x in xs) or any(y.clock is None for y in ys):
                xs, ys = per_outlet[a], per_outlet[b]
            if not any(_may_meet(x, y) for x in xs for y in ys):
                pairs += [(x, y) for x in xs for y in ys if _named(x, y)]
    for items in per_outlet.values():  # narration against a quoted source, in one article
        pairs += [
            (x, y)
            for j, x in enumerate(items)
            for y in items[j + 1 :]
            if x.claim.article_id == y.claim.article_id
            and x.quoted != y.quoted
            and _clocks_apart(x, y)
            and _named(x, y)
        ]
    return pairs


def _clocks_first(items: list[EventTime]) -> list[EventTime]:
    """An outlet's clock times when it gives any: "on Monday evening" says less
    than "at about 6:20 p.m." in its next sentence, and meets any evening time."""
    clocks = [t for t in items if t.clock is not None]
    return clocks or items


def _named(a: EventTime, b: EventTime) -> bool:
    """A death is compared only when one of the two sentences names whose."""
    return a.verb != "died" or bool(a.subject or b.subject)


def _clocks_apart(a: EventTime, b: EventTime) -> bool:
    """Two clock times, in no other zone, an hour or more apart round the clock."""
    if a.clock is None or b.clock is None or a.zoned or b.zoned:
        return False
    gap = abs(a.clock - b.clock) % (24 * 60)
    return min(gap, 24 * 60 - gap) >= CLOCK_APART


def _may_meet(a: EventTime, b: EventTime) -> bool:
    """Two times that can be one event's: on different named days they are two
    events (a storm that "hit Florida late Thursday" and "hit the city on Friday
    morning"), so no clash either; two clock times less than an hour apart are
    one time rounded."""
    if a.weekday and b.weekday and a.weekday != b.weekday:
        return True
    if a.verb == "struck" and _two_shocks(a, b):
        return True
    if a.clock is not None and b.clock is not None and not (a.zoned or b.zoned):
        return not _clocks_differ(a, b)
    return _overlap(a.hours, b.hours)


# Two outlets that time a quake to the minute this far apart (minutes) time two
# shocks ("struck at 4:17am" / "hit at 1:24pm"): one does not misread the other's clock.
SHOCKS_APART_MINUTES = 120


def _two_shocks(a: EventTime, b: EventTime) -> bool:
    if a.clock is None or b.clock is None or not (a.minutes and b.minutes) or a.zoned or b.zoned:
        return False
    gap = abs(a.clock - b.clock) % (24 * 60)
    return min(gap, 24 * 60 - gap) >= SHOCKS_APART_MINUTES


# Clock times of one event closer than this (minutes) are one time written twice.
CLOCK_SAME = 5
# An approximate whole hour ("about 10am", "around 7pm") holds this many minutes
# either side; a time given to the minute ("around 10:15 p.m.") holds none: an
# outlet that writes the minutes read them somewhere.
ROUND_HOUR_SLACK = 30


def _slack(t: EventTime) -> int:
    return ROUND_HOUR_SLACK if t.approx and not t.minutes else 0


def _clocks_differ(a: EventTime, b: EventTime) -> bool:
    """Two clock times, in no other zone, further apart than rounding explains
    ("at 6:55 p.m." / "about 7:20 p.m."; not "around 7pm" / "at 6:55 p.m.")."""
    if a.clock is None or b.clock is None or a.zoned or b.zoned:
        return False
    gap = abs(a.clock - b.clock) % (24 * 60)
    gap = min(gap, 24 * 60 - gap)
    return gap - max(_slack(a), _slack(b)) >= CLOCK_SAME


def minutes_apart(group: list[EventTime]) -> int | None:
    """The widest gap in minutes when every clash of the group is between clock
    times less than an hour apart (a discrepancy of minutes), else None."""
    gaps = []
    for x, y in _clashing_pairs(group):
        if x.clock is None or y.clock is None:
            return None
        gap = abs(x.clock - y.clock) % (24 * 60)
        gaps.append(min(gap, 24 * 60 - gap))
    return max(gaps) if gaps and max(gaps) < CLOCK_APART else None


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Hour ranges that meet, reading the day as a circle (23-25 meets 0-1)."""
    return any(a[0] <= b[1] + shift and b[0] + shift <= a[1] for shift in (-24, 0, 24))

"""One event that outlets put in places, or on days, that cannot both be true.

An event word ("arrested", "taken to", "made landfall", "arraigned",
"appointed") about one subject, followed within its clause by where or when:

- places: "rushed to Harbor General Hospital" / "taken to Saint Anne Hospital",
  "landfall near Portville" / "landfall on Gull Key", "arrested in Chile" /
  "arrested in Peru". Only places of one level are compared (two hospitals,
  two towns, two countries, two states): a region and a town in it ("in
  Florida" / "near Tampa") are never a clash, nor are two places the story
  names together in one sentence ("Gull Key, near Portville"), nor a facility
  named by part of its name ("Mercy Hospital" / "Mercy West Hospital").
- days: "landfall late Wednesday night" / "landfall late Thursday", "appointed
  on Tuesday" / "appointed on 7 September" (a Wednesday). A weekday is read
  as written; an article's own resolved date gives its weekday; no weekday is
  guessed for an article without a publication date. A day written in
  parentheses (another time zone) is not read, and "late Monday night" /
  "early Tuesday" may be one moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from claims.analysis.normalise import fold
from claims.nlp.normalize import COUNTRY_ADJECTIVES, DEMONYMS, NUMBER_WORDS

# Event words and the one event each names ("rushed to" and "taken to" are one).
_EVENTS = {
    "taken to": "taken to", "rushed to": "taken to", "transported to": "taken to",
    "brought to": "taken to", "airlifted to": "taken to", "flown to": "taken to",
    "arrested": "arrested", "detained": "arrested", "captured": "arrested",
    "arraigned": "arraigned", "arraignment": "arraigned",
    "made landfall": "landfall", "made a devastating landfall": "landfall",
    "making landfall": "landfall", "landfall": "landfall",
    "sworn in": "sworn in", "appointed": "appointed", "charged": "charged",
    # where a vehicle came down: "plunged into a gorge near Velden"
    "crashed": "crashed", "plunged": "crashed", "plunged into": "crashed",
    "fell into": "crashed", "veered off": "crashed", "derailed": "crashed",
    "capsized": "sank", "sank": "sank", "ran aground": "sank",
}  # fmt: skip
# Where a happening "near" a place came: two outlets may each name a different
# town near it, so such a clash is a discrepancy, not a contradiction.
NEAR_EVENTS = {"crashed", "sank"}
_EVENT = re.compile(
    r"\b(?P<event>" + "|".join(sorted(map(re.escape, _EVENTS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# Words after which the clause tells of another event: its place or day is not this one's.
_OTHER = re.compile(
    r"\b(?:after|(?<!day )before|since|until|following|ahead of|said|says|told|announced|"
    r"where|when|while|who|which|and then)\b|[;:(]",
    re.IGNORECASE,
)
_NAME = r"(?:(?:Mt|St|Ft)\.\s|[A-Z][\w'\u2019.-]*\s?)+"
_PLACE = re.compile(
    rf"\b(?P<prep>to|in|at|near|on|inside|outside|off)\s+(?:the\s+)?"
    # "the Palace of Westminster", "the Bank of England": one name across its "of"
    rf"(?:(?:town|village|city|port|island|coast)\s+of\s+)?(?P<name>{_NAME}(?:of\s+{_NAME})?)"
    rf"(?:\s*(?:,|in)\s+(?P<town>{_NAME}))?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = re.compile(
    r"\b(?P<edge>late|early)?\s*(?:on\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)(?:\s+(?P<part>night|evening|morning|afternoon))?\b"
)
_FOR = re.compile(r"\bfor\s+(?:an?\s+|his\s+|her\s+)?(arraignment)\b", re.IGNORECASE)
_TO = re.compile(rf"^\s*(?:the\s+)?(?P<name>{_NAME})(?:\s*(?:,|in)\s+(?P<town>{_NAME}))?")
# (those with no plural noun of their own are listed here: "the French")
_NATIONALITIES = (
    frozenset(DEMONYMS.values())
    | frozenset(COUNTRY_ADJECTIVES.values())
    | {"french", "dutch", "irish", "swiss", "welsh", "english", "european"}
)
# How far after the event word its place or day may stand.
WINDOW = 80

# Kinds of facility: two of one kind in one event's place are two places.
_FACILITIES = {
    "hospital": "hospital", "medical center": "hospital", "medical centre": "hospital",
    "clinic": "hospital", "courthouse": "court", "court": "court", "airport": "airport",
    "prison": "prison", "jail": "prison", "station": "station",
}  # fmt: skip
_REGIONS = ("county", "province", "region", "state", "district")
_FEATURES = ("river", "coast", "bay", "gulf", "sea", "ocean", "lake", "mountains", "valley")
# Name words that say what a facility is, not which: "Mercy Hospital" is "mercy".
_GENERIC = {"the", "of", "hospital", "medical", "center", "centre", "court", "courthouse"}
_SHORT = {"mt": "mount", "st": "saint", "ft": "fort"}
US_STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina",
    "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
    "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia",
    "washington", "west virginia", "wisconsin", "wyoming",
}  # fmt: skip


def _countries() -> set[str]:
    try:
        from babel import Locale

        names = {
            fold(n).replace(".", "")
            for code, n in Locale("en").territories.items()
            if code.isalpha()
        }
    except Exception:  # noqa: BLE001 - no locale data: countries are read as towns
        names = set()
    return names | {"us", "usa", "uk", "britain", "america"}


COUNTRIES = _countries()


@dataclass
class EventPlace:
    event: str  # "taken to"
    subject: str  # "thompson", or "" when the sentence names none
    level: str  # hospital | court | ... | town | country | state | county ...
    name: str  # folded: "mount sinai hospital"
    text: str  # as written
    claim: object  # analysis.types.ClaimInput


@dataclass
class EventDay:
    event: str
    subject: str
    weekday: str  # "thursday"
    edge: str  # "late" (or a night) | "early" | ""
    text: str
    claim: object
    day: str = ""  # the ISO day the article's own dates resolve it to, "" when unknown


# Capitalised words that open a sentence or a clause without naming anyone.
_OPENERS = {"The", "He", "She", "It", "They", "On", "Late", "Early", "In", "At", "A", "An"}


def _subject(claim, start: int) -> str:
    """Who or what the event is told of: the last person named before it in
    the sentence, else the last capitalised word that is not a place
    ("Hurricane Helene made landfall" -> "helene"); "" when there is none."""
    data = claim.data
    people = [p for p in data.people if p.start - data.start < start and p.canonical]
    if people:
        return people[-1].canonical.split()[-1].lower()
    places = {w for p in data.places for w in p.text.split()}
    words = re.findall(r"\b[A-Z][a-z'\u2019]+\b", data.text[:start])
    names = [
        w
        for w in words
        if w.lower() not in _WEEKDAYS
        and w not in _OPENERS
        and w not in places
        and w.lower() not in NUMBER_WORDS  # "Twelve pilgrims died when their bus ..."
    ]
    return re.sub(r"['\u2019]s$", "", names[-1]).lower() if names else ""


# An event word told as one of several ("made a second landfall in Louisiana",
# "first made landfall in the United States", "was arrested again"): another
# happening of the kind, with its own place and day; or not told as happened
# ("to make landfall": a forecast or a record).
_REPEAT_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|another|renewed)\s+(?:[A-Z][\w.]*\s+)?$"
    # "the first storm to make landfall in Cuba since 1932": a record, not a happening
    r"|\bto\s+(?:make\s+)?$",
    re.IGNORECASE,
)
_REPEAT_AFTER = re.compile(r"^\s+(?:again|a\s+second\s+time|once\s+more)\b", re.IGNORECASE)
_MONTH_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip


def _repeat(text: str, match: re.Match) -> bool:
    return bool(
        _REPEAT_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
        or _REPEAT_AFTER.match(text[match.end() :])
    )


# "captured on CCTV in Poynders Road", "caught on camera": filmed, not arrested
_FILMED = re.compile(
    r"\s+(?:on|by)\s+(?:\w+\s+){0,2}?(?:cctv|cameras?|video|film|footage|tape|doorbell)\b",
    re.IGNORECASE,
)


def _clauses(claim):
    """(event, subject, the words after the event word up to the next clause,
    whether the event word ends in "to" and the place follows at once)."""
    text = claim.data.text
    for match in _EVENT.finditer(text):
        if _repeat(text, match) or _FILMED.match(text, match.end()):
            continue
        after = text[match.end() : match.end() + WINDOW]
        purpose = _FOR.search(after)
        cut = _OTHER.search(after)
        if cut:
            after = after[: cut.start()]
        nxt = _EVENT.search(after)
        if nxt:
            after = after[: nxt.start()]
        event = _EVENTS[match.group("event").lower()]
        if event == "taken to" and purpose:  # "taken to the court for an arraignment"
            event = _EVENTS[purpose.group(1).lower()]
        taken = match.group("event").lower().endswith(" to")
        yield event, _subject(claim, match.start()), after, taken


def level_of(name: str) -> str:
    """What kind of place a folded name is, so only like is compared with like."""
    for word, kind in _FACILITIES.items():
        if name.endswith(" " + word) or name == word:
            return kind
    last = name.rsplit(" ", 1)[-1]
    if last in _REGIONS:
        return last
    if last in _FEATURES:
        return "feature"
    if name in COUNTRIES:
        return "country"
    if name in US_STATES:
        return "state"
    return "town"


# Events read for their day only (where someone was found is more often a spot
# than a place of one level): people found after a search, and one person
# becoming an office ("become prime minister on Monday" / "after becoming Prime
# Minister on Tuesday"); a verdict ("found guilty") is no finding.
_FOUND = re.compile(
    r"\b(?:was|were|been|being)\s+(?:\w+\s+)?(?:found|located|discovered)\b"
    r"(?!\s+(?:guilty|not\b|liable|responsible|to\b|that\b))",
    re.IGNORECASE,
)
_BECOME = re.compile(
    r"\b(?:become|becomes|became|becoming)\s+(?P<office>(?:[\w'\u2019-]+\s+){1,4}?)"
    r"(?=(?:on|by)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
    re.IGNORECASE,
)
# Words that do not change which office: "the next prime minister" is "prime minister".
_OFFICE_FILLER = {"the", "a", "an", "new", "next", "country's", "britain's", "uk's"}


def _counted_before(before: str) -> bool:
    """The clause before "were found" counts a batch of what was found ("Another
    seven bodies", "Three human remains"): one finding of many, not the one
    group a search was for ("The three hikers were found")."""
    words = re.findall(r"[\w]+", re.split(r"[,;:]", before)[-1].lower())
    return any(
        (w.isdigit() or w in NUMBER_WORDS) and (i == 0 or words[i - 1] not in _DEFINITE)
        for i, w in enumerate(words)
    )


_DEFINITE = {"the", "all", "both", "its", "their"}


def _day_clauses(claim):
    """(event, subject, the words after the event word) for events read only for their day."""
    text = claim.data.text
    for match in _FOUND.finditer(text):
        if _counted_before(text[: match.start()]):
            continue  # "Eight more bodies were found Friday": one of many findings
        after = text[match.end() : match.end() + WINDOW]
        cut = _OTHER.search(after)
        yield "found", _subject(claim, match.start()), after[: cut.start()] if cut else after
    for match in _BECOME.finditer(text):
        words = fold(match.group("office")).split()
        office = " ".join(w for w in words if w not in _OFFICE_FILLER)
        if office:
            after = text[match.end("office") : match.end("office") + WINDOW]
            yield f"become {office}", _subject(claim, match.start()), after


def _place_after(after: str) -> re.Match | None:
    """The first place named after the event word; "on Aug. 25" and "on
    Wednesday" are days, not places ("made landfall on Aug. 25 near Rockport")."""
    for match in _PLACE.finditer(after):
        first = match.group("name").split()[0].lower().rstrip(".")
        if first not in _MONTH_WORDS and first not in _WEEKDAYS:
            return match
    return None


def event_places(claim) -> list[EventPlace]:
    out = []
    for event, subject, after, taken in _clauses(claim):
        # "rushed to Mercy Hospital": the place follows the event word itself
        match = _TO.search(after) if taken else _place_after(after)
        if match is None or (not taken and match.group("prep") == "to"):
            continue
        for group in ("name", "town"):
            raw = (match.group(group) or "").strip().rstrip(".,")
            words = raw.split()
            while words and words[-1].lower() in _WEEKDAYS:
                words.pop()  # "on Gull Key Wednesday evening"
            raw = " ".join(words)
            if not raw or words[0].lower() in _WEEKDAYS:
                continue
            name = fold(raw).replace(".", "")
            if name in _NATIONALITIES:
                continue  # "outside the British parliament": a nationality, no place
            level = level_of(name)
            if group == "town" and level not in ("town", "county", "state", "country"):
                continue
            out.append(EventPlace(event, subject, level, name, raw, claim))
    return out


def _key(name: str) -> set[str]:
    words = re.findall(r"[a-z]+", name)
    return {_SHORT.get(w, w) for w in words} - _GENERIC - {"s"}


def places_agree(a: EventPlace, b: EventPlace, together: set[frozenset]) -> bool:
    if a.level != b.level or a.level == "feature":
        return True  # a town and the region it lies in, a river and a town: no clash
    if frozenset((a.name, b.name)) in together:
        return True
    ka, kb = _key(a.name), _key(b.name)
    return not ka or not kb or ka <= kb or kb <= ka


def named_together(texts: list[str], names: set[str]) -> set[frozenset]:
    """Pairs of `names` some sentence of the story names together."""
    pairs: set[frozenset] = set()
    ordered = sorted(names)
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            folded = _words(sentence)
            present = [n for n in ordered if _words(n) in folded]
            for i, x in enumerate(present):
                for y in present[i + 1 :]:
                    pairs.add(frozenset((x, y)))
    return pairs


def _words(text: str) -> str:
    return f" {' '.join(re.findall(r'[a-z0-9]+', fold(text)))} "


def by_subject(items) -> list[list]:
    """One event's items per subject it is told of; an unnamed one ("the storm
    made landfall") joins the subject only when the story names one."""
    named = {i.subject for i in items if i.subject}
    if len(named) <= 1:
        return [items]
    return [[i for i in items if i.subject == s] for s in sorted(named)]


def place_clashes(places: list[EventPlace], texts: list[str]) -> list[list[EventPlace]]:
    """Groups of one event's places where two outlets give places that cannot both be."""
    together = named_together(texts, {p.name for p in places})
    return _clashes(places, lambda a, b: places_agree(a, b, together))


def _leading_days(claim):
    """(event, subject, day match) for a weekday written before its clause:
    "On Saturday, police arrested the singer", "It was on Monday night that
    the boys were found"; the clause's first event word is the one dated."""
    from claims.analysis.weekdays import _CLAUSE_END, LEADING_WINDOW, apposition_end, leads

    text = claim.data.text
    for day in _DAY.finditer(text):
        start = day.start("edge") if day.group("edge") else day.start("weekday")
        if not leads(text, start):
            continue
        tail = text[day.end() :]
        skip = apposition_end(tail)
        clause = tail[skip : skip + LEADING_WINDOW]
        ends = (_CLAUSE_END.search(clause.lower()), _OTHER.search(clause))
        cuts = [m.start() for m in ends if m]
        clause = clause[: min(cuts)] if cuts else clause  # "On Monday, police said ...": no event
        found = [(m.start(), _EVENTS[m.group("event").lower()]) for m in _EVENT.finditer(clause)]
        found += [(m.start(), "found") for m in _FOUND.finditer(clause)]
        if found:
            at, event = min(found)
            yield event, _subject(claim, day.end() + skip + at), day


def event_days(claim, resolved: dict[int, str]) -> list[EventDay]:
    """Weekdays an event is put on; `resolved` maps a date's start in the text to
    its ISO day (the article's own dates, resolved against its publication).
    The day follows the event word in its clause, or opens the clause."""
    out = []
    text = claim.data.text
    clauses = [(e, s, a) for e, s, a, _ in _clauses(claim)] + list(_day_clauses(claim))
    days = []
    for event, subject, after in clauses:
        match = _DAY.search(after)
        if match is not None:
            days.append((event, subject, match, max(text.find(after), 0)))
    days += [(event, subject, match, 0) for event, subject, match in _leading_days(claim)]
    for event, subject, match, begin in days:
        edge = "late" if match.group("part") in ("night", "evening") else ""
        edge = (match.group("edge") or edge).lower()
        weekday = match.group("weekday")
        at = claim.data.start + begin + match.start("weekday")
        # the date slot may open with "on" or "late on" before the weekday
        iso = next((v for start, v in resolved.items() if 0 <= at - start <= 8), "")
        out.append(
            EventDay(event, subject, weekday.lower(), edge, match.group(0).strip(), claim, iso)
        )
    for start, iso in resolved.items():  # "appointed ... on 7 September": its weekday
        offset = start - claim.data.start
        for event, subject, after in clauses:
            begin = text.find(after) if after else -1
            if begin >= 0 and begin <= offset < begin + len(after) and len(iso) == 10:
                weekday = _WEEKDAYS[date.fromisoformat(iso).weekday()]
                if not any(d.weekday == weekday and d.event == event for d in out):
                    written = next((d.text for d in claim.data.dates if d.start == start), iso)
                    told = written.rstrip(". ")
                    out.append(EventDay(event, subject, weekday, "", told, claim, iso))
    return out


# Days further apart than this are two happenings ("found on 4 March", and months
# later "found on Saturday" of another pair), not one put on two weekdays.
SAME_HAPPENING_DAYS = 7


def days_agree(a: EventDay, b: EventDay) -> bool:
    """Two days that do not clash: one weekday, one moment, or two happenings."""
    if a.weekday == b.weekday:
        return True
    if a.day and b.day:
        apart = abs((date.fromisoformat(a.day) - date.fromisoformat(b.day)).days)
        if apart > SAME_HAPPENING_DAYS:
            return True
    i, j = _WEEKDAYS.index(a.weekday), _WEEKDAYS.index(b.weekday)
    # "late Monday night" and "early Tuesday" may be one moment
    if (j - i) % 7 == 1 and a.edge == "late" and b.edge == "early":
        return True
    return (i - j) % 7 == 1 and b.edge == "late" and a.edge == "early"


def day_clashes(days: list[EventDay]) -> list[list[EventDay]]:
    return _clashes(days, days_agree)


def _like(a, b) -> bool:
    """Two items of one kind: places of one level; any two days."""
    return getattr(a, "level", "") == getattr(b, "level", "")


def _clashes(items, agree) -> list[list]:
    by_event: dict[str, list] = {}
    for item in items:
        by_event.setdefault(item.event, []).append(item)
    out = []
    for group in (g for items in by_event.values() for g in by_subject(items)):
        per_outlet: dict[str, list] = {}
        for item in group:
            per_outlet.setdefault(item.claim.outlet, []).append(item)
        outlets = list(per_outlet)
        clash = [
            (x, y)
            for i, a in enumerate(outlets)
            for b in outlets[i + 1 :]
            for x in per_outlet[a]
            for y in per_outlet[b]
            if not agree(x, y)
            # an outlet that itself gives both does not see them as different
            and not any(agree(x, z) for z in per_outlet[b] if z is not y and _like(z, y))
            and not any(agree(z, y) for z in per_outlet[a] if z is not x and _like(z, x))
        ]
        if clash:
            members = {id(i): i for pair in clash for i in pair}
            out.append(list(members.values()))
    return out


# --- one killing of one person, dated by a definite description ----------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_DAY = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
)
# Words that name one person's killing: "the shooting death of", "the murder".
_KILLING = r"(?P<noun>shooting|killing|murder|slaying|assassination)"
_DATED_KILLING = (
    # "the Nov. 4 Midtown shooting death of Ann Lee"
    re.compile(
        rf"\b[Tt]he\s+{_MONTH_DAY}(?:,\s*\d{{4}})?\s+(?:[A-Z][\w.'-]*\s+){{0,4}}{_KILLING}"
    ),
    # "Ann Lee's murder, which took place outside the hotel on Dec. 4"
    re.compile(
        rf"{_KILLING},?\s+(?:which|that)\s+(?:took place|happened|occurred)\b[^.;()]{{0,60}}?"
        rf"\bon\s+{_MONTH_DAY}"
    ),
)


@dataclass
class KillingDate:
    people: frozenset[str]  # surnames the sentence names
    month: int
    day: int
    text: str
    claim: object
    event: str = "killing"


def killing_dates(claim) -> list[KillingDate]:
    """Days a sentence gives one person's killing ("the Nov. 4 shooting death
    of Ann Lee"); the people it names say whose. A sentence naming no one, or
    a date in parentheses (another zone), gives none."""
    text = claim.data.text
    people = frozenset(p.canonical.split()[-1].lower() for p in claim.data.people if p.canonical)
    out: list[KillingDate] = []
    if not people:
        return out
    for pattern in _DATED_KILLING:
        for match in pattern.finditer(text):
            before = text[: match.start("month")]
            if before.count("(") > before.count(")"):
                continue
            month = _MONTHS[match.group("month")[:3].lower()]
            day = int(match.group("day"))
            if not 1 <= day <= 31:
                continue
            written = text[match.start("month") : match.end("day")]
            out.append(KillingDate(people, month, day, written, claim))
    return out


def killing_clashes(dates: list[KillingDate]) -> list[list[KillingDate]]:
    """Outlets that give one person's killing different days of the year."""
    clash: dict[int, KillingDate] = {}
    for i, a in enumerate(dates):
        for b in dates[i + 1 :]:
            if a.claim.outlet == b.claim.outlet or not a.people & b.people:
                continue
            if (a.month, a.day) != (b.month, b.day):
                clash[id(a)], clash[id(b)] = a, b
    return [list(clash.values())] if clash else []


# --- one person's death, dated by a day or a month -------------------------------------

# Words that tell one person's death; the date after them in the clause dates it.
_DEATH = re.compile(
    r"\b(?:died|committed suicide|killed (?:himself|herself)|took (?:his|her) own life|"
    r"was (?:found dead|killed|shot dead|pronounced dead|declared dead))\b",
    re.IGNORECASE,
)
# How far after the death word its date may stand ("died in what officials
# ruled a suicide in his jail cell at the correctional center on August 10").
DEATH_WINDOW = 120


@dataclass
class DeathDate:
    subject: str  # "vance", or "" when the sentence names no one before the word
    iso: str  # a day ("2019-08-10") or a month ("2019-07")
    text: str
    claim: object
    event: str = "death"


def death_dates(claim, dates) -> list[DeathDate]:
    """Days or months a sentence gives a death: the first date in the clause
    after the death word ("died on August 10, 2019", "committed suicide in his
    cell July 2019"); a date owning a noun ("died from Saturday's shooting")
    dates that, not the death. The death is someone's the sentence names, or
    "he"/"she" (the story's person); "a guard died" is not read."""
    text = claim.data.text
    out = []
    for match in _DEATH.finditer(text):
        after = text[match.end() : match.end() + DEATH_WINDOW]
        # "died Thursday, Nov. 11": the comma after a weekday ends no clause
        after = _WEEKDAY_COMMA.sub(lambda m: m.group(1) + " ", after)
        ends = (_OTHER.search(after), _OTHER_DEATH.search(after))
        cuts = [m.start() for m in ends if m]
        end = match.end() + (min(cuts) if cuts else len(after))
        for slot in sorted(dates, key=lambda d: d.start):
            at = slot.start - claim.data.start
            if (
                slot.is_dateline
                or len(slot.iso or "") not in (7, 10)
                or not match.end() <= at < end
            ):
                continue
            if re.match(r"['\u2019]s\b", text[at + len(slot.text.rstrip(".")) :]):
                break  # "Saturday's shooting"
            subject = _person(claim, match.start())
            if subject or _PRONOUN.search(text[: match.start()]):
                out.append(DeathDate(subject, slot.iso, slot.text, claim))
            break
    return out


_WEEKDAY_COMMA = re.compile(r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),")
_OTHER_DEATH = re.compile(r",|\b(?:from|of|than|as|because|but|and)\b", re.IGNORECASE)


# "He died on ...": the story's person; "A guard died" is someone else.
_PRONOUN = re.compile(r"\b(?:he|she)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _person(claim, start: int) -> str:
    """The last person the sentence names before `start` (a surname), or ""."""
    data = claim.data
    people = [p for p in data.people if p.start - data.start < start and p.canonical]
    return people[-1].canonical.split()[-1].lower() if people else ""


def death_clashes(deaths: list[DeathDate]) -> list[list[DeathDate]]:
    """One named person's death that outlets date to days or months that
    cannot meet: a person dies once, so any two such dates clash. Deaths no
    sentence names anyone for are not compared."""
    out = []
    for group in by_subject(deaths):
        if not any(d.subject for d in group):
            continue
        per_outlet: dict[str, list[DeathDate]] = {}
        for d in group:
            per_outlet.setdefault(d.claim.outlet, []).append(d)
        outlets = list(per_outlet)
        if any(
            not any(_may_be_one(x, y) for x in per_outlet[a] for y in per_outlet[b])
            for i, a in enumerate(outlets)
            for b in outlets[i + 1 :]
        ):
            out.append(group)
    return out


_YEAR = re.compile(r"\b\d{4}\b")


def _may_be_one(x: DeathDate, y: DeathDate) -> bool:
    """Two dates of one death that may be one day: one holds the other, or one
    written without its year (a guessed year) gives the other's month and day."""
    if _meet(x.iso, y.iso):
        return True
    guessed = not _YEAR.search(x.text) or not _YEAR.search(y.text)
    return guessed and x.iso[4:] == y.iso[4:]


def _meet(a: str, b: str) -> bool:
    """A day and a month, or two days, that may be one: one holds the other."""
    return a.startswith(b) or b.startswith(a)

"""Typed quantities: a value, its unit, what it counts and how exactly it is stated.

"about 41 people were killed on the ground" -> value 41, dimension "count",
counted "people", state "dead", where "ground", approx "about". Units convert to
one base per dimension (metres, days, kilograms, ...), so "300 yards" and "300
metres" compare as 274 m vs 300 m; money keeps its currency (no exchange
rates). A value restated in another unit right after ("10 km (6 miles)",
"£50m ($63m)") is kept as an alternative of the first, never as a second figure.

What a figure counts comes from the spaCy parse of its sentence: the noun the
number modifies, that noun's modifiers, and the verb it depends on ("killed",
"injured", "stole"). Input that cannot be a real figure (an absurd magnitude, a
unit this table does not know) is skipped, never guessed.
"""

from __future__ import annotations

import math
import re
import unicodedata

from claims.nlp.normalize import COUNTRY_ADJECTIVES, DEMONYMS, NUMBER_WORDS, parse_number
from claims.nlp.normalize import NUMBER_SCALES as SCALES
from claims.nlp.types import QuantitySlot

# Larger than any count or amount a news story states: "10^400 people" is skipped.
MAX_VALUE = 1e15

# unit as written (lower case, singular) -> (canonical unit, dimension, factor to base)
UNITS: dict[str, tuple[str, str, float]] = {}


def _units(dimension: str, table: dict[str, float], aliases: dict[str, str]) -> None:
    for name, factor in table.items():
        UNITS[name] = (name, dimension, factor)
    for alias, name in aliases.items():
        UNITS[alias] = (name, dimension, table[name])


_units(
    "length",
    {"metre": 1.0, "kilometre": 1000.0, "centimetre": 0.01, "millimetre": 0.001, "mile": 1609.344},
    {
        "meter": "metre",
        "millimeter": "millimetre",
        "mm": "millimetre",
        "m": "metre",
        "kilometer": "kilometre",
        "km": "kilometre",
        "centimeter": "centimetre",
        "cm": "centimetre",
        "mi": "mile",
    },
)
_units("length", {"yard": 0.9144, "foot": 0.3048, "inch": 0.0254}, {"feet": "foot", "ft": "foot"})
_units("length", {"nautical mile": 1852.0}, {})
_units(
    "duration",
    {
        "second": 1 / 86400,
        "minute": 1 / 1440,
        "hour": 1 / 24,
        "day": 1.0,
        "week": 7.0,
        "month": 30.44,
        "year": 365.25,
    },
    {"sec": "second", "min": "minute", "hr": "hour", "wk": "week", "yr": "year", "decade": "year"},
)
UNITS["decade"] = ("decade", "duration", 3652.5)
_units(
    "mass",
    {"kilogram": 1.0, "gram": 0.001, "tonne": 1000.0, "pound": 0.45359237},
    {"kg": "kilogram", "g": "gram", "ton": "tonne", "lb": "pound", "lbs": "pound"},
)
_units(
    "area",
    {"hectare": 1e4, "acre": 4046.8564224, "square kilometre": 1e6, "square mile": 2589988.11},
    {
        "ha": "hectare",
        "sq km": "square kilometre",
        "square kilometer": "square kilometre",
        "km2": "square kilometre",
        "sq mile": "square mile",
    },
)
_units(
    "speed",
    {"km/h": 1.0, "mph": 1.609344, "knot": 1.852},
    {
        "kph": "km/h",
        "kmh": "km/h",
        "miles per hour": "mph",
        "kilometres per hour": "km/h",
        # "170 km an hour", "100 miles an hour": the spoken form
        "miles an hour": "mph",
        "kilometres an hour": "km/h",
        "kilometers per hour": "km/h",
        "kilometers an hour": "km/h",
        "km per hour": "km/h",
        "km an hour": "km/h",
    },
)
_units("percent", {"%": 1.0}, {"per cent": "%", "percent": "%", "pc": "%"})

CURRENCIES = {
    "$": "usd",
    "us$": "usd",
    "usd": "usd",
    "€": "eur",
    "eur": "eur",
    "£": "gbp",
    "gbp": "gbp",
    "₹": "inr",
    "rs": "inr",
    "inr": "inr",
    "¥": "jpy",
    "a$": "aud",
    "c$": "cad",
    "nz$": "nzd",
    "hk$": "hkd",
    "nt$": "twd",
    "s$": "sgd",
    "r$": "brl",
}
_CURRENCY_WORDS = {
    "dollar": "usd",
    "euro": "eur",
    "pound sterling": "gbp",
    "rupee": "inr",
    "yen": "jpy",
}
# A dollar named by its country: "150,000 US dollars", "40 million Canadian dollars".
_DOLLAR_LANDS = {
    "us": "usd", "u.s.": "usd", "american": "usd", "canadian": "cad", "australian": "aud",
    "new zealand": "nzd", "singapore": "sgd", "hong kong": "hkd", "taiwan": "twd",
}  # fmt: skip
_CURRENCY_WORD = (
    r"(?:(?P<curland>US|U\.S\.|American|Canadian|Australian|New Zealand|Singapore|"
    r"Hong Kong|Taiwan)\s(?=dollars?\b))?"
    r"(?P<curword>dollar|euro|rupee|yen|pound sterling)s?\b"
)

# approximation words before the number -> normalised kind
APPROX = {
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "just under": "nearly",
    "over": "over",
    "more than": "over",
    "upwards of": "over",
    "in excess of": "over",
    "just over": "over",
    "at least": "at_least",
    "no fewer than": "at_least",
    "up to": "up_to",
    "at most": "up_to",
    "as much as": "up_to",
    "as many as": "up_to",
    "as high as": "up_to",
    "a maximum of": "up_to",
    "a minimum of": "at_least",
    "less than": "under",
    "fewer than": "under",
    "under": "under",
    "below": "under",
}

_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True))
_DIGITS = r"\d+(?:[.,]\d+)*(?:\s?[x×*]\s?10\s?\^\s?-?\d+|\^\d+|[eE][+-]?\d+)?"
# Thousands set off by a space, as many outlets and most of Europe write them:
# "42 000", "1 200 000" (a day of a month before it is no group: "July 4 200 people").
_MONTH_WORDS = (
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_GROUPED = (
    "".join(rf"(?<!\b{m}\s)(?<!\b{m}\.\s)" for m in _MONTH_WORDS)
    + r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|[.,]\d)"
)
_SCALE = r"(?:trillion|billion|million|thousand|crore|lakh|bn|mn|tn|k|m|b)"
_CUR = r"(?:NZ\$|HK\$|NT\$|US\$|A\$|C\$|S\$|R\$|\$|€|£|₹|¥|Rs\.?|INR|USD|EUR|GBP)"
_UNIT_NAMES = sorted(
    {*UNITS, *(u + "s" for u in UNITS if u[-1].isalpha() and len(u) > 2), "feet", "inches"},
    key=len,
    reverse=True,
)
_UNIT = "|".join(re.escape(u) for u in _UNIT_NAMES)
# Fractions: "2 1/2" and "2-1/2", "2½" and "½", "two and a half", "half a mile".
VULGAR_FRACTIONS = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
    "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
}  # fmt: skip
FRACTION_WORDS = {"a half": 1 / 2, "a quarter": 1 / 4, "three quarters": 3 / 4}
_FRACTION_WORD = r"(?:a\s+half|a\s+quarter|three[- ]quarters)"
_MIXED = r"\d+(?:\s|-)(?:1[0-5]|[1-9])/(?:1[0-6]|[2-9])(?![\d/])"
_VULGAR = rf"\d*[{''.join(VULGAR_FRACTIONS)}]"
_WHOLE = rf"(?:\d+|(?:{_WORDS})(?:[- ](?:{_WORDS}))*)"
# ... ended by a unit, a scale or punctuation: "12 and a quarter of them" is no 12.25
_AND_FRACTION = (
    rf"{_WHOLE}\s+and\s+{_FRACTION_WORD}(?=[\s-]*(?:(?:{_UNIT}|{_SCALE})\b|[^\w\s-]|$))"
)
# "half an hour", "half a mile", "half a million": a half of one unit.
_HALF_A = rf"half\s+an?(?=[\s-]+(?:{_UNIT}|{_SCALE})\b)"
# "an hour and 45 minutes", "a day and a half": "a" is one only in a duration
# told in parts; "an hour" alone is an idiom as often as a measure.
_DURATION_WORDS = r"(?:years?|yrs?|months?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?)"
_SMALLER_WORDS = r"(?:months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)"
_ONE_OF_PARTS = (
    rf"an?(?=[\s-]+{_DURATION_WORDS}(?:\s+and\s+{_FRACTION_WORD}\b|"
    rf"(?:,|\s+and)?\s+(?:\d+|(?:{_WORDS})(?:[- ](?:{_WORDS}))*)[\s-]+{_SMALLER_WORDS}\b))"
)
FRACTION = re.compile(rf"(?<![\w.,/-])(?:{_AND_FRACTION}|{_MIXED}|{_VULGAR})", re.IGNORECASE)
# "two hundred and fifty": "and" joins what a hundred or thousand is followed by
# (not "between two hundred and three hundred", a range)
_AND_REST = (
    rf"(?:(?<=hundred)|(?<=thousand))\s+and\s+(?:{_WORDS})(?:-(?:{_WORDS}))?"
    r"(?![- ]+(?:hundred|thousand)\b)"
)
_NUMBER = (
    rf"(?:{_AND_FRACTION}|{_MIXED}|{_VULGAR}|{_HALF_A}|{_ONE_OF_PARTS}|{_GROUPED}|{_DIGITS}|"
    rf"(?:{_WORDS})(?:[- ](?:{_WORDS}))*(?:{_AND_REST})?)"
)
_APPROX = "|".join(sorted((re.escape(a) for a in APPROX), key=len, reverse=True))
# "$8.35 million", "$8.35-million bond" (a hyphen before a word, not "3-m", metres).
_SCALE_GAP = r"(?:\s?|-(?=(?:trillion|billion|million|thousand)\b))"
# "more than a dozen": the approximation of a dozen, read past its article.
_A_DOZEN = r"(?:an?\s+(?=dozen\b))?"
# A range: "between 11 and 15", "11-15", "11 to 16", "$4m-$5m", "four to five years".
_RANGE_SEP = r"(?(between)(?:\s+and\s+|\s*[-–—]\s*|\s+to\s+)|(?:\s*[-–—]\s*|\s+to\s+))"
_QUANTITY = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+{_A_DOZEN})?"
    r"(?:(?P<between>between)\s+)?"
    rf"(?:(?P<cur>{_CUR})\s?)?"
    rf"(?<![\w.,/-])(?P<num>{_NUMBER})(?![.,]\d)"
    rf"(?:{_SCALE_GAP}(?P<scale>{_SCALE})\b)?"
    rf"(?:(?:(?:\s|-)?(?P<low_unit>{_UNIT})(?![\w/]))?"
    rf"{_RANGE_SEP}(?:{_CUR}\s?)?(?P<upper>{_NUMBER})(?![.,]\d)"
    rf"(?:\s?(?P<upper_scale>{_SCALE})\b)?)?"
    rf"(?:(?:\s|-)?(?P<unit>{_UNIT})(?![\w/])(?P<half>\s+and\s+a\s+(?:half|quarter)\b)?)?"
    rf"(?:\s{_CURRENCY_WORD})?"
    r"(?![\w/])",
    re.IGNORECASE,
)
# The same without ranges: where two numbers joined by "to" or "-" are no range
# ("rose from 20 to 30", "won 3-1"), each is read on its own.
_SINGLE = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+{_A_DOZEN})?"
    rf"(?:(?P<cur>{_CUR})\s?)?"
    rf"(?<![\w.,/-])(?P<num>{_NUMBER})(?![.,]\d)"
    rf"(?:{_SCALE_GAP}(?P<scale>{_SCALE})\b)?"
    rf"(?:(?:\s|-)?(?P<unit>{_UNIT})(?![\w/])(?P<half>\s+and\s+a\s+(?:half|quarter)\b)?)?"
    rf"(?:\s{_CURRENCY_WORD})?"
    r"(?![\w/])",
    re.IGNORECASE,
)
# "10 km (6 miles)", "£50m ($63m)", "10 km, or 6 miles": the second restates the first.
_RESTATE = re.compile(r"^\s*(?:\(\s*|,\s*or\s+|/\s*|or\s+)(?:about\s+|around\s+|roughly\s+)?$")
# Years, clock times, ages in "a 45-year-old", ordinals and list numbers are not figures.
# A clock time is no figure: "10 p.m. Wednesday" (the \b of "p.m." before a
# space would never match, so the end is "not a letter").
_NOT_FIGURE_AFTER = re.compile(
    r"^(?:st|nd|rd|th|:\d|\s?(?:am|pm|a\.m\.?|p\.m\.?)(?![a-z])|-years?[- ]olds?\b)", re.IGNORECASE
)
# "a single survivor" counts one; "single-family homes", "single residences",
# "the single deadliest fire" name a kind or a rank.
_ONE_OF_IT = re.compile(r"(?<!\bnot )\ba\s+$", re.IGNORECASE)
_AGO = re.compile(r"^\s*ago\b", re.IGNORECASE)
# An age: "74 years old", "73 years of age", and before the number "aged 96",
# "at the age of 96", "died at 96", "died in April, at 99". A person's age is
# typed as an age (dimension "age"), never a count of people nor a duration.
_AGE_AFTER = re.compile(r"^\s?(?:years?|yrs?)(?:[- ]olds?\b|\s+of\s+age\b)", re.IGNORECASE)
_AGE_BEFORE = re.compile(
    # "the number of dead stood at 40" is a tally, not an age
    r"(?:\baged|\bage(?:\s+of)?|(?<!of )\b(?:died|dies|dead|passed away)\b[^.;:]{0,40}?\bat)\s*$",
    re.IGNORECASE,
)
# A day of a month: "July 7", "7 July", "the July 7 attack". Dates the date
# reader could not resolve (no year, no publication date) are still no counts.
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH_NAME}\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAME}(?![a-z])")
# "270 of 300 people": the first is a part of the second.
_PART_OF_NUMBER = re.compile(
    rf"^\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?(?:\d|(?:{_WORDS})\b)", re.IGNORECASE
)
_TOTAL_AFTER_PART = re.compile(
    rf"\b(?:\d[\d,]*|{_WORDS})\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?$", re.IGNORECASE
)
# "guilty of all seven counts": every count of the indictment, so the whole
_ALL_COUNTS = re.compile(r"\ball\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)

# the state a count is in: verbs, adjectives and nouns that say what happened
STATES = {
    "dead": {
        "kill",
        "die",
        "dead",
        "death",
        "fatality",
        "toll",
        "perish",
        "body",
        "killed",
        "fatal",
        # the killed by the killer's verb: "the gunman murdered 10 people"
        "murder",
        "slay",
        "massacre",
    },
    "injured": {"injure", "wound", "hurt", "injury", "injured", "wounded", "casualty"},
    "missing": {"missing", "miss", "unaccounted"},
    "survived": {"survive", "survivor", "alive"},
    # Rescues are told per crew and per place ("the Guard rescued 100", "35
    # rescued in one town"): not the survivors of the event, and not one tally.
    "rescued": {"rescue", "rescued"},
    "arrested": {"arrest", "detain", "detention", "arrested", "held"},
    "evacuated": {"evacuate", "displace", "evacuee", "displaced", "evacuation"},
    "hospitalised": {"hospitalise", "hospitalize", "hospitalised", "hospitalized"},
}
HOSPITALISED = "hospitalised"
# "taken", "rushed", "transported" or "admitted" to hospital: hospitalised.
_SENT = {"take", "transport", "rush", "bring", "airlift", "fly", "send", "admit", "carry", "move"}
_HOSPITALS = {"hospital", "hospitals", "clinic", "clinics"}
_STATE_OF = {word: state for state, words in STATES.items() for word in words}
# Verbs that make their object do what their clause says ("ordered 5,000 to flee").
_MADE_TO = {"force", "order", "prompt", "tell", "urge", "cause"}
# the dead and the injured counted together
CASUALTIES = "dead or injured"
# tallies that move as a story unfolds (a death toll), shown as timelines
MOVING_STATES = frozenset(
    {
        "dead", "injured", "missing", "survived", "arrested", "evacuated", CASUALTIES,
        "critical", "serious", "hospitalised",
    }
)  # fmt: skip
PEOPLE = {
    "people", "person", "individual", "life", "resident", "civilian", "adult", "human", "other",
    "victim",
}  # fmt: skip
# nouns that carry a state rather than name what is counted: "the death toll"
_TALLY = {"toll", "death", "fatality", "casualty", "injury", "number", "figure", "total", "count"}
# where the counted ones were: "on board" vs "on the ground"
PLACES = {"board": "board", "aboard": "board", "ground": "ground", "plane": "board"}
# Adjectives that make the counted things a kind of the whole: "528 commercial
# buildings" are not the "19,000 buildings" destroyed in all, nor "foreign
# tourists" all the tourists ("other" after the number too, below).
_KIND_MODS = {
    "foreign", "civilian", "military", "commercial", "residential", "industrial", "agricultural",
}  # fmt: skip
_GENERIC_MODS = {
    "other",
    "more",
    "further",
    "additional",
    "total",
    "official",
    "confirmed",
    "new",
    "least",
    "estimated",
    "reported",
    "latest",
    "final",
}
_MAX_HEAD_HOPS = 4
# Nouns naming a part of a country: a tally "in X County" counts that area only.
_AREAS = {"county", "parish", "province", "district", "prefecture", "region", "borough"}


def find_quantities(
    text: str, offset: int, span=None, skip: list[tuple[int, int]] = ()
) -> list[QuantitySlot]:
    """Quantities in one sentence; `offset` maps sentence offsets into the article,
    `span` is the sentence's spaCy Span (None: values and units only), `skip`
    holds article spans already used (dates)."""
    found: list[QuantitySlot] = []
    # "an hour" counts only as the first part of a duration told in parts
    lone: list[QuantitySlot] = []
    scores = [(m.start() + offset, m.end() + offset) for m in _SCORE_PAIR.finditer(text)]
    models: list[QuantitySlot] = []  # compared among themselves only: no reading applies
    for match in _matches(text):
        slot = _slot(text, match, offset)
        if slot is None or any(s < slot.end and slot.start < e for s, e in [*skip, *scores]):
            continue
        if slot.dimension == "model":
            models.append(slot)
            continue
        if span is not None and _names_one(slot, span, offset):
            continue
        if span is not None and slot.dimension != "age":
            _read_parse(slot, span, offset)
        elif span is not None and slot.upper is not None:
            _age_group(slot, span, offset)
        if found and _restates(text, found[-1], slot, offset):
            found[-1].alternatives.append(slot.base)
            _bearing(text, found[-1], slot.end - offset)
            continue
        if found and _continues(text, found[-1], slot, offset):
            _join(text, found[-1], slot, offset)
            if found[-1] in lone:
                lone.remove(found[-1])
            continue
        found.append(slot)
        if match.group("num").lower() in ("a", "an") and not match.group("half"):
            lone.append(slot)
        _legal_count(text, slot, offset)
        _bearing(text, slot, slot.end - offset)
        _magnitude(text, slot, offset)
        _how_long(text, slot, offset)
        _what_is_paid(text, slot, offset)
        _hits(text, slot, offset)
        _capacity(text, slot, offset)
        _drop(text, slot, offset)
    if span is not None:
        _sites(text, found, span, offset)
    found += _hits_in_words(text, offset, found) + models
    if span is not None:
        found += _vague_counts(text, offset, span, found)
    found.sort(key=lambda q: q.start)
    return [
        q
        for q in found
        if all(q is not x for x in lone) and not _NOT_REACHED.search(text[: q.start - offset])
    ]


# Names whose number ranks on a scale ("Category 4", "Level 3"): compared as figures.
_SCALE_NAMES = {
    "category", "level", "stage", "phase", "grade", "force", "alert", "class", "tier",
    "magnitude", "defcon",
}  # fmt: skip


def _names_one(slot: QuantitySlot, span, offset: int) -> bool:
    """A bare number right after a capitalised noun it belongs to ("Highway 92",
    "Flight 302", "Gate 7", "Line 12") says which one, not how many: two roads
    or two flights are no figure told two ways. Headlines in title case are
    left alone ("Storm Leaves 12 Dead")."""
    if slot.dimension != "count" or slot.approx or slot.upper is not None:
        return False
    doc_offset = offset - span.start_char
    tokens = [t for t in span if slot.start <= doc_offset + t.idx < slot.end and t.like_num]
    if len(tokens) != 1 or not tokens[0].text.isdigit() or tokens[0].i == span.start:
        return False
    number = tokens[0]
    noun = number.doc[number.i - 1]
    if number.head.i != noun.i or not noun.is_title or noun.lower_ in _SCALE_NAMES:
        return False
    if noun.pos_ not in ("PROPN", "NOUN") or noun.ent_type_ in ("DATE", "TIME"):
        return False  # "said Sunday 40 died": a day, then a count
    # a headline in title case capitalises its verbs and small words too
    return not any(t.is_title and t.pos_ in _SMALL_WORDS for t in span if t.i > span.start)


_SMALL_WORDS = {"VERB", "AUX", "ADP", "CCONJ", "DET", "ADV", "PRON", "ADJ"}


# A category or level a storm did not reach: "just short of Category 5".
_NOT_REACHED = re.compile(
    r"\b(?:(?:short|shy)\s+of|nearly|almost|below)\s+(?:a\s+)?(?:category|level)\s*$",
    re.IGNORECASE,
)


_TIMES_WORDS = {"once": 1, "twice": 2, "thrice": 3}
_TIMES_WORD = re.compile(r"\b(?:once|twice|thrice)\b", re.IGNORECASE)


# "Hundreds of protesters", "injured dozens", "tens of thousands fled": a count
# told as an order of size, read as the range an outlet may mean by it, wide on
# purpose ("hundreds" of 112 or of 1,200 is loose, not wrong): only a figure of
# another order ("hundreds" / "2,000", "dozens" / "300") stands against it.
_VAGUE_RANGES = {
    "dozens": (20.0, 150.0),
    "hundreds": (100.0, 1_500.0),
    "thousands": (1_000.0, 150_000.0),
    "tens of thousands": (10_000.0, 150_000.0),
    "hundreds of thousands": (100_000.0, 1_500_000.0),
    "millions": (1_000_000.0, 999_999_999.0),
}
_VAGUE = re.compile(
    r"(?<![\w$€£-])(?P<vague>(?:tens|hundreds)\s+of\s+thousands|dozens|hundreds|thousands|millions)"
    r"\b(?!\s+of\s+(?:dollars|euros|pounds|years|miles|kilomet|acres|hectares|tons|tonnes))",
    re.IGNORECASE,
)


def _vague_counts(text: str, offset: int, span, found: list[QuantitySlot]) -> list[QuantitySlot]:
    out = []
    for match in _VAGUE.finditer(text):
        start, end = offset + match.start(), offset + match.end()
        if any(q.start < end and start < q.end for q in found):
            continue
        low, high = _VAGUE_RANGES[" ".join(match.group("vague").lower().split())]
        slot = QuantitySlot(
            match.group(0), low, base=low, upper=high, approx="about", start=start, end=end
        )
        _read_parse(slot, span, offset)
        if slot.counted or slot.state:
            out.append(slot)  # "thousands" of nothing named stays no figure
    return out


def _vague_head(number):
    """The noun an order of size counts ("hundreds of protesters") and its verb."""
    token = number
    for _ in range(_MAX_HEAD_HOPS):  # "hundreds of thousands of people": the last
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is None or obj.lower_ not in _VAGUE_RANGES:
            break
        token = obj
    noun = None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        noun = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
    verb = number.head if number.head.pos_ in ("VERB", "AUX") else None
    return noun, verb


def _hits_in_words(text: str, offset: int, found: list[QuantitySlot]) -> list[QuantitySlot]:
    """ "was shot twice": how many times someone was hit, as "shot two times" reads."""
    out = []
    for match in _TIMES_WORD.finditer(text):
        start, end = offset + match.start(), offset + match.end()
        if any(q.start < end and start < q.end for q in found):
            continue
        if not _A_PERSON_HIT.search(text[max(0, match.start() - 60) : match.start()]):
            continue
        n = float(_TIMES_WORDS[match.group(0).lower()])
        out.append(QuantitySlot(match.group(0), n, base=n, counted=HITS, start=start, end=end))
    return out


# "and eight at the Eastfield centre", ", 5,900 in Syria": a count whose noun and
# verb the sentence's first count gave.
_ELLIPSIS = re.compile(r"^\s*(?:,\s*)?(?:and|while|with)?\s*$", re.IGNORECASE)
_AT = re.compile(r"^\s*(?:at|in)\s+(?:the\s+)?[A-Z]")


def _sites(text: str, found: list[QuantitySlot], span, offset: int) -> None:
    """Counts of one thing split by named place in one sentence ("41 were killed at
    the Northgate mosque and eight at the Eastfield centre", "44,000 died in Turkey
    and 5,900 in Syria") are each a count of its place, not the whole: `where`
    holds the place ("at northgate", "in turkey"), so each is compared with the
    same place's count elsewhere and never with the total."""
    counts = [q for q in found if q.dimension == "count" and not q.where]
    if len(counts) < 2:
        return
    for before, after in zip(counts, counts[1:], strict=False):
        gap = text[before.end - offset : after.start - offset]
        rest = text[after.end - offset :]
        if (
            not (after.counted or after.state)
            and _ELLIPSIS.match(_drop_site(gap))
            and _AT.match(rest)
        ):
            after.counted, after.state, after.verb = before.counted, before.state, before.verb
    groups: dict[tuple[str, str], list[QuantitySlot]] = {}
    for q in counts:
        if q.counted or q.state:
            groups.setdefault((q.counted, q.state), []).append(q)
    ends = [q.start for q in counts[1:]] + [offset + len(text)]
    limit = {id(q): end for q, end in zip(counts, ends, strict=True)}
    for group in groups.values():
        sites = [_site(span, offset, q.end, limit[id(q)]) for q in group]
        if len(group) > 1 and all(sites) and len(set(sites)) == len(sites):
            for q, site in zip(group, sites, strict=True):
                q.where = site


def _drop_site(gap: str) -> str:
    """The words between two counts without the first one's place: " at X and"."""
    return re.sub(r"^.*?\b(?:at|in)\s+(?:the\s+)?(?:[A-Z][\w'-]*\s*(?:of\s+)?)+", "", gap)


def _site(span, offset: int, start: int, end: int) -> str:
    """The named place of "at"/"in" right after a count, up to the next count:
    "at the Northgate mosque" -> "at northgate"; "" when there is none."""
    doc_offset = offset - span.start_char  # offset of the paragraph doc in the article
    for token in span:
        at = doc_offset + token.idx
        if at < start or at >= end or token.lower_ not in ("at", "in") or token.dep_ != "prep":
            continue
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if obj is None:
            return ""
        names = [t for t in obj.subtree if t.pos_ == "PROPN"]
        # "in the State of Mexico" is Mexico's count, as "in Mexico state" is
        name = next((t for t in names if t.lower_ not in _AREA_NAMES), names[0] if names else None)
        return f"{token.lower_} {name.lower_}" if name is not None else ""
    return ""


# Words that name a kind of area, capitalised in "the State of Mexico".
_AREA_NAMES = {"state", "province", "county", "district", "region", "prefecture", "department"}


_FROM_BEFORE = re.compile(r"\bfrom\s*$", re.IGNORECASE)
# A game's score or a vote's split is no count: "a 3-1 victory" counts no
# victories, "a 6-3 ruling" no rulings (compared as a score or a tally by
# claims.analysis.figures).
_SCORE_PAIR = re.compile(
    r"\b\d{1,2}\s?[-\u2013]\s?\d{1,2}\s+(?:win|victory|defeat|loss|draw|triumph|"
    r"vote|ballot|margin|majority|ruling|decision|verdict|split)\b",
    re.IGNORECASE,
)


def _matches(text: str):
    """Figures in reading order: a range ("between 11 and 15", "11-16") as one
    match when it is one; two numbers that are no range ("from 20 to 30",
    "won 3-1", "between 1994 and 2004") each on its own."""
    pos = 0
    while pos <= len(text):
        match = _QUANTITY.search(text, pos)
        if match is None:
            return
        if (match.group("upper") or match.group("between")) and not _is_range(text, match):
            match = _SINGLE.search(text, match.start())
            if match is None:
                return
        pos = max(match.end(), match.start() + 1)
        yield match


def _is_range(text: str, match) -> bool:
    if not match.group("upper"):
        return False  # "between 40 houses"
    if _FROM_BEFORE.search(text[: match.start()]):
        return False  # "rose from 20 to 30": a change, not a range
    low, high = _value(match.group("num")), _value(match.group("upper"))
    if low is None or high is None or match.group("num").lower() in ("a", "an"):
        return False
    if match.group("scale") and not match.group("upper_scale"):
        return False  # "$4m to 5 people"
    if not low < high:
        return False  # "won 3-1", "a 5-4 vote", "2018-19"
    low_unit = (match.group("low_unit") or "").lower()
    if low_unit and low_unit.rstrip("s") != (match.group("unit") or "").lower().rstrip("s"):
        return False  # "30 minutes to 2 hours": two figures
    if _looks_like_year(match.group("num"), low) and not match.group("unit"):
        return False  # "between 1994 and 2004": years, read as dates
    between = text[match.end("num") : match.start("upper")]
    return not _NOT_FIGURE_AFTER.match(between)


# Counts of an indictment: "faced six counts", "guilty on five of the six
# counts", "acquitted of one charge". What a number of counts says depends on
# the outcome it is told with; one told with none is not compared at all.
_LEGAL_NOUN = re.compile(
    rf"^\s+(?:(?:out\s+)?of\s+(?:the\s+|all\s+|her\s+|his\s+)?(?:\d+|{_WORDS})\s+)?"
    r"(?:(?:related|federal|criminal|separate|more|additional|further)\s+)?"
    r"(?P<kind>(?:[a-z-]+\s+){1,2})??(?:counts?|charges?)\b"
    r"(?:\s+of\s+(?P<of>[a-z-]+(?:\s+[a-z-]+)?))?",
    re.IGNORECASE,
)
# Words that say nothing of what a count charges, and one crime's several names.
_NO_KIND = {"criminal", "federal", "state", "related", "separate", "felony", "misdemeanor"}
_KIND_NAMES = {"gun": "weapon", "guns": "weapon", "firearm": "weapon", "firearms": "weapon"}
_KIND_NAMES |= {"weapons": "weapon"}


def _count_kind(words: str) -> str:
    """ "criminal weapons" -> "weapon", "gun" -> "weapon", "bribery" -> "bribery"."""
    for word in words.lower().split():
        if word not in _NO_KIND:
            return _KIND_NAMES.get(word, word)
    return ""


# "two of the counts", "including three counts": a part of the indictment
_PART_BEFORE = re.compile(r"\b(?:including|includes|include|among them|of which)\s+$", re.I)
_OUTCOME = re.compile(
    r"\b(?P<plea>pleaded|pled|pleads?|plea)\b|\b(?P<acquitted>not guilty|acquitt\w*|cleared)\b|"
    r"\b(?P<convicted>guilty|convict\w*)\b|"
    r"\b(?P<charged>charg\w*|fac(?:ed|es|ing|e)|indict\w*|accused|fil(?:ed|es|ing)|brought)\b",
    re.IGNORECASE,
)
LEGAL_OUTCOMES = ("charged", "convicted", "acquitted")


def _legal_count(text: str, slot: QuantitySlot, offset: int) -> None:
    """Type a count of charges by the outcome told before it in its clause: the
    part of "N of M counts" by the verdict, the whole M by the indictment."""
    if slot.dimension != "count":
        return
    start, end = slot.start - offset, slot.end - offset
    noun = _LEGAL_NOUN.match(text[end:])
    if not noun:
        return
    before = re.split(r"[;:]|,\s+(?:and|but|while)\b", text[:start])[-1]
    kind = _count_kind(noun.group("kind") or noun.group("of") or "")
    if _PART_BEFORE.search(before):
        outcome = ""
    elif _TOTAL_AFTER_PART.search(before[-40:]) or _ALL_COUNTS.search(before[-12:]):
        outcome = "charged"  # the whole: "five of the six counts"
    else:
        outcomes = [m.lastgroup for m in _OUTCOME.finditer(before)]
        outcome = "charged" if "plea" in outcomes else (outcomes[-1] if outcomes else "")
    slot.counted, slot.verb, slot.modifiers = (
        ("count", "", [kind] if kind else []) if outcome else ("", "", [])
    )
    slot.state = outcome


# Nouns naming the attack itself, whatever an outlet calls it: how long "the
# shooting lasted" and "a 24-second barrage" measure one thing.
ATTACK = "attack"
# A standoff or a siege that follows is another phase, not the attack.
_ATTACK_WORDS = {
    "attack", "shooting", "rampage", "barrage", "assault", "gunfire", "massacre", "spree",
}  # fmt: skip
_ATTACK_NOUN = re.compile(rf"\b(?:{'|'.join(sorted(_ATTACK_WORDS))})s?\b", re.IGNORECASE)


# What a sum pays in a court's or a kidnapper's terms: "$750 million in restitution",
# "bail of $2 million", "set bail at $1 million", "a $5,000 fine".
# A company's "shortfall" ("an $8 billion hole in its accounts") is one sum too.
MONEY_KINDS = (
    "restitution", "damages", "bail", "bond", "fine", "ransom", "settlement", "stolen", "deal",
    "shortfall", "recovered",
)  # fmt: skip
# Verbs that get a sum back: what was recovered is a sum of its own, not the sum
# taken or paid ("recovered $2.3 million of the $4.4 million ransom").
_RECOVERING = {"recover", "seize", "retrieve", "confiscate", "claw"}
_GOT_BACK = re.compile(
    r"\b(?:(?:clawed|clawing|claws?)\s+back|recover(?:ed|s|ing)?|seiz(?:ed|es|ing)|"
    r"retriev(?:ed|es|ing)|confiscat(?:ed|es|ing))\s+(?:\w+\s+){0,2}$",
    re.I,
)
_PAID_AFTER = re.compile(
    r"^\s+(?:in|as)\s+(?:(?:additional|civil|criminal)\s+)?"
    r"(restitution|damages|reparations?|compensation|bail|fines?|penalty|penalties|ransom)\b",
    re.IGNORECASE,
)
# What victims are paid, however an outlet names it: one sum.
_PAID_SAME = {"fines": "fine", "reparation": "damages", "reparations": "damages",
              "compensation": "damages", "penalty": "fine", "penalties": "fine"}  # fmt: skip
_PAID_BEFORE = re.compile(
    r"\b(restitution|damages|bail|bond|fine|penalty|ransom|settlement)\s+"
    # "bail was set at", "bail was ordered by the judge at"
    r"(?:(?:was|were|is|has been)\s+(?:set|ordered|fixed)\s+(?:by\s+(?:the\s+)?\w+\s+)?)?"
    r"(?:of|at|totall?ing|worth)\s+$",
    re.IGNORECASE,
)
_PAID_NOUN = re.compile(r"^\s*(fine|penalty|bond|ransom|settlement)\b", re.IGNORECASE)
# The sum a theft or fraud took: "embezzling $2.3 million", "$4m stolen from".
_STOLEN_BEFORE = re.compile(
    r"\b(?:embezzl|steal|stole|misappropriat|siphon|defraud|swindl|launder)\w*\s+$", re.I
)
_STOLEN_AFTER = re.compile(r"^\s+(?:in\s+)?(?:stolen|embezzled|misappropriated)\b", re.I)
# The price of a takeover: "agreed to buy Corvo for $4.5 billion", "a $45 billion deal".
_DEAL_BEFORE = re.compile(
    r"\b(?:buy|acquire|purchase|bought|acquired|purchased|sell|sold|take over|took over)\b"
    r"[^.;]{0,50}?\bfor\s+$",
    re.I,
)
# ... and of a contract: "a $65 billion submarine contract", "a nearly $100bn
# (£72.8bn) deal", "a contract worth more than €50 million".
_DEAL_AFTER = re.compile(
    r"^(?:\s*\([^()]{1,20}\))?[\s-]*(?:cash\s+|all-cash\s+|all-stock\s+|[a-z]+\s+)?"
    r"(?:deal|takeover|acquisition|purchase|merger|buyout|bid|contract)\b",
    re.I,
)
_DEAL_WORTH = re.compile(
    r"\b(?:deal|contract|order)\s+(?:worth|valued at)\s+"
    r"(?:(?:more than|over|almost|nearly|about|around|some|up to|at least)\s+)?$",
    re.I,
)


_DEAL_NOUNS = {"deal", "takeover", "acquisition", "purchase", "merger", "buyout", "contract"}
_EACH = re.compile(r"^\s*(?:each|apiece|a piece|per|a head)\b", re.I)


def _what_is_paid(text: str, slot: QuantitySlot, offset: int) -> None:
    if slot.dimension == "money" and slot.counted in _PAID_SAME:
        slot.counted = _PAID_SAME[slot.counted]  # "a $487 million penalty" is a fine
    if slot.dimension == "money" and slot.counted in _DEAL_NOUNS:
        slot.counted = "deal"  # "its $4.5 billion purchase of Corvo"
    if slot.dimension == "money" and slot.counted == "hole":
        slot.counted = "shortfall"  # "an $8 billion hole in the company's accounts"
    if slot.dimension == "money" and slot.counted == "worth":
        slot.counted = ""  # "$2.3 million worth of bitcoin": worth is no thing paid
    if slot.dimension == "money" and (
        slot.verb in _RECOVERING
        or _GOT_BACK.search(text[max(0, slot.start - offset - 40) : slot.start - offset])
    ):
        slot.counted = "recovered"  # "recovered $2.3 million in ransom", "clawed back $2.3m"
        return
    if slot.dimension != "money" or slot.counted:
        return
    start, end = slot.start - offset, slot.end - offset
    found = (
        _PAID_AFTER.match(text[end:])
        or _PAID_BEFORE.search(text[max(0, start - 50) : start])
        or _PAID_NOUN.match(text[end:])
    )
    if found:
        word = found.group(1).lower()
        slot.counted = _PAID_SAME.get(word, word)
    elif _STOLEN_BEFORE.search(text[max(0, start - 30) : start]) or _STOLEN_AFTER.match(
        text[end:]
    ):
        slot.counted = "stolen"
    elif _EACH.match(text[end:]):
        return  # "sold 40 trucks for $2 million each": a price per piece
    elif (
        _DEAL_BEFORE.search(text[max(0, start - 80) : start])
        or _DEAL_AFTER.match(text[end:])
        or _DEAL_WORTH.search(text[max(0, start - 40) : start])
    ):
        slot.counted = "deal"


def _how_long(text: str, slot: QuantitySlot, offset: int) -> None:
    """A duration of the attack: its noun is one of the attack's names ("a
    24-second barrage"), or it says how long something "lasted" and the nearest
    noun before it names the attack ("the rampage, which lasted 30 seconds")."""
    if slot.dimension != "duration":
        return
    if slot.counted in _ATTACK_WORDS:
        slot.counted, slot.verb = ATTACK, ""
        return
    if slot.verb != "last":
        return
    before = text[max(0, slot.start - offset - 60) : slot.start - offset]
    if list(_ATTACK_NOUN.finditer(before)):
        slot.counted, slot.verb = ATTACK, ""


# How many times someone was hit: "shot four times", "striking him four times",
# "hit by four bullets", "five shots, three of which hit him" count one thing
# however they are worded; the shots fired are another count.
HITS = "hit"
_HIT_VERBS = {"shoot", "hit", "strike", "stab", "wound"}
_MISSILES = {"bullet", "round", "shot"}
_OF_WHICH_HIT = re.compile(
    r"^\s*of\s+(?:which|them|those)\s+(?:hit|struck|wounded)\b", re.IGNORECASE
)


# Someone hit, right before "four times": "was shot", "striking him" (not "the
# storm hit the coast four times").
_A_PERSON_HIT = re.compile(
    r"\b(?:(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:shot|hit|struck|stabbed|wounded)|"
    r"(?:shot|shooting|hit|hitting|struck|striking|stabbed|stabbing)\s+(?:him|her|them))\s+$",
    re.IGNORECASE,
)


def _hits(text: str, slot: QuantitySlot, offset: int) -> None:
    if slot.dimension != "count":
        return
    before = text[max(0, slot.start - offset - 60) : slot.start - offset]
    times = (
        slot.counted == "time" and slot.verb in _HIT_VERBS and bool(_A_PERSON_HIT.search(before))
    )
    struck_by = slot.counted in _MISSILES and slot.verb in ("hit", "strike")
    if times or struck_by or _OF_WHICH_HIT.match(text[slot.end - offset :]):
        slot.counted, slot.verb = HITS, ""


# How far things fell: "vehicles fell 45 metres", "plunged as much as 45 meters into
# the river", "from a height of 45m", "to the ground 50 metres below": one drop of one
# structure, told in many words.
DROP = "drop"
_DROP_VERBS = {"fall", "plunge", "drop", "tumble", "plummet", "topple"}
_DROP_BEFORE = re.compile(r"\bfrom\s+(?:a\s+)?height\s+of\s+$", re.IGNORECASE)
_DROP_AFTER = re.compile(r"^\s*(?:\([^)]{0,30}\)\s*)?below\b", re.IGNORECASE)
# levels that fall are no drop of a thing: "the river fell 3 metres"
_LEVEL_BEFORE = re.compile(
    r"\b(?:water|river|level|tide|flood\w*|sea|lake|reservoir|snow|rain\w*)s?\b", re.IGNORECASE
)


def _drop(text: str, slot: QuantitySlot, offset: int) -> None:
    if slot.dimension != "length" or slot.counted:
        return
    before = text[max(0, slot.start - offset - 30) : slot.start - offset]
    after = text[slot.end - offset :]
    if _LEVEL_BEFORE.search(text[max(0, slot.start - offset - 60) : slot.start - offset]):
        return
    if slot.verb in _DROP_VERBS or _DROP_BEFORE.search(before) or _DROP_AFTER.match(after):
        slot.counted, slot.verb = DROP, ""


# How many a place holds, however written: "can hold 42,000 people", "was meant
# to hold", "seats 40,000", "a capacity of 38,000" (and "a 38,000-capacity
# arena", read by the parse): one venue's figure. ("held 30 people" is no capacity.)
_CAPACITY_BEFORE = re.compile(
    r"\b(?:(?:can|could|will|would|to)\s+(?:hold|accommodate|seat)|seats|accommodates|"
    r"capacity\s+of)\s+(?:(?:up\s+to|about|around|some|roughly|nearly|almost|"
    r"more\s+than|over)\s+)?$",
    re.IGNORECASE,
)
CAPACITY = "capacity"


def _capacity(text: str, slot: QuantitySlot, offset: int) -> None:
    before = text[max(0, slot.start - offset - 60) : slot.start - offset]
    if slot.dimension == "count" and _CAPACITY_BEFORE.search(before):
        slot.counted, slot.verb, slot.state = CAPACITY, "", ""


# An earthquake's magnitude: "magnitude 6.3", "a 6.8-magnitude quake", "a
# magnitude of 7", "6.1 on the Richter scale". Its own dimension, so it is
# never compared with a count of quakes or people.
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitudes?(?:[- ]|\s+of\s+)$", re.IGNORECASE)
_MAGNITUDE_AFTER = re.compile(r"^(?:[- ]magnitude\b|\s+on the richter scale\b)", re.IGNORECASE)
# Words that make a magnitude another shock's than the main quake's: before the
# figure ("followed by a second of magnitude 5.5", "the latest quake was a 6.3",
# "two earthquakes measured 6.3") or right after it ("a 4.9 aftershock").
_OTHER_SHOCK_BEFORE = re.compile(
    r"\b(?:aftershocks?|tremors?|followed by|second|third|another|latest|series|one of|"
    r"previous|earlier|(?:two|three|several|twin)\s+(?:\w+\s+)?(?:earth)?quakes)\b",
    re.IGNORECASE,
)
_OTHER_SHOCK_AFTER = re.compile(r"^[\w\s-]{0,20}?\b(?:aftershocks?|tremors?)\b", re.IGNORECASE)
# A quake the main one is measured against: "the strongest since a 6.9-magnitude
# quake struck in 1980", "more powerful than the 6.2 quake of August".
_COMPARED_WITH = re.compile(
    r"\b(?:since|than)\s+(?:a|an|the)\s+(?:magnitude[- ]|magnitude\s+of\s+)?$", re.IGNORECASE
)
# The magnitude of the main quake, and of any other shock (never compared).
MAIN_SHOCK, OTHER_SHOCK = "main shock", "other shock"


def _magnitude(text: str, slot: QuantitySlot, offset: int) -> None:
    """Type an earthquake's magnitude and say whose it is: the main quake's, or
    an aftershock's or another quake's told beside it."""
    if slot.dimension != "count" or slot.approx or slot.value > 10:
        return
    start, end = slot.start - offset, slot.end - offset
    before, after = text[max(0, start - 16) : start], text[end:]
    if not (_MAGNITUDE_BEFORE.search(before) or _MAGNITUDE_AFTER.match(after)):
        return
    slot.dimension, slot.unit, slot.state, slot.verb = "magnitude", "", "", ""
    slot.modifiers = []
    other = (
        _OTHER_SHOCK_BEFORE.search(text[:start])
        or _OTHER_SHOCK_AFTER.match(_MAGNITUDE_AFTER.sub("", after))
        or _COMPARED_WITH.search(text[max(0, start - 30) : start])
    )
    slot.counted = OTHER_SHOCK if other else MAIN_SHOCK


# "72 km (45 miles) southwest of Marrakesh", "40km north-west of the city of Herat"
_DIRECTION = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
# A place named by what it is before its name: "the Egyptian city of Alexandria",
# "Maine's largest city, Portland", "the state's biggest port, Halden": the
# distance is from the place named last, not from the country or the state.
_NAMED_AS = (
    r"(?:(?:[A-Z][\w'’-]+\s+)?(?:city|town|village|port|capital|island)\s+of\s+|"
    r"(?:[A-Z][\w'’-]+|state|country|nation|region|island)['’]s\s+"
    r"(?:(?:second|third)[- ])?(?:largest|biggest|main)\s+(?:city|town|port),\s+)"
)
_BEARING = re.compile(
    rf"^\s*(?:\([^)]*\)\s*)?,?\s*(?P<dir>{_DIRECTION})(?:ern)?\s+of\s+(?:the\s+)?"
    rf"(?:{_NAMED_AS})?(?:[a-z]+\s+){{0,3}}?(?:of\s+)?"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)


# A distance from a named place without a direction: "40 km from Leeds", "300
# miles off the coast of Maine", "12 miles outside Dover".
_FROM_PLACE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:away\s+)?"
    rf"(?:from|off(?:\s+the\s+(?:(?:{_DIRECTION})(?:ern)?\s+)?coast\s+of)?|outside(?:\s+of)?)\s+"
    rf"(?:the\s+)?(?:{_NAMED_AS})?"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)


# A depth: "at a depth of 10 km", "10 km deep", "two miles below the surface".
DEPTH = "depth"
_DEPTH_BEFORE = re.compile(r"\bdepths?\s+of\s+(?:about\s+|around\s+|some\s+)?$", re.IGNORECASE)
_DEPTH_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:deep\b|(?:below|beneath|under)\s+(?:the\s+)?"
    r"(?:surface|sea|water|ocean|waves)\b)",
    re.IGNORECASE,
)


def _bearing(text: str, slot: QuantitySlot, after: int) -> None:
    """A distance from a named place: what it measures is "from <place>", and
    `where` holds the direction ("southwest"), so distances from one place
    compare across sentences and directions can be checked. A depth measures
    the depth."""
    if slot.dimension != "length":
        return
    before = text[: max(0, slot.start - (slot.end - after))]
    if _DEPTH_BEFORE.search(before[-40:]) or _DEPTH_AFTER.match(text[after:]):
        slot.counted = DEPTH
        return
    match = _BEARING.match(text[after:])
    if match is not None:
        slot.counted = "from " + place_name(match.group("place"))
        slot.where = re.sub(r"[- ]", "", match.group("dir").lower())
        return
    match = _FROM_PLACE.match(text[after:])
    if match is not None:  # "900 miles off the coast of Cape Cod": no direction given
        slot.counted = "from " + place_name(match.group("place"))


def place_name(place: str) -> str:
    """ "Bali Island" is Bali: a distance from either is one distance; accents
    off ("Medellín" and "Medellin" are one town, whatever language tells it)."""
    folded = unicodedata.normalize("NFKD", place)
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"\s+islands?$", "", plain.lower())


_NOBODY_BEFORE = re.compile(r"\b(?:no|not)\s+$", re.IGNORECASE)
# A provision of a text named by its number: "section 96", "Article 5", "Rule 14".
_PROVISION = re.compile(
    r"\b(?:section|article|paragraph|clause|chapter|rule|subsection|amendment)\s+$",
    re.IGNORECASE,
)


_KIN_OF = re.compile(
    r"\b(?:great-)?(?:grand)?(?:mother|father|parent|mom|mum|dad)s?\s+of\s+$", re.IGNORECASE
)
# A model named by a number, which one and not how many: "737 MAX 9" (three digits,
# a capitalised variant word, a number) and "737-9". Typed as a model of its maker
# ("boeing"), it is never one figure with a count of planes.
_MODEL_AFTER = re.compile(r"^\s+[A-Z][A-Za-z]*[\s-]\d{1,2}s?\b")
_VARIANT_AFTER = re.compile(r"^-\d")  # "737-9"; "won 4-1" is a score
_MAKER_BEFORE = re.compile(r"\b(?P<maker>[A-Z][A-Za-z]+)\s$")


# The age of a thing, not of a person: "the 143-year-old bridge", "a nearly
# 150-year-old suspension bridge". Typed as an age of that noun, so the bridge's
# age is compared across the story while people's ages are read with their names.
_THING_AGE = re.compile(
    r"^-years?-old\s+(?:[a-z]+[\s-]+){0,2}?(?P<noun>bridge|building|structure|tower|dam|"
    r"ship|vessel|boat|ferry|plane|aircraft|jet|submarine|church|cathedral|temple|mosque|"
    r"synagogue|hotel|factory|plant|reactor|pipeline|tunnel|stadium|market|palace|castle|"
    r"monument|statue|theatre|theater|hall|station|mill|lighthouse|fort|pier|wall)s?\b",
    re.IGNORECASE,
)


def _thing_age(text: str, match, offset: int, noun: str) -> QuantitySlot | None:
    value = _value(match.group("num"))
    if value is None or not 0 < value <= 5000:
        return None
    start = match.start()
    end = text.find("old", match.end()) + len("old")  # "150-year-old"
    approx = APPROX.get(" ".join((match.group("approx") or "").lower().split()), "")
    return QuantitySlot(
        text=text[start:end].strip(), value=value, unit="year", dimension="age",
        base=value, approx=approx, counted=noun, start=offset + start, end=offset + end,
    )  # fmt: skip


def _designation(match, before_text: str, after: str) -> str | None:
    """The maker a model number belongs to ("model" if none is written), or None
    for a figure."""
    num = match.group("num")
    if len(num) != 3 or not num.isdigit() or match.group("approx") or match.group("cur"):
        return None
    if match.group("unit") or match.group("scale"):
        return None
    if not (_MODEL_AFTER.match(after) or _VARIANT_AFTER.match(after)):
        return None
    maker = _MAKER_BEFORE.search(before_text)
    return maker.group("maker").lower() if maker else "model"


def _model(text: str, match, offset: int, family: str) -> QuantitySlot:
    value = float(match.group("num"))
    start, end = match.start("num"), match.end("num")
    return QuantitySlot(
        text=text[start:end], value=value, dimension="model", base=value, counted=family,
        start=offset + start, end=offset + end,
    )  # fmt: skip


_FEW_BEFORE = re.compile(r"\b(?:few|several|many)\s+$", re.IGNORECASE)


def _slot(text: str, match, offset: int) -> QuantitySlot | None:
    num = match.group("num")
    ranged = match.groupdict().get("upper")  # "11 to 16": the range's high end
    last = "upper" if ranged else "num"
    after = text[match.end(last) :]
    before = text[max(0, match.start("num") - 1) : match.start("num")]
    thing = _THING_AGE.match(after)
    if thing is not None and not ranged:
        return _thing_age(text, match, offset, thing.group("noun").lower())
    if _NOT_FIGURE_AFTER.match(after) or before in ("#", "+"):
        return None
    before_text = text[max(0, match.start() - 60) : match.start()]
    if _PROVISION.search(before_text) and not match.group("approx"):
        return None  # "section 96 of the constitution": which provision, not how many
    if _KIN_OF.search(before_text):
        return None  # "a grandmother of nine": her children, no figure of the story
    family = _designation(match, before_text, after)
    if family is not None:
        return _model(text, match, offset, family)
    if num.lower() == "single" and not _ONE_OF_IT.search(before_text):
        return None
    if num.lower() == "dozen" and _FEW_BEFORE.search(before_text):
        return None  # "a few dozen homes": some dozens, no figure
    if num.lower() == "one" and _NOBODY_BEFORE.search(before_text):
        return None  # "no one was injured": nobody, not a count of one
    if _is_day(before_text, text[match.end("num") :], num):
        return None
    if _AGE_BEFORE.search(before_text) or _AGE_AFTER.match(after):
        return _age(text, match, offset)
    value = _value(num)
    upper = _value(ranged) if ranged else None
    if value is None:
        return None
    cur = match.group("cur") or ""
    scale = (match.group("scale") or match.groupdict().get("upper_scale") or "").lower()
    unit_word = (match.group("unit") or "").lower()
    if scale in ("m", "b") and not cur:
        # "5m" without a currency is five metres ("2.3m people" five million); "5b" is
        # not a figure
        if scale == "m" and not unit_word and not _MILLIONS_OF.match(text[match.end() :]):
            unit_word, scale = "m", ""
        elif scale == "b":
            return None
    if unit_word == "m" and cur:
        unit_word, scale = "", "m"
    value *= SCALES.get(scale, 1.0)
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        return None
    unit, dimension, factor = "", "count", 1.0
    currency = CURRENCIES.get(cur.lower().rstrip(".")) if cur else None
    curword = (match.group("curword") or "").lower()
    if currency is None and curword:
        land = (match.group("curland") or "").lower()
        currency = _DOLLAR_LANDS.get(land) or _CURRENCY_WORDS.get(curword)
    if currency:
        unit, dimension = currency, "money"
        if unit_word:  # "$5 million a year" never reaches here; "$5 km" is nonsense
            return None
    elif unit_word:
        key = unit_word if unit_word in UNITS else unit_word[:-1]
        if key.endswith("e") and key not in UNITS:
            key = key[:-1]
        if unit_word == "inches":
            key = "inch"
        if key not in UNITS:
            return None
        unit, dimension, factor = UNITS[key]
    if dimension == "count" and _looks_like_year(num, value) and not match.group("approx"):
        return None  # "in 1600"; "over 1600 people" is a count
    if dimension == "duration" and _AGO.match(text[match.end() :]):
        return None  # "a year and a half ago": a time, not how long something took
    if match.group("half"):  # "an hour and a half"
        value += FRACTION_WORDS[" ".join(match.group("half").lower().split()[1:])]
    approx = APPROX.get(" ".join((match.group("approx") or "").lower().split()), "")
    start = match.start()  # with the approximation: "at least 41"
    slot = QuantitySlot(
        text=text[start : match.end()].strip(),
        value=value,
        unit=unit,
        dimension=dimension,
        base=value * factor,
        approx=approx,
        start=offset + start,
        end=offset + match.end(),
    )
    if upper is not None:
        slot.upper = upper * SCALES.get(scale, 1.0) * factor
    return slot


# What "2.3m" counts in millions rather than measures in metres.
_MILLIONS_OF = re.compile(
    r"^\s*(?:people|persons|residents|homes|households|customers|users|viewers|voters|"
    r"visitors|passengers|children|jobs|doses|votes|cases|subscribers|followers|tourists|"
    r"workers|employees|refugees|migrants|shares|copies|units|vehicles|cars|tickets|"
    r"barrels|tonnes|tons|acres|hectares)\b",
    re.IGNORECASE,
)


def _is_day(before: str, after: str, num: str) -> bool:
    """A day of a month: "July 7", "7 July"."""
    if not num.isdigit() or len(num) > 2:
        return False
    return bool(_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after))


def _age(text: str, match, offset: int) -> QuantitySlot | None:
    value = _value(match.group("num"))
    if value is None or not 0 <= value <= 150:
        return None
    ranged = match.groupdict().get("upper")
    upper = _value(ranged) if ranged else None
    if upper is not None and not value < upper <= 150:
        return None
    # "aged between 11 and 15": the whole range as written
    start = match.start("between") if match.groupdict().get("between") else match.start("num")
    slot = QuantitySlot(
        text=text[start : match.end()].strip(),
        value=value,
        unit="year",
        dimension="age",
        base=value,
        start=offset + start,
        end=offset + match.end(),
    )
    slot.upper = upper
    return slot


def _value(num: str) -> float | None:
    word = num.strip().lower()
    if re.search(r"[x×*^]|e[+-]?\d", word) and re.search(r"\d", word):
        # scientific notation in news copy: "10^400" is never a real count
        power = re.search(r"(?:\^|e)\s?([+-]?\d+)$", word)
        if power and abs(int(power.group(1))) > 15:
            return None
        try:
            return float(word.replace(" ", "").replace("^", "e").replace("×10e", "e"))
        except ValueError:
            return None
    return _plain_value(" ".join(word.split()))


def fraction_value(text: str) -> float | None:
    """The value of a FRACTION match: "2 1/2", "2½", "two and a half" -> 2.5."""
    return _plain_value(" ".join(text.lower().split()))


def _plain_value(word: str) -> float | None:
    """ "2,500", "twenty five", and fractions: "2 1/2", "2-1/2", "2½", "two and
    a half", "half a", and "a"/"an" (one) of "an hour and 45 minutes"."""
    if word in ("a", "an"):
        return 1.0
    if re.fullmatch(r"half an?", word):
        return 0.5
    whole, _, part = word.partition(" and ")
    if part and part.replace("-", " ") in FRACTION_WORDS:
        return _add(_plain_value(whole), FRACTION_WORDS[part.replace("-", " ")])
    mixed = re.fullmatch(r"(\d+)[ -](\d+)/(\d+)", word)
    if mixed:
        numerator, denominator = int(mixed.group(2)), int(mixed.group(3))
        if not 0 < numerator < denominator:
            return None
        return int(mixed.group(1)) + numerator / denominator
    if re.fullmatch(r"\d{1,3}(?: \d{3})+", word):
        return float(word.replace(" ", ""))  # "42 000"
    if word and word[-1] in VULGAR_FRACTIONS:
        return _add(float(word[:-1] or 0), VULGAR_FRACTIONS[word[-1]])
    value = parse_number(word)
    if value is None and " " in word:
        value = parse_number(word.replace(" ", "-"))
    return value


def _add(whole: float | None, part: float | None) -> float | None:
    return None if whole is None or part is None else whole + part


def _looks_like_year(num: str, value: float) -> bool:
    return num.isdigit() and len(num) == 4 and 1000 <= value <= 2200


def _restates(text: str, first: QuantitySlot, second: QuantitySlot, offset: int) -> bool:
    if first.dimension != second.dimension or first.dimension == "count":
        return False
    if first.dimension != "money" and first.unit == second.unit:
        return False
    between = text[first.end - offset : second.start - offset]
    return bool(_RESTATE.match(between))


# "70 years and 214 days", "63 years, 7 months, 2 days": one duration in parts.
_PARTS_BETWEEN = re.compile(r"^\s*(?:,|,?\s+and)?\s*$")
# The first part alone is kept as a restatement when it is this close to the
# whole: "a 70-year reign" for 70 years and 214 days, never "one hour" for 1 h 45.
_FIRST_PART_CLOSE = 0.1


def _continues(text: str, first: QuantitySlot, second: QuantitySlot, offset: int) -> bool:
    if first.dimension != "duration" or second.dimension != "duration":
        return False
    if first.upper is not None or second.upper is not None:
        return False  # "two to three hours, 30 minutes" is no sum
    if UNITS[second.unit][2] >= UNITS[first.unit][2]:
        return False  # "two weeks and three weeks" are two durations
    return bool(_PARTS_BETWEEN.match(text[first.end - offset : second.start - offset]))


def _join(text: str, first: QuantitySlot, second: QuantitySlot, offset: int) -> None:
    """One duration told in parts: the parts added up ("an hour and 45
    minutes", "2 hours 30 minutes"); the first part alone is kept as a
    restatement when it is close to the whole, since an outlet rounding to "a
    70-year reign" states the same span."""
    whole = first.base + second.base
    if not first.alternatives and first.base >= whole * (1 - _FIRST_PART_CLOSE):
        first.alternatives.append(first.base)
    first.base = whole
    first.end = second.end
    first.text = text[first.start - offset : first.end - offset]
    if second.counted not in UNITS:  # "7 months" read as counting years
        first.counted = first.counted or second.counted
    first.verb = first.verb or second.verb


# --- what is counted, from the parse ----------------------------------------------

# A group told as a part of another: "two boys among the first batch", "the
# oldest of the pupils", "the first four freed".
_PART_PREPS = {"among", "of"}
_PART_MODS = {"first", "last", "remaining", "other", "some", "several", "youngest", "oldest"}


def _age_group(slot: QuantitySlot, span, offset: int) -> None:
    """The group an age range describes: the last noun before it ("the boys,
    aged 11-16" -> "boy"; "the boys, who were aged 11 to 16" too). A group told
    as a part of another ("two boys among the first batch, aged between 14 and
    16") is left unnamed, so it is compared with no other range."""
    doc_offset = offset - span.start_char
    before = [t for t in span if doc_offset + t.idx < slot.start][-_GROUP_WINDOW:]
    noun = next((t for t in reversed(before) if t.pos_ in ("NOUN", "PROPN")), None)
    if noun is None or any(t.text in (";", ":") for t in before if t.i > noun.i):
        return
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _PART_PREPS:
            return
        if child.dep_ in ("amod", "nummod") and child.lower_ in _PART_MODS:
            return
    if noun.head.lower_ in _PART_PREPS and noun.head.head.pos_ == "NUM":
        return  # "two of the boys"
    lemma = _lemma(noun)
    slot.counted = "people" if lemma in PEOPLE else lemma


# How far back the noun an age range describes may stand, in tokens.
_GROUP_WINDOW = 8


# "Five of the injured were in critical condition", "three workers remain
# hospitalised in serious condition": how many are that ill, a tally of its own
# (a part of the injured, which moves like them). No comma nor figure between:
# "17 people, five of whom were in critical condition" says it of the five.
_CONDITION_AFTER = re.compile(
    r"^[A-Za-z\s'\u2019-]{0,40}?\b(?:was|were|is|are|remain(?:s|ed)?|still)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:in\s+(?:a\s+)?(?P<condition>critical|serious|grave)\s+condition\b|"
    # "seven people are still critical in hospital" ("critical of" is no condition)
    r"(?P<bare>critical)\b(?!\s+(?:of|to|for|that|about)\b))",
    re.IGNORECASE,
)
CONDITION_STATES = {"critical": "critical", "grave": "critical", "serious": "serious"}
# "suffered injuries", "sustained wounds": hurt, told by what they suffered
_SUFFERED = {"suffer", "sustain", "receive"}
_HARMS = {"injury", "wound", "burn"}
_HOW_BADLY = {"serious", "critical", "severe", "grave", "minor", "slight", "life-threatening"}


def _in_condition(slot: QuantitySlot, after: str) -> bool:
    match = _CONDITION_AFTER.match(after)
    if match is None:
        return False
    slot.counted = "people"
    slot.state = CONDITION_STATES[(match.group("condition") or match.group("bare")).lower()]
    return True


def _of_them(slot: QuantitySlot, number) -> bool:
    """ "twelve tourists, two of them Americans": the noun after "of them" is
    what the part counts (a tally of Americans), not a part of the dead."""
    doc = number.doc
    words = doc[number.i + 1 : number.i + 4]
    if len(words) < 3 or words[0].lower_ != "of" or words[1].lower_ not in ("them", "whom"):
        return False
    noun = words[2]
    if noun.pos_ not in ("NOUN", "PROPN") or not noun.text[:1].isalpha():
        return False
    lemma = _lemma(noun)
    slot.counted = "people" if lemma in PEOPLE else lemma
    return True


_ATTEMPTS = {"attempt", "try", "seek", "plot", "threaten"}


def _tried(word) -> bool:
    """ "tried to kill", "the attempted murder": a harm that did not happen to
    those counted ("plans to shed 1,200 jobs" still tells the jobs cut)."""
    if word.lemma_.lower() not in _STATE_OF:
        return False
    if word.dep_ == "xcomp" and word.head.lemma_.lower() in _ATTEMPTS:
        return True
    return any(
        c.dep_ in ("amod", "compound") and c.lemma_.lower() in _ATTEMPTS for c in word.children
    )


def _none_of(verb) -> str:
    """ "10 counties reported no deaths": the count is of those that had none,
    a figure of its own ("reported no deaths"), whatever else is counted."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or not any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children):
        return ""
    return f" no {obj.lemma_.lower()}"


def _done_to(verb) -> bool:
    """A participle or passive clause on a noun: "people injured", "who were trapped"."""
    if verb.dep_ == "acl":
        return verb.tag_ == "VBN"
    return any(c.dep_ == "auxpass" for c in verb.children)


_ACTORS = ("GPE", "PERSON", "ORG", "NORP")


def _actor(verb) -> str:
    """Who did what the figure counts: the named subject of its verb ("Britain is
    expelling 23 diplomats", "Germany expelled four"), "" when none is named."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ not in _ACTORS:
        return ""
    return subject.lower_


def _read_parse(slot: QuantitySlot, span, offset: int) -> None:
    doc_offset = offset - span.start_char  # offset of the paragraph doc in the article
    tokens = [t for t in span if slot.start <= doc_offset + t.idx < slot.end and t.like_num]
    if not tokens:
        tokens = [t for t in span if slot.start <= doc_offset + t.idx < slot.end]
    if not tokens:
        return
    number = tokens[-1]
    inside = {t.i for t in span if slot.start <= doc_offset + t.idx < slot.end}
    if slot.upper is not None:
        # a range: the number whose head is outside it ("40 and 50 houses": 40)
        number = next((t for t in tokens if t.head.i not in inside), number)
    elif number.head.i in inside and slot.dimension == "count":
        # "two hundred and fifty people": "fifty" hangs on "hundred", which counts;
        # "2.3m people": "2.3" on the "m" the tokenizer split off
        slot_tokens = [t for t in span if t.i in inside]
        number = next((t for t in reversed(slot_tokens) if t.head.i not in inside), number)
    at = slot.start - doc_offset - span.start_char
    if _VAGUE.fullmatch(slot.text):
        noun, verb = _vague_head(number)
        _describe(slot, span, number, noun, verb, at, whole=False)
        return
    if _counts_a_kind(slot, number, span, doc_offset):
        return
    if slot.dimension == "count" and _in_condition(slot, span.text[slot.end - slot.start + at :]):
        return
    if _of_them(slot, number):
        return
    if _nationals_among(slot, number):
        return  # "14 of the victims were British": a count of nationals
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in number.children):
        if number.dep_ in ("nsubj", "nsubjpass") and _lemma(number.head) == "identify":
            # "only 13 of those bodies have been identified": the victims named
            # so far, a figure of its own (claims.analysis.figures)
            slot.counted, slot.verb = "people", "identify"
        else:
            _part_hurt(slot, number)  # "two of the crew suffered minor injuries"
        return  # "three of the dead", "38 of the 67 passengers": a part, not a tally
    if _PART_OF_NUMBER.match(span.text[slot.end - slot.start + at :]):
        return  # "270 of 300 people" however the parser attaches the "of"
    whole = bool(_TOTAL_AFTER_PART.search(span.text[max(0, at - 30) : at]))
    noun, verb = _head_noun(number, slot)
    _describe(slot, span, number, noun, verb, at, whole)


def _describe(slot: QuantitySlot, span, number, noun, verb, at: int, whole: bool) -> None:
    """What a figure counts, what happened to them and where, from the noun it
    counts and the verb it hangs on."""
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "among":
        # "Among the six crew members, the pilot and co-pilot died": the group
        # some of whom died, not the dead
        verb = None if verb is not None and noun.head.head == verb else verb
    mods: list[str] = []
    states: list[str] = []
    where = ""
    listed = ""
    if noun is not None:
        noun = _measured(noun)
        noun, listed = _listed_nationality(noun)
        lemma = _SAME_KIND.get(_lemma(noun), _lemma(noun))
        if lemma == "member":
            lemma = _member_of(noun)
        slot.counted = "people" if lemma in PEOPLE else lemma
        if lemma in _FOREIGNERS:  # "19 foreigners" count the "foreign nationals"
            slot.counted = "national"
            mods.append("foreign")
        if noun.lower_ in DEMONYMS:  # "12 Britons" count the "British nationals"
            slot.counted = "national"
            mods.append(DEMONYMS[noun.lower_])
        for child in noun.children:
            where = where or _place_of(child)
            word = child.lemma_.lower()
            if child.dep_ in ("amod", "compound", "nmod"):
                if word in _RESCUE_WORDS and lemma in _TEAMS:
                    # "16 relief teams", "20 emergency response teams", "65 rescue
                    # teams" sent, searching or deployed: one count of teams
                    slot.counted = RESCUE_TEAM
                elif word == "rescue" and lemma in _RESCUE_CREWS:
                    # "130 rescue workers", "40 rescue boats" rescue others
                    if lemma in _RESCUERS:
                        slot.counted = "rescue worker"
                    else:
                        mods.append(word)
                elif word in _STATE_OF:
                    states.append(_STATE_OF[word])
                elif child.ent_type_ == "NORP" or word in _KIND_MODS:
                    mods.append(word)
                elif word in COUNTRY_ADJECTIVES:  # "two US citizens": American nationals
                    mods.append(COUNTRY_ADJECTIVES[word])
                elif word == "other" and child.i > number.i:
                    mods.append(word)  # "4,000 other buildings"; not "the other 29 survivors"
            elif child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                if _done_to(child) and word in _STATE_OF:
                    # "26 people injured in the blast", "the 12 miners who were trapped";
                    # "the 58 soldiers who were killed and wounded": casualties
                    states.append(_STATE_OF[word])
                    states += _shared_states(child)
                verb = verb or child
        if listed:  # "10 Swedish, ... and three British nationals": the Swedish ones
            own = {c.lemma_.lower() for c in noun.children if c.ent_type_ == "NORP"}
            mods = [m for m in mods if m not in own] + [listed]
        owner = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
        if owner is not None and owner.pos_ == "NOUN" and owner.lemma_.lower() in _STATE_OF:
            if _tried(owner):  # "the attempted murder of 68 people": none of them died
                slot.verb = f"attempt {owner.lemma_.lower()}"
            else:
                states.append(_STATE_OF[owner.lemma_.lower()])  # "the evacuation of 250,000"
        if _lives_taken(noun, verb):
            states.append("dead")  # "claimed 179 lives", "the lives of 179 passengers"
            verb = verb or noun.head.head.head
        if lemma in _STATE_OF:
            states.append(_STATE_OF[lemma])
            slot.counted = "people"  # "29 survivors", "38 fatalities"
        if lemma in _TALLY:
            states += _tally_states(noun)
            slot.counted = "people" if states or lemma in ("toll", "death", "fatality") else lemma
    # "97 dead", "12 injured": the number heads an adjective
    for child in number.children:
        word = child.lemma_.lower()
        if child.dep_ in ("amod", "acomp") and word in _STATE_OF:
            states.append(_STATE_OF[word])
            slot.counted = slot.counted or "people"
    nxt = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    if (
        nxt is not None
        and nxt.lower_ in _STATE_OF
        and nxt.pos_ in ("ADJ", "VERB", "NOUN")
        and not (nxt.lower_ == "rescue" and _lemma(nxt.head) in _RESCUE_CREWS)
    ):
        states.append(_STATE_OF[nxt.lower_])
        slot.counted = slot.counted or "people"
    if verb is not None and whole and verb.head is not noun:
        # the whole a part is taken from: what happened to the part ("270 of
        # 300 missing were found alive") did not happen to all of them; the
        # whole's own clause ("300 people reported missing") still describes it
        slot.verb = verb.lemma_.lower()
    elif verb is not None and _tried(verb):
        slot.verb = f"attempt {verb.lemma_.lower()}"  # "tried to kill 50 people": none died
    elif verb is not None and not _negated(verb):
        word = verb.lemma_.lower()
        slot.verb = word + _none_of(verb)
        slot.actor = _actor(verb)
        if word in _STATE_OF:
            states.append(_STATE_OF[word])
        for child in verb.children:
            where = where or _place_of(child)
            if child.dep_ == "prep" and child.lower_ in ("to", "into"):
                # "shot to death", "beaten to death"; "taken to hospital"
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() == "death":
                    states.append("dead")
                if obj is not None and obj.lemma_.lower() in _HOSPITALS and word in _SENT:
                    states.append(HOSPITALISED)
            if child.dep_ in ("acomp", "oprd") and child.lemma_.lower() in _STATE_OF:
                states.append(_STATE_OF[child.lemma_.lower()])
            if word in _SUFFERED and child.dep_ == "dobj" and child.lemma_.lower() in _HARMS:
                # "20 people suffered injuries": injured; "four suffered serious
                # injuries" are some of them, kept apart by how badly
                states.append("injured")
                mods += [a.lower_ for a in child.children if a.lower_ in _HOW_BADLY]
            if child.dep_ == "prep" and child.lower_ == "among" and word == "be":
                # "two officers were among the injured", "among 20 tourists killed":
                # the group they belong to
                for group in (g for g in child.children if g.dep_ == "pobj"):
                    states += [
                        _STATE_OF[w.lemma_.lower()]
                        for w in (group, *(a for a in group.children if a.dep_ == "acl"))
                        if w.lemma_.lower() in _STATE_OF
                    ]
            if child.dep_ == "xcomp" and word in _MADE_TO and child.lemma_.lower() in _STATE_OF:
                # "forced 260,000 people to evacuate": what they were made to do
                states.append(_STATE_OF[child.lemma_.lower()])
        states += _shared_states(verb)
    if not states and slot.dimension == "count" and not slot.verb:
        # "Among the dead were 85 Canadians and four Britons": every count the
        # opening group lists is of that group ("53 people travelling on" keep
        # their own clause: a part told by what they did)
        group = _AMONG_GROUP.match(span.text)
        if group is not None and at > group.end():
            states.append(_STATE_OF[group.group("group").lower()])
    slot.state = _one_state(states)
    if slot.counted == RESCUE_TEAM and slot.verb not in _TEAMS_FOUND:
        slot.verb = ""  # sent, deployed, searching or at work: one count of teams
    if slot.dimension == "count" and not slot.state and _attending(slot, noun, verb):
        slot.counted, slot.verb = "attendee", ""  # "200,000 attended", "a crowd at the rally"
        verb = None
    if slot.dimension == "count" and slot.counted in _PERCENT_WORDS:
        slot.counted = ""  # "1,204,117 (52.8%)": the share restates the count
    if slot.dimension == "count" and _population(noun if noun is not None else number):
        slot.counted, slot.state, slot.verb = "inhabitant", "", ""  # "a city of 89,000"
    if not slot.counted and not slot.state and slot.dimension == "count":
        slot.counted = _noun_after(number)
    if slot.state and not slot.counted and slot.dimension == "count":
        slot.counted = "people"  # "97 were killed", "the storm injured 12"
    if slot.state and slot.counted == "attendee":
        slot.counted = "people"  # "4,900 fans were injured": the crowd's toll is the toll
    if slot.state == HOSPITALISED:
        slot.verb = ""  # "taken" or "rushed" to hospital: one tally however told
    if (
        not where
        and slot.state != HOSPITALISED
        and (slot.verb in _CARRY or _craft_had(verb))
        and slot.counted in _ABOARD
    ):
        # "a plane carrying 175 passengers" counts who was on board
        where, slot.verb = "board", ""
    slot.where = where
    mods += _votes_for(slot, number, noun, verb)
    mods += _holder(slot, verb)
    slot.modifiers = sorted(set(mods))
    if slot.dimension == "length" and not slot.counted and verb is not None:
        if verb.lemma_.lower() in _REACHED:
            slot.counted = _subject_of(verb)  # "the storm surge reached 12 feet"
        elif verb.lemma_.lower() in _STANDS and _sized(verb):
            slot.counted = _subject_of(verb)  # "the spire, which stood 96 metres tall"
    if slot.dimension == "percent" and slot.counted in ("", *_PERCENT_WORDS):
        slot.counted = _percent_of(number)  # "a turnout of 72%", "turnout at 71.8%"
    if slot.dimension == "duration" and not slot.counted:
        _what_lasted(slot, number)  # "the meeting lasted for nearly three hours"
    if slot.dimension == "duration" and not slot.counted and not slot.verb:
        _for_how_long(slot, number)  # "struggled with him for about 40 seconds"
    if slot.dimension == "percent" and slot.verb == "contain":
        slot.counted = "containment"  # "52 percent contained": a fire's, which moves
    if slot.dimension == "percent" and not slot.counted:
        # "Turnout was 61%": the unit heads the number, the copula heads the unit
        head = verb if verb is not None else number.head.head
        if head.pos_ in ("VERB", "AUX"):
            slot.counted = _subject_of(head)
    if slot.dimension == "percent" and slot.counted in ("", *_PERCENT_WORDS, "vote", "voting"):
        # "48 per cent voted to remain": the share of one side of a vote
        share = _vote_share(number)
        slot.counted = share or ("vote" if slot.counted == "vote" else "")


# "per cent" parses as a noun, which is no answer to what a percentage is of.
_PERCENT_WORDS = {"%", "cent", "percent", "pc"}
# Verbs that give a side its share of a vote: "Remain has 48 per cent of the vote".
_TAKES_SHARE = {"have", "win", "get", "take", "receive", "secure", "poll", "garner"}
# One choice written two ways: "voted to stay" / "voted to remain".
_SAME_CHOICE = {"stay": "remain"}


def _percent_of(number) -> str:
    """The noun a percentage is the measure of: "a turnout of 72.2 per cent",
    "turnout at 71.8%", "a rise of 5%"."""
    unit = number.head if number.head.lower_ in _PERCENT_WORDS else number
    prep = unit.head
    if unit.dep_ != "pobj" or prep.lower_ not in ("of", "at"):
        return ""
    noun = prep.head
    if noun.pos_ != "NOUN" and prep.i and prep.lower_ == "at":
        noun = prep.doc[prep.i - 1]  # "with turnout at 71.8%", "at" hung on the verb
    return noun.lemma_.lower() if noun.pos_ == "NOUN" and noun.lower_ not in _PERCENT_WORDS else ""


def _vote_share(number) -> str:
    """ "vote remain" for the share of a vote that went one way: "48 per cent
    voted to remain", "16,141,241 (48.1%) who voted to remain", "Remain has 48.1
    per cent of the vote"; "" when the percentage is not a vote's share."""
    unit = number.head if number.head.lower_ in _PERCENT_WORDS else number
    voting = next((c for c in unit.children if c.dep_ in ("acl", "relcl")), None)
    if voting is not None and voting.lemma_.lower() == "vote":
        return _choice(voting)  # "52% voting to leave"
    verb = unit.head
    if unit.dep_ == "compound" and verb.lower_ == "voting":
        return _choice(verb)  # "52% voting to leave", "voting" read as a noun
    if unit.dep_ == "appos":  # "16,141,241 (48.1%) who voted"
        verb = next((c for c in unit.head.children if c.dep_ == "relcl"), unit.head)
    if unit.dep_ in ("nsubj", "appos") and verb.lemma_.lower() == "vote":
        return _choice(verb)
    of_vote = any(
        c.lower_ == "of" and any(g.lemma_.lower() == "vote" for g in c.children)
        for c in unit.children
    )
    if unit.dep_ == "dobj" and of_vote and verb.lemma_.lower() in _TAKES_SHARE:
        side = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if side is not None and (side.pos_ in ("PROPN", "NOUN") or side.is_title):
            named = [c for c in side.children if c.dep_ == "compound"] or [side]
            return f"vote {_SAME_CHOICE.get(named[0].lower_, named[0].lower_)}"
    return ""


# A gathering's size: who came, whatever the verb ("attended", "gathered",
# "were present at", "turned up") or the noun ("devotees", "spectators").
_ATTEND_VERBS = {"attend", "gather", "assemble", "throng", "congregate", "flock", "converge"}
_ATTENDEES = {"devotee", "pilgrim", "worshipper", "follower", "attendee"}
_GATHERINGS = {
    "rally", "gathering", "event", "function", "ceremony", "concert", "service", "meeting",
    "festival", "match", "game", "protest", "march", "vigil", "funeral", "congregation",
    "prayer", "sermon", "fair", "parade",
}  # fmt: skip


def _negated(verb) -> bool:
    """ "the 22 crew members were not hurt": the verb's state is not theirs."""
    return any(c.dep_ == "neg" for c in verb.children)


def _attending(slot: QuantitySlot, noun, verb) -> bool:
    if slot.counted not in PEOPLE | _ATTENDEES:
        return False
    if verb is not None:
        word = verb.lemma_.lower()
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        present = any(c.lower_ == "present" for c in verb.children if c.dep_ == "acomp")
        if word in _ATTEND_VERBS or (word == "turn" and particles & {"up", "out"}) or present:
            return True
    at = [c for c in (noun.children if noun is not None else ()) if c.lower_ == "at"]
    if any(g.lemma_.lower() in _GATHERINGS for p in at for g in p.children):
        return True
    # "a crowd of about 200 people": the crowd is the attendance
    return (
        noun is not None
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in _CROWDS
    )


_CROWDS = {"crowd", "audience", "throng", "turnout", "attendance"}


def _listed_nationality(noun):
    """ "10 Swedish, four Afghan, three German and three British nationals killed":
    each number before a nationality adjective counts the nouns the list ends
    with. Returns (that noun, the adjective), or (noun, "") when no such list."""
    if noun.ent_type_ != "NORP" or noun.lower_ in DEMONYMS or noun.pos_ == "VERB":
        return noun, ""
    seen, todo = set(), [noun]
    while todo:
        t = todo.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        for c in t.children:
            if c.dep_ not in ("conj", "appos"):
                continue
            if c.pos_ == "NOUN" and c.ent_type_ != "NORP":
                if any(g.dep_ == "amod" and g.ent_type_ == "NORP" for g in c.children):
                    return c, noun.lemma_.lower()
            else:
                todo.append(c)
    return noun, ""


# A body of people "of N" counts its members: "a crew of 21", "a staff of 300".
_BODIES = {"crew", "staff", "workforce", "contingent", "delegation", "garrison"}


# Places whose size "of N" is how many live there.
_SETTLEMENTS = {"city", "town", "village", "island", "country", "nation", "state", "community"}


def _population(token) -> bool:
    """ "a city of some 89,000", "the town of 5,000 people", "a population of
    380,000", "Palu, home to 350,000": who lives there."""
    of = token.head
    if not (token.like_num or token.lemma_.lower() in (*PEOPLE, "inhabitant", "resident")):
        return False
    if token.dep_ != "pobj":
        return False
    if of.lower_ == "of":
        return of.head.lemma_.lower() in (*_SETTLEMENTS, "population")
    # ", home to 350,000" said of a place; not "returned home to 12 children"
    home = of.head
    return (
        of.lower_ == "to"
        and home.lower_ == "home"
        and home.i > 0
        and home.doc[home.i - 1].text == ","
    )


def _votes_for(slot: QuantitySlot, number, noun, verb) -> list[str]:
    """Votes cast one way counted ("16,141,241 votes to Remain", "17,410,742
    voted to leave"): the count becomes of votes, the choice its modifier."""
    if slot.dimension != "count":
        return []
    if noun is not None and noun.lemma_.lower() == "vote":
        # read from the words: the parser takes "votes to Remain" for a clause
        doc = noun.doc
        words = [t for t in doc[noun.i + 1 : noun.i + 4] if t.lower_ not in ("the", "a")]
        # "8.1 million votes to Okafor's 6.2 million": compared with his, not for him
        chosen = len(words) >= 2 and words[0].lower_ in ("to", "for") and words[1].is_alpha
        if chosen and not _possessed(words[1]):
            slot.verb = ""  # the votes' choice says what they are, whatever the verb
            choice = _last_of_name(words[1])
            return [_SAME_CHOICE.get(choice.lower_, choice.lower_)]
        winner = _candidate(verb)
        if winner:
            slot.verb = ""  # "Okafor won with 8.1 million votes": the votes for Okafor
            return [winner]
        return []
    # "16,141,242 (48.1%) who voted to remain": the figure's own clause first
    heads = [t for t in (noun, number) if t is not None]
    own = (c for t in heads for c in t.children if c.dep_ == "relcl" and c.lemma_ == "vote")
    verb = next(own, verb if verb is not None and verb.lemma_.lower() == "vote" else None)
    if not slot.counted and verb is not None:
        choice = _choice(verb).removeprefix("vote ")
        if choice:
            slot.counted, slot.verb = "vote", ""
            return [choice]
    return []


# Verbs whose named subject is the candidate the votes went to.
_WON_VOTES = {"win", "receive", "get", "garner", "secure", "obtain", "take", "gain", "poll"}


_NOT_CANDIDATES = {"GPE", "LOC", "FAC", "DATE", "TIME", "NORP"}


def _candidate(verb) -> str:
    """The candidate who won or received the votes a figure counts ("Okafor won
    the run-off with 8.1 million votes"): the named subject's last word, "" if none."""
    if verb is None or verb.lemma_.lower() not in _WON_VOTES:
        return ""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    # the small tagger takes a rare name for an adjective: its capital says it is one
    if subject is None or not subject.is_title or subject.pos_ in ("PRON", "DET"):
        return ""
    if subject.ent_type_ in _NOT_CANDIDATES:
        return ""
    return subject.lower_


def _possessed(token) -> bool:
    """ "Okafor's" in "to Okafor's 13.5 million": the name owns what follows."""
    end = _last_of_name(token).i
    doc = token.doc
    return end + 1 < len(doc) and doc[end + 1].lower_ in ("'s", "’s")


def _last_of_name(token):
    """ "Masoud" in "for Masoud Okafor": the family name the run of names ends in."""
    doc = token.doc
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
        end += 1
    return doc[end] if token.pos_ == "PROPN" else token


def _choice(vote) -> str:
    """What a vote went for: "voted to remain", "voted for Leave"."""
    for child in vote.children:
        if child.dep_ in ("xcomp", "acl") and child.pos_ == "VERB":
            word = child.lemma_.lower()
            return f"vote {_SAME_CHOICE.get(word, word)}"
    for child in vote.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "against"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.is_alpha and not obj.like_num:
                word = obj.lower_
                return f"vote {'' if child.lower_ == 'for' else 'against '}{word}"
    return ""


# Verbs that say how long their subject went on.
_LASTED = {"last", "run", "continue", "take", "go"}


def _part_hurt(slot: QuantitySlot, number) -> None:
    """ "Two of the crew suffered minor injuries", "38 of the passengers died": how
    many of a group (not itself a tally: "three of the dead") came to harm, a
    count of that group in that state."""
    if number.dep_ not in ("nsubj", "nsubjpass") or _negated(number.head):
        return
    of = next(c for c in number.children if c.dep_ == "prep" and c.lower_ == "of")
    group = next((g for g in of.children if g.dep_ == "pobj"), None)
    if group is None or _lemma(group) in _STATE_OF or _lemma(group) in _TALLY:
        return
    verb = number.head
    words = [verb.lemma_.lower()] + [
        c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "acomp", "attr")
    ]
    states = [
        _STATE_OF[w] for w in words if w in _STATE_OF and _STATE_OF[w] in ("dead", "injured")
    ]
    if len(set(states)) != 1:
        return
    lemma = _SAME_KIND.get(_lemma(group), _lemma(group))
    slot.counted = "people" if lemma in PEOPLE else lemma
    slot.state, slot.verb = states[0], ""


def _what_lasted(slot: QuantitySlot, number) -> None:
    """A duration's thing is the subject of the verb it measures, however far up
    the parse ("lasted for nearly three hours", "which lasted 30 seconds")."""
    verb = number.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.lemma_.lower() not in _LASTED:
        return
    slot.verb = slot.verb or verb.lemma_.lower()
    slot.counted = _subject_of(verb)
    if not slot.counted and verb.dep_ == "conj":
        slot.counted = _subject_of(verb.head)  # "the meeting took place … and lasted"


# Verbs whose "for <time>" runs on while the story is told ("has been missing
# for three days", "searched for 10 hours"): it grows, so reports of two days differ.
_OPEN_ENDED = {
    "be", "have", "remain", "stay", "wait", "search", "look", "continue", "keep", "hold",
    "trap", "strand", "miss",
}  # fmt: skip


def _for_how_long(slot: QuantitySlot, number) -> None:
    """How long one act took, told as "<verb> ... for <time>" ("struggled with
    the gunman for about 40 seconds", "had worked there for seven years"): the
    act's verb says what the duration measures (claims.analysis.figures keys a
    duration by its noun or its verb), so two outlets' times of one act compare
    wherever they are told."""
    unit = number.head
    if unit.dep_ != "pobj" or unit.head.lower_ != "for":
        return
    verb = unit.head.head
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBG", "VBN"):
        return
    lemma = verb.lemma_.lower()
    if lemma not in _OPEN_ENDED and not _negated(verb):
        slot.verb = slot.verb or lemma


# Verbs whose object is how far or high their subject went.
_REACHED = {"reach", "top", "exceed", "hit", "measure", "peak", "rise"}
# Verbs that give their subject's size with an adjective: "stood 96 metres tall".
_STANDS = {"stand", "be", "tower"}
_SIZES = {"tall", "high", "long", "deep", "wide", "thick"}


def _sized(verb) -> bool:
    return any(c.lower_ in _SIZES for c in verb.children if c.dep_ in ("acomp", "advmod", "oprd"))


_CRAFTS = {
    "plane", "aircraft", "airliner", "jet", "helicopter", "flight", "ferry", "ship", "boat",
    "vessel", "bus", "train", "coach",
}  # fmt: skip


def _craft_had(verb) -> bool:
    """ "The plane had 60 passengers": who was on board; not "the 50s had 40 passengers"."""
    if verb is None or verb.lemma_.lower() != "have":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in _CRAFTS


# What a party or a team holds, counted per holder: "the Unity Party won 194 seats".
_HELD = {"seat", "mandate", "delegate", "medal"}
_ALLIES = {"ally", "partner", "coalition"}


def _holder(slot: QuantitySlot, verb) -> list[str]:
    """The named holder of seats or medals, the subject of the verb that won them
    ("Adam Wolski's Civic Union won 157 seats" -> "civic union"; a holder with
    allies -> "civic union and others"), so two parties' seats are never compared."""
    if slot.counted not in _HELD or verb is None:
        return []
    subject = _subject(verb)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    owned = {t.i for c in subject.children if c.dep_ == "poss" for t in c.subtree}
    conjuncts = {t.i for c in subject.children if c.dep_ == "conj" for t in c.subtree}
    words = [
        t.lower_
        for t in subject.subtree
        if t.pos_ == "PROPN" and t.i not in owned and t.i not in conjuncts
    ]
    if not words:
        return []
    allies = any(c.dep_ == "conj" for c in subject.children) or any(
        c.dep_ == "prep" and c.lower_ == "with" and g.lemma_.lower() in _ALLIES
        for c in verb.children
        for g in c.children
    )
    return [" ".join(words) + (" and others" if allies else "")]


def _subject(verb):
    """The verb's subject nearest to it: a wire dateline ("MEXICO CITY (AP) — The
    toll has risen to 114") is parsed as a first subject of the lead's verb."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[-1] if subjects else None


def _subject_of(verb) -> str:
    """What a percentage is of: the subject of its verb ("Corvo shares rose 18%",
    "Turnout was 64 percent"); a pronoun or a name says nothing about it."""
    subject = _subject(verb)
    if subject is None:
        return ""
    if subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subject = verb.head  # "the spire, which stood 96 metres tall"
    # "Turnout reached 85%": a capitalised first word the tagger takes for a name
    common = subject.pos_ == "NOUN" or (subject.pos_ == "PROPN" and subject.is_sent_start)
    return _lemma(subject).lower() if common else ""


def _tally_subject(token):
    """(the tally, its verb) when the figure is what a tally's verb reaches."""
    verb = token.head
    for _ in range(3):  # "rose to 97", "could be as high as 6,000"
        if verb.pos_ in ("VERB", "AUX") and (token.dep_ != "pobj" or verb is not token.head):
            break
        if verb.pos_ in ("NOUN", "PROPN"):
            # "the number of survivors at 104": the noun it hangs on is the tally
            return (verb, verb.head) if verb.lemma_.lower() in _TALLY else None
        verb = verb.head
    subj = _subject(verb)
    if subj is None and _subject_shared(verb):
        # "the toll kept growing, exceeding 25,300", "the toll continued to rise,
        # reaching 2,400": the subject of the verb the clause hangs on
        subj = _subject(verb.head)
    if subj is not None and subj.lemma_.lower() in _TALLY:
        return subj, verb
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lemma_.lower() in _TALLY and _to_or_at(token, verb):
        return obj, verb  # "bringing the toll to 81", "putting the number of dead at 12"
    return None


def _subject_shared(verb) -> bool:
    """A clause without a subject of its own: an infinitive or a participle."""
    return verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")


def _to_or_at(token, verb) -> bool:
    """The figure is what "to" or "at" on the verb reaches."""
    prep = token.head
    # "revised the toll down to 42": through the particle
    head = prep.head.head if prep.head.dep_ in ("prt", "advmod") else prep.head
    return token.dep_ == "pobj" and prep.lower_ in ("to", "at") and head == verb


def _noun_after(number) -> str:
    """The plural noun right after a number and a participle, where the parser
    read the participle as a verb ("36 reported tornadoes" as "36 [were]
    reported tornadoes")."""
    doc = number.doc
    if number.i + 2 >= len(doc):
        return ""
    participle, noun = doc[number.i + 1], doc[number.i + 2]
    if participle.tag_ not in ("VBN", "VBD") or participle.pos_ != "VERB" or noun.tag_ != "NNS":
        return ""
    lemma = _SAME_KIND.get(_lemma(noun), _lemma(noun))
    return "people" if lemma in PEOPLE else lemma


# Verbs that say a vehicle had them on board, and who can be on board.
_CARRY = {"carry", "transport", "fly", "ferry"}
_ABOARD = {"people", "passenger", "crew", "member", "pilot", "attendant", "occupant"}
# Verbs that take lives: "the crash claimed 179 lives", "cost the lives of 12".
_TAKE_LIFE = {"claim", "take", "cost", "lose"}


def _lives_taken(noun, verb) -> bool:
    """ "claimed 179 lives" or "claimed the lives of 179 passengers": the dead."""
    if noun.lemma_.lower() == "life":
        return verb is not None and verb.lemma_.lower() in _TAKE_LIFE
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() != "life":
        return False
    return of.head.head.lemma_.lower() in _TAKE_LIFE


# Nouns that count instances of what follows "of": "two counts of weapons
# charges" counts charges.
_MEASURE_NOUNS = {"count", "piece", "case", "instance"}


def _tally_states(noun) -> list[str]:
    """What a tally noun counts, said after it: "the number of deaths", "the
    number of people killed", "the total of arrests"."""
    out = []
    for child in noun.children:
        if child.dep_ == "acl" and child.lemma_.lower() in _STATE_OF:
            out.append(_STATE_OF[child.lemma_.lower()])
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _STATE_OF:
                    out.append(_STATE_OF[obj.lemma_.lower()])
                elif obj.dep_ == "pobj":
                    out += [
                        _STATE_OF[g.lemma_.lower()]
                        for g in obj.children
                        # "the number of people killed", "... who died in the blast"
                        if g.dep_ in ("acl", "amod", "relcl") and g.lemma_.lower() in _STATE_OF
                    ]
    return out


def _measured(noun):
    """The noun a measure noun stands for ("counts of charges" -> "charges")."""
    if noun.lemma_.lower() not in _MEASURE_NOUNS:
        return noun
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return obj if obj is not None and obj.pos_ == "NOUN" else noun


def _member_of(noun) -> str:
    """What "members" are members of: "six crew members" are crew, "four family
    members" and "four members of the same family" are family members; two
    outlets' "members" of different bodies are never one count."""
    body = next((c for c in noun.children if c.dep_ == "compound"), None)
    if body is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        body = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if body is None:
        return "member"
    word = _SAME_KIND.get(_lemma(body), _lemma(body))
    return word if word == "crew" else f"{word} member"


def _lemma(noun) -> str:
    """The lower-case singular: the tagger lemmatises a capitalised plural
    ("Ministers", "Americans") as itself, as if it were a name."""
    lemma = noun.lemma_.lower()
    if noun.tag_ in ("NNS", "NNPS") and lemma == noun.lower_ and len(lemma) > 3:
        for plural, singular in (("ies", "y"), ("sses", "ss"), ("s", "")):
            if lemma.endswith(plural) and not lemma.endswith("ss"):
                return lemma[: -len(plural)] + singular
    return lemma


# Nouns that name the same kind of person or thing: "Mexican citizens" /
# "Mexican nationals", "27 twisters" / "27 tornadoes", "two quakes" / "two earthquakes".
_SAME_KIND = {
    # "a crowd of 68,000" / "68,000 fans" / "68,000 people attended" (_attending)
    "crowd": "attendee",
    "audience": "attendee",
    "attendance": "attendee",
    "fan": "attendee",
    "supporter": "attendee",
    "spectator": "attendee",
    "citizen": "national",
    "twister": "tornado",
    "quake": "earthquake",
    "temblor": "earthquake",
    # "1,500 homes" / "1,200 houses" destroyed
    "house": "home",
    "dwelling": "home",
    "kid": "child",
    "pupil": "student",
    "schoolchild": "student",
    "airplane": "plane",
    "aeroplane": "plane",
    "jet": "plane",
    "aircraft": "plane",
    "nation": "country",
    "troop": "soldier",
    "fighter": "soldier",
    "mercenary": "soldier",
    # "a 25,000-strong force / militia / army" counts its fighters
    "force": "soldier",
    "militia": "soldier",
    "army": "soldier",
    "policeman": "officer",
    "policewoman": "officer",
    "fireman": "firefighter",
    "captive": "hostage",
    "structure": "building",
    "flat": "apartment",
    # "three gunmen" / "four attackers" / "five terrorists" carried out one attack
    "gunman": "attacker",
    "assailant": "attacker",
    "shooter": "attacker",
    "terrorist": "attacker",
    "rescuer": "rescue worker",
}
# Who "rescue" before a noun names as rescuers: "rescue workers", "rescue teams".
_RESCUERS = {"worker", "personnel", "official", "diver", "volunteer"}
_TEAMS = {"team", "crew", "unit", "squad"}
_RESCUE_CREWS = _RESCUERS | _TEAMS | {"boat", "helicopter"}
_RESCUE_WORDS = {"rescue", "relief", "emergency", "response", "search"}
RESCUE_TEAM = "rescue team"
# What a part of the teams did on its own ("two teams found the wreck"); sent,
# deployed, heading out or searching, they are all the teams at work.
_TEAMS_FOUND = {
    "find", "reach", "locate", "detect", "recover", "pull", "rescue", "spot", "discover",
    "save", "arrive", "retrieve",
}  # fmt: skip
_COPULA = {"is", "are", "was", "were"}
_FOREIGNERS = {"foreigner", "expatriate", "expat"}
# Who a part of is taken from, and the state that says: "14 of the victims were British".
_AMONG_GROUP = re.compile(
    r"^\W*among (?:the|those) (?P<group>dead|killed|injured|wounded|missing)\s+(?:were|are|was)\b",
    re.IGNORECASE,
)
_GROUP_STATES = {"victim": "dead", "dead": "dead", "killed": "dead", "injured": "injured"}


_RACES = {"black", "white", "hispanic", "latino", "latina", "asian", "indigenous"}


def _nationals_among(slot: QuantitySlot, number) -> bool:
    """ "Fourteen of the victims were British": a count of nationals, in the state
    of the group they are taken from."""
    verb = number.head
    if number.dep_ != "nsubj" or verb.lemma_ != "be":
        return False
    nationality = next(
        (c for c in verb.children if c.dep_ in ("acomp", "attr") and c.ent_type_ == "NORP"), None
    )
    of = next((c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    race = next(
        (c for c in verb.children if c.dep_ in ("acomp", "attr") and c.lower_ in _RACES), None
    )
    if race is not None and group is not None:
        # "Eleven of the 13 victims were Black" / "12 of the 13 people he shot were
        # Black": a part of the whole the sentence sizes, compared with the same part
        whole = next((c for c in group.children if c.dep_ == "nummod" and c.like_num), None)
        slot.counted, slot.modifiers = "people", [race.lower_]
        if whole is not None:
            slot.modifiers.append(f"of {whole.lower_}")
        return True
    if nationality is None or group is None:
        return False
    slot.counted, slot.modifiers = "national", [nationality.lemma_.lower()]
    slot.state = _GROUP_STATES.get(group.lemma_.lower(), "")
    return True


_DEAD_BEFORE = re.compile(r"\b(?:dead|fatalities|deaths|killed|died)\b", re.I)


def _counts_a_kind(slot: QuantitySlot, number, span, doc_offset: int) -> bool:
    """ "seven are Mexican nationals", "eight of them were Mexican citizens": a
    count whose noun comes after a copula, a part of the dead when the sentence
    has named them before ("Of the 22 dead, seven are ...")."""
    if slot.dimension != "count":
        return False
    doc, i = number.doc, number.i + 1
    if i + 1 < len(doc) and doc[i].lower_ == "of" and doc[i + 1].lower_ in ("them", "those"):
        i += 2
    if i >= len(doc) or doc[i].lower_ not in _COPULA:
        return False
    i += 1
    mods = []
    while i < len(doc) and doc[i].dep_ in ("amod", "compound") and doc[i].pos_ != "NUM":
        if doc[i].ent_type_ == "NORP":
            mods.append(doc[i].lemma_.lower())
        i += 1
    if i >= len(doc) or doc[i].pos_ != "NOUN" or doc[i].dep_ != "attr" or not mods:
        return False
    lemma = doc[i].lemma_.lower()
    slot.counted = _SAME_KIND.get(lemma, lemma)
    slot.modifiers = sorted(set(mods))
    before = span.text[: max(0, slot.start - doc_offset - span.start_char)]
    if _DEAD_BEFORE.search(before):
        slot.state = "dead"
    return True


# "killed 20 and many more injured": the joined verb counts others
_OTHERS = {
    "more", "others", "many", "dozen", "dozens", "hundreds", "thousands", "scores", "several",
}  # fmt: skip


def _shared_states(verb) -> list[str]:
    """States of words joined to the verb (or its complement) that share its
    subject: "killed and wounded", "confirmed injured or dead". A joined verb
    with a figure of its own ("killed 9 and injured 27") states another count."""
    heads = [verb] + [c for c in verb.children if c.dep_ in ("acomp", "oprd")]
    out = []
    for head in heads:
        for conj in head.conjuncts:
            own = any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj")
                or c.like_num
                or c.lower_ in _OTHERS
                # "and injured over 2,400": the figure under a preposition
                or c.dep_ == "prep"
                and any(g.like_num for g in c.children)
                for c in conj.children
            )
            if not own and conj.lemma_.lower() in _STATE_OF:
                out.append(_STATE_OF[conj.lemma_.lower()])
    return out


def _one_state(states: list[str]) -> str:
    """The first state read; the dead and the injured counted together are
    casualties, a tally of its own ("4,000 killed and wounded"); rescued alive
    is survived."""
    if not states:
        return ""
    if "dead" in states and "injured" in states:
        return CASUALTIES
    if "rescued" in states and "survived" in states:
        return "survived"  # "rescued alive", "pulled alive": who came out alive
    return states[0]


_UNIT_WORDS = {u.split()[-1] for u in UNITS}


def _counted_from(clause) -> bool:
    """A clause opened by "after", "before", "since" or "until" ("after the plane
    crashed"), which another happening is timed from."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("after", "before", "since", "until")
        for c in clause.children
    )


def _is_unit(noun) -> bool:
    """ "metres", "inches", "cm", "crore", "rupees": a unit, scale or currency word,
    not a counted noun."""
    return bool({noun.lower_.rstrip("s"), noun.lemma_.lower()} & (_UNIT_WORDS | _MONEY_WORDS))


# Scales and currencies named after a sum ("Rs 120 crore", "1.2 billion rupees").
_MONEY_WORDS = {
    "crore", "lakh", "thousand", "million", "billion", "trillion", "rupee", "dollar", "euro",
    "pound", "yen", "yuan", "franc", "peso", "rand", "naira", "shilling", "dirham", "riyal",
    "ruble", "rouble", "lira", "won", "ringgit", "baht", "taka",
}  # fmt: skip


def _of_object(unit):
    """What a unit measures, named after "of": "20 cm of rain" -> rain."""
    of = next((c for c in unit.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return obj if obj is not None and obj.pos_ == "NOUN" else None


def _compared_noun(unit):
    """What a measure is of when it follows the thing measured: "surges as high
    as 10 feet", "waves of up to 6 metres"."""
    if unit.dep_ != "pobj":
        return None
    prep = unit.head
    if prep.lower_ == "of" and prep.head.pos_ == "NOUN" and not _is_unit(prep.head):
        return prep.head
    adjective = prep.head
    if prep.lower_ != "as" or adjective.pos_ != "ADJ":
        return None
    if adjective.dep_ == "amod":
        return adjective.head if adjective.head.pos_ == "NOUN" else None
    # the parser may hang "as high as" on the verb: the noun right before it
    first = adjective.left_edge
    before = first.doc[first.i - 1] if first.i > 0 else None
    return before if before is not None and before.pos_ == "NOUN" else None


def _head_noun(number, slot: QuantitySlot):
    """The noun a number counts and the verb the phrase hangs on."""
    token = number
    # climb through compound numbers ("2.5 million") and quantity modifiers
    for _ in range(_MAX_HEAD_HOPS):
        if token.dep_ in ("compound", "quantmod", "nummod") and token.head.like_num:
            token = token.head
        else:
            break
    noun = None
    strong = token.head
    if strong.lower_ == "strong" and strong.head.pos_ in ("NOUN", "PROPN") and strong != token:
        return strong.head, None  # "a 25,000-strong force": the force's size
    head = token.head
    # "three German, and five British nationals": a nationality standing for its noun
    named = head.pos_ in ("NOUN", "PROPN") or head.pos_ == "ADJ" and head.ent_type_ == "NORP"
    if token.dep_ in ("nummod", "amod", "compound") and named:
        noun = token.head
        while noun.pos_ == "PROPN" and noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            noun = noun.head  # "two Aransas County towns": the towns, named by their county
        if slot.dimension != "count" and _is_unit(noun):
            # "300 metres": the unit is the head; what is measured hangs below it
            # ("20 cm of rain") or above it ("drove 10 hours": the verb it measures)
            unit = noun
            noun = noun.head if noun.head.pos_ == "NOUN" and noun.head is not noun else None
            noun = _of_object(unit) or noun or _compared_noun(unit)
            if noun is None and unit.dep_ == "npadvmod" and _counted_from(unit.head):
                # "identified 51 victims [11 days] after the plane crashed": when the
                # main happening came, counted from the crash, not how long it took
                main = unit.head.head if unit.head.head.pos_ in ("VERB", "AUX") else None
                # keyed by both happenings: "named victims 9 days after the ship sank"
                # and "ended the search 2 weeks after" time two things
                since = f"{unit.head.lemma_.lower()}"
                slot.counted = f"{main.lemma_.lower()} after {since}" if main else f"after {since}"
                return None, main
            if noun is None and unit.head.pos_ == "VERB" and unit.head is not unit:
                return None, unit.head
            size = unit.head
            if noun is None and size.lower_ in _SIZES and size.head.pos_ in ("VERB", "AUX"):
                return None, size.head  # "stood 96 metres tall": the verb of the size
    elif token.dep_ == "pobj" and token.head.lower_ == "of" and _tally_subject(token) is not None:
        return _tally_subject(token)  # "a toll of 600", "the number of dead at 12"
    elif token.dep_ in ("pobj",) and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        # "a crowd of 68,000" counts the crowd; "one of the victims" is a part
        noun = token.head.head if token.head.head.lemma_.lower() in _CROWDS | _BODIES else None
    elif token.dep_ == "acomp" and _tally_subject(token) is not None:
        return _tally_subject(token)  # "the toll could be as high as 6,000"
    elif token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "appos", "conj"):
        tally = _tally_subject(token) if token.dep_ in ("pobj", "attr", "dobj") else None
        if tally is not None:
            # "the toll rose to 97", "the toll is 97", "the toll surpassed 2,000",
            # "the number of missing could be as high as 6,000": the verb's subject
            return tally
        if token.pos_ == "NUM" and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
            noun = None  # "97 were killed": counts people by default below
    anchor = noun if noun is not None else token
    verb = anchor.head if anchor.head.pos_ in ("VERB", "AUX") else None
    unit = anchor.head if anchor.dep_ == "nummod" else anchor
    if verb is None and unit.dep_ == "npadvmod" and unit.head.dep_ == "prep":
        # "arrested the suspect [21 minutes] after the call": the verb "after" is on
        verb = unit.head.head if unit.head.head.pos_ == "VERB" else None
    first = anchor
    # "six people survived: three players, a journalist and two crew members":
    # the parts listed in apposition share the whole's verb
    listed = False
    while first.dep_ in ("conj", "appos") and first.head.pos_ in ("NOUN", "PROPN"):
        if first.dep_ == "appos" and (first.pos_ != "NOUN" or first.head.pos_ != "NOUN"):
            break  # "Betts, 24, was killed": his age, not a part of anything
        listed = listed or first.dep_ == "appos"
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ == "besides":
        first = first.head  # "besides the three players, two crew members survived"
    shared = first.head.lemma_.lower()
    # "among the dead were 85 Canadians and four Britons": the group holds them all
    # (a part listed beside one of them, "85 residents, 53 people travelling", is
    # no tally of the group)
    among = shared == "be" and any(c.lower_ == "among" for c in first.head.children)
    among = among and not listed
    if (
        verb is None
        and first.head.pos_ in ("VERB", "AUX")
        and (shared in _STATE_OF or shared in _CARRY or among)
    ):
        # "four crew and all 175 passengers were killed", "carrying 175
        # passengers and six crew": the first conjunct's verb says what happened
        # to them or where they were (not what they did: "sent 86 and 8")
        verb = first.head
    if anchor.dep_ in ("pobj",) and anchor.head.head.pos_ == "VERB":
        verb = anchor.head.head
    return noun, verb


def _place_of(token) -> str:
    """ "on board", "aboard", "on the ground" -> "board" / "ground"."""
    if token.lower_ in ("aboard", "onboard"):
        return "board"
    if token.dep_ == "prep" and token.lower_ in ("on", "aboard"):
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.lemma_.lower() in PLACES:
            return PLACES[obj.lemma_.lower()]
    if token.dep_ == "advmod" and token.lower_ == "aboard":
        return "board"
    if token.dep_ == "prep" and token.lower_ == "in":
        # a tally of one area: "in Buncombe County", "in Al Haouz province"
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.lower_ in _AREAS:
            words = [t.text for t in obj.subtree if t.dep_ != "det"]
            return " ".join(words).lower()[:60]
    return ""

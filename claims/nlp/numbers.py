"""Numbers with their units: "25%", "10-year" = "ten-year" = "10-yr" = "10 years"."""

from __future__ import annotations

import re

from claims.nlp.normalize import NUMBER_SCALES, NUMBER_WORDS, parse_number
from claims.nlp.quantities import FRACTION, fraction_value
from claims.nlp.types import NumberSlot

_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True))
_NUM = rf"(?P<num>\d+(?:[.,]\d+)*|(?:{_WORDS})(?:-(?:{_WORDS}))?)"
_UNITS = {
    "year": "year",
    "yr": "year",
    "month": "month",
    "mo": "month",
    "week": "week",
    "wk": "week",
    "day": "day",
    "hour": "hour",
    "hr": "hour",
    "minute": "minute",
    "decade": "decade",
    "km": "km",
    "kilometre": "km",
    "kilometer": "km",
    "mile": "mile",
    "tonne": "tonne",
    "ton": "tonne",
    "kg": "kg",
}
_CURRENCY = {
    "$": "usd",
    "us$": "usd",
    "€": "eur",
    "£": "gbp",
    "₹": "inr",
    "rs": "inr",
    "inr": "inr",
}

_RANGE = re.compile(
    r"(?<![\d.])(?P<num>(?:19|20)\d{2})\s*[-\u2013\u2014]\s*(?P<upper>(?:19|20)\d{2})\b"
)
_PERCENT = re.compile(rf"\b{_NUM}\s*(?:%|per ?cent\b|percent\b)", re.IGNORECASE)
_MONEY = re.compile(
    r"(?P<cur>US\$|\$|€|£|₹|Rs\.?|INR)\s?(?P<num>\d+(?:[.,]\d+)*)"
    r"(?:\s*(?P<scale>trillion|billion|million|crore|lakh|bn|mn|m|k)\b)?",
    re.IGNORECASE,
)
_WITH_UNIT = re.compile(
    rf"\b{_NUM}[\s-]*(?P<unit>{'|'.join(_UNITS)})s?\b(?:-(?:long|old))?", re.IGNORECASE
)
_SCALED = re.compile(
    r"\b(?P<num>\d+(?:[.,]\d+)*)\s*(?P<scale>trillion|billion|million|crore|lakh)\b", re.I
)
_UNIT_AFTER = re.compile(rf"[\s-]*(?P<unit>{'|'.join(_UNITS)})s?\b", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(?P<num>\d+)(?:st|nd|rd|th)\b")
_PLAIN = re.compile(rf"(?<![\w@/.-]){_NUM}(?![\w%/-]|[.,]\d)", re.IGNORECASE)
# "one-on-one", "one of the", "a/an" are not quantities worth comparing.
_NOT_QUANTITY = {"a", "an", "single"}


def find_numbers(text: str, offset: int, skip: list[tuple[int, int]] = ()) -> list[NumberSlot]:
    """Number slots in one sentence; `skip` holds article spans already used (dates)."""
    found: list[NumberSlot] = []
    taken = list(skip)

    def add(match, value, unit, upper=None, end=None):
        end = offset + (match.end() if end is None else end)
        start = offset + match.start()
        if value is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        slot = NumberSlot(text[start - offset : end - offset], value, unit, start, end)
        if upper is not None:
            slot.upper = upper
        found.append(slot)

    for match in FRACTION.finditer(text):
        # "2 1/2 miles", "2½ miles", "two and a half miles": one number, 2.5
        unit = _UNIT_AFTER.match(text, match.end())
        value = fraction_value(match.group(0))
        if unit:
            add(match, value, _UNITS[unit.group("unit").lower()], end=unit.end())
        else:
            add(match, value, "")
    for match in _RANGE.finditer(text):
        add(match, float(match.group("num")), "year", float(match.group("upper")))
    for match in _MONEY.finditer(text):
        value = _scaled(match.group("num"), match.group("scale"))
        add(match, value, _CURRENCY[match.group("cur").lower().rstrip(".")])
    for match in _PERCENT.finditer(text):
        add(match, parse_number(match.group("num")), "%")
    for match in _WITH_UNIT.finditer(text):
        add(match, parse_number(match.group("num")), _UNITS[match.group("unit").lower()])
    for match in _SCALED.finditer(text):
        add(match, _scaled(match.group("num"), match.group("scale")), "")
    for match in _ORDINAL.finditer(text):
        add(match, float(match.group("num")), "ordinal")
    for match in _PLAIN.finditer(text):
        word = match.group("num").lower()
        if word in _NOT_QUANTITY or _is_idiom(text, match):
            continue
        add(match, parse_number(word), "")
    return sorted(found, key=lambda n: n.start)


def _scaled(number: str, scale: str | None) -> float | None:
    value = parse_number(number)
    if value is None:
        return None
    return value * NUMBER_SCALES.get((scale or "").lower(), 1)


def _is_idiom(text: str, match) -> bool:
    """ "one-on-one", "one of", "one another", capitalised "One" opening a clause."""
    after = text[match.end() : match.end() + 8].lower()
    word = match.group("num").lower()
    if word == "one" and (after.startswith(("-on-", " of ", " another", " another"))):
        return True
    if word == "one" and _NONE_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
        return True  # "no one was injured", "not one": nobody, not a count of one
    return word == "one" and match.group("num")[0].isupper()


_NONE_BEFORE = re.compile(r"\b(?:no|not|nobody|none)\s+$", re.IGNORECASE)

"""The part of a named place an event struck ("struck southern Ashvale"), and
the part of its country a place lies in ("the northern town of Ashvale").

Two outlets that say one event struck different parts of one place, with the
same verb, differ: a discrepancy when the parts are neighbours ("southern" /
"south-eastern"), a contradiction otherwise ("central" / "eastern"). A part
named after a preposition ("rescuers in eastern Ashvale") says where something
else happened and is not read. Distances and bearings from a named place
("72 km south-west of X") are typed quantities (claims.nlp.quantities,
figures.bearing_findings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from claims.analysis.normalise import fold

# Degrees clockwise from north; "central" has none and differs from every part.
_PARTS = {
    "northern": 0.0, "northeastern": 45.0, "eastern": 90.0, "southeastern": 135.0,
    "southern": 180.0, "southwestern": 225.0, "western": 270.0, "northwestern": 315.0,
    "central": None,
}  # fmt: skip
# Two parts this close are neighbours: "southern" / "south-eastern".
NEIGHBOUR_DEGREES = 45.0

_PLACE = r"(?P<place>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2})"
_PART = r"(?P<part>central|(?:north|south)[- ]?(?:east|west)ern|northern|southern|eastern|western)"
_STRUCK = re.compile(rf"\b(?P<verb>[a-z]{{3,}})\s+(?:the\s+)?(?i:{_PART})\s+{_PLACE}")
# Words before "southern X" that make no event of it ("from southern X").
_NOT_VERBS = {
    "and", "the", "from", "into", "across", "throughout", "near", "with", "for", "over",
    "around", "outside", "inside", "toward", "towards", "through", "about", "its", "their",
    "his", "her", "our", "your", "this", "that", "mostly", "largely", "parts", "areas",
    "region", "regions", "also", "both", "all", "much", "most", "part",
}  # fmt: skip


# "the northern town of Bresca", "the southern port city of Orla": where a place
# lies, which two outlets cannot both be right about. Lower case only: "the
# Central district of X" is a name.
_LIES = re.compile(
    rf"\bthe\s+{_PART}\s+(?:[a-z-]+\s+){{0,2}}?"
    r"(?:town|city|village|province|region|state|district|port|island|county|suburb|"
    rf"municipality|governorate|prefecture)\s+of\s+{_PLACE}"
)
# The verb of a Part that tells where a place lies rather than what struck it.
LIES = "lies"
# The story's happening told by its verb, then the part of a place it happened in,
# in one clause: "two trains collided near Tempe in central Greece", "the crash
# occurred in northern Greece". Read as one verb, "happened": outlets tell it
# with any of these.
_HAPPENED_IN = re.compile(
    r"\b(?:collided|crashed|derailed|erupted|exploded|capsized|sank|happened|occurred|"
    rf"took\s+place)\b[^.;,]{{0,60}}?\bin\s+(?:the\s+)?{_PART}\s+{_PLACE}"
)
HAPPENED = "happened"


@dataclass(frozen=True)
class Part:
    place: str  # the named place, folded
    degrees: float | None  # None: "central"
    value: str  # as written: "struck southern Ashvale"
    verb: str  # "struck"
    written: str  # the named place as written: "Ashvale"


def parts_struck(text: str) -> list[Part]:
    """Every "<verb> <part> <Place>" ("struck southern Ashvale") the text states."""
    found = []
    for m in _STRUCK.finditer(text or ""):
        verb = m.group("verb")
        if verb in _NOT_VERBS:
            continue
        part = re.sub(r"[- ]", "", m.group("part").lower())
        place = m.group("place")
        found.append(Part(fold(place), _PARTS[part], m.group(0), verb, place))
    for m in _HAPPENED_IN.finditer(text or ""):
        part = re.sub(r"[- ]", "", m.group("part").lower())
        place = m.group("place")
        found.append(Part(fold(place), _PARTS[part], m.group(0), HAPPENED, place))
    for m in _LIES.finditer(text or ""):
        part = re.sub(r"[- ]", "", m.group("part").lower())
        place = m.group("place")
        found.append(Part(fold(place), _PARTS[part], m.group(0), LIES, place))
    return found


def angle(a: float | None, b: float | None) -> float:
    """Degrees between two parts; 180 when one is "central" and the other not."""
    if a is None or b is None:
        return 0.0 if a is b else 180.0
    diff = abs(a - b) % 360
    return min(diff, 360 - diff)


def part_clashes(told: list[tuple[str, Part]]) -> list[list[tuple[str, Part]]]:
    """(outlet, part) groups of one verb and one place in which two outlets name
    different parts."""
    by_key: dict[tuple[str, str], list[tuple[str, Part]]] = {}
    for outlet, p in told:
        by_key.setdefault((p.verb, p.place), []).append((outlet, p))
    return [
        group
        for group in by_key.values()
        if any(oa != ob and a.degrees != b.degrees for (oa, a), (ob, b) in combinations(group, 2))
    ]


def widest(group: list[tuple[str, Part]]) -> float:
    """The largest angle between two parts of a group."""
    return max(angle(a.degrees, b.degrees) for (_, a), (_, b) in combinations(group, 2))

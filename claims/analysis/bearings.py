"""Where a place lies: a compass bearing from a named place ("1,900 km north-east
of Moscow") or a part of a named place an event struck ("struck southern
Ashvale").

Two outlets that put the same thing at the same distance from the same place
but at bearings a right angle or more apart contradict each other; a distance
that differs too much is likely another thing (a town, a second quake) and is
left alone. Two outlets that say an event struck different parts of one place
with the same verb differ: a discrepancy when the parts are neighbours
("southern" / "south-eastern"), a contradiction otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from claims.analysis.normalise import fold

# Degrees clockwise from north; "central" has none and differs from every point.
_POINTS = {
    "north": 0.0, "northnortheast": 22.5, "northeast": 45.0, "eastnortheast": 67.5,
    "east": 90.0, "eastsoutheast": 112.5, "southeast": 135.0, "southsoutheast": 157.5,
    "south": 180.0, "southsouthwest": 202.5, "southwest": 225.0, "westsouthwest": 247.5,
    "west": 270.0, "westnorthwest": 292.5, "northwest": 315.0, "northnorthwest": 337.5,
}  # fmt: skip
_PARTS = {
    "northern": 0.0, "northeastern": 45.0, "eastern": 90.0, "southeastern": 135.0,
    "southern": 180.0, "southwestern": 225.0, "western": 270.0, "northwestern": 315.0,
    "central": None,
}  # fmt: skip
# A right angle or more: "north-west" / "north-east" of one place.
APART_DEGREES = 90.0
# Two distances this close (relative) locate the same thing.
SAME_DISTANCE = 0.15
# One direction: "west" / "west-north-west".
SAME_WAY_DEGREES = 22.5
# Distances this far apart (relative) differ; a unit conversion rounds less.
ROUNDING = 0.03
# Distances further apart than this ratio are likely of two things.
ANOTHER_THING = 1.5
# Two parts this close are neighbours: "southern" / "south-eastern".
NEIGHBOUR_DEGREES = 45.0
_KM_PER = {"km": 1.0, "kilometre": 1.0, "kilometer": 1.0, "mile": 1.609344, "mi": 1.609344}

_PLACE = r"(?P<place>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2})"
_POINT = (
    r"(?P<point>(?:north|south|east|west)(?:[- ]?(?:north|south|east|west)){0,2}"
    r"|off(?:\s+the\s+coast)?)"
)
_DISTANCE = (
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*-?\s*"
    r"(?P<unit>km|kilometres?|kilometers?|miles?|mi)\b\.?\s*(?:\([^)]{0,30}\)\s*)?"
)
_FROM = re.compile(rf"(?i:(?:{_DISTANCE})?{_POINT})\s+of\s+(?:the\s+)?{_PLACE}")
_PART = r"(?P<part>central|(?:north|south)[- ]?(?:east|west)ern|northern|southern|eastern|western)"
_STRUCK = re.compile(rf"\b(?P<verb>[a-z]{{3,}})\s+(?:the\s+)?(?i:{_PART})\s+{_PLACE}")
# Words before "southern X" that make no event of it ("in southern X").
_NOT_VERBS = {
    "and", "the", "from", "into", "across", "throughout", "near", "with", "for", "over",
    "around", "outside", "inside", "toward", "towards", "through", "about", "its", "their",
    "his", "her", "our", "your", "this", "that", "mostly", "largely", "parts", "areas",
    "region", "regions", "also", "both", "all", "much", "most", "part",
}  # fmt: skip


@dataclass(frozen=True)
class Bearing:
    place: str  # the named place, folded
    degrees: float | None  # None: "central"
    km: float | None  # the distance stated, if any
    value: str  # as written
    verb: str = ""  # what struck, for parts of a place
    written: str = ""  # the named place as written: "Ostravia"


def bearings_from(text: str) -> list[Bearing]:
    """Every "<distance> <point> of <Place>" the text states."""
    found = []
    for m in _FROM.finditer(text or ""):
        point = re.sub(r"[- ]", "", m.group("point").lower())
        degrees = None if point.startswith("off") else _POINTS.get(point)
        if degrees is None and not (point.startswith("off") and m.group("number")):
            continue  # "off X" only with a distance, as a bearing of any direction
        place = m.group("place")
        found.append(Bearing(fold(place), degrees, _km(m), m.group(0), written=place))
    return found


def parts_struck(text: str) -> list[Bearing]:
    """Every "<verb> <part> <Place>" ("struck southern Ashvale") the text states."""
    found = []
    for m in _STRUCK.finditer(text or ""):
        verb = m.group("verb")
        if verb in _NOT_VERBS:
            continue
        part = re.sub(r"[- ]", "", m.group("part").lower())
        place = m.group("place")
        found.append(Bearing(fold(place), _PARTS[part], None, m.group(0), verb, place))
    return found


def _km(m: re.Match) -> float | None:
    if not m.group("number"):
        return None
    unit = m.group("unit").lower().rstrip("s")
    try:
        return float(m.group("number").replace(",", "")) * _KM_PER[unit]
    except (KeyError, ValueError):
        return None


def angle(a: float | None, b: float | None) -> float:
    """Degrees between two bearings; 180 when one is "central" and the other not."""
    if a is None or b is None:
        return 0.0 if a is b else 180.0
    diff = abs(a - b) % 360
    return min(diff, 360 - diff)


def bearing_clashes(told: list[tuple[str, Bearing]]) -> list[list[tuple[str, Bearing]]]:
    """(outlet, bearing) groups that put one thing at one distance from one place
    at bearings a right angle or more apart, each told by another outlet."""
    groups: list[list[tuple[str, Bearing]]] = []
    for place in sorted({b.place for _, b in told}):
        here = [(o, b) for o, b in told if b.place == place and b.km and b.degrees is not None]
        for (oa, a), (ob, b) in combinations(here, 2):
            if oa == ob or angle(a.degrees, b.degrees) < APART_DEGREES or not _same_km(a, b):
                continue
            group = [(o, x) for o, x in here if _same_km(a, x)]
            if not any(set(g) == set(group) for g in groups):
                groups.append(group)
    return groups


def _same_km(a: Bearing, b: Bearing) -> bool:
    if a.km is None or b.km is None:
        return False
    return abs(a.km - b.km) <= SAME_DISTANCE * max(a.km, b.km)


def part_clashes(told: list[tuple[str, Bearing]]) -> list[list[tuple[str, Bearing]]]:
    """(outlet, part) groups of one verb and one place told as two or more parts
    by two or more outlets."""
    by_key: dict[tuple[str, str], list[tuple[str, Bearing]]] = {}
    for outlet, b in told:
        by_key.setdefault((b.verb, b.place), []).append((outlet, b))
    groups = []
    for group in by_key.values():
        if any(oa != ob and a.degrees != b.degrees for (oa, a), (ob, b) in combinations(group, 2)):
            groups.append(group)
    return groups


def widest(group: list[tuple[str, Bearing]]) -> float:
    """The largest angle between two bearings of a group."""
    return max(angle(a.degrees, b.degrees) for (_, a), (_, b) in combinations(group, 2))


def distance_clashes(told: list[tuple[str, Bearing]]) -> list[list[tuple[str, Bearing]]]:
    """(outlet, bearing) groups that put one thing in one direction from one place
    ("off" the coast: any direction) at distances that differ, though by less
    than half (further apart, it is likely another thing), each told by another
    outlet. A unit conversion's rounding ("40 km" / "25 miles") is no difference."""
    groups: list[list[tuple[str, Bearing]]] = []
    for place in sorted({b.place for _, b in told}):
        here = [(o, b) for o, b in told if b.place == place and b.km]
        for (oa, a), (ob, b) in combinations(here, 2):
            if oa == ob or not _one_way(a, b) or not _near_miss(a, b):
                continue
            group = [
                (o, x) for o, x in here if all(_one_way(y, x) and _close(y, x) for y in (a, b))
            ]
            if not any(set(g) == set(group) for g in groups):
                groups.append(group)
    return groups


def _one_way(a: Bearing, b: Bearing) -> bool:
    if a.degrees is None or b.degrees is None:
        return True
    return angle(a.degrees, b.degrees) <= SAME_WAY_DEGREES


def _near_miss(a: Bearing, b: Bearing) -> bool:
    low, high = sorted((a.km or 0.0, b.km or 0.0))
    return _close(a, b) and high > low * (1 + ROUNDING)


def _close(a: Bearing, b: Bearing) -> bool:
    """Distances near enough to be of one thing, however rounded."""
    low, high = sorted((a.km or 0.0, b.km or 0.0))
    return 0 < low and high <= low * ANOTHER_THING

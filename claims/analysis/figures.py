"""Figures compared only when they measure the same thing, and timelines of
figures that move as a story unfolds.

Two quantities are comparable when they have the same dimension (and currency),
count the same thing in the same state at the same place ("people dead on
board" is not "people dead on the ground", nor "passengers injured"). Values
are compared in base units with a tolerance for rounding between units, and
approximations ("about", "over", "at least") as intervals.

A tally that moves (a death toll, the injured, the missing) is a timeline:
every report ordered by its article's publication time, the latest (official,
when a sentence says so) figure marked "latest", earlier different values
"superseded". Only reports of the same time that disagree, or values beyond the
final figure of a tally that only grows, are contradictions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from claims.nlp.quantities import (
    CAPACITY,
    CONDITION_STATES,
    DEPTH,
    DROP,
    MAIN_SHOCK,
    MONEY_KINDS,
    MOVING_STATES,
)
from claims.nlp.types import QuantitySlot

# Same unit: counts must be equal (a float's rounding aside): "16,141,241 votes"
# and "16,141,242" are two counts.
EXACT = 1e-9
# Measures in one unit this close are one reading; an approximation's range
# reaches this far past its ends ("about 100" and "111").
SAME_UNIT_TOLERANCE = 0.005
# Across units an outlet rounds the conversion: "10 km (6 miles)" is 3.5% apart,
# "300 yards" vs "300 metres" 9%.
CONVERTED_TOLERANCE = 0.05
# Durations in weeks or months against days: "five weeks" vs "33 days".
DURATION_SLACK_DAYS = 3.0
# "about 3,000": the stated value give or take this share.
ABOUT = 0.1
# Reports published this close together are "of the same time".
SAME_TIME = timedelta(hours=3)
# Tallies that only grow: a report above the final figure contradicts it.
CUMULATIVE = frozenset({"dead", "injured", "arrested", "evacuated"})
# Verbs outlets tell one act with: jobs "cut", "shed", "axed" or "eliminated"; homes
# "destroyed" or "razed"; flights "cancelled" or "scrapped".
_SAME_ACT = {
    "shed": "cut", "axe": "cut", "slash": "cut", "eliminate": "cut", "scrap": "cancel",
    "raze": "destroy", "flatten": "destroy", "level": "destroy",
    "lay": "cut",  # "lay off 5,000 workers"
    # a force sent to an emergency: "400 firefighters battled", "500 were deployed"
    "battle": "deploy", "fight": "deploy", "tackle": "deploy", "send": "deploy",
    "dispatch": "deploy", "mobilise": "deploy", "mobilize": "deploy",
}  # fmt: skip
# What a tonnage is told of: a ship's, a boat's or a submarine's size.
VESSELS = frozenset(
    {"ship", "vessel", "submarine", "sub", "boat", "ferry", "tanker", "freighter", "carrier"}
)
# Verbs that say nothing about what a figure counts.
_BARE_VERBS = {
    "be",
    "have",
    "say",
    "include",
    "tell",
    "report",
    "add",
    "make",
    "take",
    "give",
    # a figure seen, confirmed or recorded is the same figure whoever saw it
    "see",
    "span",
    "come",
    "confirm",
    "record",
    "number",
    "total",
    "list",
    # a crowd a festival "drew" or "attracted" is its attendance
    "draw",
    "attract",
    "receive",
    "welcome",
    # how a count of shocks or events was observed: "followed by 243 aftershocks"
    "follow",
    "register",
    "detect",
    "occur",
    "feel",
    # how a crowd was there: "a crowd of 86,000 watched", "68,000 attended"
    "watch",
    "attend",
    "pack",
    "fill",
}
# ("h": the tagger splits "190 km/h" and reads the unit's last letter as its noun)
_PLAIN_SPEED = {"", "speed", "wind", "h"}
# Verbs that count a part of the figure the noun names, whatever its state: the
# dead identified so far are not the toll.
_SUBSET_VERBS = {"identify"}
_OFFICIAL = re.compile(
    r"\b(official(?:s|ly)?|authorit(?:y|ies)|ministry|minister|police|government|"
    r"confirmed|spokes(?:man|woman|person)|coroner|agency)\b",
    re.IGNORECASE,
)


@dataclass
class FigureReport:
    """One figure as one claim states it."""

    quantity: QuantitySlot
    claim: object  # analysis.types.ClaimInput
    published: datetime | None
    # the story's first publication: a sentence dating this story's own event
    # ("the June 2 crash that left 293 dead", told a month on) is about this event
    story_start: datetime | None = None


@dataclass
class Finding:
    """Values that disagree: each a (group key, display value, claim)."""

    items: list[tuple[str, str, object]]
    subject: str
    severity: str  # contradiction | discrepancy
    reason: str
    key: str  # steady part of the flag's fingerprint


@dataclass
class TimelinePoint:
    value: float
    text: str
    outlet: str
    article_id: int
    published: datetime | None
    approx: str
    official: bool
    status: str = "current"  # latest | superseded | current (= latest value, earlier)
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "text": self.text,
            "outlet": self.outlet,
            "article": self.article_id,
            "published": self.published.isoformat() if self.published else None,
            "approx": self.approx,
            "official": self.official,
            "status": self.status,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Timeline:
    key: str
    label: str  # "people dead on board"
    unit: str
    final: float
    points: list[TimelinePoint] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "unit": self.unit,
            "final": self.final,
            "outlets": list(dict.fromkeys(p.outlet for p in self.points)),
            "points": [p.to_dict() for p in self.points],
        }


# --- what a figure measures ---------------------------------------------------------


def measure_key(q: QuantitySlot) -> str | None:
    """A key equal for figures that measure the same thing; None when a figure
    says too little about what it counts to be compared at all."""
    if q.dimension == "count":
        if q.verb in _SUBSET_VERBS and q.counted in ("", "people"):
            # "11 have been identified", "23 bodies identified": the victims named so
            # far, a figure of their own whatever noun or state it is told with
            return f"count|people|{q.where}|{q.verb}"
        if not q.counted and not q.state:
            return None
        # who was on board is told with any verb ("crashed with 65 people on board")
        aboard = q.where == "board"
        verb = q.verb if not q.state and not aboard and q.verb not in _BARE_VERBS else ""
        if q.verb in _SUBSET_VERBS:
            verb = q.verb  # "23 bodies have been identified": some of the dead, not the toll
        verb = _SAME_ACT.get(verb, verb)
        parts = ["count", q.counted, q.state, q.where, ",".join(q.modifiers), verb]
    elif q.dimension == "money":
        parts = ["money", q.unit, q.counted]
    elif q.dimension == "magnitude":
        # an aftershock's or another quake's magnitude has nothing to agree with
        return "magnitude" if q.counted == MAIN_SHOCK else None
    elif q.dimension == "mass" and q.counted in VESSELS:
        # "the 1,395-tonne submarine", "the 1,550-ton sub": a vessel's tonnage,
        # one figure whatever the vessel is called
        parts = ["mass", "vessel"]
    elif q.dimension == "speed":
        # "wind speeds of 224km/h", "winds at speeds of 170 km an hour", "at 224km/h":
        # one speed told with or without its noun; gusts stay apart
        parts = [q.dimension, "" if q.counted in _PLAIN_SPEED else q.counted]
    else:
        parts = [q.dimension, q.counted]
    return "|".join(parts)


def describe(q: QuantitySlot) -> str:
    """ "people dead on board", "passenger", "distance"."""
    if q.dimension == "magnitude":
        return "magnitude of the main quake"
    if q.dimension == "money" and q.counted:
        # "deal value in GBP": sums in two currencies are two figures, never merged
        return f"{q.counted} value" + (f" in {q.unit.upper()}" if q.unit else "")
    if q.dimension != "count":
        what = q.counted or (q.verb if q.verb not in _BARE_VERBS else "")
        if q.dimension == "length" and what == DROP:
            return "height of the fall"
        if q.dimension == "length" and what and not what.startswith("from ") and what != DEPTH:
            return f"size ({what})"  # "the 93-metre spire": how tall, long or wide
        return {"length": "distance", "duration": "duration"}.get(q.dimension, q.dimension) + (
            f" ({what})" if what else ""
        )
    if q.counted == "count" and q.state:
        # "weapon counts, charged": the charges, then how far the case went on them
        return " ".join([*q.modifiers, "counts,", q.state])
    parts = [m for m in q.modifiers if m.startswith("of ")]  # "black people of 13"
    words = [*(m for m in q.modifiers if m not in parts), q.counted or "people", *parts]
    if q.state in CONDITION_STATES.values():
        words.append(f"in {q.state} condition")
    elif q.state:
        words.append(q.state)
    elif q.verb and q.verb not in _BARE_VERBS:
        words.append(f"({_SAME_ACT.get(q.verb, q.verb)})")
    if q.where:
        # "on board", "on the ground"; an area a tally counts: "in Buncombe County"
        words.append(_where(q.where))
    return " ".join(words)


def _where(where: str) -> str:
    """ "on board", "on the ground", "in Buncombe County", "at Northgate"."""
    if where == "board":
        return "on board"
    if where == "ground":
        return f"on the {where}"
    prep, _, place = where.partition(" ")
    if prep in ("at", "in") and place:  # a count of one named place (quantities._sites)
        return f"{prep} {place.title()}"
    return f"in {where}"


# Flights cancelled or delayed, tallied day by day as a disruption goes on.
_MOVING_VERBS = {"cancel", "delay", "ground", "scrap"}


def is_moving(q: QuantitySlot) -> bool:
    if q.dimension == "percent":
        return q.counted == "containment"  # a fire's containment rises day by day
    if q.dimension == "count" and q.verb in _MOVING_VERBS:
        return True
    return q.dimension == "count" and q.state in MOVING_STATES


def _interval(q: QuantitySlot, value: float) -> tuple[float, float]:
    inf = float("inf")
    return {
        "about": (value * (1 - ABOUT), value * (1 + ABOUT)),
        "nearly": (value * (1 - ABOUT), value),
        "over": (value, inf),
        "at_least": (value, inf),
        "up_to": (0.0, value),
        "under": (0.0, value),
    }.get(q.approx, (value, value))


def _close(a: float, b: float, tolerance: float, slack: float = 0.0) -> bool:
    return abs(a - b) <= max(tolerance * max(abs(a), abs(b)), slack, 1e-9)


def agreement(a: QuantitySlot, b: QuantitySlot) -> str:
    """ "same", "approx" (consistent once "about"/"over" are read as ranges) or "differ"."""
    values_a = [a.base, *a.alternatives]
    values_b = [b.base, *b.alternatives]
    converted = a.unit != b.unit or bool(a.alternatives or b.alternatives)
    # a count is exact ("16,141,241 votes"); a measure is read off a map or a gauge
    # and outlets copy it at different updates ("153,335 acres" / "153,336")
    exact = EXACT if a.dimension == "count" else SAME_UNIT_TOLERANCE
    tolerance = CONVERTED_TOLERANCE if converted else exact
    if a.upper is not None or b.upper is not None:
        return _range_agreement(a, b, tolerance)
    slack = 0.0
    if a.dimension == "duration" and converted:
        slack = DURATION_SLACK_DAYS if max(a.base, b.base) >= 14 else 0.0
    for x in values_a:
        for y in values_b:
            if _close(x, y, tolerance, slack) and a.approx == b.approx:
                return "same"
    # a count under a hundred that does not move is told exactly: "60 passengers"
    # does not round "59" (a toll does move: "20 dead" early, "19" once counted)
    small_count = a.dimension == "count" and max(a.value, b.value) < 100 and not is_moving(a)
    # who was aboard comes from a manifest, told exactly whatever its size:
    # "190 people on board" does not round "191"
    manifest = a.dimension == "count" and a.where == b.where == "board"
    if not a.approx and not b.approx and not converted and not small_count and not manifest:
        if _rounded(a.value, b.value):
            return "approx"
    if a.approx == b.approx == "up_to":
        return "differ"  # two maxima: "faces up to 20 years" / "up to 25 years"
    if {a.approx, b.approx} in ({"nearly", "over"}, {"under", "over"}):
        return "differ"  # "nearly three hours" / "more than three hours": either side
    # an approximation's range already covers an outlet's rounding between
    # units: "about 40 miles" is not "45 miles (72 km)"
    slack = SAME_UNIT_TOLERANCE if a.approx or b.approx else tolerance
    for x in values_a:
        for y in values_b:
            lo_a, hi_a = _interval(a, x)
            lo_b, hi_b = _interval(b, y)
            if lo_a <= hi_b * (1 + slack) and lo_b <= hi_a * (1 + slack):
                return "approx"
    return "differ"


def _ranges(q: QuantitySlot) -> list[tuple[float, float]]:
    """A range's (low, high) in base units, restated ones too ("2-3 miles (3-5
    km)" keeps its width); a single figure's interval ("about", "up to")."""
    if q.upper is None:
        return [_interval(q, v) for v in (q.base, *q.alternatives)]
    ratio = q.upper / q.base if q.base else 1.0
    return [(v, v * ratio if q.base else q.upper) for v in (q.base, *q.alternatives)]


def _range_agreement(a: QuantitySlot, b: QuantitySlot, tolerance: float) -> str:
    """Ranges ("aged 11 to 16"): the same ends are the same range however
    written; two different ranges differ; a single figure inside a range (or an
    "up to" reaching into it) is consistent with it, one outside differs."""
    both = a.upper is not None and b.upper is not None
    # "about 30 to 40 metres", "hundreds": a range only roughly told holds any
    # range it overlaps
    rough = "about" in (a.approx, b.approx)
    for lo_a, hi_a in _ranges(a):
        for lo_b, hi_b in _ranges(b):
            overlap = lo_a <= hi_b * (1 + tolerance) and lo_b <= hi_a * (1 + tolerance)
            if both and _close(lo_a, lo_b, tolerance) and _close(hi_a, hi_b, tolerance):
                return "same"
            if overlap and (rough or not both):
                return "approx"
    return "differ"


# A round figure this close to a precise one rounds it: "20 minutes" / "19 minutes".
ROUNDING = 0.05


def _rounded(x: float, y: float) -> bool:
    """One of two exact figures is the other rounded to its last non-zero digit
    ("2,300-word" / "2,356-word"), and they are within ROUNDING of each other.
    Only from 10 up: "magnitude 7" against "6.8" is two agencies' readings."""
    for rough, fine in ((x, y), (y, x)):
        if rough < 10 or not float(rough).is_integer() or rough == fine:
            continue
        if not float(fine).is_integer() and abs(rough - fine) < 0.5:
            return True  # a decimal to the whole number: "52%" / "51.9%"
        step = 1
        while int(rough) % (step * 10) == 0:
            step *= 10
        if step > 1 and abs(rough - fine) < step and abs(rough - fine) <= ROUNDING * rough:
            return True
    return False


def _display(q: QuantitySlot) -> str:
    return " ".join(q.text.split())


def _value_key(q: QuantitySlot) -> str:
    upper = f"-{q.upper:.6g}" if q.upper is not None else ""
    return f"{q.approx} {q.base:.6g}{upper}".strip()


# --- inside one claim cluster ---------------------------------------------------------


def cluster_findings(reports: list[FigureReport], key_of=None) -> list[Finding]:
    """Figures of one claim cluster that outlets give differently. Moving tallies
    are left to the story's timelines. `key_of` says what a figure measures
    (`measure_key` unless given)."""
    by_key: dict[str, list[FigureReport]] = {}
    for r in reports:
        key = (key_of or measure_key)(r.quantity)
        if key is None or is_moving(r.quantity):
            continue
        by_key.setdefault(key, []).append(r)
    findings = []
    for key, group in by_key.items():
        per_outlet: dict[str, list[FigureReport]] = {}
        for r in group:
            per_outlet.setdefault(r.claim.outlet, []).append(r)
        if len(per_outlet) < 2 or _actors_apart(group):
            continue
        worst = _worst(per_outlet)
        estimates = worst == "approx" and _estimates_differ(per_outlet)
        floors = worst == "approx" and not estimates and _floors_differ(per_outlet)
        if worst != "differ" and not estimates and not floors:
            continue  # "about 3,000" / "over 3,000" / "3,000": consistent, not worth a flag
        items = [(_value_key(r.quantity), _display(r.quantity), r.claim) for r in group]
        if len({k for k, _, _ in items}) < 2:
            continue
        q = group[0].quantity
        if estimates or floors:
            told = "within each other's estimate" if estimates else "as different lower bounds"
            reason = f"{describe(q)}: outlets give different figures, {told}"
            findings.append(Finding(items, describe(q), "discrepancy", reason, key))
            continue
        severity, reason = "contradiction", f"{describe(q)}: outlets give different figures"
        if len({r.quantity.unit for r in group}) > 1:
            reason += " once converted to one unit"
        if any(r.quantity.approx or r.quantity.upper is not None for r in group):
            # "about 30 seconds" vs "32 seconds" apart beyond the approximation;
            # "aged 11 to 15" vs "aged 11 to 16": ranges, each an estimate
            severity = "discrepancy"
        findings.append(Finding(items, describe(q), severity, reason, key))
    return findings


def _actors_apart(group: list[FigureReport]) -> bool:
    """Each value told with the one who did it, and no two values share a doer:
    what several did ("Britain is expelling 23 diplomats", "Germany expelled
    four"), not one figure told two ways. A sentence naming no doer gives a
    value another sentence attributes no doer of its own."""
    actors: dict[str, set[str]] = {}
    for r in group:
        told = actors.setdefault(_value_key(r.quantity), set())
        if r.quantity.actor:
            told.add(r.quantity.actor)
    sets = list(actors.values())
    if not all(sets):
        return False  # a value no sentence gives a doer for may be anyone's
    return len(sets) > 1 and all(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1 :])


def currency_findings(reports: list[FigureReport]) -> list[Finding]:
    """One sum of money that outlets of one claim cluster give in different
    currencies ("150,000 euros" / "150,000 US dollars"): the same figure cannot be
    right in both, where a restated sum ("£50m ($63m)") has another figure."""
    by_value: dict[tuple[float, str], list[FigureReport]] = {}
    for r in reports:
        q = r.quantity
        if q.dimension == "money" and q.unit and q.upper is None and q.base > 0:
            by_value.setdefault((q.base, q.counted), []).append(r)
    findings = []
    for (value, counted), group in by_value.items():
        per_outlet: dict[str, set[str]] = {}
        for r in group:
            per_outlet.setdefault(r.claim.outlet, set()).add(r.quantity.unit)
        if len({u for units in per_outlet.values() for u in units}) < 2:
            continue
        if any(len(units) > 1 for units in per_outlet.values()):
            continue  # an outlet that gives both sums has two things to pay
        items = [(r.quantity.unit, _display(r.quantity), r.claim) for r in group]
        label = describe(group[0].quantity)
        reason = f"{label}: one sum given in different currencies"
        findings.append(Finding(items, label, "discrepancy", reason, f"money|{value:g}|{counted}"))
    return findings


_FULL_YEAR = re.compile(r"\b\d{4}\b")
# A sentence dated this many years or more before the story tells a figure of
# another time ("On 9 May 2015 she passed the 63 years of ...").
OTHER_TIME_YEARS = 2


def story_year(articles: dict) -> int | None:
    """The latest publication year of the story's articles, if any is dated."""
    years = [a.published.year for a in articles.values() if a.published is not None]
    return max(years) if years else None


def of_another_time(claim, now_year: int | None) -> bool:
    """The sentence names one full date ("September 9, 2015"), in a year well
    before the story: its figures measure that time, so they are not compared
    with today's. A bare year ("since 1952") is background, not its date."""
    if now_year is None:
        return False
    years = {
        int(d.iso[:4])
        for d in claim.data.dates
        if not d.is_dateline and len(d.iso) == 10 and _FULL_YEAR.search(d.text)
    }
    return len(years) == 1 and years.pop() <= now_year - OTHER_TIME_YEARS


def story_findings(reports: list[FigureReport]) -> list[Finding]:
    """Counts of one specific thing ("passengers", "aftershocks", "villages")
    that outlets give differently anywhere in the story, not only inside one
    claim cluster: each outlet tells a figure in its own words, so the
    sentences seldom cluster. Counts of "people" are too broad to compare
    across sentences, moving tallies are timelines, and a figure about another
    event is left out."""
    shocks = _other_shocks(reports)
    specific = [
        r
        for r in reports
        if _specific(r.quantity)
        and about_this_event(r)
        and not (a_batch(r) or _maybe(r) or _referring(r))
        and id(r.quantity) not in shocks
    ]
    sums = _sums_of_a_kind(reports, specific)
    specific += [r for r in reports if id(r.quantity) in sums and about_this_event(r)]
    heads = {id(r.quantity): _described(r) for r in specific}
    # a count told bare ("more than 3,000 pages") beside the one thing the story
    # describes by that count ("the 2,934-page report") counts that thing
    # ("ten cars" of a "150-car train" is some of them: far apart, left bare)
    described: dict[str | None, dict[str, list[float]]] = {}
    for r in specific:
        if head := heads[id(r.quantity)]:
            by_head = described.setdefault(_story_key(r.quantity), {})
            by_head.setdefault(head, []).append(r.quantity.base)

    def key_of(q: QuantitySlot) -> str | None:
        if id(q) in sums:
            return f"money|{q.unit}|{sums[id(q)]}"
        key = _story_key(q)
        head = heads.get(id(q), "")
        if not head and len(described.get(key, {})) == 1:
            [(only, values)] = described[key].items()
            if any(_within(q.base, v, FAR_APART) for v in values):
                head = only
        return f"{key}|of {head}" if key is not None and head else key

    by_key: dict[str | None, list[FigureReport]] = {}
    for r in specific:
        by_key.setdefault(key_of(r.quantity), []).append(r)
    return [f for f in cluster_findings(specific, key_of) if not _far_apart(by_key[f.key])]


# Agencies and revisions put one quake's magnitude at most half a point apart
# (7.1 -> 6.6, 6.0 / 6.2); a magnitude this far below the one most outlets give
# the main quake is an aftershock's or an earlier shock's told without saying so
# ("The biggest one struck at 6:28 a.m. with a magnitude of 4.7").
SHOCKS_APART = 1.0


def other_shock_claims(claims: list) -> set[int]:
    """Ids of the claims that give a magnitude and only other shocks' ("a 4.7
    aftershock", or one a point below the main quake's): what they date is not
    the main quake."""
    reports = [FigureReport(q, c, None) for c in claims for q in c.data.quantities or []]
    shocks = _other_shocks(reports)
    by_claim: dict[int, list[bool]] = defaultdict(list)
    for r in reports:
        if r.quantity.dimension == "magnitude":
            other = r.quantity.counted != MAIN_SHOCK or id(r.quantity) in shocks
            by_claim[id(r.claim)].append(other)
    return {claim for claim, others in by_claim.items() if all(others)}


def _other_shocks(reports: list[FigureReport]) -> set[int]:
    """The magnitudes read as the main quake's that lie SHOCKS_APART or more
    below the magnitude the most outlets give it (ties: the larger)."""
    mains = [
        r
        for r in reports
        if r.quantity.dimension == "magnitude" and r.quantity.counted == MAIN_SHOCK
    ]
    outlets: dict[float, set[str]] = defaultdict(set)
    for r in mains:
        outlets[r.quantity.value].add(r.claim.outlet)
    if not outlets:
        return set()
    main = max(outlets, key=lambda value: (len(outlets[value]), value))
    return {id(r.quantity) for r in mains if main - r.quantity.value >= SHOCKS_APART}


# "the two countries", "between three nations": parties the sentence refers
# back to, counted in passing; "victims from 16 countries" counts.
_PARTIES = {"country", "nation", "side"}
_REFERRING_BEFORE = re.compile(r"\b(?:the|between|both|these|those)\s+$", re.IGNORECASE)


def _referring(r: FigureReport) -> bool:
    q = r.quantity
    start = q.start - r.claim.data.start
    return (
        q.dimension == "count"
        and q.counted in _PARTIES
        and 0 <= start <= len(r.claim.data.text)
        and bool(_REFERRING_BEFORE.search(r.claim.data.text[max(0, start - 12) : start]))
    )


# "a six-member committee", "a seven-storey office block": a count joined to its
# noun describes the thing named after it, and sizes of two things of different
# names are not compared ("a 12-member team" / "a five-member panel"); "a
# 150-car train" / "a 50-car train" are one train. ("A 12-strong team" counts
# the team itself.)
_ATTRIBUTE_AFTER = re.compile(r"^-([a-z]+)((?:\s+[\w'’-]+){1,3})", re.IGNORECASE)
_ENDS_NOUN_PHRASE = frozenset(
    "of that which who in on at with from to for and or was were is are had has "
    "by as into after".split()
)


# Verbs of a sum told bare whose kind another sentence may name: "paid $4.4 million
# to the hackers" is the ransom the story calls "the $4.4 million ransom".
_BARE_SUM_VERBS = {"", "pay"}


def _sums_of_a_kind(reports: list[FigureReport], specific: list[FigureReport]) -> dict[int, str]:
    """Sums told bare (no noun says what they pay) whose value the story gives
    elsewhere as a sum of one kind ("a ransom of $4.4 million"): that kind, by
    quantity id. A value two kinds share stays bare."""
    kinds: dict[str, list[tuple[float, str]]] = {}
    for r in specific:
        q = r.quantity
        if q.dimension == "money" and q.upper is None:
            kinds.setdefault(q.unit, []).append((q.base, q.counted))
    found = {}
    for r in reports:
        q = r.quantity
        if q.dimension != "money" or q.counted or q.verb not in _BARE_SUM_VERBS:
            continue
        named = {
            kind
            for value, kind in kinds.get(q.unit, ())
            if _close(q.base, value, SAME_UNIT_TOLERANCE)
        }
        if len(named) == 1 and q.upper is None:
            found[id(q)] = named.pop()
    return found


def _described(r: FigureReport) -> str:
    """The noun a count joined to its own noun describes ("committee" of "a
    six-member expert committee"), or "" when the count is not so joined."""
    q = r.quantity
    end = q.end - r.claim.data.start
    text = r.claim.data.text
    if q.dimension != "count" or not q.counted or not 0 <= end < len(text):
        return ""
    joined = _ATTRIBUTE_AFTER.match(text[end:])
    if not joined or not joined.group(1).lower().startswith(q.counted[:4]):
        return ""
    words = []
    for word in joined.group(2).split():
        if word.lower() in _ENDS_NOUN_PHRASE:
            break
        words.append(word.lower().strip("'’"))
    if not words:
        return ""
    head = words[-1]
    return head[:-1] if head.endswith("s") and len(head) > 3 else head


# "about 5 countries might join", "20 more could follow": what may come to be.
# Lower case only: "May 15" is a month.
_MAYBE_AFTER = re.compile(r"^[^.;,:()]{0,40}?\b(?:might|may|could|would)\b")


def _maybe(r: FigureReport) -> bool:
    """A figure a modal verb puts in the future or the possible: nothing to contradict."""
    end = r.quantity.end - r.claim.data.start
    return 0 <= end <= len(r.claim.data.text) and bool(_MAYBE_AFTER.match(r.claim.data.text[end:]))


# Two outlets, one figure each, this many times apart count two different things
# far more often than they contradict ("nearly 50 ambulances" sent, "eight" at
# one hospital; "three buildings" in one town, "6,217" across the country).
# Chosen on the tune events: the false flags of this shape were 2.5-2,072 times
# apart (2.5 once), the found ones 1.02-2.53 times.
FAR_APART = 3.0


def _within(a: float, b: float, ratio: float) -> bool:
    return a > 0 and b > 0 and max(a, b) / min(a, b) <= ratio


def _far_apart(group: list[FigureReport]) -> bool:
    """Exactly two outlets, one value each, more than FAR_APART times apart."""
    per_outlet: dict[str, set[float]] = {}
    for r in group:
        per_outlet.setdefault(r.claim.outlet, set()).add(r.quantity.base)
    values = [v for vs in per_outlet.values() for v in vs]
    if len(per_outlet) != 2 or len(values) != 2 or min(values) <= 0:
        return False
    return max(values) / min(values) > FAR_APART


# Nouns that name a group whatever it is made of: "the group, aged 11 to 15"
# is the boys another outlet gives as "the boys, aged 11-16".
_GROUP_NOUNS = {"group", "team", "squad", "party", "people", "child", "youngster", "member"}


def range_findings(reports: list[FigureReport]) -> list[Finding]:
    """Age ranges of one group that outlets give differently anywhere in the
    story ("aged between 11 and 15" / "aged 11-16"): one group's ages are told
    in many sentences that seldom cluster. Two ranges are of one group when
    their nouns agree (or one is a bare "group") and they share one end; ranges
    with no end in common are other groups ("victims aged 3 to 80", "suspects
    aged 18 to 22"), and a part of a group is left unnamed by the extraction."""
    ranged = [
        r
        for r in reports
        if r.quantity.dimension == "age"
        and r.quantity.upper is not None
        and r.quantity.counted
        and about_this_event(r)
    ]
    parent = list(range(len(ranged)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(ranged):
        for j in range(i + 1, len(ranged)):
            if _one_group(a.quantity, ranged[j].quantity):
                parent[find(i)] = find(j)
    component = {id(r.quantity): find(i) for i, r in enumerate(ranged)}
    return cluster_findings(ranged, lambda q: f"age-range|{component[id(q)]}")


def _one_group(a: QuantitySlot, b: QuantitySlot) -> bool:
    if a.counted != b.counted and not {a.counted, b.counted} & _GROUP_NOUNS:
        return False
    return a.base == b.base or a.upper == b.upper


# A figure written with a scale word: "$65 million", "£50bn", "1.2 million people".
_SCALE_WORD = re.compile(r"\d\s*(?:thousand|million|billion|trillion|k|m|mn|bn|tn)\b", re.I)
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
# One scale word put for another: thousand / million / billion / trillion.
SLIPS = (1e3, 1e6, 1e9)


def _slip_key(q: QuantitySlot) -> str | None:
    """What two figures must share to be one figure with a wrong scale word: a
    sum's currency and what it pays for (or the act it is told with), a count's
    measure."""
    if not _SCALE_WORD.search(q.text):
        return None
    if q.dimension == "money":
        what = q.counted or (q.verb if q.verb not in _BARE_VERBS else "")
        return f"money|{q.unit}|{what}" if what else None
    return measure_key(q) if q.dimension == "count" else None


def _slipped(a: QuantitySlot, b: QuantitySlot) -> bool:
    """The same digits, a thousand (or a million...) times apart."""
    da, db = _DIGITS.search(a.text), _DIGITS.search(b.text)
    if not (da and db) or da.group() != db.group() or min(a.base, b.base) <= 0:
        return False
    ratio = max(a.base, b.base) / min(a.base, b.base)
    return any(abs(ratio - slip) <= slip * 1e-6 for slip in SLIPS)


def slip_findings(reports: list[FigureReport]) -> list[Finding]:
    """One figure told with two scale words anywhere in the story ("$65 million" /
    "$65 billion" of damage, a "$250 million" bail / "$250 billion"): the same
    digits about the same thing, a thousand times apart, are one figure with
    a wrong scale word, not two figures. It is an error wherever it is, even
    inside one article, so it is read across outlets and within one; figures
    far apart are otherwise left alone (`_far_apart`) as two things counted."""
    by_key: dict[str, list[FigureReport]] = {}
    for r in reports:
        key = _slip_key(r.quantity)
        if key is not None and about_this_event(r):
            by_key.setdefault(key, []).append(r)
    findings = []
    for key, group in by_key.items():
        slipped = {
            id(r): r
            for i, a in enumerate(group)
            for b in group[i + 1 :]
            if _slipped(a.quantity, b.quantity)
            for r in (a, b)
        }
        if not slipped:
            continue
        items = [(_value_key(r.quantity), _display(r.quantity), r.claim) for r in slipped.values()]
        q = group[0].quantity
        told = " / ".join(sorted({r.quantity.text for r in slipped.values()}))
        reason = f"{describe(q)}: the same digits told with two scale words ({told})"
        findings.append(Finding(items, describe(q), "contradiction", reason, f"slip|{key}"))
    return findings


# A count that is one part of a whole told in parts: "another four were
# rescued", "the remaining five boys", "the last four boys", "a further 12".
_BATCH = re.compile(
    r"\b(?:another|the (?:remaining|last|first|next|other)|a further)\s+$", re.IGNORECASE
)


def a_batch(r: FigureReport) -> bool:
    """True for a count of one batch: it need not agree with the whole nor
    with another batch, so it is compared with nothing across the story."""
    offset = r.quantity.start - r.claim.data.start
    text = r.claim.data.text
    if r.quantity.dimension != "count" or not 0 < offset <= len(text):
        return False
    return bool(_BATCH.search(text[max(0, offset - 20) : offset])) or _one_of_them(r)


# "the father of one crew member", "relatives of one victim": one of the group
# singled out, not a count of the group.
_ONE_OF = re.compile(r"\b(?:of|for|with|to)\s+$", re.IGNORECASE)


def _one_of_them(r: FigureReport) -> bool:
    q = r.quantity
    if q.value != 1 or q.state or q.text.lower() not in ("one", "a", "an"):
        return False
    offset = q.start - r.claim.data.start
    return bool(_ONE_OF.search(r.claim.data.text[max(0, offset - 8) : offset]))


def _story_key(q: QuantitySlot) -> str | None:
    """A duration is keyed by what lasted: its noun or its verb ("a 10-hour
    drive", "drove eight hours"), the two read as one word."""
    if q.dimension == "duration":
        return f"duration|{q.counted or q.verb}"
    return measure_key(q)


# Counted nouns too broad to compare across sentences.
_BROAD = {"people", "time", "year", "day", "week", "month", "hour", "minute", "one", "other"}


# Verbs too broad to say what a duration measures: "lasted", "took", "spent".
_BROAD_VERBS = {"last", "take", "spend", "wait", "pass", "remain", "continue", "come", "go"}


# Lengths that differ from place to place within one event, or from moment to moment.
_VARIES_BY_PLACE = {
    "wave", "surge", "water", "flood", "floodwater", "rain", "rainfall", "snow", "river",
    "sea", "tide", "crest", "level", "queue", "line", "tailback", "traffic", "crack",
    "hole", "crater", "debris", "ash", "smoke", "plume", "fire", "blaze", "front", "road",
    "stretch", "section", "part", "area", "distance", "way", "walk", "drive", "journey",
    # and from moment to moment: a plane's altitude as it climbs or falls
    "altitude",
}  # fmt: skip


def _specific(q: QuantitySlot) -> bool:
    if q.dimension == "duration":
        what = q.counted or q.verb
        return bool(what) and what not in _BARE_VERBS | _BROAD_VERBS and what not in _BROAD
    if q.dimension == "length":
        # a distance from a named place, the depth (of a quake, a wreck), or the
        # size of a structure ("the 93-metre spire" / "the spire stood 96 metres
        # tall"); water, waves and queues measure differently from place to place
        return (
            q.counted.startswith("from ")
            or q.counted == DEPTH
            or bool(q.counted)
            and q.counted not in _VARIES_BY_PLACE | _BROAD
        )
    if q.dimension == "magnitude":
        return q.counted == MAIN_SHOCK  # one main quake per story
    if q.dimension == "mass":
        return q.counted in VESSELS  # a vessel's tonnage, however often told
    if q.dimension == "money":
        return q.counted in MONEY_KINDS  # "$750 million in restitution": one sum a court set
    if q.dimension == "percent":
        # an election's result, one side's share ("vote remain"), its turnout
        return q.counted in ("vote", "turnout") or q.counted.startswith("vote ")
    if q.dimension == "age":
        # a thing's age ("the 143-year-old bridge"); people's ages go with their names,
        # a group's age range to range_findings
        return bool(q.counted) and q.upper is None
    if q.dimension == "count" and any(m.startswith("of ") for m in q.modifiers):
        return True  # a part of a whole the sentence sizes: "Eleven of the 13 ... were Black"
    if q.dimension == "count" and q.where == "board":
        return True  # how many were aboard: one craft's figure, however counted
    return q.dimension == "count" and bool(q.counted) and q.counted not in _BROAD


# Compass bearings in degrees; two outlets 90 degrees or more apart on the
# direction from one place disagree ("northeast" / "southwest"), closer ones
# round differently ("south" / "southwest").
BEARINGS = {
    "north": 0,
    "northeast": 45,
    "east": 90,
    "southeast": 135,
    "south": 180,
    "southwest": 225,
    "west": 270,
    "northwest": 315,
}
BEARING_CLASH = 90


def bearing_findings(reports: list[FigureReport]) -> list[Finding]:
    """Outlets that put one thing in opposite directions from one place."""
    by_place: dict[str, list[FigureReport]] = {}
    for r in reports:
        q = r.quantity
        if q.dimension == "length" and q.counted.startswith("from ") and q.where in BEARINGS:
            if about_this_event(r):
                by_place.setdefault(q.counted, []).append(r)
    findings = []
    for place, group in by_place.items():
        per_outlet: dict[str, set[tuple[str, str, float]]] = {}
        for r in group:
            seen = (r.quantity.where, _located(r), r.quantity.base)
            per_outlet.setdefault(r.claim.outlet, set()).add(seen)
        if not _bearings_clash(per_outlet):
            continue
        name = place.removeprefix("from ")
        items = [(r.quantity.where, f"{r.quantity.where} of {name}", r.claim) for r in group]
        subject = f"direction from {name}"
        reason = f"{subject}: outlets give opposite directions"
        findings.append(Finding(items, subject, "contradiction", reason, f"bearing|{place}"))
    return findings


def _bearings_clash(per_outlet: dict[str, set[tuple[str, str, float]]]) -> bool:
    """Two outlets put one thing in directions from one place BEARING_CLASH
    degrees or more apart."""
    outlets = list(per_outlet)
    for i, a in enumerate(outlets):
        for b in outlets[i + 1 :]:
            gaps = [
                min(abs(BEARINGS[x] - BEARINGS[y]), 360 - abs(BEARINGS[x] - BEARINGS[y]))
                for x, here, far in per_outlet[a]
                for y, there, away in per_outlet[b]
                if not _two_places(here, far, there, away)
            ]
            if gaps and min(gaps) >= BEARING_CLASH:
                return True
    return False


# Two distances from one place this many times apart, of places named apart, are
# two places ("Velmora, about 60 miles north" / "Dunmere, 40km west"). One place
# is often named two ways ("in Kharp" / "the Polar Wolf colony"), at one distance.
OTHER_PLACE_RATIO = 1.5


def _two_places(here: str, far: float, there: str, away: float) -> bool:
    if not (here and there) or here == there or min(far, away) <= 0:
        return False
    return max(far, away) / min(far, away) > OTHER_PLACE_RATIO


# The place a distance locates, named just before it. Capitalised words a
# sentence opens or dates with are not places.
_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]*")
_NOT_PLACES = frozenset(
    "The A An It He She They This That In On At About Around Some Nearly Police "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


def _located(r: FigureReport) -> str:
    text = r.claim.data.text
    start = r.quantity.start - r.claim.data.start
    if not 0 < start <= len(text):
        return ""
    before = re.split(r"[.;:!?]", text[max(0, start - 80) : start])[-1]
    names = [w for w in _CAPITALISED.findall(before) if w not in _NOT_PLACES]
    return names[-1].lower() if names else ""


# Approximations that state a point ("about 85 miles"), not a bound ("over 700").
_POINT = frozenset({"", "about", "nearly"})


def _estimates_differ(per_outlet: dict[str, list[FigureReport]]) -> bool:
    """Two outlets give point figures that only agree as estimates: "80 miles" /
    "about 85 miles", "about 900" / "about 1,000". The issue's low-severity
    discrepancy; "about 3,000" / "3,000" (one value) and a bound ("over
    3,000") are not."""
    return _two_outlets_apart(per_outlet, _apart_points)


def _two_outlets_apart(per_outlet: dict[str, list[FigureReport]], apart) -> bool:
    """Two outlets every pair of whose figures is `apart(x, y)` and none the same."""
    outlets = list(per_outlet)
    for i, a in enumerate(outlets):
        for b in outlets[i + 1 :]:
            pairs = [(x.quantity, y.quantity) for x in per_outlet[a] for y in per_outlet[b]]
            if any(agreement(x, y) == "same" or not apart(x, y) for x, y in pairs):
                continue
            return True
    return False


def _apart_points(x: QuantitySlot, y: QuantitySlot) -> bool:
    if x.approx not in _POINT or y.approx not in _POINT or x.upper or y.upper:
        return False
    if x.unit != y.unit or x.alternatives or y.alternatives:
        return False  # a conversion's rounding, not two estimates
    return not _close(x.value, y.value, SAME_UNIT_TOLERANCE) and not _rounded(x.value, y.value)


def _floors_differ(per_outlet: dict[str, list[FigureReport]]) -> bool:
    """Two outlets give different lower bounds of one figure: "more than 600
    people" / "over 800 people". Consistent as ranges, but each outlet sets the
    floor elsewhere, a low-severity discrepancy. A bound that is the other cut
    to a round figure ("more than 300" / "more than 340") only says less."""
    return _two_outlets_apart(per_outlet, _apart_floors)


def _apart_floors(x: QuantitySlot, y: QuantitySlot) -> bool:
    if not {x.approx, y.approx} <= {"over", "at_least"} or x.upper or y.upper:
        return False
    if x.unit != y.unit or x.alternatives or y.alternatives:
        return False
    low, high = sorted((x.value, y.value))
    if _close(low, high, SAME_UNIT_TOLERANCE) or not float(high).is_integer():
        return False
    step = 10
    while step <= high:
        if high // step * step == low:
            return False  # the larger floor cut to tens, hundreds, thousands
        step *= 10
    return True


def _worst(per_outlet: dict[str, list[FigureReport]]) -> str:
    """The weakest agreement between two outlets' best-matching figures."""
    rank = {"same": 0, "approx": 1, "differ": 2}
    worst = "same"
    outlets = list(per_outlet)
    for i, a in enumerate(outlets):
        for b in outlets[i + 1 :]:
            best = min(
                (agreement(x.quantity, y.quantity) for x in per_outlet[a] for y in per_outlet[b]),
                key=rank.__getitem__,
            )
            worst = max(worst, best, key=rank.__getitem__)
    return worst


# --- across the story: timelines -----------------------------------------------------


# A sentence about another, earlier event: "a week after a gunman killed three
# in Gilroy", "13 hours earlier in El Paso", "the worst since 2002".
_ELSEWHERE = re.compile(
    r"\b(?:earlier|previous(?:ly)?|prior|similar (?:attack|shooting|crash|disaster)|"
    r"(?:a|an|one|two|three|\d+) (?:minute|hour|day|week|month|year)s? "
    r"(?:before|after|earlier|ago)|"
    # "in the hours after" is this event's aftermath, not another event
    r"(?<!in the )(?:minutes|hours|days|weeks|months) (?:before|after)|"
    r"(?:less|more) than (?:a|an|\d+) (?:day|week|hour)s? (?:after|before)|"
    r"since \d{4}|in \d{4}|last (?:week|month|year))\b",
    re.IGNORECASE,
)
# A figure told in a relative clause about something the sentence compares with:
# "after tremors in Turkey, in which an estimated 50,000 people were killed".
# "the highest turnout since 1992" ranks this event's figure, it tells no other's.
_SUPERLATIVE_SINCE = re.compile(
    r"\b(?:\w+est|most|least|first|worst|best)\b[^,.;]{0,40}?\bsince \d{4}", re.IGNORECASE
)
_RELATIVE = re.compile(r"(?:,\s*|\bin\s+)which\b[^,;()]*$", re.IGNORECASE)
# Dates this many days before publication are about something else than the news.
_PAST_DAYS = 3
# "the government said on Friday": the day of a statement, which dates no figure
# (a page dated before that Friday was updated after it was first published).
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|added|stated)\s+"
    r"(?:(?:late|early)\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)


def _a_statements_day(text: str, offset: int) -> bool:
    return 0 < offset <= len(text) and bool(
        _SAID_BEFORE.search(text[max(0, offset - 30) : offset])
    )


# A report under this share of the final figure counts a part ("one has died" at a hospital).
_PART = 0.05


# An event named by its year: "the 2018 Camp Fire", "the 2002 Air China crash".
_NAMED_BY_YEAR = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})\s+(?!(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b)[A-Z][\w'’-]+"
)


def _deal_value(q: QuantitySlot) -> bool:
    return q.dimension == "money" and q.counted == "deal"


def about_this_event(r: FigureReport) -> bool:
    """False for a figure told about another event in the same article."""
    text = r.claim.data.text
    # a distance from a named place ("900 miles off Cape Cod") is where this
    # event is, even in a sentence that counts "105 minutes after" it began, and
    # the size of a structure ("the spire, which stood 96 metres tall, fell an
    # hour after") is the same whatever the sentence's time
    where = r.quantity.dimension == "length" and bool(r.quantity.counted)
    # as is a vessel's tonnage ("the 1,395-tonne submarine, built in 1978")
    where = where or (r.quantity.dimension == "mass" and r.quantity.counted in VESSELS)
    # a place's size, population or capacity, and a deal's value ("the $65 billion
    # deal it previously made"), are the same whenever told
    # and so is someone's length of service ("Peterson, a 32-year veteran")
    if (
        where
        or r.quantity.counted in ("inhabitant", CAPACITY, "veteran")
        or _deal_value(r.quantity)
    ):
        return True
    if any(
        not _back_to_own_time(r, m.group(0)) and not _is_the_figure(r, m)
        for m in _ELSEWHERE.finditer(_SUPERLATIVE_SINCE.sub("", text))
    ):
        return False
    if r.published is not None and any(
        int(m.group("year")) < r.published.year for m in _NAMED_BY_YEAR.finditer(text)
    ):
        return False  # "as deadly as the 2018 Camp Fire, which killed 85"
    if r.quantity.dimension == "duration" and r.quantity.counted:
        # how long a named thing lasted ("the meeting lasted three hours") is
        # told of it days later too, and in a clause on it
        return True
    offset = r.quantity.start - r.claim.data.start
    if 0 < offset <= len(text) and _RELATIVE.search(text[max(0, offset - 80) : offset]):
        return False
    if r.published is not None:
        for d in r.claim.data.dates:
            if (
                d.is_dateline
                or len(d.iso) != 10
                or _a_statements_day(text, d.start - r.claim.data.start)
            ):
                continue
            try:
                day = datetime.fromisoformat(d.iso).date()
            except ValueError:
                continue
            if (r.published.date() - day).days > _PAST_DAYS and not _own_time(r, day):
                return False
    return True


# How far back a phrase reaches from the article's date, in days (earliest,
# latest): "last week", "two weeks ago", "three days earlier".
_BACK = re.compile(
    r"^(?:last (?P<last>week)|(?P<n>a|an|one|two|three|four|five|six|\d+) "
    r"(?P<unit>day|week)s? (?:ago|earlier))$",
    re.IGNORECASE,
)
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _is_the_figure(r: FigureReport, match: re.Match) -> bool:
    """ "arrested 21 minutes after the first call": the phrase that reads as
    another time is the duration itself, how long after the call the arrest came."""
    if r.quantity.dimension != "duration":
        return False
    start = r.quantity.start - r.claim.data.start
    return start <= match.start() < start + len(r.quantity.text) + 1


def _back_to_own_time(r: FigureReport, phrase: str) -> bool:
    """ "the boat that sank last week", told in a follow-up a week on, dates this
    story's own event, not an earlier one: the days the phrase reaches back to
    hold the story's first days."""
    match = _BACK.match(phrase)
    if match is None or r.published is None or r.story_start is None:
        return False
    if match.group("last"):
        earliest, latest = 13, 1
    else:
        n = _SMALL.get(match.group("n").lower()) or int(match.group("n"))
        days = n * (7 if match.group("unit").lower() == "week" else 1)
        slack = 3 if match.group("unit").lower() == "week" else 1
        earliest, latest = days + slack, max(0, days - slack)
    start = r.story_start.date()
    lo = r.published.date() - timedelta(days=earliest)
    hi = r.published.date() - timedelta(days=latest)
    return lo <= start + timedelta(days=_PAST_DAYS) and start <= hi


def _own_time(r: FigureReport, day) -> bool:
    """A day no earlier than the story's own first days: the event itself."""
    return r.story_start is not None and (r.story_start.date() - day).days <= _PAST_DAYS


def timelines(reports: list[FigureReport]) -> tuple[list[Timeline], list[Finding]]:
    """Moving tallies as timelines, and the reports that contradict them."""
    by_key: dict[str, list[FigureReport]] = {}
    for r in reports:
        key = measure_key(r.quantity)
        if key is not None and is_moving(r.quantity) and about_this_event(r):
            by_key.setdefault(key, []).append(r)
    out, findings = [], []
    for key, group in by_key.items():
        group = _without_own_parts(_without_parts(group))
        dated = [r for r in group if r.published is not None]
        if len({r.claim.outlet for r in group}) < 2 and len({r.published for r in dated}) < 2:
            continue
        if _all_agree(group) and not _rose(dated):
            continue  # nothing moves beyond "about" and "more than"
        dated.sort(key=lambda r: (r.published, r.claim.outlet, r.quantity.start))
        timeline, final = _timeline(key, dated) if dated else (None, None)
        # undated reports cannot be placed in time, but their values are shown
        undated = [r for r in group if r.published is None]
        moved = _moved(key, dated + undated, timeline)
        if timeline is not None:
            out.append(timeline)
            moved = _with_contradictions(moved, _timeline_findings(key, dated, final))
        findings.append(moved)
    out.sort(key=lambda t: -len(t.points))
    return out, findings


def _with_contradictions(moved: Finding, found: list[Finding]) -> Finding:
    """One flag per moving figure: the reports of one time that disagree, or a
    value beyond the final figure, make the timeline's flag a contradiction and
    add their reason, rather than a second and third flag on the same values."""
    if not found:
        return moved
    reasons = [moved.reason, *(f.reason for f in found)]
    return Finding(
        moved.items, moved.subject, "contradiction", "; ".join(reasons)[:480], moved.key
    )


def _all_agree(group: list[FigureReport]) -> bool:
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if agreement(a.quantity, b.quantity) == "differ":
                return False
    return True


# Lower bounds and exact figures: "at least 23" then "31" is a toll that rose,
# where "about 30" and "31" may be one figure.
_FLOORS = {None, "", "at_least", "over"}


def _rose(dated: list[FigureReport]) -> bool:
    """A later report gives a larger figure than an earlier lower bound or exact
    figure ("at least 23" on Sunday, "31" on Monday): consistent as ranges, but a
    figure that moved, which reviewers want to see on the timeline."""
    floors = [r for r in dated if r.quantity.approx in _FLOORS]
    return any(
        b.published > a.published and b.quantity.base > a.quantity.base * (1 + ABOUT)
        for a in floors
        for b in floors
    )


def _without_parts(group: list[FigureReport]) -> list[FigureReport]:
    """Reports far under the typical one count a part ("one has died" at a
    hospital); the median, not the largest, is the yardstick, so one stray
    figure from another event cannot empty the timeline."""
    values = sorted(r.quantity.base for r in group)
    median = values[len(values) // 2]
    return [r for r in group if r.quantity.base >= _PART * median]


def _without_own_parts(group: list[FigureReport]) -> list[FigureReport]:
    """Drop a value only articles that also give a larger one state: one
    article holding "17 arrested" and "15 arrested in one country" tells a part
    beside its total (or an update it already superseded), not an outlet
    disagreeing with another. A value some other article gives stays."""
    values: dict[int, set[float]] = {}
    for r in group:
        values.setdefault(r.claim.article_id, set()).add(r.quantity.base)

    def smaller_everywhere(base: float) -> bool:
        holders = [vals for vals in values.values() if base in vals]
        return all(max(vals) > base for vals in holders)

    return [r for r in group if not smaller_everywhere(r.quantity.base)]


def _official(r: FigureReport) -> bool:
    return bool(_OFFICIAL.search(r.claim.data.text))


def _day_of(r: FigureReport) -> date:
    """The report's day (timelines hold dated reports only)."""
    return r.published.date() if r.published is not None else date.min


def _final(group: list[FigureReport]) -> FigureReport:
    """The latest figure: of the last day anything was reported, an official's
    report first. A tally that only grows ignores a later report below one
    already given (a recap weeks on repeating a stale toll) unless an official
    gives it (a toll revised down); a count that can fall (people still in
    hospital) takes the latest report whatever its value."""
    pool = group
    if group[0].quantity.state in CUMULATIVE:
        pool, top = [], float("-inf")
        for r in group:
            if r.quantity.base >= top or _official(r):
                pool.append(r)
            top = max(top, r.quantity.base)
    latest_day = max(_day_of(r) for r in pool)
    pool = [r for r in pool if _day_of(r) == latest_day]
    pool = [r for r in pool if _official(r)] or pool
    # among reports of the final moment, the most precise (no "about") and largest
    return max(pool, key=lambda r: (not r.quantity.approx, r.quantity.base))


def _timeline(key: str, group: list[FigureReport]) -> tuple[Timeline, FigureReport]:
    final = _final(group)
    q = final.quantity
    timeline = Timeline(key, describe(q), q.unit, q.base)
    seen = set()
    for r in group:
        point_key = (r.claim.article_id, r.quantity.start)
        if point_key in seen:
            continue
        seen.add(point_key)
        same = agreement(r.quantity, q) == "same"
        if r is final:
            status = "latest"
        elif same:
            status = "current"
        elif r.published <= final.published or _stale(r, q):
            status = "superseded"
        else:
            status = "current"
        timeline.points.append(
            TimelinePoint(
                value=r.quantity.base,
                text=_display(r.quantity),
                outlet=r.claim.outlet,
                article_id=r.claim.article_id,
                published=r.published,
                approx=r.quantity.approx,
                official=_official(r),
                status=status,
                start=r.quantity.start,
                end=r.quantity.end,
            )
        )
    return timeline, final


def _stale(r: FigureReport, final: QuantitySlot) -> bool:
    """A report after the latest figure repeating a lower one of a tally that
    only grows ("the fire, which killed at least 40" weeks after 48)."""
    return final.state in CUMULATIVE and r.quantity.base < final.base


def _moved(key: str, group: list[FigureReport], timeline: Timeline | None) -> Finding:
    """The timeline itself, for reviewers: a low-severity flag with every value
    (undated reports too, which the timeline cannot place)."""
    items = [(_value_key(r.quantity), _display(r.quantity), r.claim) for r in group]
    if timeline is None:
        label = describe(group[0].quantity)
        reason = f"{label}: outlets give different figures; no publication times to order them"
        return Finding(items, label, "discrepancy", reason, key + "|timeline")
    superseded = [p.text for p in timeline.points if p.status == "superseded"]
    latest = next(p for p in timeline.points if p.status == "latest")
    # pages with no date may be later than the latest dated report: say which is which
    undated = [r for r in group if r.published is None]
    reason = (
        f"{timeline.label}: a figure that moved over time; latest "
        + ("dated " if undated else "")
        + f"{latest.text} ({latest.outlet})"
        + (f", superseded {', '.join(dict.fromkeys(superseded))}" if superseded else "")
        + _undated_values(undated, latest.value)
    )
    return Finding(items, timeline.label, "discrepancy", reason[:480], key + "|timeline")


def _undated_values(undated: list[FigureReport], latest: float) -> str:
    """Values of undated pages that differ from the latest dated one: a reviewer
    must not read "latest" as the last word when a page that cannot be placed
    in time gives another figure."""
    other = [_display(r.quantity) for r in undated if r.quantity.base != latest]
    if not other:
        return ""
    return f"; pages with no date give {', '.join(dict.fromkeys(other))}"


def _precise(when: datetime) -> bool:
    """A publication time with a time of day (a bare date is stored as midnight)."""
    return (when.hour, when.minute, when.second, when.microsecond) != (0, 0, 0, 0)


def _timeline_findings(key: str, group: list[FigureReport], final: FigureReport) -> list[Finding]:
    findings = []
    q = final.quantity
    label = describe(q)
    # values beyond the final figure of a tally that only grows, once two
    # outlets give that final figure
    support = {r.claim.outlet for r in group if agreement(r.quantity, q) == "same"}
    if q.state in CUMULATIVE and len(support) >= 2:
        beyond = [
            r
            for r in group
            if r.quantity.base > q.base
            and agreement(r.quantity, q) == "differ"
            and r.claim.outlet != final.claim.outlet
        ]
        if beyond:
            items = [(_value_key(r.quantity), _display(r.quantity), r.claim) for r in beyond]
            items.append((_value_key(q), _display(q), final.claim))
            reason = (
                f"{label}: {', '.join(sorted({_display(r.quantity) for r in beyond}))} "
                f"exceeds the final figure {_display(q)} ({final.claim.outlet})"
            )
            findings.append(Finding(items, label, "contradiction", reason, key + "|beyond"))
    # reports of the same time that disagree
    clash: list[tuple[FigureReport, FigureReport]] = []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if b.published - a.published > SAME_TIME:
                break
            if a.claim.outlet == b.claim.outlet or not (
                _precise(a.published) and _precise(b.published)
            ):
                continue
            if agreement(a.quantity, b.quantity) == "differ":
                clash.append((a, b))
    if clash:
        involved: list[FigureReport] = []
        for a, b in clash:
            involved += [r for r in (a, b) if r not in involved]
        items = [(_value_key(r.quantity), _display(r.quantity), r.claim) for r in involved]
        hours = int(SAME_TIME.total_seconds() // 3600)
        told = ", ".join(
            dict.fromkeys(f"{_display(r.quantity)} ({r.claim.outlet})" for r in involved)
        )
        reason = f"{label}: outlets reporting within {hours} h of each other disagree: {told}"
        findings.append(Finding(items, label, "contradiction", reason, key + "|same-time"))
    return findings


# --- vote tallies -------------------------------------------------------------------

# "by 112 votes to 98", "a 112-98 vote", "voted 52-48", "by a vote of 7 to 2": a tally
# of one vote, for and against. Told by two outlets with one side equal and the other
# apart, it is one vote miscounted by one of them.
_TALLY = re.compile(
    r"\bby (?P<a1>\d{1,4}) votes? to (?P<b1>\d{1,4})\b|"
    r"\b(?:vote|voted|votes|ballot|margin) (?:of )?"
    r"(?P<a2>\d{1,4})\s?(?:-|\u2013|to)\s?(?P<b2>\d{1,4})\b|"
    r"\b(?P<a3>\d{1,4})\s?[-\u2013]\s?(?P<b3>\d{1,4}) "
    r"(?:vote|ballot|margin|majority|ruling|decision|verdict|split)\b|"
    r"\b(?:passed|approved|rejected|backed|confirmed|adopted|ratified)\b[^.]{0,40}?"
    r"\b(?P<a4>\d{1,4})\s?[-\u2013]\s?(?P<b4>\d{1,4})\b(?![-\u2013\d])",
    re.IGNORECASE,
)
# A tally's sides this close are one vote miscounted, not two votes.
TALLY_SLACK = 0.1
# Two splits of one total are one body's vote told two ways (a bench of judges, a
# jury, a committee); below this many voters a total says too little.
SPLIT_BODY = 5


def _pairs(pattern: re.Pattern, text: str) -> list[tuple[int, int, int, int]]:
    """(larger, smaller, start, end) of each pair of figures the pattern reads
    (its groups a1/b1, a2/b2, ...: the first alternative that matched)."""
    out = []
    for m in pattern.finditer(text):
        a, b = next((m.group(f"a{i}"), m.group(f"b{i}")) for i in range(1, 10) if m.group(f"a{i}"))
        high, low = sorted((int(a), int(b)), reverse=True)
        out.append((high, low, m.start(), m.end()))
    return out


def vote_tallies(text: str) -> list[tuple[int, int, int, int]]:
    """(larger side, smaller side, start, end) of each vote tally in the text."""
    # "2019-2020" is years
    return [p for p in _pairs(_TALLY, text) if p[0] >= 2 and not 1900 <= p[0] <= 2100]


def _pair_findings(claims: list, read, near, what: str, reason: str) -> list[Finding]:
    """One pair of figures (a vote, a score) that outlets tell two ways, `near`
    saying when two pairs are one miswritten."""
    items = []
    for c in claims:
        for high, low, start, end in read(c.data.text):
            items.append(((high, low), " ".join(c.data.text[start:end].split()), c))
    clashing = told_apart(items, near)
    if not clashing:
        return []
    chosen = [(f"{t[0]}-{t[1]}", text, c) for t, text, c in items if t in clashing]
    return [Finding(chosen, what, "contradiction", reason, f"tally|{what}")]


def tally_findings(claims: list) -> list[Finding]:
    """One vote that outlets count differently: one side equal, the other a little apart."""
    reason = "vote: outlets count one vote differently"
    return _pair_findings(claims, vote_tallies, _one_vote, "vote", reason)


# A game's final score beside a word of winning or losing: "beat Castle United 3-1",
# "a 3-1 victory over", "lost 2-0 to". Two outlets that share no score for the
# game, with one side equal, tell one score two ways.
_SCORE = re.compile(
    r"\b(?:beat|beats|defeated|defeats|edged|thrashed|routed|won|wins|lost|loses|drew|draws)\b"
    r"[^.;\d]{0,40}?\b(?P<a1>\d{1,2})\s?[-\u2013]\s?(?P<b1>\d{1,2})\b(?![-\u2013\d])|"
    r"\b(?P<a2>\d{1,2})\s?[-\u2013]\s?(?P<b2>\d{1,2})\s+(?:win|victory|defeat|loss|draw|"
    r"triumph|thrashing|rout)\b",
    re.IGNORECASE,
)


def game_scores(text: str) -> list[tuple[int, int, int, int]]:
    """(winner's goals, loser's goals, start, end) of each final score in the text."""
    return _pairs(_SCORE, text)


def score_findings(claims: list) -> list[Finding]:
    """One game's score that outlets give differently."""
    reason = "score: outlets give one game's score differently"
    return _pair_findings(claims, game_scores, _one_side_apart, "score", reason)


def _one_side_apart(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return x != y and (x[0] == y[0] or x[1] == y[1])


def told_apart(items: list[tuple], near) -> set:
    """Values (the first of each item, told by `item[2].outlet`) that two outlets give
    for one thing: `near` says two values are one miswritten. Outlets that share a
    value tell the same thing there; their other values are other things."""
    per_outlet: dict[str, set] = {}
    for value, _, c in items:
        per_outlet.setdefault(c.outlet, set()).add(value)
    clashing: set = set()
    outlets = list(per_outlet)
    for i, a in enumerate(outlets):
        for b in outlets[i + 1 :]:
            if per_outlet[a] & per_outlet[b]:
                continue
            clashing |= {
                v for x in per_outlet[a] for y in per_outlet[b] if near(x, y) for v in (x, y)
            }
    return clashing


def _one_vote(x: tuple[int, int], y: tuple[int, int]) -> bool:
    if x == y:
        return False
    if sum(x) == sum(y) and sum(x) >= SPLIT_BODY:
        return True  # one body's vote split two ways: "a 6-3 ruling" / "a 5-4 decision"
    for same, (p, q) in ((x[0] == y[0], (x[1], y[1])), (x[1] == y[1], (x[0], y[0]))):
        if same and abs(p - q) <= max(2, TALLY_SLACK * max(p, q)):
            return True
        if same and sorted(str(p)) == sorted(str(q)):
            return True  # digits swapped: "312 to 250" / "312-205"
    return False


# --- identifiers: flight numbers ---------------------------------------------------

# "flight J2-8243", "Flight 2216", "flight 7C2216", "flight No. 8432": the digits
# identify the flight; the airline code before them is written many ways.
_FLIGHT = re.compile(
    r"\b[Ff]light\s+(?:[Nn]o\.?\s*|[Nn]umber\s+)?(?:(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\s?-?\s?)?"
    r"(?P<digits>\d{3,5})\b"
)


def flight_numbers(text: str) -> list[tuple[str, int, int]]:
    """(digits, start, end) of each flight number in a sentence. Two-digit ones
    are left out: one changed digit is too easily another flight."""
    return [(m.group("digits"), m.start(), m.end()) for m in _FLIGHT.finditer(text or "")]


def near_identifiers(a: str, b: str) -> bool:
    """Two digit strings that look like one number miswritten: the same digits
    in another order ("8243"/"8432"), or one digit changed. Numbers further
    apart are other flights, named in passing."""
    if a == b or len(a) != len(b):
        return False
    return sorted(a) == sorted(b) or sum(x != y for x, y in zip(a, b, strict=True)) == 1


def identifier_findings(claims: list) -> list[Finding]:
    """One flight that outlets number differently."""
    items = []
    for c in claims:
        for digits, start, end in flight_numbers(c.data.text):
            items.append((digits, " ".join(c.data.text[start:end].split()), c))
    clashing = told_apart(items, near_identifiers)
    if not clashing:
        return []
    chosen = [item for item in items if item[0] in clashing]
    reason = "flight number: outlets give different numbers for one flight"
    return [Finding(chosen, "flight number", "contradiction", reason, "identifier|flight")]

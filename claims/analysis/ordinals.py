"""One thing's place in an order, as outlets give it: "Houston, the fourth-largest
city in the US" / "the third-largest city"; "Beira, Mozambique's fourth city" /
"Mozambique's second-largest city"; "his sixth crewed flight" / "fifth".

Pure: claim texts in, groups of disagreeing places out (no Django).

An ordinal is read before a noun of a closed list (cities, countries, presidents,
exchanges, flights...), with its superlative when there is one ("second-largest",
"third busiest"): "the first time", "second-degree murder", "the first lady" name
no place in an order. What is ranked is the name the phrase stands beside ("Beira,
Mozambique's fourth city", "the UAE became the third Arab country"); an ordinal
beside no name is the story's, when the story ranks one thing of that kind. Two
outlets giving one thing two places is a discrepancy; an outlet that gives two
places itself ranks two things, and an ordinal in a record ("the first ... since
1902", "the second time") or a count of happenings ("a second landfall") is left
alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_SUFFIXED = r"(?:[1-9]|10)(?:st|nd|rd|th)"
_SUPERLATIVES = (
    "largest", "biggest", "most populous", "busiest", "richest", "poorest", "deadliest",
    "oldest", "tallest", "longest", "highest", "smallest", "most valuable",
)  # fmt: skip
# Kinds of thing a place in an order is given to (the phrase's last word).
HEADS = {
    "city", "town", "country", "nation", "state", "economy", "exchange", "company",
    "airline", "bank", "port", "airport", "president", "university", "producer",
    "flight", "mission", "carrier", "metropolis", "island", "province",
}  # fmt: skip
# Kinds ranked by size when no superlative is written.
_SIZED = {"city", "town", "port", "economy", "metropolis", "island"}
_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))
_SUPERLATIVE = "|".join(s.replace(" ", r"[-\s]+") for s in _SUPERLATIVES)
_HEAD = "|".join(sorted(HEADS))
# Nouns the ranked word may stand before as a modifier: "a third airport bomber"
# ranks a bomber, "the second city council" a council.
_MODIFIED = (
    "bombers?|bombings?|attacks?|attackers?|suicide|explosions?|blasts?|terminals?|"
    "councils?|hall|police|officials?|authorities|limits|centre|center|teams?|clubs?|"
    "mayor|residents|managers?|staff|workers?|security|shootings?|shooter|gunman|"
    "crash|strikes?|raids?"
)
_PHRASE = re.compile(
    rf"\b(?P<ord>{_ORDINAL}|{_SUFFIXED})"
    rf"(?:[-\s]+(?P<sup>{_SUPERLATIVE}))?"
    # up to two words between: "third largest crypto exchange", "sixth human-crewed flight"
    rf"\s+(?P<mid>(?:[\w.-]+\s+){{0,2}}?)(?P<head>{_HEAD})\b"
    rf"(?!\s+(?:{_MODIFIED})\b)",
    re.IGNORECASE,
)
# "... since 1902", "... to do so since", "the second time": a record or a count, not a rank.
_AFTER_RECORD = re.compile(r"^[^.;]{0,40}?\bsince\b", re.IGNORECASE)
_NAME = r"(?:[A-Z][\w.'\u2019-]*)(?:\s+[A-Z][\w.'\u2019-]*){0,3}"
# "Beira, Mozambique's fourth city", "Houston, the fourth-largest city"
_APPOSED = re.compile(rf"(?P<name>{_NAME}),\s+(?:the\s+|[A-Z][\w.]*['\u2019]s\s+)?$")
# "the UAE became the third Arab country", "FTX was the second-largest exchange"
_IS = re.compile(
    rf"(?P<name>{_NAME})\s+(?:is|was|became|becomes|remains|ranks as)\s+"
    rf"(?:now\s+)?(?:the\s+|[A-Z][\w.]*['\u2019]s\s+|its\s+)?$"
)
# "the fourth-largest city, Houston"
# (a name set off as an apposition: "the third largest city, Houston Mayor Ann Fox
# said" names the mayor)
_AFTER_NAME = re.compile(rf"^,\s+(?P<name>{_NAME})(?=\s*[,.;:)]|\s+(?:is|was|has|had)\b)")
_OPENERS = {"The", "It", "He", "She", "They", "This", "That", "In", "On", "At", "A", "An"}


@dataclass
class Place:
    key: str  # the kind of thing ranked: superlative and head ("largest city")
    subject: str  # the name ranked, folded; "" when the sentence names none
    rank: int
    text: str  # as written
    claim: object
    name: str = ""  # the name ranked, as written


def places_in_order(claim) -> list[Place]:
    text = claim.data.text
    out = []
    for match in _PHRASE.finditer(text):
        if _AFTER_RECORD.match(text[match.end() :]):
            continue
        word = match.group("ord").lower()
        rank = ORDINALS.get(word) or int(word.rstrip("stndrh"))
        sup = " ".join((match.group("sup") or "").lower().replace("-", " ").split())
        head = match.group("head").lower()
        # "Mozambique's fourth city" is its fourth-largest
        key = f"{sup or ('largest' if head in _SIZED else '')} {head}".strip()
        name = _name(text, match)
        out.append(Place(key, name.lower(), rank, match.group(0), claim, name))
    return out


def _name(text: str, match: re.Match) -> str:
    before = text[max(0, match.start() - 60) : match.start()]
    found = _APPOSED.search(before) or _IS.search(before)
    if found is None:
        found = _AFTER_NAME.match(text[match.end() : match.end() + 60])
    if found is None:
        return ""
    words = [w for w in found.group("name").split() if w not in _OPENERS]
    return re.sub(r"['\u2019]s$", "", " ".join(words)).strip(".,") if words else ""


def clashes(places: list[Place]) -> list[list[Place]]:
    """Groups of one thing's places where two outlets disagree and neither gives both."""
    by_key: dict[str, list[Place]] = {}
    for p in places:
        by_key.setdefault(p.key, []).append(p)
    out = []
    for items in by_key.values():
        named = {p.subject for p in items if p.subject}
        groups = (
            [items]
            if len(named) <= 1
            else [[p for p in items if p.subject == s] for s in sorted(named)]
        )
        for group in groups:
            per_outlet: dict[str, set[int]] = {}
            for p in group:
                per_outlet.setdefault(p.claim.outlet, set()).add(p.rank)
            if any(len(ranks) > 1 for ranks in per_outlet.values()):
                continue  # one outlet ranks two things of this kind
            if len({r for ranks in per_outlet.values() for r in ranks}) > 1:
                out.append(group)
    return out

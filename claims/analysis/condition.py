"""A named person's medical condition: in danger of their life, or out of it.

"Lena Dorsk is in life-threatening condition" and "Dorsk is not in a
life-threatening condition anymore" published the same day disagree on a
checkable fact; days apart they tell a recovery (or a relapse), which is no
contradiction. Each sentence yields at most one reading, for the person it
names last before the words; a sentence that tells someone else's words in
between ("Kalinak said that the prime minister is not out of danger") is left
out, since the condition may be of someone unnamed.

Pure: claims in, readings and clashes out; no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

IN_DANGER = "in danger"
OUT_OF_DANGER = "out of danger"

# Most specific first: negated forms before the words they negate.
_READINGS = (
    (IN_DANGER, r"\bnot (?:yet )?out of (?:danger|the woods)\b|\bstill in danger\b"),
    (
        OUT_OF_DANGER,
        r"\b(?:is|was|are|were) not (?:in )?(?:a )?life[- ]threatening\b|"
        r"\b(?:life|lives) (?:is|was|are|were) (?:not|no longer) in danger\b|"
        r"\bno longer in danger\b|\bout of (?:danger|life[- ]threatening)|"
        r"\bstable condition\b|\bnon[- ]life[- ]threatening\b",
    ),
    (
        IN_DANGER,
        r"\bin (?:a )?life[- ]threatening condition\b|\bin (?:a )?critical condition\b|"
        r"\bfighting for (?:his|her|their) life\b",
    ),
)
_PATTERNS = [(label, re.compile(p, re.IGNORECASE)) for label, p in _READINGS]
# Words between the name and the condition that make it someone's account of
# another person: "Dorsk told reporters that the patient is out of danger".
_ACCOUNT = re.compile(
    r"\b(?:said|says|told|stressed|expressed|added|stated|announced|confirmed)\b", re.I
)
# How far before the condition words the person's name may stand.
NAME_REACH = 60
# Reports published this close together are of one time; reports dated only by
# day are of one time when the day is the same.
SAME_TIME = timedelta(hours=6)


@dataclass
class ConditionReport:
    label: str  # IN_DANGER | OUT_OF_DANGER
    subject: str  # the person's canonical name
    claim: object  # analysis.types.ClaimInput
    published: datetime | None
    phrase: str


def conditions(claim, published: datetime | None) -> list[ConditionReport]:
    """The one condition a sentence gives a named person, if any."""
    data = claim.data
    for label, pattern in _PATTERNS:
        match = pattern.search(data.text)
        if match is None:
            continue
        who = _person_before(claim, match.start())
        return [ConditionReport(label, who, claim, published, match.group(0))] if who else []
    return []


def _person_before(claim, start: int) -> str:
    data = claim.data
    named = [
        p
        for p in data.people
        if p.canonical and start - NAME_REACH <= p.start - data.start < start
    ]
    if not named:
        return ""
    last = max(named, key=lambda p: p.start)
    between = data.text[last.end - data.start : start]
    return "" if _ACCOUNT.search(between) else last.canonical


@dataclass
class ConditionClash:
    subject: str
    reports: list[ConditionReport]
    same_hours: bool  # within SAME_TIME by the clock, not only the same day


def clashes(reports: list[ConditionReport]) -> list[ConditionClash]:
    """One person in danger in one outlet and out of it in another, at one time."""
    by_person: dict[str, list[ConditionReport]] = {}
    for r in reports:
        by_person.setdefault(r.subject, []).append(r)
    out = []
    for subject, group in by_person.items():
        bad: list[ConditionReport] = []
        hours = False
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.label == b.label or a.claim.outlet == b.claim.outlet:
                    continue
                when = _one_time(a.published, b.published)
                if when is None:
                    continue
                hours = hours or when
                bad += [r for r in (a, b) if r not in bad]
        if bad:
            out.append(ConditionClash(subject, bad, hours))
    return out


def _one_time(a: datetime | None, b: datetime | None) -> bool | None:
    """True within SAME_TIME by the clock, False on the same day only, None apart."""
    if a is None or b is None:
        return None
    if _clocked(a) and _clocked(b):
        return True if abs(a - b) <= SAME_TIME else None
    return False if a.date() == b.date() else None


def _clocked(when: datetime) -> bool:
    return (when.hour, when.minute, when.second) != (0, 0, 0)

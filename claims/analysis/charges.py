"""What a person is charged with, suspected of or convicted of, across outlets.

`status` reads how far a case has gone; this module reads the offence. Outlets
that agree a suspect "was charged" often disagree on what with: "charged with
murder" / "charged with attempted murder", "negligent homicide" / "murder",
"first-degree" / "second-degree murder". A reviewer wants those side by side.

Offences are compared only at one stage of a case (suspicion, charge,
conviction): police arrest on suspicion of murder and prosecutors charge
manslaughter days later, which is the case moving on, not a contradiction. An
outlet naming one of several charges ("charged with murder" where another lists
"murder and arson") leaves something out; it contradicts nothing, so two
outlets are told apart only when no offence of one fits any of the other's, and
no third outlet's fuller list holds both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations

from claims.analysis.people import name_tokens, same_person
from claims.analysis.status import THE_SUSPECT

SUSPECTED, CHARGED, CONVICTED = "suspected of", "charged with", "convicted of"

# The words that open an offence at each stage of a case.
_TRIGGERS = (
    (
        SUSPECTED,
        r"\b(?:arrested|detained|held|questioned)\s+(?:\w+\s+)?on\s+suspicion\s+of|"
        r"\bsuspected\s+of|\barrested\s+for|\bdetained\s+for",
    ),
    (
        CHARGED,
        r"\bcharged\s+(?:him|her)?\s*with|\bcharged\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?with|\bindicted\s+(?:on|for)|\baccused\s+of|"
        r"\bon\s+(?:a\s+)?charges?\s+of|\bfaces?\s+(?:a\s+)?charges?\s+of|"
        r"\bfacing\s+(?:a\s+)?charges?\s+of|\bthe\s+charges?\s+of",
    ),
    (
        CONVICTED,
        r"\bconvicted\s+(?:of|on)|\bfound\s+guilty\s+(?:of|on)|\bpleaded\s+guilty\s+to|"
        r"\bpled\s+guilty\s+to|\bsentenced\s+for",
    ),
)
_TRIGGER = re.compile(
    "|".join(f"(?P<s{i}>{pattern})" for i, (_, pattern) in enumerate(_TRIGGERS)),
    re.IGNORECASE,
)
# "on a capital murder charge", "faces manslaughter charges": the offence before
# the word (not "each perjury charge carries five years").
_CHARGE_AFTER = re.compile(
    r"\b(?:on|over|faces?|facing|with)\s+(?:an?\s+|the\s+)?(?P<offence>(?:(?!(?:on|of|for|in|trial|an?|the)\s)[\w-]+\s+){1,4}?)charges?\b",
    re.IGNORECASE,
)
# Where the offence phrase ends.
_END = re.compile(
    r"[.;:()]|,|\b(?:after|over|following|in connection|and was|but|which|who|when|"
    r"while|because|since|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.IGNORECASE,
)

# Offence classes: the words that name each. "homicide" alone fits a murder and a
# manslaughter alike; a negligent or culpable homicide is a manslaughter.
_OFFENCES = (
    ("manslaughter", r"manslaughter|(?:negligent|involuntary|culpable|reckless)\s+homicide|"
     r"(?:homicide|deaths?|killing)\s+(?:\w+\s+)?(?:by|through)\s+negligence|"
     r"causing\s+death\s+by"),
    ("murder", r"murders?|assassination"),
    ("homicide", r"homicides?"),
    ("terrorism", r"terror(?:ism|ist)|act\s+of\s+terror"),
    ("assault", r"assault|battery|grievous\s+bodily\s+harm|wounding"),
    ("rape", r"rape"),
    ("sex trafficking", r"sex\s+trafficking"),
    ("trafficking", r"trafficking"),
    ("smuggling", r"smuggling"),
    ("kidnapping", r"kidnapping|abduction|hostage[- ]taking"),
    ("robbery", r"robbery"),
    ("theft", r"theft|stealing"),
    ("burglary", r"burglary"),
    ("arson", r"arson"),
    ("fraud", r"fraud"),
    ("bribery", r"bribery|corruption"),
    ("embezzlement", r"embezzlement"),
    ("money laundering", r"money\s+laundering"),
    ("tax evasion", r"tax\s+evasion"),
    ("perjury", r"perjury"),
    ("obstruction", r"obstruction"),
    ("treason", r"treason"),
    ("sedition", r"sedition"),
    ("espionage", r"espionage|spying"),
    ("insurrection", r"insurrection|rebellion|mutiny"),
    ("abuse of power", r"abuse\s+of\s+(?:power|office|authority)"),
    ("conspiracy", r"conspiracy"),
    ("negligence", r"negligence"),
    ("environmental crimes", r"environmental\s+crimes?"),
)  # fmt: skip
_OFFENCE = re.compile(
    "|".join(rf"(?P<o{i}>\b(?:{pattern}))" for i, (_, pattern) in enumerate(_OFFENCES)),
    re.IGNORECASE,
)
# "homicide" alone fits either of these.
_BROAD = {"homicide": {"murder", "manslaughter"}}
_ATTEMPT = re.compile(r"\battempt(?:ed|ing)?\b(?:\s+(?:to|of|the))?(?:\s+[\w-]+)?\s*$", re.I)
_DEGREE = re.compile(
    r"\b(?P<degree>first|second|third|1st|2nd|3rd)[- ]degree\s+(?:[\w-]+\s+)?$", re.IGNORECASE
)
# Not charged, or a sentence already being served for an older case.
_NEGATED = re.compile(r"\b(?:not|never|cleared|acquitted|n't|no)\b[^,;]{0,20}$", re.IGNORECASE)
_SERVING = re.compile(r"\bserving\b", re.IGNORECASE)
_UNREAL = re.compile(
    r"\b(?:could|would|might|may|if|whether|expected|likely|set|plans?|seeks?|seeking|"
    r"considering|deciding|denied|denies|denying)\b(?:\s+[\w'’-]+){0,4}\s*$",
    re.IGNORECASE,
)
# A sentence about more than one accused, or about another one than the story's.
_SEVERAL = re.compile(
    r"\b(?:were|are|have been|suspects|defendants|second|third|another|other|two|three|"
    r"four|five|both|men|women|accomplices?|co-accused)\b",
    re.IGNORECASE,
)
# Reports this close are of one time; a charge stated differently later may
# have been changed since, which is worth a look but is no contradiction.
SAME_TIME = timedelta(hours=36)


@dataclass(frozen=True)
class Offence:
    name: str
    attempted: bool = False
    degree: str = ""

    @property
    def label(self) -> str:
        degree = f"{self.degree}-degree" if self.degree else ""
        words = (degree, "attempted" if self.attempted else "", self.name)
        return " ".join(w for w in words if w)


@dataclass
class ChargeReport:
    stage: str
    subject: str
    offences: frozenset[Offence]
    claim: object  # analysis.types.ClaimInput
    published: datetime | None
    phrase: str


def charges(claim, published: datetime | None) -> list[ChargeReport]:
    """The offences one sentence puts one accused person at, per stage."""
    text = claim.data.text
    found: dict[str, ChargeReport] = {}
    for match in _TRIGGER.finditer(text):
        stage = _TRIGGERS[_which(match)][0]
        before = text[max(0, match.start() - 40) : match.start()]
        subject = _subject(claim, text[: match.start()])
        if _SERVING.search(text[: match.start()]):
            continue
        if stage in found or not subject or _NEGATED.search(before) or _UNREAL.search(before):
            continue
        span = _END.split(text[match.end() : match.end() + 90], maxsplit=1)[0]
        offences = read_offences(span)
        if offences:
            phrase = (match.group(0) + span).strip()
            found[stage] = ChargeReport(stage, subject, offences, claim, published, phrase)
    for match in _CHARGE_AFTER.finditer(text):
        offences = read_offences(match.group("offence"))
        before = text[max(0, match.start() - 40) : match.start()]
        subject = _subject(claim, text[: match.start()])
        if CHARGED in found or not offences or not subject or _SERVING.search(before):
            continue
        if _NEGATED.search(before) or _UNREAL.search(before):
            continue
        found[CHARGED] = ChargeReport(
            CHARGED, subject, offences, claim, published, match.group(0).strip()
        )
    return list(found.values())


def _subject(claim, before: str) -> str:
    """The one person named before the charge, or the one unnamed suspect; none
    when the words before it speak of several accused. A person named after it
    is the victim ("charged with the attempted murder of X")."""
    if _SEVERAL.search(before):
        return ""
    people = {
        p.canonical
        for p in claim.data.people
        if len(name_tokens(p.canonical)) > 1 and _accused_at(p.name, before)
    }
    if len(people) == 1:
        return people.pop()
    return THE_SUSPECT if not people else ""


def read_offences(span: str) -> frozenset[Offence]:
    """The offences a phrase names ("attempted premeditated murder and arson")."""
    out = set()
    for match in _OFFENCE.finditer(span):
        name = _OFFENCES[_which(match)][0]
        before = span[: match.start()]
        degree = _DEGREE.search(before)
        out.add(
            Offence(
                name,
                attempted=bool(_ATTEMPT.search(before[-40:])),
                degree=_ordinal(degree.group("degree")) if degree else "",
            )
        )
    return frozenset(out)


def _which(match: re.Match) -> int:
    """The index of the alternative that matched (groups are named "s0", "o3")."""
    return int((match.lastgroup or "_0")[1:])


def _ordinal(word: str) -> str:
    return {"1st": "first", "2nd": "second", "3rd": "third"}.get(word.lower(), word.lower())


def fits(a: Offence, b: Offence) -> bool:
    """One offence as two outlets may name it: "premeditated murder" and "murder",
    "homicide" and "manslaughter"; not "murder" and "attempted murder"."""
    if a.attempted != b.attempted:
        return False
    if a.degree and b.degree and a.degree != b.degree:
        return False
    return a.name == b.name or b.name in _BROAD.get(a.name, ()) or a.name in _BROAD.get(b.name, ())


# Offences one charge is told as in place of another: a killing is a murder, a
# manslaughter or a homicide. Two other offences ("rape" / "assault", "fraud" /
# "conspiracy") are more often two counts of one case than two tellings of one.
_KILLINGS = {"murder", "manslaughter", "homicide"}


def _rivals(x: frozenset[Offence], y: frozenset[Offence]) -> bool:
    """Some offence of x and some of y are told in place of each other: one
    offence at another degree or attempt, or two names of one killing."""
    return any(a.name == b.name or {a.name, b.name} <= _KILLINGS for a in x for b in y)


def _sets_fit(x: frozenset[Offence], y: frozenset[Offence]) -> bool:
    return any(fits(a, b) for a in x for b in y)


@dataclass
class ChargeClash:
    stage: str
    subject: str
    reports: list[ChargeReport]
    same_time: bool
    reason: str


def clashes(reports: list[ChargeReport]) -> list[ChargeClash]:
    """Outlets whose offences for one accused at one stage have nothing in common."""
    groups: dict[tuple[str, str], list[ChargeReport]] = {}
    for r in _suspect_named(reports):
        groups.setdefault((r.stage, r.subject), []).append(r)
    out = []
    for (stage, subject), group in groups.items():
        per_article = _per_article(group)
        bad_pairs = [
            (a, b)
            for a, b in combinations(per_article, 2)
            if a[0] != b[0]
            and not _sets_fit(per_article[a], per_article[b])
            and _rivals(per_article[a], per_article[b])
            and not _fuller_list(per_article, per_article[a], per_article[b])
        ]
        if not bad_pairs:
            continue
        articles = {key for pair in bad_pairs for key in pair}
        bad = [r for r in group if (r.claim.outlet, r.claim.article_id) in articles]
        per = _per_article(group)
        at_once = [pair for pair in bad_pairs if _same_time(group, *pair)]
        later = [pair for pair in bad_pairs if pair not in at_once]
        reason = _reason(stage, subject, per, at_once, later)
        out.append(ChargeClash(stage, subject, bad, bool(at_once), reason))
    return out


def _suspect_named(reports: list[ChargeReport]) -> list[ChargeReport]:
    """One accused under each of their names ("Juraj C.", "Juraj Cintula"); where
    one person alone is named at a stage, the unnamed suspect at that stage is
    that person ("the station master" in one outlet, his name in another)."""
    names = sorted({r.subject for r in reports} - {THE_SUSPECT}, key=len, reverse=True)
    whose = {n: next(m for m in names if _one_person(n, m)) for n in names}
    out = []
    for r in reports:
        named = {whose[x.subject] for x in reports if x.stage == r.stage and x.subject in whose}
        if r.subject == THE_SUSPECT and len(named) == 1:
            subject = named.pop()
        else:
            subject = whose.get(r.subject, r.subject)
        out.append(ChargeReport(r.stage, subject, r.offences, r.claim, r.published, r.phrase))
    return out


# A name after "of", "on" or "against" (a title between) is whom the offence
# was against: "the shooting of Prime Minister X", "the attack on X".
_VICTIM_BEFORE = re.compile(r"\b(?:of|on|against|at)\b(?:\s+[\w.'’-]+){0,4}\s*$", re.IGNORECASE)


def _accused_at(name: str, before: str) -> bool:
    at = before.find(name) if name else -1
    return at >= 0 and not _VICTIM_BEFORE.search(before[:at])


def _one_person(a: str, b: str) -> bool:
    """ "Juraj C." and "Juraj Cintula": one first name, a surname cut short."""
    if a == b or same_person(a, b):
        return True
    ta, tb = name_tokens(a), name_tokens(b)
    if len(ta) < 2 or len(tb) < 2 or ta[0] != tb[0]:
        return False
    return ta[-1].startswith(tb[-1]) or tb[-1].startswith(ta[-1])


def _per_article(group: list[ChargeReport]) -> dict[tuple, frozenset[Offence]]:
    """The offences each article names: one report, whatever it says elsewhere
    on other days (a charge changed later is told by a later article)."""
    out: dict[tuple, frozenset[Offence]] = {}
    for r in group:
        key = (r.claim.outlet, r.claim.article_id)
        out[key] = out.get(key, frozenset()) | r.offences
    return out


def _fuller_list(per_article: dict, x: frozenset[Offence], y: frozenset[Offence]) -> bool:
    """A third article lists one offence that fits x and another that fits y: x
    and y each name part of the charges."""
    for offences in per_article.values():
        for a, b in combinations(offences, 2):
            if (_sets_fit({a}, x) and _sets_fit({b}, y)) or (
                _sets_fit({b}, x) and _sets_fit({a}, y)
            ):
                return True
    return False


def _same_time(group: list[ChargeReport], a: tuple, b: tuple) -> bool:
    times = {(r.claim.outlet, r.claim.article_id): r.published for r in group}
    x, y = times.get(a), times.get(b)
    return bool(x and y and abs(x - y) <= SAME_TIME)


def _reason(stage: str, subject: str, per: dict, at_once: list, later: list) -> str:
    """What the outlets name, split into reports of one time (a contradiction)
    and reports days apart (the charge may have been changed in between)."""
    who = "the suspect" if subject == THE_SUSPECT else subject
    parts = []
    for pairs, when in (
        (at_once, "reported at the same time"),
        (later, "reported days apart: the charge may have been changed in between"),
    ):
        named = dict.fromkeys(describe(per[key]) for pair in pairs for key in pair)
        if pairs:
            parts.append(f"{' vs '.join(named)}, {when}")
    return f"what {who} is {stage}: " + "; ".join(parts)


def describe(offences: frozenset[Offence]) -> str:
    return " and ".join(sorted(o.label for o in offences))

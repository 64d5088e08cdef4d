"""Legal and factual status: how far a case has gone, whether a person is dead.

A sentence states a stage on a scale: "expected to be charged" < "arrested on
suspicion of" < "charged with" < "convicted"; "missing" vs "confirmed dead" vs
"found alive"; "no survivors" vs "one survivor". Two outlets that put the same
person (or the same event, for survivors) at different stages at the same time
contradict each other; a later report further along the scale is progress, not
a contradiction. A later report that goes back (dead, then "missing") is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

# Stages in order along each scale; the phrases that state them. Checked most
# specific first: "expected to be charged" before "charged".
LEGAL = "legal"
LIFE = "life"
SURVIVORS = "survivors"

_PATTERNS: list[tuple[str, int, str, re.Pattern]] = []


def _stage(scale: str, rank: int, label: str, pattern: str) -> None:
    _PATTERNS.append((scale, rank, label, re.compile(pattern, re.IGNORECASE)))


_stage(
    LEGAL,
    0,
    "expected to be charged",
    r"\b(?:expected|likely|set|due|going) to be (?:charged|indicted)\b|"
    r"\b(?:could|may|might|will|would) (?:face|be) (?:charged|charges|indicted)\b|"
    r"\bcharges? (?:are|were|is) expected\b",
)
_stage(
    LEGAL,
    1,
    "arrested on suspicion",
    r"\barrested (?:\w+ )?on suspicion\b|\b(?:was|were|been|being) (?:arrested|detained)\b|"
    r"\bin (?:police )?custody\b|\bheld on suspicion\b",
)
_stage(
    LEGAL,
    2,
    "charged",
    # "he was charged by a man" in the courtroom: rushed at, no charge laid
    r"(?<!expected to be )(?<!to be )\b(?:was|were|been|has been|have been|is|are) "
    r"(?:formally )?(?:charged(?!\s+by\s+an?\s+(?!grand\b))|indicted)\b|"
    r"\bcharged (?:him|her|them) with\b|"
    r"\b(?:was|were|been|has been|have been) (?:arrested|detained) and (?:formally )?charged\b",
)
_stage(
    LEGAL,
    3,
    "convicted",
    r"\b(?:convicted|found guilty|pleaded guilty|pled guilty|sentenced)\b",
)
_stage(
    LEGAL,
    4,
    "charges dropped",
    r"\b(?:charges?|case|prosecution) (?:\w+ ){0,5}?(?:was|were|has been|have been|had been) "
    r"(?:formally )?(?:dropped|dismissed|closed|withdrawn|thrown out)\b|"
    r"\b(?:was|were|been) (?:acquitted|cleared)\b|\bdismissed (?:the |all )?charges\b",
)
_stage(
    LIFE,
    0,
    "missing",
    r"\b(?:is|are|was|were|remain(?:s|ed)?) (?:still )?missing\b|"
    r"\bunaccounted for\b",
)
_stage(
    LIFE,
    1,
    "presumed dead",
    r"\b(?:presumed|feared|believed|thought|likely) (?:to (?:be|have) )?"
    r"(?:dead|died|drowned|killed|perished)\b",
)
_stage(
    LIFE,
    2,
    "confirmed dead",
    r"\b(?:confirmed|declared|pronounced|found) dead\b|\bbody (?:of \w+ )?(?:was )?found\b|"
    r"\b(?:was|were|has been|have been) killed\b|\b(?:died|dead)\b",
)
_stage(LIFE, 3, "found alive", r"\bfound alive\b|\brescued alive\b")
_stage(
    SURVIVORS,
    0,
    "no survivors",
    r"\bno survivors?\b|\ball (?:\d+ |[a-z]+ )?(?:people |passengers |those |of those )?"
    r"(?:on board|aboard)\b[^.]{0,40}\b(?:died|were killed|perished|dead)\b|"
    r"\b(?:none|no one|nobody) (?:on board |aboard )?survived\b|\bkilling all\b(?! but)",
)
_stage(
    SURVIVORS,
    1,
    "survivors",
    r"\b(?:one|two|three|four|five|\d+|sole|only|lone) survivors?\b|"
    r"\b(?:survived|were rescued|was rescued|found alive|pulled alive)\b",
)

# Whether the cause of the event is known: "investigators have not determined the
# cause" < "the fire was caused by a downed power line". A cause given and one
# outlet saying at the same time that none is known disagree; a cause found
# later is progress.
CAUSE = "cause"
_EVENT_NOUN = (
    r"(?:fire|blaze|wildfire|crash|explosion|blast|collapse|derailment|accident|outage|"
    r"leak|spill|flood(?:ing)?|sinking|stampede)"
)
_stage(
    CAUSE,
    0,
    "cause not known",
    r"\bcause\b[^.;]{0,40}?\b(?:is|was|remains|remained)\s+(?:still\s+)?"
    r"(?:under investigation|unknown|unclear|"
    r"not (?:yet |immediately )?(?:known|clear|determined))|"
    r"\b(?:not|yet to)\s+(?:yet\s+)?(?:determined|established|identified|confirmed)\s+"
    r"(?:the|what)\s+(?:cause|caused)\b|"
    r"\bnot (?:immediately |yet )?(?:clear|known) what (?:caused|started|sparked)\b|"
    r"\b(?:trying|working) to (?:determine|establish|find out) (?:the cause|what caused)\b",
)
_stage(
    CAUSE,
    1,
    "cause given",
    rf"\b{_EVENT_NOUN}\b[^.;]{{0,40}}?\b(?:was|were|had been|has been)\s+"
    r"(?:\w+\s+)?(?:caused|sparked|started|ignited|triggered|set off)\s+by\b|"
    rf"\b{_EVENT_NOUN}\b[^.;]{{0,40}}?\b(?:was|were|has been|had been)\s+blamed on\b",
)

# Whether anyone has claimed an attack: "no group has claimed responsibility" <
# "the Desert Front claimed responsibility". At one time the two disagree; a
# claim made later is progress.
RESPONSIBILITY = "responsibility"
_stage(
    RESPONSIBILITY,
    0,
    "no one has claimed it",
    r"\b(?:no (?:one|group|organi[sz]ation|faction)|nobody|none)\s+(?:\w+\s+){0,2}?"
    r"claimed (?:responsibility|credit)\b|"
    r"\bresponsibility\s+(?:has|had|was)\s+not\s+(?:yet\s+|immediately\s+)?(?:been\s+)?claimed\b|"
    r"\bno (?:immediate )?claim of responsibility\b",
)
_stage(
    RESPONSIBILITY,
    1,
    "claimed",
    r"\bclaimed (?:responsibility|credit) for\b|\bclaimed (?:responsibility|credit)\b",
)

# What became of an attack's perpetrator, named by role: at large, in custody or
# dead. Early coverage of a shooting often disagrees ("shot dead by police" / "taken
# into custody" / "killed himself"); two at one time cannot both hold.
ATTACKER = "attacker"
_ROLE = re.compile(
    r"\b(?:the|a|an)\s+(?:lone\s+|suspected\s+|alleged\s+)?"
    r"(?P<role>gunman|shooter|attacker|assailant|bomber|perpetrator|knifeman|gunwoman|driver|"
    r"suspect|hijacker|kidnapper|stabber)\b"
    r"(?P<between>(?:\s+[\w,'’-]+){0,5}?)\s+"
    r"(?P<phrase>(?:was|is|has been|had been|were)\s+(?:shot dead|killed|arrested|detained|"
    r"apprehended|taken into custody|in custody|at large|still at large|on the run)|"
    r"(?:killed|shot)\s+(?:himself|herself)|took (?:his|her) own life|died|fled|escaped|"
    r"remains? at large|surrendered|turned (?:himself|herself) in)\b",
    re.IGNORECASE,
)
_ATTACKER_STAGES = (
    ("at large", re.compile(r"at large|on the run|fled|escaped", re.IGNORECASE)),
    ("in custody", re.compile(r"arrest|detain|apprehend|custody|surrender|turned", re.IGNORECASE)),
    ("dead", re.compile(r"dead|killed|shot|own life|died", re.IGNORECASE)),
)


# How a dead perpetrator died: by their own hand, or at the hands of the police.
# Early reports of an attack often disagree ("killed by police" / "killed
# himself"); two outlets telling it both ways disagree whenever they wrote.
KILLED_SELF, KILLED_BY_POLICE = "dead: killed himself or herself", "dead: killed by police"
_SELF = re.compile(
    r"\b(?:killed|shot)\s+(?:himself|herself)\b|\btook\s+(?:his|her)\s+own\s+life\b|"
    r"\bself-inflicted\b|\bsuicide\b",
    re.IGNORECASE,
)
_BY_POLICE = re.compile(
    r"^[^.;]{0,25}\b(?:by|after|during|in)\b[^.;]{0,30}\b(?:police|officers?|swat|troopers?|"
    r"deputies|security forces|standoff|shoot-?out|gunfight)\b",
    re.IGNORECASE,
)
# "Paddock killed himself", "he took his own life": a named or pronoun subject
# a few words before, in a sentence about one attacker.
_SELF_PHRASE = re.compile(
    r"\b(?:killed|shot)\s+(?:himself|herself)\b|\btook\s+(?:his|her)\s+own\s+life\b"
)
_PRONOUNS = {"he", "she"}


def _manner(phrase: str, after: str) -> str:
    if _SELF.search(phrase):
        return KILLED_SELF
    if re.search(r"killed|shot dead|died", phrase, re.IGNORECASE) and _BY_POLICE.search(after):
        return KILLED_BY_POLICE
    return ""


def attacker_status(claim, published: datetime | None) -> StatusReport | None:
    """The perpetrator's state a sentence gives ("the gunman was shot dead"), or None
    when it is negated, conditional, or the sentence counts several of them."""
    text = claim.data.text
    match = _ROLE.search(text)
    if match is None and not _SEVERAL_ATTACKERS.search(text):
        return _named_self(claim, published)
    if match is None or re.search(
        r"\b(?:gunmen|attackers|shooters|bombers|drivers|suspects|hijackers|kidnappers)\b",
        text,
        re.I,
    ):
        return None
    if _NEGATED.search(match.group("between")) or _CONDITIONAL.search(match.group("between")):
        return None
    phrase = match.group("phrase")
    for rank, (label, pattern) in enumerate(_ATTACKER_STAGES):
        if pattern.search(phrase):
            # a vehicle's driver may be an attacker's or a crash's: kept apart
            who = "the driver" if match.group("role").lower() == "driver" else "the attacker"
            label = _manner(phrase, text[match.end() :]) or label
            return StatusReport(ATTACKER, rank, label, who, claim, published, phrase)
    return None


_SEVERAL_ATTACKERS = re.compile(
    r"\b(?:gunmen|attackers|shooters|bombers|suspects|hijackers|kidnappers)\b", re.IGNORECASE
)


def _named_self(claim, published: datetime | None) -> StatusReport | None:
    """ "Police said Paddock killed himself": in coverage of an attack, the one
    person a sentence says took their own life is the perpetrator."""
    text = claim.data.text
    match = _SELF_PHRASE.search(text)
    if match is None:
        return None
    words = re.findall(r"[\w'’-]+", text[: match.start()])[-7:]
    names = {w for p in claim.data.people for w in p.name.split()}
    subject = next((i for i in range(len(words) - 1, -1, -1) if words[i] in names
                    or words[i].lower() in _PRONOUNS), None)  # fmt: skip
    between = " ".join(words[subject + 1 :]) if subject is not None else ""
    if subject is None or _NEGATED.search(between) or _CONDITIONAL.search(between):
        return None
    return StatusReport(ATTACKER, 2, KILLED_SELF, "the attacker", claim, published, match.group(0))


# Reports published this close together are "of the same time".
SAME_TIME = timedelta(hours=6)
_NEGATED = re.compile(r"\b(?:not|never|no longer|n't)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(
    r"\b(?:if|unless|whether|could|would|might|may)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)


@dataclass
class StatusReport:
    scale: str
    rank: int
    label: str
    subject: str  # the person it is about ("" for the event as a whole)
    claim: object  # analysis.types.ClaimInput
    published: datetime | None
    phrase: str


def statuses(claim, published: datetime | None) -> list[StatusReport]:
    """The stages one claim states, one per scale (the most specific phrase)."""
    text = claim.data.text
    found: dict[str, StatusReport] = {}
    people = [p.canonical for p in claim.data.people if p.canonical]
    for scale, rank, label, pattern in _PATTERNS:
        # a case told in one breath ("was arrested and charged with murder") is at
        # its furthest stage; other scales keep their most specific phrase
        if scale in found and (scale != LEGAL or found[scale].rank >= rank):
            continue
        match = pattern.search(text)
        if not match:
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        if _NEGATED.search(before):
            continue  # "was not charged": a different claim, left to polarity
        if _CONDITIONAL.search(text[max(0, match.start() - 30) : match.start()]):
            continue  # "punishable by death if found guilty": no stage reached
        if scale == LIFE and _only_count(text, match):
            continue
        event_wide = scale in (SURVIVORS, CAUSE, RESPONSIBILITY)
        subject = "" if event_wide else (people[0] if len(set(people)) == 1 else "")
        if scale == LEGAL and not people and _one_suspect(text[: match.start()], text):
            subject = THE_SUSPECT  # "the suspect, 24, was charged": one unnamed suspect
        if not event_wide and not subject:
            continue  # legal and life status are about a named person
        found[scale] = StatusReport(scale, rank, label, subject, claim, published, match.group(0))
    attacker = attacker_status(claim, published)
    if attacker is not None:
        found[ATTACKER] = attacker
    return list(found.values())


THE_SUSPECT = "The suspect"
# "The suspect", "the suspect, a 24-year-old man," right before the stage it is at.
_SUSPECT_BEFORE = re.compile(r"\bthe (?:suspected \w+|suspect)\b[^.;]{0,40}$", re.IGNORECASE)
_SEVERAL = re.compile(
    r"\b(?:suspects|second|third|another|other|two|three|four|both|men|women)\b", re.IGNORECASE
)


def _one_suspect(before: str, text: str) -> bool:
    """The sentence puts the one unnamed suspect at the stage, and names no other."""
    return bool(_SUSPECT_BEFORE.search(before)) and not _SEVERAL.search(text)


def _only_count(text: str, match) -> bool:
    """ "28 people died": a toll (figures), not one person's status."""
    return bool(re.search(r"\d|\b(?:people|passengers|all)\b", text[: match.start()][-40:]))


@dataclass
class StatusClash:
    scale: str
    subject: str
    reports: list[StatusReport]
    reason: str


def clashes(reports: list[StatusReport]) -> list[StatusClash]:
    """Outlets that put one subject at different stages at the same time, or a
    later report that goes back on an earlier one's stage."""
    groups: dict[tuple[str, str], list[StatusReport]] = {}
    for r in reports:
        groups.setdefault((r.scale, r.subject), []).append(r)
    out = []
    for (scale, subject), group in groups.items():
        if len({r.label for r in group}) < 2 or len({r.claim.outlet for r in group}) < 2:
            continue
        bad: list[StatusReport] = []
        why = ""
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.claim.outlet == b.claim.outlet:
                    continue
                if a.rank == b.rank:
                    if not _other_manner(a, b):
                        continue
                    why = why or "two ways of dying"
                elif _same_time(a, b):
                    why = why or "at the same time"
                elif _goes_back(a, b):
                    why = why or "a later report goes back on an earlier one"
                else:
                    continue
                bad += [r for r in (a, b) if r not in bad]
        if not bad:
            continue
        stages = " vs ".join(dict.fromkeys(r.label for r in sorted(bad, key=lambda r: r.rank)))
        who = "the suspect" if subject == THE_SUSPECT else subject or "the event"
        what = f"what became of {subject}" if scale == ATTACKER else f"{scale} status of {who}"
        out.append(StatusClash(scale, subject, bad, f"{what}: {stages}, {why}"))
    return out


def _other_manner(a: StatusReport, b: StatusReport) -> bool:
    """Killed by their own hand in one outlet, by the police in another."""
    return {a.label, b.label} == {KILLED_SELF, KILLED_BY_POLICE}


def _same_time(a: StatusReport, b: StatusReport) -> bool:
    """Both published with a time of day (a bare date is stored as midnight), close."""
    if a.published is None or b.published is None:
        return False
    if not (_precise(a.published) and _precise(b.published)):
        return False
    return abs(a.published - b.published) <= SAME_TIME


def _precise(when: datetime) -> bool:
    return (when.hour, when.minute, when.second, when.microsecond) != (0, 0, 0, 0)


# "was not shot down", "has not been identified", "did not survive"
_NEGATION = re.compile(
    r"\b(?:not|n't|never|no longer|rul(?:ed|es|ing) out)((?:\s+\w+){1,4})", re.IGNORECASE
)
_AUX = {"be", "been", "being", "was", "were", "is", "are", "have", "has", "had", "to", "yet"}
_AUX |= {"a", "an", "the", "immediately", "officially", "publicly", "also", "so", "far"}


def negation_clash(negated: list[str], affirmed: list[str]) -> bool:
    """One outlet denies what another affirms: a word right after a negation in
    one sentence ("has not been identified") stands un-negated in another's
    ("was identified"). A "not" elsewhere in the sentence is no clash."""
    for text in negated:
        for match in _NEGATION.finditer(text):
            words = match.group(1).split()
            content = next((w.lower() for w in words if w.lower() not in _AUX), "")
            if len(content) < 4:
                continue
            stem = content[:5]
            at = text.lower().find(content, match.start(1))
            denied_count = _count_after(text, at + len(content))
            for other in affirmed:
                for token in re.finditer(rf"\b{re.escape(stem)}\w*", other, re.IGNORECASE):
                    before = other[max(0, token.start() - 25) : token.start()]
                    if _NEGATION_NEAR.search(before) or _UNREAL_NEAR.search(before):
                        continue
                    count = _count_after(other, token.end())
                    if denied_count and count and count != denied_count:
                        continue  # "not guilty on one count" / "guilty on five counts"
                    return True
    return False


# The figure a word applies to: "guilty on five of the six counts", "charged
# with two counts": a negation about one part and an affirmation about another.
_COUNT_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|all|both)\b",
    re.IGNORECASE,
)


def _count_after(text: str, end: int) -> str:
    match = _COUNT_AFTER.match(text[end : end + 40])
    return match.group("n").lower() if match else ""


_NEGATION_NEAR = re.compile(r"\b(?:not|n't|never|no|no longer)\b[^.,;]*$", re.IGNORECASE)
# A word that is only wanted, planned or possible does not affirm it happened:
# "waiting to be sworn in", "if he agrees to be extradited", "could be charged".
_UNREAL_NEAR = re.compile(
    r"\b(?:to|could|would|might|may|if|whether|expected|waiting|awaiting|plans?|"
    r"intends?|intended|wants?|seeks?|seeking|hopes?|fight(?:ing|s)?)\b(?:\s+[\w'’-]+){0,2}\s*$",
    re.IGNORECASE,
)


def _goes_back(a: StatusReport, b: StatusReport) -> bool:
    if a.published is None or b.published is None:
        return False
    if a.published == b.published:
        return False  # no order to go back on
    first, later = (a, b) if a.published < b.published else (b, a)
    if first.scale == LIFE and first.label == "confirmed dead":
        return later.label == "missing"
    if first.scale == ATTACKER:
        return later.rank < first.rank  # dead, then in custody; in custody, then at large
    return later.rank < first.rank and first.scale == LEGAL and first.rank >= 2

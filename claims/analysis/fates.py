"""What happened to people: killed or wounded, named by role or relation ("his
grandmother", "the pilot") or by name; everyone aboard a missing craft; and
whether anyone died at all.

`status` reads a named person's legal status and whether they are missing,
confirmed dead or found alive. Disaster and crime coverage as often states a
fate this module reads: someone killed in one outlet and wounded in another
("killed his grandmother" / "his grandmother remained in critical condition"),
a craft's passengers as a whole ("went missing with five people on board" /
"all five on board died") or nobody in particular ("no deaths have been
reported" / "two bodies were found"). Each sentence here yields at most one
stage per subject; the comparison is in `clashes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

MISSING, PRESUMED, DEAD, HURT, NONE_DEAD = (
    "missing",
    "presumed dead",
    "reported dead",
    "wounded, alive",
    "no deaths reported",
)
NONE_HURT, SOME_HURT = "no one injured", "people injured"
ABOARD = "everyone aboard"
ANYONE = "deaths at all"
ANYONE_HURT = "injuries at all"

_FEMALE = {"grandmother", "mother", "wife", "daughter", "sister", "aunt", "niece"}
_FEMALE |= {"girlfriend", "stepdaughter", "stepmother", "granddaughter"}
_MALE = {"grandfather", "father", "husband", "son", "brother", "uncle", "nephew"}
_MALE |= {"boyfriend", "stepson", "stepfather", "grandson"}
_NEUTRAL = {"pilot", "co-pilot", "copilot", "driver", "gunman", "shooter", "attacker"}
_NEUTRAL |= {"assailant", "suspect", "cousin"}
ROLES = _FEMALE | _MALE | _NEUTRAL

_ROLE = re.compile(
    r"\b(?P<det>his|her|their|the|a|an|[\w-]+['’]s)\s+(?:\d+-year-old\s+|\w+-year-old\s+)?"
    r"(?P<role>" + "|".join(sorted(ROLES, key=len, reverse=True)) + r")\b(?!['’]s)",
    re.IGNORECASE,
)

# A verb that does it to the role named right after it ("killed his grandmother").
_ACTIVE = {
    DEAD: r"(?:killed|killing|shot dead|shot and killed|murdered|stabbed to death|"
    r"fatally (?:wounded|injured|shot|stabbed))",
    HURT: r"(?:critically |seriously )?(?:wounded|wounding|injured|injuring)",
}
# A state the role (before it) is in ("she remained in critical condition").
_STATE = {
    DEAD: r"(?:was|were|has been|had been|is) (?:\w+ )?(?:killed|slain)\b|\bdied\b|"
    r"\b(?:was|were|has been|had been) fatally (?:wounded|injured|shot|stabbed)\b|"
    r"\b(?:is|was|were) dead\b|\b(?:confirmed|declared|pronounced|found) dead\b",
    HURT: r"\bin (?:critical|serious|stable|grave) condition\b|\bhospitali[sz]ed\b|"
    r"\b(?:was|were|has been|had been) (?:\w+ )?(?:wounded|injured)\b",
}
# "was critically injured ... where he was later pronounced dead": both, in order.
_DIED_LATER = re.compile(
    r"\b(?:later|subsequently|eventually|then)\s+(?:died|succumbed|(?:was\s+)?pronounced dead)\b|"
    r"\bdied (?:of|from) (?:his|her|their) (?:wounds|injuries)\b",
    re.IGNORECASE,
)
# "was hospitalized for a psychiatric evaluation months before the shooting": a
# state of another time or of the mind, not the story's wounding.
_OTHER_HURT = re.compile(
    r"^[^.;]{0,80}?\b(?:(?:days?|weeks?|months?|years?)\s+(?:before|earlier|prior)|"
    r"psychiatric|mental)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(he|she|who|whom|whose)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:said|says|told)\b", re.IGNORECASE)

# Everyone aboard a craft, as a whole ("all five", "the five passengers").
_CRAFT = (
    r"(?:submersible|submarine|sub|plane|aircraft|jet|airliner|helicopter|boat|ship|"
    r"vessel|yacht|ferry)"
)
_ABOARD = re.compile(r"\b(?:on board|onboard|aboard)\b|\bpassengers\b|\bcrew\b", re.IGNORECASE)
_WHOLE = re.compile(
    r"\b(?:all|everyone|everybody|none|no one|no survivors)\b|"
    r"\bthe (?:\w+ )?(?:passengers|people|crew)\b|\bloss of all\b",
    re.IGNORECASE,
)
_GROUP_STAGE = [
    (
        PRESUMED,
        re.compile(r"\b(?:presumed|believed|feared)(?: to (?:be|have))? (?:dead|died)\b", re.I),
    ),
    (
        DEAD,
        re.compile(
            r"\b(?:died|dead|killed|killing|perished|deaths? of)\b|\bloss of all (?:\w+ )?lives\b|"
            r"\bmet their (?:death|demise)\b",
            re.I,
        ),
    ),
    (
        MISSING,
        re.compile(
            rf"\b{_CRAFT}\b[^.]{{0,80}}\b(?:went|gone|goes|go|is|was|were|are|been|remains?|remained)"
            r" missing\b|\b(?:on board|onboard|aboard) (?:has|have|had) been missing\b",
            re.I,
        ),
    ),
]

# Whether anyone died: "no deaths have been reported" / "two bodies were found".
_NO_DEATHS = re.compile(
    r"\bno (?:\w+ ){0,3}(?:deaths|fatalities|casualties)\b(?! (?:among|in|from|on|at) )|"
    r"\bno (?:immediate )?reports? of (?:deaths|fatalities|casualties)\b|"
    r"\b(?:no one|nobody) (?:was|has been|had been|were) killed\b|\b(?:no one|nobody) died\b",
    re.IGNORECASE,
)
_LOCAL = re.compile(r"\b(?:in|among|from|on|at|near)\s+(?:the\s+)?(?:[\w\s]{0,40}\bof\s+)?[A-Z]")
# "no new deaths": there were some before; "no civilian injuries", "no serious
# injuries": some of another kind may have been.
_MORE = re.compile(
    r"\b(?:new|further|more|additional|other|civilian|serious|major|severe|"
    r"life-threatening|critical|seriously|critically|severely|badly|gravely)\b",
    re.IGNORECASE,
)
_COUNT = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens|scores|hundreds|thousands)"
)
_SOME_DEATHS = re.compile(
    rf"\b{_COUNT} (?:\w+ ){{0,2}}(?:fatalities|deaths|bodies|dead)\b|"
    rf"\b(?:bodies|remains) of {_COUNT}\b|"
    rf"\b{_COUNT} (?:\w+ ){{0,2}}(?:were|have been|had been|was) killed\b|"
    rf"\b{_COUNT} (?:\w+ ){{0,2}}died\b|\bkill(?:ed|ing) {_COUNT}\b",
    re.IGNORECASE,
)
_UNSURE = re.compile(
    r"\b(?:if|whether|may|might|could|possibly|unclear|not clear|no sign|rule out)\b", re.I
)


# Every stage above needs one of these words.
_ANY_FATE = re.compile(
    r"kill|slain|murder|stabbed|fatal|dead|died|death|wound|injur|hospitali|condition|missing|"
    r"presumed|believed|feared|perish|demise|lives|fatalit|casualt|bodies|remains|hurt",
    re.IGNORECASE,
)


@dataclass
class Fate:
    subject: str  # a role ("grandmother"), a person's full name, ABOARD or ANYONE
    stage: str
    claim: object  # analysis.types.ClaimInput
    published: datetime | None
    phrase: str


def fates(claim, published: datetime | None) -> list[Fate]:
    """The fates one claim states: a person's, everyone aboard's, anyone's."""
    text = claim.data.text
    if not _ANY_FATE.search(text):
        return []  # most sentences: one cheap look instead of a dozen patterns
    people = [(p.name, p.canonical) for p in claim.data.people if p.canonical]
    found = [
        Fate(who, stage, claim, published, phrase)
        for who, stage, phrase in role_fates(text, people)
    ]
    if (group := aboard_stage(text)) is not None:
        found.append(Fate(ABOARD, group[0], claim, published, group[1]))
    if (deaths := death_stage(text)) is not None:
        found.append(Fate(ANYONE, deaths[0], claim, published, deaths[1]))
    if (hurt := injury_stage(text)) is not None:
        found.append(Fate(ANYONE_HURT, hurt[0], claim, published, hurt[1]))
    return found


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    key: str  # the role ("grandmother") or the person's full name
    gender: str  # "f", "m" or "" (unknown)


def _mentions(text: str, people: list[tuple[str, str]]) -> list[_Mention]:
    """Where the sentence names someone: a relative or a role, or a person by name."""
    found = []
    for m in _ROLE.finditer(text):
        role = m.group("role").lower()
        gender = "f" if role in _FEMALE else "m" if role in _MALE else ""
        found.append(_Mention(m.start(), m.end(), role, gender))
    for name, canonical in people:
        for m in re.finditer(rf"\b{re.escape(name)}\b(?!['’]s)", text):
            found.append(_Mention(m.start(), m.end(), canonical, ""))
    return sorted(found, key=lambda m: m.start)


def role_fates(text: str, people: list[tuple[str, str]] = ()) -> list[tuple[str, str, str]]:
    """(who, stage, phrase) for each person whose fate the sentence states: a
    relative or a role ("his grandmother"), or someone it names (`people`: the
    name as written and the full name)."""
    mentions = _mentions(text, list(people))
    out: dict[str, tuple[str, str]] = {}
    for stage, verb in _ACTIVE.items():
        for m in re.finditer(rf"\b{verb}\s+", text, re.IGNORECASE):
            done = next((r for r in mentions if r.start == m.end()), None)
            if done is not None:
                out.setdefault(done.key, (stage, m.group(0).strip()))
    for stage, pattern in _STATE.items():
        for m in re.finditer(pattern, text, re.IGNORECASE):
            who = _subject_before(text, mentions, m.start())
            if stage == HURT and _OTHER_HURT.search(text[m.end() :]):
                continue
            if who and who not in out:
                later = _DIED_LATER.search(text, m.end()) if stage == HURT else None
                out[who] = (DEAD, later.group(0)) if later else (stage, m.group(0))
    return [(who, stage, phrase) for who, (stage, phrase) in out.items()]


def _subject_before(text: str, mentions: list[_Mention], at: int) -> str:
    """Whom a state right after it applies to: the nearest person named before,
    with no clause break between and no pronoun that cannot be them ("his
    sister ... before he was slain", "Doe, whose son died")."""
    before = [r for r in mentions if r.end <= at]
    if not before:
        return ""
    who = max(before, key=lambda r: r.end)
    between = text[who.end : at]
    if len(between) > 80 or _CLAUSE_BREAK.search(between):
        return ""
    pronouns = [p.lower() for p in _PRONOUN.findall(between)]
    last = pronouns[-1] if pronouns else ""
    if (
        last == "whose"
        or (last == "he" and who.gender == "f")
        or (last == "she" and who.gender == "m")
    ):
        return ""
    return who.key


def aboard_stage(text: str) -> tuple[str, str] | None:
    """Everyone aboard a craft: missing, presumed dead or dead (the furthest stage
    the sentence states: "the missing submersible ... all five have died")."""
    if not _ABOARD.search(text) or _UNSURE.search(text):
        return None
    for stage, pattern in _GROUP_STAGE:
        match = pattern.search(text)
        if match is None:
            continue
        if stage != MISSING and not _WHOLE.search(text):
            return None  # "38 of the 67 on board died": a toll, for the figures
        if stage != MISSING and _count_before(text, match.start()):
            return None
        return stage, match.group(0)
    return None


def _count_before(text: str, at: int) -> bool:
    """ "38 of the 67 on board died": a count of some of them (a toll, for the
    figures), where "all 67 on board died" is everyone."""
    before = text[max(0, at - 60) : at]
    return bool(_PARTITIVE.search(before) or _COUNTED.search(before[-40:]))


_COUNTED = re.compile(rf"(?<!\ball )(?<!\bthe )\b{_COUNT}\s+(?:\w+\s+){{0,3}}$", re.I)
_PARTITIVE = re.compile(rf"\b{_COUNT}\s+of\s+(?:the|all|those)\b", re.IGNORECASE)


# "At least 10 counties have reported no deaths": some places of several, not the story.
_SOME_REPORTED = re.compile(
    rf"\b{_COUNT}\s+(?:[\w-]+\s+){{0,2}}(?:(?:have|has|had)\s+)?"
    r"(?:reported|recorded|registered|seen|had)\s+$",
    re.IGNORECASE,
)


def death_stage(text: str) -> tuple[str, str] | None:
    """No deaths reported, or some deaths, stated outright."""
    if (none := _NO_DEATHS.search(text)) is not None:
        if _LOCAL.search(text[none.end() :]) or _MORE.search(none.group(0)):
            return None  # "no deaths were reported in Florida": one place of several
        if _SOME_REPORTED.search(text[max(0, none.start() - 60) : none.start()]):
            return None
        return NONE_DEAD, none.group(0)
    if _UNSURE.search(text):
        return None
    if (some := _SOME_DEATHS.search(text)) is not None:
        return DEAD, some.group(0)
    return None


# Whether anyone was hurt: "no one else was injured" / "two people were wounded".
_NO_INJURIES = re.compile(
    r"\b(?:no one|nobody)(?: else)? (?:was|were|has been|had been|is) (?:\w+ )?"
    r"(?:injured|hurt|wounded)\b|\bno (?:\w+ ){0,2}injuries\b(?! (?:among|in|from|on|at) )|"
    r"\bno (?:immediate )?reports? of injuries\b|"
    r"\b(?:did not|didn't|does not) (?:result in|cause|lead to) any injur(?:y|ies)\b",
    re.IGNORECASE,
)
# "Several people suffered minor injuries": some hurt, however many.
_SOME = rf"(?<!\bno )(?:{_COUNT}|several|many|a few)"
_SOME_INJURIES = re.compile(
    rf"\b{_SOME} (?:[\w-]+ ){{0,2}}(?:were|was|have been|had been) (?:\w+ )?"
    rf"(?:injured|hurt|wounded)\b|\b(?:injur|wound)(?:ed|ing) {_COUNT}\b|"
    rf"\b{_SOME} (?:[\w-]+ ){{0,2}}(?:injured|wounded|injuries)\b|"
    rf"\b{_SOME} (?:[\w-]+ ){{0,4}}(?:suffered|sustained|received) (?:\w+ )?"
    r"(?:injuries|wounds)\b",
    re.IGNORECASE,
)


def injury_stage(text: str) -> tuple[str, str] | None:
    """No one injured, or some people injured, stated outright."""
    if (none := _NO_INJURIES.search(text)) is not None:
        clause = text[none.end() :].split(",")[0]
        if _LOCAL.search(clause):
            return None  # "no injuries were reported in the north": one place of several
        if not _MORE.search(none.group(0)):
            return NONE_HURT, none.group(0)
        # "no one was seriously hurt": some may have been, less seriously
    if _UNSURE.search(text):
        return None
    if (some := _SOME_INJURIES.search(text)) is not None:
        return SOME_HURT, some.group(0)
    return None


@dataclass
class FateClash:
    subject: str
    fates: list[Fate]
    severity: str  # "contradiction" or "discrepancy"
    reason: str


# Which stages disagree, and how: a later stage further along is news, not an
# error ("missing" on Tuesday, "dead" on Thursday), but a reviewer wants it
# shown; dead and alive at once is a contradiction.
_PAIRS = {
    frozenset((DEAD, HURT)): "contradiction",
    frozenset((MISSING, DEAD)): "discrepancy",
    frozenset((MISSING, PRESUMED)): "discrepancy",
    frozenset((PRESUMED, DEAD)): "discrepancy",
    frozenset((NONE_DEAD, DEAD)): "discrepancy",
    frozenset((NONE_HURT, SOME_HURT)): "discrepancy",
}
_ORDER = {MISSING: 0, NONE_DEAD: 0, HURT: 0, NONE_HURT: 0, PRESUMED: 1, SOME_HURT: 1, DEAD: 2}


def clashes(reports: list[Fate]) -> list[FateClash]:
    """Outlets that state a different fate for one subject."""
    groups: dict[str, list[Fate]] = {}
    for r in reports:
        groups.setdefault(r.subject, []).append(r)
    out = []
    for subject, group in groups.items():
        bad = _clashing(_same_incident(group) if subject in (ANYONE, ANYONE_HURT) else group)
        if not bad:
            continue
        stages = sorted({r.stage for r in bad}, key=lambda s: _ORDER[s])
        severity = _severity(bad, stages)
        order = _told_order(bad)
        reason = f"{subject}: {' vs '.join(stages)}" + (f" ({order})" if order else "")
        out.append(FateClash(subject, bad, severity, reason))
    return out


# "No injuries were reported" days after the first reports of people hurt speaks of
# a later incident (an aftershock, a second eruption, a feature's own anecdote), not of
# the event the first reports told.
LATER_INCIDENT_DAYS = 2


def _same_incident(group: list[Fate]) -> list[Fate]:
    """The statements of anyone's fate, without a "none" told more than
    LATER_INCIDENT_DAYS after the first dated report of some."""
    some = [r.published for r in group if r.stage in (DEAD, SOME_HURT) and r.published]
    if not some:
        return group
    cutoff = min(some) + timedelta(days=LATER_INCIDENT_DAYS)
    return [
        r
        for r in group
        if r.stage not in (NONE_DEAD, NONE_HURT) or r.published is None or r.published <= cutoff
    ]


def _clashing(group: list[Fate]) -> list[Fate]:
    bad: list[Fate] = []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if a.claim.outlet == b.claim.outlet or frozenset((a.stage, b.stage)) not in _PAIRS:
                continue
            bad += [r for r in (a, b) if r not in bad]
    return bad


def _severity(bad: list[Fate], stages: list[str]) -> str:
    kinds = {
        _PAIRS[frozenset((a, b))]
        for i, a in enumerate(stages)
        for b in stages[i + 1 :]
        if frozenset((a, b)) in _PAIRS
    }
    if "contradiction" in kinds and not _hurt_then_dead(bad):
        return "contradiction"
    return "discrepancy"


def _hurt_then_dead(bad: list[Fate]) -> bool:
    """Every "wounded" report older than every "dead" one: may have died of wounds."""
    if any(r.published is None for r in bad):
        return False
    hurt = [r.published for r in bad if r.stage == HURT and r.published is not None]
    dead = [r.published for r in bad if r.stage == DEAD and r.published is not None]
    return bool(hurt and dead) and max(hurt) < min(dead)


def _told_order(bad: list[Fate]) -> str:
    """ "missing reported first, then dead" when the publication dates say so."""
    dated = sorted((r.published, r.stage) for r in bad if r.published is not None)
    stages = list(dict.fromkeys(stage for _, stage in dated))
    if len(stages) < 2:
        return ""
    return "reported first: " + ", then ".join(stages)

"""A person's age as each outlet states it beside the name.

"Dana Whitfield, 39", "Dana Whitfield (39)" and "39-year-old Dana Whitfield" are
how news copy gives an age; two outlets that give one person two ages disagree
on a checkable fact (a year apart is the usual slip: a birthday, a wire's older
copy). Ages of different people, and an age the same outlet gives twice, are
not compared.

Pure: text in, (name, age, start, end) out; no Django.
"""

from __future__ import annotations

import re
from datetime import datetime

from claims.analysis.names import listed_ages, name_like

# Who someone is, written between an age and the name: "a 52-year-old Lakeview
# resident Omar Haddad", "the 27-year-old co-pilot Lars Brandt".
_ROLES = (
    "resident", "native", "citizen", "national", "officer", "constable", "captain", "pilot",
    "co-pilot", "driver", "worker", "farmworker", "student", "teacher", "nurse", "doctor",
    "soldier", "journalist", "reporter", "photographer", "coder", "engineer", "businessman",
    "businesswoman", "mechanic", "suspect", "gunman", "shooter", "attacker", "victim",
)  # fmt: skip
_RANKS = (
    "Const", "Cst", "Cpl", "Sgt", "Det", "Insp", "Lt", "Capt", "Col", "Gen", "Dr", "PC",
    "Officer", "Constable", "Sergeant", "Corporal", "Detective", "Inspector", "Captain",
)  # fmt: skip
# "a 38-year-old Dana Whitfield", "the 38-year-old Dana Whitfield": the name
# right after, capitalised words only (a lower-case word in between is a noun:
# "a 38-year-old former diver" says nothing about whose age it is).
_AGE_BEFORE = re.compile(
    # "38-year-old", and as some outlets write it "38-year old", "38 year old"
    r"\b(?P<age>\d{1,3})[- ]year[- ]old\s+"
    # "a 41-year-old man, Tetsu Arai": the person named right after
    r"(?:(?:man|woman|boy|girl|suspect|gunman|driver|pilot),\s+)?"
    # "a 52-year-old Lakeview resident Omar Haddad", "49-year-old Sgt. Dana Ruiz":
    # a role or a shortened rank between the age and the name
    r"(?:(?:[A-Z][a-z]+\s+){0,3}(?:" + "|".join(_ROLES) + r")\s+"
    r"|(?:" + "|".join(_RANKS) + r")\.?\s+)?"
    r"(?P<name>[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?"
    r"(?:\s+(?:[A-Z]\.|[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?)){1,3})"
)
# "Omar Haddad, a 52-year-old engineer", "Dana Ruiz, the 27-year-old who...": the
# age told right after the name, as an apposition.
_AGE_AFTER = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?"
    r"(?:\s+(?:[A-Z]\.|[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?)){1,3}),\s+"
    r"(?:a|an|the)\s+(?P<age>\d{1,3})[- ]year[- ]old\b"
)
# The same in the languages of the development set's foreign pages: "Ana Ruiz, 41
# ans", "Ana Ruiz, de 41 años", "Ana Ruiz, âgée de 41 ans", "Ana Ruiz, il poliziotto
# di 41 anni", "Ana Ruiz de 41 años".
_YEARS_OLD = r"(?:ans|anni|años|anos|Jahre|jaar|år)"
_AGE_AFTER_ABROAD = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?"
    r"(?:[^\S\n]+(?:[A-Z]\.|[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?)){1,3})"
    r"(?:\s*,\s*(?:(?:[a-zà-ÿ]+\s+){1,3}?(?=d[aei]\s))?|\s+(?=d[ei]\s))"
    r"(?:(?:âgée?|agée?|aged)\s+)?(?:d[aei]\s+)?"
    rf"(?P<age>\d{{1,3}})\s+{_YEARS_OLD}\b"
)
OLDEST = 110
_THINGS = (
    "bridge", "building", "structure", "tower", "dam", "ship", "vessel", "boat", "ferry",
    "plane", "aircraft", "jet", "submarine", "church", "cathedral", "temple", "mosque",
    "synagogue", "hotel", "factory", "plant", "tunnel", "stadium", "house", "home", "car",
    "company", "firm", "law", "record", "tradition",
)  # fmt: skip
_YOUNG = (
    "boy", "girl", "child", "baby", "toddler", "infant", "teen", "teenager", "pupil",
    "student", "schoolboy", "schoolgirl", "kid",
)  # fmt: skip
# "their 13-year-old daughter Mila", "his 46-year-old wife Ana Ruiz": a relation
# between the age and the name; a lone first name is matched to the story's people.
_RELATIONS = (
    "daughter", "son", "wife", "husband", "brother", "sister", "mother", "father",
    "niece", "nephew", "granddaughter", "grandson", "cousin", "stepdaughter", "stepson",
)  # fmt: skip
_AGE_RELATION = re.compile(
    r"\b(?P<age>\d{1,3})[- ]year[- ]old\s+(?:" + "|".join(_RELATIONS) + r"),?\s+"
    r"(?P<name>[A-Z][a-z][\w'’]*(?:\s+[A-Z][a-z][\w'’]*){0,2})"
)


def stated_ages(text: str) -> list[tuple[str, int, int, int]]:
    """(name, age, start, end) for every age written beside a full name, or
    beside a relation and a name ("his 13-year-old daughter Mila")."""
    found = list(listed_ages(text))
    for match in [*_AGE_BEFORE.finditer(text or ""), *_AGE_RELATION.finditer(text or "")]:
        age = int(match.group("age"))
        if 1 <= age <= OLDEST:
            found.append((match.group("name"), age, match.start(), match.end()))
    for match in [*_AGE_AFTER.finditer(text or ""), *_AGE_AFTER_ABROAD.finditer(text or "")]:
        age = int(match.group("age"))
        if 1 <= age <= OLDEST and name_like(match.group("name")):
            found.append((match.group("name"), age, match.start(), match.end()))
    return found


# A known person's surname alone with an age: "the 45-year-old Whitfield",
# "Whitfield (39)", "Whitfield, 39, said". Only surnames the story's people
# carry, so that a place or a team with a figure ("Lyon, 20") is never read.
_LONE = r"(?<![A-Z][\w'\u2019-] )(?<![\w.])(?P<name>{names})\b"


def surname_ages(text: str, surnames: tuple[str, ...]) -> list[tuple[str, int, int, int]]:
    """(surname, age, start, end) for every age written beside a lone surname."""
    if not surnames:
        return []
    names = "|".join(re.escape(s) for s in surnames)
    before = re.compile(rf"\b(?P<age>\d{{1,3}})[- ]year[- ]old\s+(?P<name>{names})\b(?!\s+[A-Z])")
    after = re.compile(_LONE.format(names=names) + r"(?:\s+\(|,\s+)(?P<age>\d{1,3})(?:\)|,)")
    apposed = re.compile(
        _LONE.format(names=names) + r",\s+(?:a|an|the)\s+(?P<age>\d{1,3})[- ]year[- ]old\b"
    )
    abroad = re.compile(
        _LONE.format(names=names) + rf",\s+(?:d[aei]\s+)?(?P<age>\d{{1,3}})\s+{_YEARS_OLD}\b"
    )
    found = []
    for pattern in (before, after, apposed, abroad):
        for match in pattern.finditer(text or ""):
            age = int(match.group("age"))
            if 1 <= age <= OLDEST:
                found.append((match.group("name"), age, match.start(), match.end()))
    return found


# An age told in words around the name: "has died at the age of 84", "Brandauer,
# aged 84, ...", "dies at 84", and an obituary's "She was 84." right after the
# sentence naming the one person it is about.
# The age at death, or "aged" with no other time: "trained as a pilot aged 19 in
# 1981" and "began singing at the age of six" are ages of the past.
_AGED = re.compile(
    r"(?:\b(?:dies|died|dead|passed away)\b[^.;]{0,60}?\bat the age of|\baged|"
    r"\b(?:dies|died|dead) at)\s+(?P<age>\d{1,3})\b"
    r"(?![:.]\d)(?!\s*(?:[-%]|[ap]\.?m\b|o'clock|to\b|and\b|in\s+\d{4}|when\b|at the time\b))"
)
_WAS_AGE = re.compile(r"^\s*(?:He|She) was (?P<age>\d{1,3})\s*\.")
_SENTENCES = re.compile(r"[^.!?\n]+[.!?]?")


# "The 69-year-old was the boat's captain": an age standing for the person the
# copy last named. Not when a child, a relative, the other side of a crime or a
# thing follows ("the 8-year-old girl", "his 40-year-old wife", "the 71-year-old
# suspect" after the victim's name, "the 143-year-old bridge"): those are someone
# or something else beside the person named.
_OTHERS = (
    "suspect", "gunman", "shooter", "attacker", "assailant", "killer", "accused", "man",
    "woman", "driver", "victim", "defendant",
)  # fmt: skip
_THE_AGED = re.compile(
    r"\b[Tt]he\s+(?P<age>\d{1,3})[- ]year[- ]old\b(?!\s+[A-Z])"
    r"(?!\s+(?:[a-z]+\s+)?(?:" + "|".join((*_RELATIONS, *_THINGS, *_YOUNG, *_OTHERS)) + r")s?\b)"
)


def _named_pattern(names: dict[str, str]) -> re.Pattern:
    return re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )


def sentence_ages(text: str, names: dict[str, str]) -> list[tuple[str, int, int, int]]:
    """(person, age, start, end) for an age told in words in a sentence that names
    one of `names` (a written name or surname -> the person) and no other."""
    if not names:
        return []
    pattern = _named_pattern(names)
    found: list[tuple[str, int, int, int]] = []
    previous: str | None = None
    for sentence in _SENTENCES.finditer(text or ""):
        named = {names[m.group(0)] for m in pattern.finditer(sentence.group(0))}
        who = next(iter(named)) if len(named) == 1 else None
        told = _AGED.search(sentence.group(0)) if who else None
        if told is None and not named and previous:
            told, who = _WAS_AGE.match(sentence.group(0)), previous
        if told is not None and who and 1 <= int(told.group("age")) <= OLDEST:
            start = sentence.start() + told.start()
            found.append((who, int(told.group("age")), start, sentence.start() + told.end()))
        previous = who if named else None
    return found


def referred_ages(text: str, names: dict[str, str]) -> list[tuple[str, int, int, int]]:
    """(person, age, start, end) for "the N-year-old" in a sentence naming no one
    else, after a sentence naming one person and no other. A guess: the copy may
    mean someone it named earlier (the caller checks it against stated ages)."""
    if not names:
        return []
    pattern = _named_pattern(names)
    found: list[tuple[str, int, int, int]] = []
    last: str | None = None  # the one person the last sentence naming anyone named
    for sentence in _SENTENCES.finditer(text or ""):
        named = {names[m.group(0)] for m in pattern.finditer(sentence.group(0))}
        # "The 48-year-old officer died ... Ruiz's car": the one named is the last named
        told = _THE_AGED.search(sentence.group(0)) if last and named <= {last} else None
        if told is not None and 1 <= int(told.group("age")) <= OLDEST:
            start = sentence.start() + told.start()
            found.append((last, int(told.group("age")), start, sentence.start() + told.end()))
        if named:
            last = next(iter(named)) if len(named) == 1 else None
    return found


# An age is true on the day it is told: "Dana Whitfield, 46" in a first report and
# "Whitfield, 50" at her sentencing four years on agree. Ages told on dated pages at
# least SAME_TIME_DAYS apart clash only when no birth date fits both; nearer in time
# they are held against each other as written (a birthday between two reports weeks
# apart is possible, a slip is likelier; and the dead do not age), and so is an age
# on an undated page, which could be of any day.
YEAR_DAYS = 365.25
SAME_TIME_DAYS = 180


def _year(when: datetime) -> float:
    return when.year + (when.timetuple().tm_yday - 1) / YEAR_DAYS


def birth_window(age: int, told: datetime) -> tuple[float, float]:
    """The year's window in which someone `age` years old on the day `told` was born."""
    return _year(told) - age - 1, _year(told) - age


def ages_clash(a: tuple[int, datetime | None], b: tuple[int, datetime | None]) -> bool:
    """Whether two (age, day told) statements cannot both be true."""
    if a[0] == b[0]:
        return False
    if a[1] is None or b[1] is None or abs((a[1] - b[1]).days) < SAME_TIME_DAYS:
        return True
    first, second = birth_window(*a), birth_window(*b)
    return max(first[0], second[0]) >= min(first[1], second[1])

"""A person's rank as outlets write it before the name: "Capt. Dana Ruiz" /
"Lt. Dana Ruiz", one person given two ranks.

Ranks are forms of address, not offices (claims.nlp.people keeps them out of a
person's titles), so they are read here from the article text: the rank words
right before a known person's full name or family name. Abbreviations are one
rank with their full word ("Sgt." / "Sergeant"), and a rank written in full is
no other than its shortened form ("Lieutenant Colonel Ruiz" / "Col. Ruiz": the
second reference often drops the first word).
"""

from __future__ import annotations

import re

# Rank words and their abbreviations, each read as the full word.
RANK_WORDS = {
    "captain": "captain", "capt": "captain", "cpt": "captain",
    "lieutenant": "lieutenant", "lt": "lieutenant", "lieut": "lieutenant",
    "sergeant": "sergeant", "sgt": "sergeant",
    "colonel": "colonel", "col": "colonel",
    "major": "major", "maj": "major",
    "commander": "commander", "cmdr": "commander", "cdr": "commander",
    "corporal": "corporal", "cpl": "corporal",
    "private": "private", "pvt": "private",
    "general": "general", "gen": "general",
    "admiral": "admiral", "adm": "admiral",
    "detective": "detective", "det": "detective",
    "inspector": "inspector", "insp": "inspector",
    "superintendent": "superintendent", "supt": "superintendent",
    "constable": "constable", "const": "constable",
    "officer": "officer",
}  # fmt: skip
# Words that make a compound rank with the rank after them ("Staff Sgt.",
# "Lt. Col.", "Petty Officer", "Rear Adm.", "Chief Inspector").
_MODIFIERS = {
    "staff", "first", "master", "chief", "petty", "warrant", "rear", "vice", "brigadier",
    "lieutenant", "lt", "detective", "det", "police", "wing", "group", "flight", "senior",
    "major", "maj",
}  # fmt: skip
# Ranks that close an office's name too ("Attorney General", "Director General",
# "Inspector General"): ranks only alone or after a rank word ("Maj. Gen.").
_OFFICE_ENDINGS = {"general"}
# Words after a rank that leave the name unranked ("officer" is a rank only
# right before the name: "police officer Dana Ruiz" is a job).
_JOB_BEFORE = re.compile(r"\b(?:police|correctional|security|prison|border)\s+$", re.IGNORECASE)
_WORD = r"[A-Z][a-z]*\.?"


def _pattern(name: str) -> re.Pattern:
    # up to three rank words right before the name: "Petty Officer 2nd Class", "Lt. Col."
    return re.compile(
        rf"\b(?P<rank>(?:{_WORD}\s+){{0,2}}{_WORD}(?:\s+\d(?:st|nd|rd|th)\s+Class)?)\s+"
        # "Staff Sgt. Taylor Hoover" ranks Hoover, not a William Taylor of the story
        rf"{re.escape(name)}\b(?!\s+[A-Z][a-z])"
    )


def ranks_told(text: str, names: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """(person, rank, start, end) for each rank written before one of `names`
    (name as written -> the person it stands for)."""
    found = []
    for written, person in names.items():
        for match in _pattern(written).finditer(text or ""):
            rank = read_rank(match.group("rank"))
            if rank and not _JOB_BEFORE.search(text[: match.start("rank")]):
                found.append((person, rank, match.start("rank"), match.end("rank")))
    return found


def read_rank(words: str) -> str:
    """The rank the words before a name end with, in full words ("Lt. Col." ->
    "lieutenant colonel"), or "" when the last word is no rank."""
    tokens = [w.rstrip(".").lower() for w in words.split()]
    suffix = ""
    if len(tokens) >= 2 and tokens[-1] == "class":
        suffix = " " + " ".join(tokens[-2:])  # "petty officer 2nd class"
        tokens = tokens[:-2]
    if not tokens or tokens[-1] not in RANK_WORDS:
        return ""
    rank = [RANK_WORDS[tokens[-1]]]
    before = tokens[-2] if len(tokens) >= 2 else ""
    if rank[0] in _OFFICE_ENDINGS and before and before not in _MODIFIERS:
        return ""  # "Attorney General Peter Frank": an office
    for word in reversed(tokens[:-1]):
        if word not in _MODIFIERS:
            break
        rank.insert(0, RANK_WORDS.get(word, word))
    if rank == ["officer"] and not suffix:
        return ""  # "Officer Dana Ruiz": a form of address for any police officer
    return " ".join(rank) + suffix


def ranks_agree(a: str, b: str) -> bool:
    """One rank written in full and shortened ("lieutenant colonel" / "colonel",
    "staff sergeant" / "sergeant"), or the same rank."""
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)

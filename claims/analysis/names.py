"""Spellings of one person's name: which differences are worth a reviewer's look.

Not a variant: accents only ("Jose"/"José"), a middle name or initial added
("Patrick Crusius"/"Patrick Wood Crusius"), a rank or courtesy title in front
("Lt Col Matt Carper"), or a transliteration family the admin lists as name
aliases (handled by the caller's alias map). A variant: the same person spelled
differently ("Smyth"/"Smith", "Saeed"/"Saheed") even when the people builder
took the two spellings for two people.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from claims.analysis.normalise import norm
from claims.nlp.normalize import COUNTRY_ADJECTIVES, DEMONYMS

# Words written before a name that are not part of it.
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
    "lt", "col", "gen", "sgt", "capt", "cpt", "maj", "cmdr", "adm", "gov", "sen",
    "rep", "pres", "lieutenant", "colonel", "general", "sergeant", "captain", "major",
    "officer", "detective", "chief", "president", "minister", "judge", "justice",
    "mullah", "maulana", "maulvi", "sheikh", "imam", "ayatollah", "rabbi", "father",
    "brother", "sister", "pastor", "bishop",
}  # fmt: skip
# Two spellings of one name: the whole and its first and last words this close.
SPELLING = 0.75
PART = 0.6
# Both words misspelt: the whole name must read this close.
WHOLE_SPELLING = 0.8


def fold(name: str) -> str:
    """Lower case, accents and punctuation off: "José Nuñez" -> "jose nunez"."""
    text = unicodedata.normalize("NFKD", name or "")
    return norm("".join(ch for ch in text if not unicodedata.combining(ch)))


# The Arabic article inside a name, written "al-Sharif", "Al Sharif" or left out:
# no difference in the name ("Al" first is a given name: "Al Gore").
_ARTICLE = re.compile(r"^(?:al|el)[-\u2010\u2011]", re.IGNORECASE)


def tokens(name: str) -> list[str]:
    # a double-barrelled name is one word: "Warren-Curtis" is not "Curtis"
    words = []
    for i, w in enumerate((name or "").split()):
        if i and w.lower() in ("al", "el"):
            continue
        words.append(fold(_ARTICLE.sub("", w) if i else w).replace("-", "").replace(" ", ""))
    words = [w for w in words if w]
    while len(words) > 2 and words[0] in _TITLES:
        words = words[1:]
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words = words[:-1]  # "Samuel A. Alito Jr." is "Samuel Alito"
    return words


# Generational suffixes after a name: no part of the name to compare.
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


# Standard romanisations of one Russian ending: "Yevgeny"/"Yevgeniy",
# "Dmitry"/"Dmitriy", "Alexei"/"Alexey", "Sergei"/"Sergey", "Yurii"/"Yuriy".
_ENDINGS = ((re.compile(r"iy$"), "y"), (re.compile(r"ii$"), "y"), (re.compile(r"ey$"), "ei"))
# Long vowels written doubled or as a digraph, and doubled consonants, which
# romanisations of Arabic, Hindi or Greek names write or leave out: "Abduljaleel" /
# "Abduljalil", "Sakaar"/"Sakar", "Alexiou"/"Alexiu", "Hammad"/"Hamad",
# "Mohammed"/"Mohamed". A letter changed or dropped is still a variant.
# ("ou" only last: "Louisa" and "Luisa" are two names.)
_LONG_VOWELS = ((re.compile("ee"), "i"), (re.compile("oo"), "u"), (re.compile("ou$"), "u"))
_DOUBLED = re.compile(r"(\w)\1")


# Romanisations of one Cyrillic letter that agencies and outlets each choose:
# "Dalerdzhon" / "Dalerdjon" / "Dalerjon", "Mirzoyev" / "Mirzoev", "Yevgeny" /
# "Evgeny", "Fayzov" / "Faizov", "Nikolay" / "Nikolai". A y between consonants
# is a letter of the name ("Smyth" / "Smith" stays a variant).
_CYRILLIC = (
    (re.compile(r"dzh|dj"), "j"),
    (re.compile(r"yev"), "ev"),
    (re.compile(r"(?<=[aeiou])y(?=[^aeiou]|$)"), "i"),
)


def romanised(word: str) -> str:
    for pattern, ending in _ENDINGS:
        word = pattern.sub(ending, word)
    for pattern, letters in _CYRILLIC:
        word = pattern.sub(letters, word)
    for pattern, short in _LONG_VOWELS:
        word = pattern.sub(short, word)
    return _DOUBLED.sub(r"\1", word)


_VOWELS = "aeiouy"
# The world's most common given name, romanised with its m single or doubled by
# whole agencies' styles, not by one outlet's slip.
_ROMANISED_DOUBLES = re.compile(r"\b(?:moh|muh)am+[ae]d\b")


def doubled_apart(a: str, b: str) -> bool:
    """Two writings of a name that differ only in one consonant written once or
    twice ("Emanuel" / "Emmanuel"); a vowel doubled is a romanisation ("Saakar"),
    and so is "Mohamed" / "Mohammed"."""
    fa, fb = fold(a).lower(), fold(b).lower()
    if fa == fb or abs(len(fa) - len(fb)) != 1:
        return False
    if _ROMANISED_DOUBLES.search(fa) and _ROMANISED_DOUBLES.search(fb):
        return False
    short, long_ = sorted((fa, fb), key=len)
    for k in range(1, len(long_)):
        if long_[k] == long_[k - 1] and long_[:k] + long_[k + 1 :] == short:
            return long_[k].isalpha() and long_[k] not in _VOWELS
    return False


def spelling_key(name: str) -> str:
    """One key for the spellings that are no difference in a name's letters:
    case, accents, a romanised ending ("Yevgeniy" and "Yevgeny")."""
    return " ".join(romanised(w) for w in fold(name).split())


def same_name(a: str, b: str) -> bool:
    """One name written two ways that are no difference: accents, a middle name
    or initial, a title in front, a standard romanisation of an ending."""
    ta, tb = tokens(a), tokens(b)
    if ta == tb:
        return True
    if [romanised(w) for w in ta] == [romanised(w) for w in tb]:
        return not any(_moved_double(x, y) for x, y in zip(ta, tb, strict=True))
    if _initials_joined(ta) == _initials_joined(tb):
        return True  # initials spaced or not: "S S Chahar" / "SS Chahar"
    if len(ta) == 2 and ta == tb[::-1]:
        return True  # family name first or last: "Lee Min-ho" / "Min-ho Lee"
    if not ta or not tb or ta[0] != tb[0] or ta[-1] != tb[-1]:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    it = iter(long_)
    return all(any(w == x or (len(w) == 1 and x.startswith(w)) for x in it) for w in short)


_DOUBLED_CONSONANT = re.compile(r"([^\Waeiouy\d_])\1")


def _moved_double(x: str, y: str) -> bool:
    """One word's doubled consonant doubled elsewhere in the other: "Nkaissery" /
    "Nkaiserry" is a slip, where "Hammad" / "Hamad" is a romanisation."""
    doubled_x, doubled_y = set(_DOUBLED_CONSONANT.findall(x)), set(_DOUBLED_CONSONANT.findall(y))
    return len(x) == len(y) and bool(doubled_x) and bool(doubled_y) and not doubled_x & doubled_y


def _initials_joined(words: list[str]) -> list[str]:
    """Name words with each run of single-letter initials written as one word."""
    out: list[str] = []
    run = False  # the last word out is a run of single letters
    for w in words:
        if len(w) == 1 and run:
            out[-1] += w
            continue
        out.append(w)
        run = len(w) == 1
    return out


def merge_same(by_key: dict[str, list[str]]) -> dict[str, list[str]]:
    """Groups of written names (key -> names) with no-difference spellings
    joined, and a first name's short form ("Will" / "William Abbot")."""
    merged: dict[str, list[str]] = {}
    for key, names in by_key.items():
        home = next(
            (
                k
                for k, ns in merged.items()
                if any(same_name(n, m) or _shortened(n, m) for n in names for m in ns)
            ),
            None,
        )
        if home is None:
            merged[key] = list(names)
        else:
            merged[home] += names
    return merged


# A word joined to a participle ("Indian-controlled", "US-led", "Indian-held")
# describes a place or a body; "Jae-myung", "Jong-un" are given names.
_DESCRIBED = re.compile(r"\w-(?:[a-z]+ed|held|born|run|made)\b")


# A story's analysis compares every pair of its people's names again each time an
# article joins it; the answer depends on the two strings alone.
@lru_cache(maxsize=65536)
def spelling_variant(a: str, b: str) -> bool:
    """Two full names that spell one name differently ("Saeed Saleh"/"Saheed Saleh")."""
    ta, tb = tokens(a), tokens(b)
    if len(ta) < 2 or len(tb) < 2 or same_name(a, b) or _inflected(ta, tb):
        return False
    if ta[0] in _TITLES or tb[0] in _TITLES:
        return False  # "Mr Rowley" names no first name: "Mark Rowley" may be another man
    if _DESCRIBED.search(a) or _DESCRIBED.search(b):
        return False  # "Indian-controlled Kashmir": a place described, not a name spelled
    if _reversed_slip(ta, tb):
        return True
    whole = difflib.SequenceMatcher(None, " ".join(ta), " ".join(tb)).ratio()
    first = difflib.SequenceMatcher(None, ta[0], tb[0]).ratio()
    last = difflib.SequenceMatcher(None, ta[-1], tb[-1]).ratio()
    if ta[-1] == tb[-1] and len(ta) == len(tb):
        # one family name, two first names: "Lyudmila" and "Yulia" are two
        # people; "Dmitry" and "Dmytro" one name written two ways; "Alex" and
        # "Alexander" one name, shortened
        if short_form(ta[0], tb[0]):
            return False
        return first >= SPELLING or (first >= PART and ta[0][0] == tb[0][0])
    # one half of a double-barrelled name: "Warren-Curtis" / "Curtis" (not an
    # initial, which any family name may end with: "Jana L.")
    half = ta[-1].endswith(tb[-1]) or tb[-1].endswith(ta[-1])
    if half and min(len(ta[-1]), len(tb[-1])) >= 3:
        return first >= PART
    if ta[0] != tb[0] and ta[-1] != tb[-1] and len(ta) == len(tb):
        # both words differ: only a close spelling of each ("Kanat"/"Qanat"), or
        # of the whole name when each word is at least half alike ("Jovanel
        # Moise"/"Juvenal Moises": two slips in one name)
        close_whole = whole >= WHOLE_SPELLING and min(first, last) >= PART
        return (first >= SPELLING and last >= SPELLING) or close_whole
    if len(ta) != len(tb):
        # a middle name or initial on one side only: the first and last names
        # together must still read as one spelling, not merely share letters
        # ("Carl P. Hudson" / "Dana Watson" share half of each word)
        whole = difflib.SequenceMatcher(None, f"{ta[0]} {ta[-1]}", f"{tb[0]} {tb[-1]}").ratio()
    return whole >= SPELLING and first >= PART and last >= PART


# A first name that opens another by at least this many letters, the other longer by
# two or more, is its short form ("Abu" / "Abubakar", "Sam" / "Samuel"); a letter
# more or less ("Dan" / "Dana") is still a slip.
SHORT_FORM_MIN = 3


def short_form(x: str, y: str) -> bool:
    """One first name the shortened form of the other."""
    short, long_ = sorted((x.lower(), y.lower()), key=len)
    return (
        len(short) >= SHORT_FORM_MIN and len(long_) >= len(short) + 2 and long_.startswith(short)
    )


def _shortened(a: str, b: str) -> bool:
    """One full name with its first name shortened: "Clint Abbot" / "Clinton Abbot"."""
    ta, tb = tokens(a), tokens(b)
    return len(ta) == len(tb) >= 2 and ta[1:] == tb[1:] and short_form(ta[0], tb[0])


def _reversed_slip(ta: list[str], tb: list[str]) -> bool:
    """One two-word name written family name first by one outlet and last by the
    other, with a slip in the other word ("Lee Im-jae" / "Lim-jae Lee")."""
    if len(ta) != 2 or len(tb) != 2 or ta[0] == tb[0] or ta[1] == tb[1]:
        return False
    if ta[0] == tb[1]:
        pair = (ta[1], tb[0])
    elif ta[1] == tb[0]:
        pair = (ta[0], tb[1])
    else:
        return False
    return difflib.SequenceMatcher(None, *pair).ratio() >= SPELLING


# Endings that make a place's people or a plural of a name: "Sri Lanka" /
# "Sri Lankan" / "Sri Lankans", words NER sometimes takes for a person.
_INFLECTIONS = ("s", "n", "ns")


def _inflected(ta: list[str], tb: list[str]) -> bool:
    """The same words but the last, which one side only extends by an ending."""
    if ta[:-1] != tb[:-1]:
        return False
    short, long_ = sorted((ta[-1], tb[-1]), key=len)
    return long_.startswith(short) and long_[len(short) :] in _INFLECTIONS


# A name with an age beside it, the way lists of victims or suspects are written:
# "Dana Whitfield, 39;" "Omar Haddad - 41" "Lena Marsh (27)". NER often misses
# such lines (no verb, no sentence), so they are read from the article text.
_LISTED = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?"
    r"(?:[^\S\n]+(?:[A-Z]\.|[A-Z][a-z][\w'’]*(?:-[A-Z][\w'’]+)?)){1,3})"
    # "Kaz Omarov, 25-year-old Tilek Sadyrov": the age of the next name in a list
    r"(?:,\s*|\s+[-–—]\s+|\s+\()(?P<age>\d{1,3})\b(?!\s*(?:%|per|years?\b|[.,]\d)|[- ]year)"
)


_NOT_NAME_START = {
    "in", "on", "at", "the", "by", "of", "for", "from", "with", "since", "after", "before",
    "and", "but", "as", "to", "a", "an", "this", "that", "during", "until", "near", "when",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "new",
    "upper", "lower", "central", "greater", "san", "santa", "fort", "port", "lake", "mount",
    # the same words in the languages of foreign pages: "En Lakeview, 30 ans après"
    "en", "dans", "au", "aux", "em", "nel", "nella", "im", "am", "los", "las",
}  # fmt: skip
# Last words of place names written with a figure: "Lee County, 12".
_PLACE_END = {
    "county", "city", "state", "province", "district", "parish", "island", "islands",
    "airport", "street", "avenue", "road", "park", "beach", "bay", "river", "valley",
    "region", "department", "village", "town",
    # and of institutions the parser takes for people: "Garissa University"
    "university", "college", "school", "hospital", "academy", "institute", "stadium",
}  # fmt: skip


# Ages of two or more names given together: "44 and 14", "76 and 73, respectively".
_PAIRED_AGES = re.compile(r"(?:\s*,\s*\d{1,3})*\s*,?\s+and\s+\d{1,3}\b")


def name_like(written: str) -> bool:
    """Whether capitalised words written before a figure may be a person's name:
    not "In Dayton", "North Carolina" or "Lee County"."""
    words = written.split()
    return words[0].lower() not in _NOT_NAME_START and words[-1].lower() not in _PLACE_END


def listed_names(text: str) -> list[tuple[str, int, int]]:
    """Names written with an age beside them: (name, start, end) in the text."""
    return [(name, start, end) for name, _, start, end in listed_ages(text)]


def listed_ages(text: str) -> list[tuple[str, int, int, int]]:
    """Names written with an age beside them: (name, age, start, end), the span
    the name's."""
    found = []
    for match in _LISTED.finditer(text or ""):
        age = int(match.group("age"))
        if not name_like(match.group("name")):
            continue  # "In Dayton, 20 people", "North Carolina, 96", "Lee County, 12"
        if _PAIRED_AGES.match(text, match.end("age")):
            continue  # "Ann and Bo Lee, 44 and 14, respectively": Bo Lee is 14
        if 1 <= age <= 110 and len(tokens(match.group("name"))) >= 2:
            found.append((match.group("name"), age, match.start("name"), match.end("name")))
    return found


# A word written before a known surname that is no first name: "President
# Rajapaksa", "when Rajapaksa", "Sri Lanka's Rajapaksa".
_NOT_FIRST = _TITLES | _NOT_NAME_START | {
    "mrs", "mr", "ms", "minister", "premier", "speaker", "senator", "governor", "mayor",
    "chancellor", "secretary", "king", "queen", "prince", "princess", "pope", "emperor",
    "then", "former", "acting", "interim", "while", "where", "who", "if", "so", "because",
    "said", "says", "told", "like", "than", "about", "against", "between", "under", "over",
}  # fmt: skip
# a word of a name; an apostrophe only inside it ("O'Neill"), never the one of
# "Arabia's" cut off at its "s"
_WORD = r"[A-Z][a-z](?:[\w-]|['\u2019]\w)*"
# the space between two words of one name: never a line break ("of Ross Township" /
# "Rose Mallinger, 97" are two lines of a list)
_GAP = r"[^\S\n]+"
# where a name written ends: not inside a double-barrelled name ("Ana Bellmont" of
# "Ana Bellmont-Rey"), before a possessive's apostrophe or before a further name word
_NAME_END = r"\b(?![-\u2010\u2011]\w)(?!['\u2019])(?!\s+[A-Z])"
RARE_NAME = 7
# First names are searched from this length: a known first name with another
# surname is a candidate only, which spelling_variant must take for the known
# surname written another way ("Gavin Price" for "Gavin Pryce", which NER took
# for a company); a short surname alone ("Henry") also ends other people's names.
RARE_FIRST_NAME = 5


def written_names(text: str, known: list[str]) -> list[tuple[str, int, int]]:
    """Full names written in the text with the surname or the first name of a
    known person ("Dullas Alahapperuma" for "Dallas Alahapperuma", a first
    name NER took for a city): (name, start, end). Each is only a candidate:
    spelling_variant decides whether it spells the known name another way."""
    by_last, by_first = _name_patterns(tuple(sorted(set(known))))
    by_head, by_tail = _long_name_patterns(tuple(sorted(set(known))))
    found = []
    for pattern in (by_last, by_first, by_head, by_tail):
        if pattern is not None:
            found += _candidates(text, pattern, _joined)
    found = [(name, start, end) for name, start, end in found if name_like(name)]
    return list({(start, end): (name, start, end) for name, start, end in found}.values())


def _joined(match) -> str:
    return " ".join(f"{match.group(1)} {match.group(2)}".split())


@lru_cache(maxsize=256)
def _long_name_patterns(known: tuple[str, ...]):
    """Names of three words or more ("Matus Sutaj Estok"): all but the last word
    with any last word ("Matus Sutaj Estoka"), any first word with the rest."""
    longs = [n.split() for n in known if len(n.split()) >= 3]
    heads = sorted({r"\s+".join(map(re.escape, w[:-1])) for w in longs})
    tails = sorted({r"\s+".join(map(re.escape, w[1:])) for w in longs})
    before, after = r"(?<![\w.])", _NAME_END
    if not longs:
        return None, None
    by_head = re.compile(rf"{before}({'|'.join(heads)}){_GAP}({_WORD}){after}")
    by_tail = re.compile(rf"{before}({_WORD}){_GAP}({'|'.join(tails)}){after}")
    return by_head, by_tail


@lru_cache(maxsize=256)
def _name_patterns(known: tuple[str, ...]):
    """One pattern for every rare surname and one for every first name of
    the story's people (two scans of each article, however many people)."""
    # rare names only: "Henry" or "Grant" alone also start other people's names
    pairs = [n.split() for n in known if len(n.split()) == 2 and name_like(n)]
    lasts = sorted({re.escape(w[1]) for w in pairs if len(w[1]) >= RARE_NAME})
    # a nationality is no first name: "Saudi Al-Mojeb", a slip for "Saud", would
    # make every "Saudi Arabia" a name
    firsts = sorted(
        {
            re.escape(w[0])
            for w in pairs
            if len(w[0]) >= RARE_FIRST_NAME and w[0].lower() not in _NATIONALITIES
        }
    )
    # not inside a longer name: "Mahinda Yapa Abeywardena" has no "Yapa Abeywardena"
    # nor the first part of a double-barrelled one: "Ana Bellmont" of "Ana Bellmont-Rey"
    before, after = r"(?<![\w.])(?<![A-Z][\w'\u2019-] )", _NAME_END
    by_last = by_first = None
    if lasts:
        by_last = re.compile(rf"{before}({_WORD}){_GAP}({'|'.join(lasts)}){after}")
    if firsts:
        by_first = re.compile(rf"{before}({'|'.join(firsts)}){_GAP}({_WORD}){after}")
    return by_last, by_first


def _candidates(text: str, pattern, full) -> list[tuple[str, int, int]]:
    out = []
    for match in pattern.finditer(text or ""):
        words = (match.group(1), match.group(2))
        if any(fold(w) in _NOT_FIRST or w.endswith(("'s", "\u2019s")) for w in words):
            continue
        out.append((full(match), match.start(), match.end()))
    return out


# A known person's surname written alone a letter or two off ("McGraw said" in a
# story whose outlets write "Steve McCraw"; "Mr. Wickramasinghe"): NER seldom
# takes a lone surname for a person, so the people never hold the slip. Only
# surnames this long: short ones slip into other people's ("Hanson"/"Hansen").
SLIP_MIN = 6
# Damerau-Levenshtein edits allowed: one below this length, two from it.
SLIP_TWO_EDITS = 8
_CAPITALISED = re.compile(r"(?<![\w'\u2019.-])([A-Z][A-Za-z]*[a-z][A-Za-z-]*)(['\u2019]s\b)?")
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|wrote|stated|asked)\b")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame)\.?\s*$")


def surname_slips(texts: dict[int, str], known: list[str]) -> list[tuple[str, str, int, int, int]]:
    """Each lone word of the texts written as a name that spells a known
    person's surname a letter or two off: (surname as known, word as written,
    text id, start, end). Never a word any known name holds, nor one the texts
    also write in lower case (a word, not a name), nor an inflection."""
    surnames = _known_surnames(tuple(sorted(set(known))))
    if not surnames:
        return []
    taken = {t for name in known for t in tokens(name)}
    lower = {w for text in texts.values() for w in _LOWER_WORD.findall(text or "")}
    found = []
    for text_id, text in texts.items():
        for match in _CAPITALISED.finditer(text or ""):
            word = match.group(1)
            folded = fold(word.replace("-", "")).replace(" ", "")
            if folded in taken or word.lower() in lower or len(folded) < SLIP_MIN:
                continue
            surname = _slip_of(folded, surnames)
            if surname and _as_name(text, match, len(folded)):
                found.append((surname, word, text_id, match.start(1), match.end(1)))
    return found


@lru_cache(maxsize=256)
def _known_surnames(known: tuple[str, ...]) -> dict[str, str]:
    """Folded surname -> surname as written, of the known full names."""
    out = {}
    for name in known:
        words = name.split()
        if len(tokens(name)) >= 2 and len(fold(words[-1])) >= SLIP_MIN:
            out[fold(words[-1].replace("-", "")).replace(" ", "")] = words[-1]
    return out


def _slip_of(folded: str, surnames: dict[str, str]) -> str:
    for known, written in surnames.items():
        if known[0] != folded[0] or _inflected([known], [folded]):
            continue
        allowed = 2 if len(known) >= SLIP_TWO_EDITS else 1
        if DamerauLevenshtein.distance(known, folded, score_cutoff=allowed) <= allowed:
            return written
    return ""


def _as_name(text: str, match: re.Match, length: int) -> bool:
    """Written where a surname stands: after an honorific, before a verb of
    speech, possessive; any long, rare word (typed as a name or not) too."""
    if length >= SLIP_TWO_EDITS or match.group(2):
        return True
    before = text[max(0, match.start(1) - 6) : match.start(1)]
    return bool(_HONORIFIC_BEFORE.search(before) or _SPEECH_AFTER.match(text, match.end(1)))


# --- names of organisations ------------------------------------------------------

# A word of an organisation's name spelled two ways reads at least this close
# ("Thowheeth"/"Thowheed"), and the whole name closer still.
ORG_WORD = 0.7
ORG_WHOLE = 0.8
ORG_MIN_LETTERS = 4


def org_tokens(name: str) -> list[str]:
    """Folded words of an organisation's name, apostrophes and hyphens inside a word
    dropped ("Jama'ath" = "Jamaath"), a leading "the" off."""
    words = [re.sub(r"['\u2019]s$", "", w) for w in (name or "").split()]  # a possessive
    words = [re.sub(r"['\u2019\u2018-]", "", w) for w in norm(fold(" ".join(words))).split()]
    words = [w for w in words if w]
    return words[1:] if words[:1] == ["the"] else words


def org_variant(a: str, b: str, common: set[str] = frozenset()) -> bool:
    """Two writings of one name that spell a word of it differently ("Nordvik
    Shiping Lines" / "Nordvik Shipping Lines"), not another name: same number of
    words, every differing word a close spelling starting with the same letter,
    no plural, no word split or joined, and no word of the story's prose
    (`common`: "Toll Rises" / "Toll Rose" are two words, not a slip)."""
    ta, tb = org_tokens(a), org_tokens(b)
    if ta == tb or len(ta) != len(tb) or "".join(ta) == "".join(tb):
        return False
    diffs = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if any(x in common and y in common for x, y in diffs):
        return False
    if not all(_word_slip(x, y) for x, y in diffs):
        return False
    whole = difflib.SequenceMatcher(None, " ".join(ta), " ".join(tb)).ratio()
    return whole >= ORG_WHOLE


def _word_slip(x: str, y: str) -> bool:
    if not (x.isalpha() and y.isalpha()) or min(len(x), len(y)) < ORG_MIN_LETTERS:
        return False
    if x[0] != y[0] or _derived(x, y) or {x, y} & _NATIONALITIES:
        return False
    return difflib.SequenceMatcher(None, x, y).ratio() >= ORG_WORD


# Endings that make another word of a name's word: "Korea" / "Korean", "West" /
# "Western", "Prince" / "Princess", "Emergency" / "Emergencies".
_DERIVING = {
    "n",
    "an",
    "ian",
    "i",
    "ese",
    "ish",
    "s",
    "es",
    "ies",
    "ss",
    "ess",
    "er",
    "ers",
    "ern",
}
_NATIONALITIES = set(DEMONYMS) | set(DEMONYMS.values()) | set(COUNTRY_ADJECTIVES.values())


def _derived(x: str, y: str) -> bool:
    """One word is the other with an ending added (its last letter may change)."""
    short, long_ = sorted((x, y), key=len)
    shared = len(os.path.commonprefix([short, long_]))
    return len(long_) > len(short) and shared >= len(short) - 1 and long_[shared:] in _DERIVING


# Capitalised words in a row, with the small words a name holds between them
# ("Bank of England", "Port of Velmora"); "and" joins two names.
_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|the|for|de|del|al|el|bin)\s+)?[A-Z][\w'’-]*)+"
)
_LEADING = {"the", "a", "an", "in", "on", "at", "and", "but", "as", "after", "when", "while"}


# Fewer words are too often a place and its demonym, or a transliterated place.
RUN_MIN_WORDS = 3


def capitalised_runs(text: str) -> list[str]:
    """Runs of three or more capitalised words, "The" in front left off."""
    out = []
    for match in _NAME_RUN.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in _LEADING:
            words = words[1:]
        if len(words) >= RUN_MIN_WORDS:
            out.append(" ".join(words))
    return out

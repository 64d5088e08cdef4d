"""Normalisation for comparing values across outlets.

Two outlets that differ only in typography, case, US/UK spelling or the way
they abbreviate a country must produce the same normalised value; outlets that
differ in wording ("rules-based" vs "rule-based") must not.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from breame.spelling import get_american_spelling

# Typography: curly quotes, dashes, odd spaces and ellipses become their ASCII
# forms. The one table for every place that compares text (ingest hashing,
# extraction, cross-outlet comparison), so they cannot drift apart.
TYPOGRAPHY_CHARS = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2026": "...",
}
TYPOGRAPHY = str.maketrans(TYPOGRAPHY_CHARS)

# UK -> US spellings we meet in news copy: the one table for every comparison
# (extraction here, cross-outlet tokens in claims.analysis.normalise). Rules for
# -ise/-our are too risky ("promise", "four"), so whole words are listed, and
# -ise verbs only for the stems in _ISE_STEMS.
UK_US = {
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "licence": "license",
    "centre": "center",
    "centres": "centers",
    "metre": "meter",
    "metres": "meters",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "programme": "program",
    "programmes": "programs",
    "labour": "labor",
    "honour": "honor",
    "favour": "favor",
    "favourable": "favorable",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "neighbouring": "neighboring",
    "colour": "color",
    "behaviour": "behavior",
    "endeavour": "endeavor",
    "harbour": "harbor",
    "rumour": "rumor",
    "armour": "armor",
    "armoured": "armored",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "travelled": "traveled",
    "travelling": "traveling",
    "cancelled": "canceled",
    "counselling": "counseling",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "grey": "gray",
    "tyre": "tire",
    "jewellery": "jewelry",
    "cheque": "check",
    "analyse": "analyze",
    "analysed": "analyzed",
    "paralyse": "paralyze",
}
# -ise / -isation verbs that are spelled -ize in US English.
_ISE_STEMS = (
    "organ|real|recogn|emphas|character|util|modern|normal|priorit|author|final|"
    "standard|capital|maxim|minim|optim|stabil|mobil|symbol|summar|apolog|critic|"
    "categor|central|civil|legal|local|global|industrial|militar|neutral|special|"
    "strateg|synchron|harmon|institutional|operational|revolution|internation|"
    "democrat|privat|subsid|legitim|familiar|popular|visual|penal|jeopard|"
    "formal|scrutin|mesmer|agon|econom|energ|fertil|terror|sanit|digit|weapon"
)
_ISE = re.compile(rf"\b({_ISE_STEMS})is(e|es|ed|ing|ation|ations)\b")
_WORD = re.compile(r"[a-z]+")

# Country qualifiers dropped from titles: "US Secretary of War" = "Secretary of War".
COUNTRY_WORDS = {
    "us",
    "u.s.",
    "u.s",
    "usa",
    "u.s.a.",
    "american",
    "america",
    "united",
    "states",
    "india",
    "indian",
    "india's",
    "uk",
    "u.k.",
    "british",
    "britain",
    "chinese",
    "china",
    "russian",
    "russia",
    "french",
    "france",
    "german",
    "germany",
    "japanese",
    "japan",
    "australian",
    "australia",
    "pakistani",
    "pakistan",
    "israeli",
    "israel",
    "ukrainian",
    "ukraine",
    "malaysian",
    "malaysia",
    "canadian",
    "canada",
    "european",
    "eu",
    "union",
}

# People named by their nationality, as the adjective a count of nationals takes
# ("12 Britons" / "12 British nationals").
DEMONYMS = {
    "britons": "british", "brits": "british", "americans": "american", "germans": "german",
    "italians": "italian", "canadians": "canadian", "australians": "australian",
    "indians": "indian", "pakistanis": "pakistani", "israelis": "israeli",
    "palestinians": "palestinian", "russians": "russian", "ukrainians": "ukrainian",
    "spaniards": "spanish", "turks": "turkish", "syrians": "syrian", "iranians": "iranian",
    "iraqis": "iraqi", "afghans": "afghan", "nigerians": "nigerian", "kenyans": "kenyan",
    "filipinos": "filipino", "koreans": "korean", "mexicans": "mexican",
    "brazilians": "brazilian", "belgians": "belgian", "swedes": "swedish", "danes": "danish",
    "norwegians": "norwegian", "finns": "finnish", "poles": "polish", "scots": "scottish",
    "egyptians": "egyptian", "thais": "thai", "nepalis": "nepali",
    "bangladeshis": "bangladeshi", "saudis": "saudi", "emiratis": "emirati",
    "argentines": "argentine", "colombians": "colombian", "chileans": "chilean",
    "peruvians": "peruvian", "greeks": "greek", "austrians": "austrian",
    "portuguese": "portuguese", "chinese": "chinese", "japanese": "japanese",
    "vietnamese": "vietnamese", "lebanese": "lebanese",
}  # fmt: skip
# Countries whose abbreviation stands before a noun of people as their adjective.
COUNTRY_ADJECTIVES = {
    "us": "american", "u.s.": "american", "usa": "american", "uk": "british",
    "u.k.": "british",
}  # fmt: skip

PLACE_ALIASES = {
    "us": "united states",
    "u.s.": "united states",
    "u.s": "united states",
    "usa": "united states",
    "u.s.a.": "united states",
    "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "washington dc": "washington",
    "washington d.c.": "washington",
    "washington, d.c.": "washington",
    "kl": "kuala lumpur",
    "delhi": "new delhi",
}

# Scale words after a figure ("2.5 lakh", "$63m"): one table for numbers and quantities.
NUMBER_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
    "a": 1,
    "an": 1,
    "single": 1,
}


def typography(text: str) -> str:
    """Unicode compatibility forms and ASCII punctuation; case is kept."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY)
    return re.sub(r"\s+", " ", text).strip()


def us_spelling(word: str) -> str:
    """US spelling of one lower-case word: "defence" -> "defense", "organised" -> "organized"."""
    word = UK_US.get(word, word)
    return _ISE.sub(lambda m: f"{m.group(1)}iz{m.group(2)}", word) if "is" in word else word


def quoted_spelling(word: str) -> str:
    """US spelling of one lower-case word of a quotation, with breame's longer
    table ("victimised" -> "victimized"); names keep `us_spelling`, as breame
    also folds them ("sheikh" -> "sheik")."""
    return get_american_spelling(us_spelling(word))


def spelling(text: str) -> str:
    """US spelling of lower-case text."""
    return _WORD.sub(lambda m: us_spelling(m.group(0)), text)


_ABBREVIATION = re.compile(r"\b(?:[a-z]\.){2,}")


def fold(text: str) -> str:
    """Typography, case, spelling and dotted abbreviations ("U.S." = "US") folded."""
    text = spelling(typography(text).lower())
    return _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text)


def norm_quote(text: str) -> str:
    """Quote wording for comparison.

    Drops case, typography, spelling, commas and end punctuation ("free, open,
    and" = "free, open and"); keeps every word and hyphen, so "rules-based",
    "rules-bound" and "rule-based" stay three different values.
    """
    text = _WORD.sub(lambda m: quoted_spelling(m.group(0)), fold(text))
    text = re.sub(r"pic\.twitter\.com/\S+|https?://\S+", " ", text)
    text = text.replace('"', " ").replace("...", " ")
    # Quote marks used as apostrophes are kept inside words ("we're").
    text = re.sub(r"(?<![a-z0-9])'|'(?![a-z])", " ", text)
    text = re.sub(r"[,;:.!?()\[\]]", " ", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip(" -")


def norm_title(title: str) -> str:
    """Title for comparison: "U.S. Secretary of War" -> "secretary of war".

    Country qualifiers and a trailing "of the United States" go: they say whose
    minister, not which office. Hyphens become spaces ("Vice-President").
    """
    words = fold(title).replace("-", " ").replace("'s", "").split()
    words = [w.strip(",") for w in words]
    # Drop a trailing "of (the) <country>" complement.
    for i, word in enumerate(words):
        if (
            word == "of"
            and words[i + 1 :]
            and all(w in COUNTRY_WORDS or w == "the" for w in words[i + 1 :])
        ):
            words = words[:i]
            break
    words = [w for w in words if w not in COUNTRY_WORDS and w not in ("the", "his", "her")]
    return " ".join(words)


def norm_name(name: str) -> str:
    """Person name for comparison: case, typography and possessive folded."""
    text = typography(name)
    text = re.sub(r"['\u2019]s$", "", text)
    return re.sub(r"[.\s]+", " ", text).strip().lower()


def norm_place(text: str) -> str:
    text = fold(text).strip(" .,")
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$", "", text)
    return PLACE_ALIASES.get(text, text)


def norm_sentence(text: str) -> str:
    """Sentence text as hashed for "the same sentence" (embedding reuse)."""
    text = fold(text)
    return text.strip(" .!?\"'")


def text_hash(text: str) -> str:
    return hashlib.sha256(norm_sentence(text).encode()).hexdigest()


def parse_number(word: str) -> float | None:
    """ "10", "1,500", "2.5", "ten", "twenty-five" -> float; else None."""
    word = word.strip().lower().replace(",", "")
    try:
        return float(word)
    except ValueError:
        pass
    parts = re.split(r"[- ]+", word)
    # "two hundred and fifty": "and" only after a hundred or a thousand
    parts = [
        p
        for i, p in enumerate(parts)
        if not (p == "and" and 0 < i < len(parts) - 1 and parts[i - 1] in ("hundred", "thousand"))
    ]
    if not parts or not all(p in NUMBER_WORDS for p in parts):
        return None
    total = group = 0
    for part in parts:
        value = NUMBER_WORDS[part]
        if value in (12, 100) and part != "twelve":
            group = (group or 1) * value  # "two hundred", "a dozen", "two dozen"
        elif value == 1000:
            total, group = total + (group or 1) * 1000, 0  # "one thousand two hundred"
        else:
            group += value
    return float(total + group)

"""People in one article: names, their variants, and the titles each mention gives.

Titles are found around the name: before it ("U.S. Secretary of War Pete
Hegseth", "his US counterpart Defence Secretary Pete Hegseth"), in apposition
("Pete Hegseth, Defence Secretary of the United States") or on their own once
the person was named ("the US Defence Secretary added"). A surname or first
name alone ("Hegseth", "Rajnath") resolves to the full name of the article.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from claims.nlp.normalize import COUNTRY_WORDS, norm_title
from claims.nlp.places import fold, place_name
from claims.nlp.types import PersonMention, PersonProfile

if TYPE_CHECKING:
    from spacy.tokens import Doc

TITLE_HEADS = {
    "minister",
    "secretary",
    "undersecretary",
    "president",
    "vice-president",
    "premier",
    "chancellor",
    "ambassador",
    "ambassador-designate",
    "envoy",
    "representative",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "governor",
    "senator",
    "congressman",
    "congresswoman",
    "mayor",
    "chief",
    "director",
    "general",
    "admiral",
    "commander",
    "chairman",
    "chairwoman",
    "chairperson",
    "ceo",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sultan",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "ayatollah",
    "commissioner",
    "adviser",
    "advisor",
    "attorney",
    "justice",
    "judge",
    "speaker",
    "leader",
    "lawmaker",
    "mp",
    "sen.",
    "rep.",
    "gen.",
    "gov.",
    "pres.",
    "sec.",
    # ranks: "Sgt.", "Petty Officer 2nd Class" (a colonel's rank is not read: it
    # follows a civil title, "Public Safety Director Col. Steven McCraw")
    "sergeant",
    "sgt.",
    "petty",
    # posts of police, courts and local government that crime and disaster coverage
    # names (a police rank, "Superintendent", is not read: it is held beside a post)
    "sheriff",
    "coroner",
    "examiner",
    "marshal",
    "warden",
    "councilman",
    "councilwoman",
    "councillor",
    "councilor",
    "alderman",
    "assemblyman",
    "assemblywoman",
    "legislator",
    "treasurer",
    "comptroller",
    "administrator",
    "commandant",
}
TITLE_MODIFIERS = {
    "press",  # "press secretary": a spokesperson, not a secretary of state
    "defence",
    "defense",
    "war",
    "foreign",
    "external",
    "affairs",
    "home",
    "interior",
    "finance",
    "treasury",
    "commerce",
    "industry",
    "trade",
    "state",
    "prime",
    "vice",
    "deputy",
    "assistant",
    "under",
    "national",
    "security",
    "staff",
    "army",
    "navy",
    "naval",
    "air",
    "force",
    "joint",
    "principal",
    "special",
    "senior",
    "junior",
    "union",
    "cabinet",
    "federal",
    "chief",
    "first",
    "energy",
    "health",
    "education",
    "labour",
    "labor",
    "agriculture",
    "transport",
    "justice",
    "information",
    "broadcasting",
    "economic",
    "parliamentary",
    "petroleum",
    "railways",
    # more portfolios: "Economy Minister" and "Finance Minister" are two offices
    "economy",
    "environment",
    "culture",
    "tourism",
    "sports",
    "sport",
    "youth",
    "science",
    "technology",
    "communications",
    "digital",
    "housing",
    "infrastructure",
    "planning",
    "development",
    "fisheries",
    "mining",
    "mines",
    "water",
    "immigration",
    "migration",
    "welfare",
    "social",
    "climate",
    "veterans",
    "intelligence",
    "investment",
    "budget",
    "revenue",
    "territories",
    "minister",
    "secretary",
    "general",
    "executive",
    # a company's officers: "chief operating officer", "chief financial officer"
    "operating",
    "financial",
    "attorney",
    "opposition",
    "majority",
    "minority",
    "house",
    "designate",
    "elect",
    "acting",
    "interim",
    "former",
    "ex",
    # kept so that analysis reads them: "ousted premier" is a former one, "then
    # chancellor" says nothing of today
    "ousted",
    "deposed",
    "crown",
    "then",
    "officer",
    # which rank: "Lieutenant General" and "Major General" are two ranks
    "lieutenant",
    "lt.",
    "major",
    "maj.",
    "brigadier",
    "brig.",
    "rear",
    "field",
    # which court: "U.S. District Judge" and "Circuit Judge" are two offices
    "district",
    "circuit",
    "appeals",
    "appellate",
    "magistrate",
    "supreme",
    "superior",
    "bankruptcy",
    # whose force or service: "Fire Chief" and "Battalion Chief" are two offices
    "police",
    "fire",
    "battalion",
    "county",
    "city",
    "municipal",
    "provincial",
    "regional",
    "medical",
    "public",
    "safety",
}
TITLE_WORDS = TITLE_HEADS | TITLE_MODIFIERS
# What a person is in the story, written before the name like a title but no
# office ("Witness Jan Kowal said", "Farmer Ana Ruiz"): the model tags it into
# the name at the start of a sentence.
ROLE_WORDS = {
    "witness", "eyewitness", "neighbour", "neighbor", "resident", "survivor", "farmer",
    "teacher", "student", "nurse", "driver", "passenger", "victim", "suspect", "villager",
    "fisherman", "shopkeeper", "volunteer", "activist", "journalist", "reporter",
    "photographer", "analyst", "economist", "researcher", "pilot", "widow", "relative",
}  # fmt: skip
# Words that make a title another office than the same title without them.
_OTHER_OFFICE = {
    "deputy", "vice", "assistant", "under", "acting", "interim", "former", "ex", "junior",
    "associate", "shadow", "lieutenant", "elect", "designate", "prime", "first", "chief",
    "general", "state", "then", "ousted", "deposed",
}  # fmt: skip
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th)|first|second|third")
_PARTICLES = {
    "bin", "bint", "ibn", "van", "von", "de", "da", "das", "do", "dos", "del", "della", "der",
    "den", "ter", "ten", "zu", "al", "el", "la", "di", "du", "le",
}  # fmt: skip
# Names that are also English words: taken alone only when tagged a proper noun.
_COMMON_WORDS = {
    "will",
    "may",
    "mark",
    "rose",
    "grace",
    "hope",
    "bill",
    "faith",
    "frank",
    "joy",
    "dean",
    "guy",
    "art",
    "rich",
    "grant",
    "young",
    "white",
    "black",
    "brown",
    "green",
    "long",
    "king",
    "price",
    "power",
    "hall",
    "wood",
    "stone",
    "cook",
    "miller",
    "said",
    "ray",
    "sun",
    "moon",
    "rain",
    "case",
    "read",
    "bush",
    "baker",
    "lee",
    "park",
    "june",
}
_POSSESSIVE = re.compile(r"['\u2019]s?$")
PRONOUN_OF = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}
# Words written just before a name that say which pronoun the article uses for
# that person: "his wife Carrie", "Mrs Lee", "Queen Margrethe".
_PRONOUN_CUES = {
    "he": {
        "mr", "sir", "lord", "king", "prince", "husband", "son", "father", "brother",
        "boyfriend", "widower", "uncle", "nephew", "grandfather", "grandson", "duke",
    },
    "she": {
        "mrs", "ms", "miss", "dame", "lady", "queen", "princess", "wife", "daughter",
        "mother", "sister", "girlfriend", "widow", "aunt", "niece", "grandmother",
        "granddaughter", "duchess",
    },
}  # fmt: skip
_CUE_BEFORE = re.compile(r"([A-Za-z]+)\.?,?\s+$")


@dataclass
class Mention:
    start: int
    end: int
    name: str  # as written; for a title on its own, the person's full name
    kind: str  # "full" | "short" | "title" | "handle"
    person: Person
    title: str = ""
    title_norm: str = ""


@dataclass
class Person:
    forms: Counter = field(default_factory=Counter)  # full names as written
    titled: set = field(default_factory=set)  # full forms that came with a title
    first_seen: dict = field(default_factory=dict)
    mentions: list = field(default_factory=list)
    # "he" or "she" when the article says so ("his wife Carrie", "Mr Lee"), else ""
    pronoun: str = ""

    @property
    def canonical(self) -> str:
        """The most frequent full form; a tie goes to the one given a title, then the first."""
        return max(
            self.forms,
            key=lambda f: (self.forms[f], f in self.titled, -self.first_seen[f]),
        )

    @property
    def last(self) -> str:
        return self.canonical.split()[-1]

    def matches(self, name: str) -> bool:
        """Same surname and a compatible first name ("Pete"/"Peter", "S"/"Subrahmanyam")."""
        words = name.split()
        for form in self.forms:
            known = form.split()
            if known[-1].lower() != words[-1].lower():
                continue
            a, b = known[0].lower().rstrip("."), words[0].lower().rstrip(".")
            if a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= 80:
                return True
        return False


class People:
    """The people of one article and every mention of them, in text order."""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self.mentions: list[Mention] = []
        self._starts: list[int] = []

    def add_full(self, start: int, end: int, name: str) -> Mention:
        person = next((p for p in self.persons if p.matches(name)), None)
        if person is None:
            person = Person()
            self.persons.append(person)
        person.forms[name] += 1
        person.first_seen.setdefault(name, start)
        return self._add(Mention(start, end, name, "full", person))

    def _add(self, mention: Mention) -> Mention:
        mention.person.mentions.append(mention)
        index = bisect.bisect(self._starts, mention.start)
        self._starts.insert(index, mention.start)
        self.mentions.insert(index, mention)
        return mention

    def add(self, start: int, end: int, name: str, kind: str, person: Person) -> Mention:
        return self._add(Mention(start, end, name, kind, person))

    def overlaps(self, start: int, end: int) -> bool:
        return any(m.start < end and start < m.end for m in self.mentions)

    def at(self, pos: int) -> Mention | None:
        for mention in self.mentions:
            if mention.start <= pos < mention.end:
                return mention
        return None

    def last_before(
        self, pos: int, skip: list[tuple[int, int]] = (), pronoun: str = ""
    ) -> Person | None:
        """The last person named before `pos`, ignoring names inside `skip` (quotes)
        and, for a pronoun, people the article refers to with the other one."""
        wanted = PRONOUN_OF.get(pronoun, "")
        index = bisect.bisect_left(self._starts, pos)
        weak = unsure = None
        for mention in reversed(self.mentions[:index]):
            if any(a <= mention.start < b for a, b in skip):
                continue
            if wanted and mention.person.pronoun not in ("", wanted):
                continue
            if unsure is not None and pos - mention.start > PRONOUN_REACH:
                break
            if wanted and not mention.person.pronoun and _established(mention.person):
                # "Mr Rowley said Dawn Sturgess had sprayed it ... He told ITV": a
                # name whose pronoun is unknown yields to one just before it known
                # to take this pronoun
                unsure = unsure or mention.person
                continue
            if not wanted or _established(mention.person):
                return mention.person
            weak = weak or mention.person
        return unsure or weak

    def with_title(self, title_norm: str, pos: int) -> Person | None:
        """The person last given this title before `pos`, else anywhere in the article."""
        titled = [m for m in self.mentions if m.title_norm == title_norm and m.kind != "title"]
        before = [m for m in titled if m.start < pos]
        if before:
            return before[-1].person
        return titled[0].person if titled else self._with_longer_title(title_norm)

    def _with_longer_title(self, title_norm: str) -> Person | None:
        """ "the Mayor" of one named "County Mayor": the one person whose title
        holds these words and no word making it another office."""
        words = set(title_norm.split())
        found = {
            id(m.person): m.person
            for m in self.mentions
            if m.kind != "title"
            and m.title_norm
            and words < set(m.title_norm.split())
            and not (set(m.title_norm.split()) - words) & _OTHER_OFFICE
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def by_token(self, word: str, pos: int) -> Person | None:
        """A surname or first name alone: the nearest person before, else after."""
        candidates = [
            p for p in self.persons if any(word in (f.split()[0], f.split()[-1]) for f in p.forms)
        ]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        before = [m for m in self.mentions if m.start < pos and m.person in candidates]
        return before[-1].person if before else candidates[0]

    def in_span(self, start: int, end: int) -> list[PersonMention]:
        return [
            PersonMention(
                name=m.name,
                canonical=m.person.canonical,
                title=m.title,
                title_norm=m.title_norm,
                start=m.start,
                end=m.end,
            )
            for m in self.mentions
            if start <= m.start < end
        ]

    def profiles(self) -> list[PersonProfile]:
        profiles = []
        for person in self.persons:
            variants = []
            for m in person.mentions:
                if m.kind in ("full", "short", "handle") and m.name not in variants:
                    variants.append(m.name)
            canonical = person.canonical
            titles = [pm for pm in self.in_span(0, 1 << 62) if pm.canonical == canonical]
            profiles.append(
                PersonProfile(
                    canonical=canonical,
                    variants=[v for v in variants if v != canonical],
                    titles=[pm for pm in titles if pm.title],
                )
            )
        return profiles


# --- finding names -------------------------------------------------------------


# Written after a name, never a name: "Air Marshal Kiran Patel (Retd)".
_RETIRED = {"retd", "rtd", "retired"}


def clean_name(span) -> tuple[int, int, str] | None:
    """(start token, end token, name) of a PERSON entity without titles or "'s"."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in TITLE_WORDS | COUNTRY_WORDS | ROLE_WORDS:
        tokens.pop(0)
    while tokens and (
        tokens[-1].text in ("'s", "\u2019s", "'", "\u2019")
        or tokens[-1].is_punct
        or tokens[-1].lower_.rstrip(".") in _RETIRED
    ):
        tokens.pop()
    if not tokens or len(tokens) > 5:
        return None
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        if word.lower() in _PARTICLES:
            continue
        if _joined_part(words, i):
            continue
        if not word[0].isupper() or any(c.isdigit() or c in "@/#" for c in word):
            return None
    name = span.doc[tokens[0].i : tokens[-1].i + 1].text
    name = _POSSESSIVE.sub("", name) if name.endswith(("'s", "\u2019s")) else name
    return tokens[0].i, tokens[-1].i + 1, name


def _joined_part(words: list[str], i: int) -> bool:
    """A hyphen inside a name, or the lower-case part after it: "Warren-Curtis",
    "al-Rashidi", a Korean given name "Dae-sung" (spaCy splits them at the hyphen)."""
    word = words[i]
    if word in _HYPHENS:
        return 0 < i < len(words) - 1 and words[i - 1][:1].isalpha() and words[i + 1][:1].isalpha()
    return (
        i >= 2
        and words[i - 1] in _HYPHENS
        and word.isalpha()
        and word.islower()
        and words[i - 2][:1].isupper()
    )


_HYPHENS = {"-", "\u2010", "\u2011"}


def _hyphen_whole(ent):
    """The entity with the parts of a name it cut off: the small model tags "Han
    Min" in "Han Min-seok", "Rashidi" in "al-Rashidi", "Pedro" in "Pedro dos Santos"."""
    doc, start, end = ent.doc, ent.start, ent.end
    while end + 1 < len(doc):
        if (
            doc[end].text in _HYPHENS
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2
        elif doc[end].text in _PARTICLES and doc[end + 1].text[:1].isupper():
            end += 2  # "Pedro dos Santos" tagged "Pedro"
        else:
            break
    while (
        start >= 2
        and doc[start - 1].text in _HYPHENS
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].is_alpha
    ):
        start -= 2
    if ent.label_ == "PERSON" and start == ent.start and _given_name(doc, start - 1):
        start -= 1  # "Rakesh" in "British national Rakesh Kumar Bhandari", tagged "Kumar Bhandari"
    return doc[start:end] if (start, end) != (ent.start, ent.end) else ent


# Ranks and forms of address that stand before a name without being a title here.
_HONORIFICS = {
    "captain", "capt", "colonel", "col", "major", "maj", "lieutenant", "lt", "commander",
    "cmdr", "corporal", "cpl", "private", "pvt", "officer", "detective", "inspector",
    "superintendent", "constable", "dr", "doctor", "mr", "mrs", "ms", "miss", "sir", "dame",
    "lord", "lady", "professor", "prof", "rev", "reverend", "father", "sister", "brother",
    "imam", "rabbi", "sheikh", "pastor", "saint", "st", "uncle", "aunt", "grandma", "grandpa",
}  # fmt: skip


def _given_name(doc, i: int) -> bool:
    """A capitalised proper noun right before a person's name that no entity holds
    and that is no title, role or country word."""
    if i < 1:
        return False
    token = doc[i]
    return (
        token.pos_ == "PROPN"
        and token.is_alpha
        and token.is_title
        and not token.ent_type_
        and not {token.lower_, token.lower_.removesuffix("s")}
        & (COUNTRY_WORDS | ROLE_WORDS | _HONORIFICS | TITLE_WORDS)
        and not _title_token(doc, i)
        and not token.is_sent_start
        # "City Manager Dana Souza", "Chancellor of the Exchequer Rishi Sunak": an
        # office's last word, capitalised, is no given name
        and not doc[i - 1].is_title
        and not token.lower_.endswith(("er", "or", "ist", "ian", "ant", "ent"))
        and token.lower_ not in _PLACE_PREFIXES
    )


# Words that open place names NER may take for a person's ("High Atlas").
_PLACE_PREFIXES = {
    "high", "low", "upper", "lower", "north", "south", "east", "west", "new", "old", "great",
    "little", "big", "san", "santa", "los", "las", "el", "la", "mount", "lake", "port", "fort",
}  # fmt: skip


# Words that make an entity an organisation or a place, whatever stands before it.
_NOT_PERSONAL = {
    "party", "council", "ministry", "department", "bank", "group", "university", "court",
    "company", "corporation", "inc", "ltd", "agency", "office", "committee", "county",
    "city", "state", "river", "street", "fund", "foundation", "airport", "station",
}  # fmt: skip


def _titled_name(ent) -> bool:
    """A name NER typed as an organisation or a place ("treasurer Gavin Price",
    "Price" a brand): two or three capitalised words right after an office written
    in lower case are a person's name."""
    if _office_then_name(ent) or _described_as_person(ent):
        return True
    if ent.label_ not in ("ORG", "GPE") or not 2 <= len(ent) <= 3 or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    if before.lower_ not in TITLE_HEADS or not before.is_lower:
        return False
    return all(
        t.is_alpha and t.is_title and t.pos_ == "PROPN" and t.lower_ not in _NOT_PERSONAL
        for t in ent
    )


# Nouns an apposition gives a person by: "Badri Dahar, the customs director,".
_PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "father", "mother", "son", "daughter", "husband", "wife",
    "director", "chief", "manager", "head", "owner", "founder", "chairman", "chairwoman",
    "spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "officer", "official",
    "leader", "commander", "member", "employee", "worker", "guard", "engineer", "captain",
}  # fmt: skip


def _described_as_person(ent) -> bool:
    """Two or three capitalised words NER typed as an organisation, set off by an
    apposition that makes them a person: an age ("Badri Dahar, 54,") or a person's
    noun ("Badri Dahar, the customs director,")."""
    if ent.label_ not in ("ORG", "GPE") or not 2 <= len(ent) <= 3:
        return False
    if not all(t.is_alpha and t.is_title and t.lower_ not in _NOT_PERSONAL for t in ent):
        return False
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    words = []
    for token in doc[ent.end + 1 : ent.end + 7]:
        if token.text in (",", ";", "."):
            break
        words.append(token)
    if len(words) == 1 and words[0].like_num:
        return True  # an age
    return (
        bool(words)
        and words[0].lower_ in ("the", "a", "an")
        and any(w.lemma_.lower() in _PERSON_NOUNS | ROLE_WORDS | TITLE_HEADS for w in words[1:])
    )


def _office_then_name(ent) -> bool:
    """ "Mayor Lina Ostrova" typed as a work of art or an organisation (beside
    quotation marks): a capitalised office, then one to three names."""
    if ent.label_ not in ("ORG", "GPE", "WORK_OF_ART", "NORP", "FAC") or not 2 <= len(ent) <= 4:
        return False
    if ent[0].lower_ not in TITLE_HEADS or not ent[0].is_title:
        return False
    return all(
        t.is_alpha
        and t.is_title
        and t.pos_ == "PROPN"
        and t.lower_ not in _NOT_PERSONAL | _PLACE_WORDS | TITLE_WORDS
        for t in ent[1:]
    )


# Words that make "President X" a building, a road or a prize rather than a person.
_PLACE_WORDS = {
    "hotel", "house", "palace", "square", "avenue", "road", "bridge", "tower", "building",
    "stadium", "park", "hall", "center", "centre", "school", "college", "hospital", "museum",
    "church", "mosque", "temple", "cup", "award", "prize", "act", "law", "day", "street",
}  # fmt: skip


def _names_an_exercise(ent) -> bool:
    """ "exercises like Yudh Abhyas", "the drill called Tiger Claw": military
    exercises look like names to NER. The noun names it right before, or before
    the list it is in ("exercises such as A, B and C"); not "operations director
    Tomasz Wojciechowski", nor "we are drilling," Wojciechowski said."""
    doc, i = ent.doc, ent.start - 1
    if i >= 0 and doc[i].lower_ in _LIST_WORDS:
        j = i
        while j >= 0 and (doc[j].lower_ in _LIST_WORDS or doc[j].is_title):
            j -= 1
        # a list of names before it, not a clause ending in "the rescue operation,"
        i = j if any(doc[k].is_title for k in range(j + 1, i)) else i
    while i >= 0 and doc[i].lower_ in _NAMING_WORDS:
        i -= 1
    if i < 0:
        return False
    return doc[i].pos_ in ("NOUN", "PROPN") and doc[i].lemma_.lower() in _EXERCISES


_EXERCISES = {"exercise", "drill", "operation", "wargame", "manoeuvre", "maneuver"}

# A saint's or founder's name that begins a place: "St Mary's Hospital", "King's College".
_NAMED_PLACES = {
    "hospital", "church", "cathedral", "school", "college", "university", "infirmary",
    "abbey", "chapel", "academy", "clinic", "park", "square", "station", "bridge",
}  # fmt: skip


# Last words of a body's name the tagger may read as a person's ("CMIG Leasing").
_BODY_ENDS = {
    "leasing", "holdings", "airlines", "airways", "ltd", "inc", "corp", "corporation",
    "company", "group", "ministry", "council", "committee", "agency", "university",
    "foundation", "institute", "association", "authority",
}  # fmt: skip


def _a_body(name: str) -> bool:
    words = name.lower().replace(".", "").split()
    return len(words) > 1 and words[-1] in _BODY_ENDS


def _a_place(name: str) -> bool:
    """A name of two or more words that is a gazetteer place, written whole or
    with its words apart ("Pangkal Pinang" for Pangkalpinang, "Santa Clara"):
    the tagger took a town for a person."""
    if len(name.split()) < 2:
        return False
    # the place's own name, not one of its alternates ("Ho Chi Minh" is a man
    # before it is Ho Chi Minh City)
    return any(place_name(n) == fold(n) for n in (name, name.replace(" ", "")))


# Last words of a street's name the model tags as a person: "1200 Harlow Ave".
_STREET_ENDS = {"avenue", "ave", "street", "road", "rd", "boulevard", "blvd", "highway", "hwy"}


def _names_a_street(ent) -> bool:
    return ent[-1].lower_.rstrip(".") in _STREET_ENDS


def _names_a_place(ent) -> bool:
    """ "St Mary's Hospital": the name is a place's, not a person's."""
    doc, end = ent.doc, ent.end
    if end < len(doc) and doc[end].text in ("'s", "\u2019s"):
        end += 1
    elif not ent[-1].text.endswith(("'s", "\u2019s")):
        return False
    return end < len(doc) and doc[end].lemma_.lower() in _NAMED_PLACES


_LIST_WORDS = {",", "and", "or"}
_NAMING_WORDS = {
    "like",
    "such",
    "called",
    "named",
    "dubbed",
    "codenamed",
    "code-named",
    "as",
    "the",
    '"',
    "“",
}


def title_before(doc, first: int) -> tuple[int, int] | None:
    """Token range of a title right before token `first` (a name), if any."""
    if first > 0 and doc[first - 1].lower_ == "under":
        return None  # "served as foreign minister under Brandt": the server's office
    j = first - 1
    while j >= 0 and _title_token(doc, j):
        j -= 1
    span = _as_title(doc, j + 1, first)
    if span is None:
        return None
    former = _former_before_place(doc, j)
    return (former, span[1]) if former is not None else span


# "Former U.S. President", "ex-Ohio Governor", "former Yongsan police chief": the
# word saying the office was left stands before whose office it was.
_FORMER_BEFORE = {"former", "ex", "then", "ousted", "deposed"}


def _former_before_place(doc, j: int) -> int | None:
    """The token of "former" before up to three place or country words ending at `j`."""
    k = j
    while (
        k >= 0
        and j - k < 3
        and (_is_country(doc[k]) or doc[k].text in _HYPHENS or doc[k].pos_ == "PROPN")
    ):
        k -= 1
    if k == j or k < 0 or doc[k].lower_ not in _FORMER_BEFORE:
        return None
    return k


def title_set_off(doc, first: int, last: int) -> tuple[int, int] | None:
    """A title set off by commas before the name: "the prime minister, Ana Ruiz,
    said", "Estavia's foreign minister, Ana Ruiz, said". The comma after the name
    closes the apposition; without it the name may start a clause of its own
    ("After meeting the prime minister, Ana Ruiz said")."""
    if first < 2 or doc[first - 1].text != "," or last >= len(doc) or doc[last].text != ",":
        return None
    j = first - 2
    while j >= 0 and _title_token(doc, j):
        j -= 1
    if j < 0 or doc[j].lower_ not in ("the", "'s", "\u2019s", "its", "their"):
        return None
    return _as_title(doc, j + 1, first - 1)


# Words after which a title set off by a comma opens the phrase naming the person:
# "read by ECOWAS Commission chairperson, Omar Touray", "said the spokesman for
# the ambulance service, Osama Ali"; not "After meeting the president of France,
# Ana Ruiz flew home".
_OPENS_NAMING = {"by", "said", "says", "told", "added", ":", "(", "\u2014", "-"}


def title_of_body(doc, first: int, last: int) -> tuple[int, int] | None:
    """A title with the body it heads, set off by a comma before the name, at
    the start of the sentence or after a word that opens the naming: "The
    spokesman for the Ambulance Service, Osama Ali, said", "President of the
    ECOWAS Commission, Omar Touray", "read by ECOWAS Commission chairperson,
    Omar Touray"."""
    if first < 2 or doc[first - 1].text != ",":
        return None
    if last < len(doc) and doc[last].text not in (",", ".", ";") and doc[last].pos_ != "VERB":
        return None
    j = first - 2
    while j >= 0 and (_title_token(doc, j) or _body_word(doc, j)):
        j -= 1
    start = j + 1
    while start < first - 1 and doc[start].lower_ in ("the", "of", "for"):
        start += 1
    if start >= first - 1 or not any(
        doc[i].lower_ in TITLE_HEADS for i in range(start, first - 1)
    ):
        return None
    opener = doc[j] if j >= 0 else None
    if opener is not None and opener.lower_ != "the" and not _opens_naming(doc, j):
        return None
    if opener is not None and opener.lower_ == "the" and j > 0 and not _opens_naming(doc, j - 1):
        return None
    return _as_title(doc, start, first - 1)


def _opens_naming(doc, j: int) -> bool:
    """Token j opens the phrase that names someone ("said", "by", "according to")."""
    if doc[j].lower_ == "to":
        return j > 0 and doc[j - 1].lower_ == "according"
    return doc[j].lower_ in _OPENS_NAMING


def _body_word(doc, j: int) -> bool:
    """A word of the body a title heads: capitalised names, "of", "for", "the"."""
    token = doc[j]
    if token.lower_ in ("of", "for", "the", "and"):
        return True
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ != "PERSON"


def title_after(doc, last: int) -> tuple[int, int] | None:
    """Apposition: "Pete Hegseth, Defence Secretary of the United States", "Ana
    Ruiz, a spokeswoman for the ministry"."""
    if last >= len(doc) or doc[last].text != ",":
        return None
    j = last + 1
    while j < len(doc) and (
        doc[j].lower_ in ("the", "a", "an", "'s", "\u2019s")
        or _is_country(doc[j])
        or _possessor(doc, j)
    ):
        j += 1
    start = j
    while j < len(doc) and (_title_token(doc, j) or (start < j and _is_country(doc[j]))):
        j += 1
    # "Defence Secretary Pete Hegseth": the title of the next name, not ours.
    if j < len(doc) and doc[j].ent_type_ == "PERSON":
        return None
    return _as_title(doc, start, _cut_country_complement(doc, start, j))


# Whose office, named by a common noun: "Jan Kowal, the country's finance minister".
_POSSESSORS = {"country", "nation", "state", "government", "kingdom", "republic", "island"}


def _possessor(doc, j: int) -> bool:
    return (
        doc[j].lower_ in _POSSESSORS
        and j + 1 < len(doc)
        and doc[j + 1].lower_ in ("'s", "\u2019s")
        and j > 0
        and doc[j - 1].lower_ == "the"
    )


def title_alone(doc, head: int) -> tuple[int, int] | None:
    """ "the US Defence Secretary": a title with "the" and no name after it."""
    if doc[head].lower_ not in TITLE_HEADS:
        return None
    j = head
    while j > 0 and _title_token(doc, j - 1):
        j -= 1
    k = head + 1
    while k < len(doc) and _title_token(doc, k) and doc[k].lower_ not in ("and", "&"):
        k += 1
    k = _cut_country_complement(doc, j, k)
    before = j - 1
    while before >= 0 and (_is_country(doc[before]) or doc[before].text in ("'s", "\u2019s")):
        before -= 1
    if before < 0 or doc[before].lower_ != "the":
        return None
    if k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
        return None
    if k < len(doc) and doc[k].lower_ in ("'s", "\u2019s"):
        return None  # "the District Attorney's Office": the office, not its holder
    return _as_title(doc, j, k)


def _title_token(doc, j: int) -> bool:
    word = doc[j].lower_
    if word in TITLE_WORDS or word.rstrip(".") + "." in TITLE_WORDS:
        return True
    if word == "-" and 0 < j < len(doc) - 1:
        return doc[j - 1].lower_ in TITLE_WORDS and doc[j + 1].lower_ in TITLE_WORDS
    if "-" in word:
        return all(part in TITLE_WORDS for part in word.split("-") if part)
    # the dot the tokenizer splits from an abbreviation it does not know: "Sgt", "."
    if word == "." and j > 0:
        return doc[j - 1].lower_ + "." in TITLE_WORDS
    # a rank's class: "Petty Officer 2nd Class", "Airman First Class"
    if _ORDINAL.fullmatch(word) and j + 1 < len(doc):
        return doc[j + 1].lower_ == "class"
    if word == "class" and j > 0:
        return bool(_ORDINAL.fullmatch(doc[j - 1].lower_))
    # "of" and "and" only inside a title: "Secretary of War", "Commerce and Industry".
    if word in ("of", "and", "&") and 0 < j < len(doc) - 1:
        left, right = doc[j - 1].lower_, doc[j + 1].lower_
        if word == "of":
            return left in TITLE_HEADS and right in TITLE_MODIFIERS
        return left in TITLE_MODIFIERS and right in TITLE_MODIFIERS and doc[j - 1].is_title
    return False


_NOT_UNDER = re.compile(r"^(?!secretary|-)")


def _as_title(doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and doc[start].lower_ in ("of", "and", "&", "-"):
        start += 1
    # "under President Ruiz": whose time it was; "Under Secretary" is an office
    if (
        end - start > 1
        and doc[start].lower_ == "under"
        and _NOT_UNDER.match(doc[start + 1].lower_)
    ):
        start += 1
    # "served as foreign minister under Brandt": "under" opens no title at its end
    while end > start and doc[end - 1].lower_ in ("of", "and", "&", "-", "under"):
        end -= 1
    if start >= end:
        return None
    words = [doc[i].lower_ for i in range(start, end)]
    words = [w + "." if w + "." in TITLE_WORDS else w for w in words]  # "Sgt" ".", "Lt" "."
    if not any(w in TITLE_HEADS or "-" in w and w.split("-")[0] in TITLE_HEADS for w in words):
        return None
    return start, end


def _is_country(token) -> bool:
    return token.lower_ in COUNTRY_WORDS or token.ent_type_ in ("GPE", "NORP")


def _cut_country_complement(doc, start: int, end: int) -> int:
    """Drop a trailing "of (the) United States" from a title range."""
    for i in range(start, end):
        if doc[i].lower_ == "of" and all(
            doc[k].lower_ == "the" or _is_country(doc[k]) for k in range(i + 1, end)
        ):
            return i
    return end


def title_text(doc, span: tuple[int, int]) -> str:
    return doc[span[0] : span[1]].text


def title_norm_of(doc, span: tuple[int, int]) -> str:
    return norm_title(title_text(doc, span))


def find_people(docs: list[tuple[int, Doc]], text: str, posts: list) -> People:
    """Every mention of a person in the article; `docs` are (offset, spaCy Doc)."""
    people = People()
    fulls: list[tuple[int, int, str]] = []  # (start, end, name) of several-word names
    singles: list[tuple[int, int, str]] = []
    for offset, doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON" and not _titled_name(ent):
                continue
            cleaned = clean_name(_hyphen_whole(ent))
            if (
                cleaned is None
                or _names_an_exercise(ent)
                or _body_of_a_title(ent)
                or _names_a_place(ent)
                or _names_a_street(ent)
            ):
                continue
            first, last, name = cleaned
            if _a_place(name) or _a_body(name):
                continue
            start = offset + doc[first].idx
            entry = (start, start + len(name), name)
            (fulls if len(name.split()) > 1 else singles).append(entry)
    for post in posts:
        _post_author(people, post, fulls, text)
    for start, end, name in sorted(fulls):
        if not people.overlaps(start, end):
            people.add_full(start, end, name)
    _repeated_full_names(people, text)
    _short_mentions(people, docs, text)
    for start, end, name in sorted(singles):
        # A lone "Hegseth" never given in full is a person of its own.
        if not people.overlaps(start, end):
            people.add_full(start, end, name)
    _handle_mentions(people, posts, text)
    _attach_titles(people, docs)
    _pronouns(people, text)
    return people


# Words of a title that follow the body it heads ("Wagner boss", "Tesla founder").
_HEAD_WORDS = {"boss", "founder", "owner", "head", "chief", "leader", "ceo", "chairman"}


def _body_of_a_title(ent) -> bool:
    """ "Exiled Wagner boss Yevgeny Prigozhin": what NER took for a person is the
    body the next person heads, when a head word and a capitalised name follow."""
    doc, end = ent.doc, ent.end
    if end + 1 >= len(doc) or doc[end].lower_ not in _HEAD_WORDS:
        return False
    return doc[end].is_lower and doc[end + 1].is_title and doc[end + 1].ent_type_ == "PERSON"


# How far before a pronoun a name known to take it is preferred to a nearer one
# whose pronoun the article never gives (characters: about two sentences).
PRONOUN_REACH = 300


def _established(person: Person) -> bool:
    """A pronoun refers back to someone the article has introduced: by a full
    name or with a word that gives their pronoun. A lone word NER took for a
    person ("Brexit", a city) is a referent only when nobody else is."""
    return bool(person.pronoun) or any(len(form.split()) >= 2 for form in person.forms)


def _pronouns(people: People, text: str) -> None:
    """Each person's pronoun where a word before one of their mentions gives it;
    none when the cues disagree."""
    for person in people.persons:
        seen = set()
        for mention in person.mentions:
            match = _CUE_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
            word = match.group(1).lower() if match else ""
            seen |= {pronoun for pronoun, cues in _PRONOUN_CUES.items() if word in cues}
        person.pronoun = seen.pop() if len(seen) == 1 else ""


def _post_author(people: People, post, fulls: list, text: str) -> None:
    """The signature's name, when NER missed it: "Secretary of War Pete Hegseth"."""
    line_end = text.find("\n", post.signature_start)
    line_end = len(text) if line_end < 0 else line_end
    if any(post.signature_start <= s < line_end for s, _, _ in fulls):
        return
    words = [w for w in post.author.split() if w.lower() not in TITLE_WORDS and w[:1].isupper()]
    if len(words) >= 2:
        name = " ".join(words[-3:])
        start = text.find(name, post.signature_start, line_end)
        if start >= 0:
            fulls.append((start, start + len(name), name))


def _repeated_full_names(people: People, text: str) -> None:
    """A full name NER missed where it found it elsewhere in the article."""
    for person in list(people.persons):
        for form in list(person.forms):
            for match in re.finditer(rf"(?<![@/\w]){re.escape(form)}\b", text):
                if not people.overlaps(*match.span()):
                    people.add_full(match.start(), match.end(), form)


def _short_mentions(people: People, docs, text: str) -> None:
    """ "Hegseth", "Rajnath", "Singh": a surname or first name alone, whatever NER said."""
    words = set()
    for person in people.persons:
        for form in person.forms:
            parts = form.split()
            words.add(parts[-1])
            if len(parts[0].rstrip(".")) > 2:
                words.add(parts[0])
    for word in sorted(words):
        for match in re.finditer(rf"(?<![@/\w]){re.escape(word)}\b", text):
            start, end = match.span()
            if people.overlaps(start, end):
                continue
            if word.lower() in _COMMON_WORDS and not _is_propn(docs, start):
                continue
            person = people.by_token(word, start)
            if person is not None:
                people.add(start, end, word, "short", person)


def _handle_mentions(people: People, posts, text: str) -> None:
    handles = {}
    for post in posts:
        mention = next(
            (m for m in people.mentions if post.signature_start <= m.start < post.signature_end),
            None,
        )
        if mention is not None:
            post.person = mention.person
            handles[post.handle.lower()] = mention.person
    for match in re.finditer(r"@(\w{1,30})", text):
        person = handles.get(match.group(1).lower())
        if person is not None and not people.overlaps(*match.span()):
            people.add(match.start(), match.end(), match.group(0), "handle", person)


def _attach_titles(people: People, docs) -> None:
    used: set[tuple[int, int]] = set()  # (offset, token index) of title tokens taken
    for mention in list(people.mentions):
        if mention.kind not in ("full", "short"):
            continue
        located = _locate(docs, mention.start, mention.end)
        if located is None:
            continue
        offset, doc, first, last = located
        span = (
            title_before(doc, first)
            or title_after(doc, last)
            or title_set_off(doc, first, last)
            or title_of_body(doc, first, last)
        )
        if span is None:
            continue
        mention.title = title_text(doc, span)
        mention.title_norm = title_norm_of(doc, span)
        used.update((offset, i) for i in range(*span))
        if mention.kind == "full":
            mention.person.titled.add(mention.name)
    for offset, doc in docs:
        for token in doc:
            if (offset, token.i) in used or people.at(offset + token.idx) is not None:
                continue
            span = title_alone(doc, token.i)
            if span is None:
                continue
            norm = title_norm_of(doc, span)
            start = offset + doc[span[0]].idx
            person = people.with_title(norm, start)
            if person is None:
                continue
            used.update((offset, i) for i in range(*span))
            end = offset + doc[span[1] - 1].idx + len(doc[span[1] - 1])
            mention = people.add(start, end, person.canonical, "title", person)
            mention.title, mention.title_norm = title_text(doc, span), norm


def _locate(docs, start: int, end: int):
    index = bisect.bisect_right([o for o, _ in docs], start) - 1
    if index < 0:
        return None
    offset, doc = docs[index]
    span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return offset, doc, span.start, span.end


def _is_propn(docs, start: int) -> bool:
    located = _locate(docs, start, start + 1)
    if located is None:
        return False
    _, doc, first, _ = located
    return doc[first].pos_ == "PROPN" or doc[first].ent_type_ == "PERSON"

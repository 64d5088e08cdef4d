"""What two titles of one person have to do with each other, at a date.

Outlets call a person by titles that differ for very different reasons:

- `same_office_other_name`: one office, two of its names. On 5 September 2025
  an executive order gave the US Secretary of Defense the secondary title
  "Secretary of War"; "Defence Secretary" is the statutory title. A former
  name used after a rename is the same case. A discrepancy, worth a look.
- `different_office`: the titles name two offices. A contradiction.
- `former_vs_current`: "former President X" while X holds that office on the
  publication date, or "President X" after X left it. A contradiction.
- `short_form`: "Gov." / "Governor", "Commerce minister" / "Commerce and
  Industry Minister", or an office's informal name or abbreviation. Not
  flagged: shown as the same title.
- `descriptive`: "Pentagon chief", "the official", "his counterpart". Not a
  title at all; never flagged.

Office data (offices, their names with validity periods and kinds, their
holders) comes from the curators as plain dataclasses; without it the
comparison works from the text alone with the short-form and descriptive
rules. A reading needs the article's publication date: without one the title
is compared as text only, never against a guessed date.

Pure Python: no Django.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from claims.analysis.events import COUNTRIES
from claims.analysis.normalise import tokens
from claims.analysis.people import QUALIFIERS, title_display
from claims.nlp.normalize import COUNTRY_ADJECTIVES, DEMONYMS

# --- relations -------------------------------------------------------------------

SAME = "same"
SHORT_FORM = "short_form"
DESCRIPTIVE = "descriptive"
SAME_OFFICE_OTHER_NAME = "same_office_other_name"
DIFFERENT_OFFICE = "different_office"
FORMER_VS_CURRENT = "former_vs_current"
# "the former foreign minister" beside "Prime Minister": an office held before
# another, which one person holds in turn
EARLIER_OFFICE = "earlier_office"
RELATIONS = (
    SAME,
    SHORT_FORM,
    DESCRIPTIVE,
    SAME_OFFICE_OTHER_NAME,
    DIFFERENT_OFFICE,
    FORMER_VS_CURRENT,
    EARLIER_OFFICE,
)
# Relations that make a title flag, most serious first.
FLAGGED = (DIFFERENT_OFFICE, FORMER_VS_CURRENT, SAME_OFFICE_OTHER_NAME)
SEVERITY = {
    DIFFERENT_OFFICE: "contradiction",
    FORMER_VS_CURRENT: "contradiction",
    SAME_OFFICE_OTHER_NAME: "discrepancy",
    SHORT_FORM: "agreement",
    SAME: "agreement",
    DESCRIPTIVE: "agreement",
    EARLIER_OFFICE: "agreement",
}
RELATION_LABELS = {
    SAME: "same title",
    SHORT_FORM: "short form of the same title",
    DESCRIPTIVE: "descriptive, not a title",
    SAME_OFFICE_OTHER_NAME: "same office, another of its names",
    DIFFERENT_OFFICE: "different office",
    FORMER_VS_CURRENT: "former vs current",
    EARLIER_OFFICE: "an office held before",
}

# --- kinds of office name ----------------------------------------------------------

STATUTORY = "statutory"
SECONDARY = "secondary"
INFORMAL = "informal"
FORMER_NAME = "former"
ABBREVIATION = "abbreviation"
NAME_KINDS = {
    STATUTORY: "statutory title",
    SECONDARY: "secondary title",
    INFORMAL: "informal name",
    FORMER_NAME: "former name (after a rename)",
    ABBREVIATION: "abbreviation",
}
# Names that are only a shorter way of writing another: never a discrepancy.
SHORT_KINDS = {INFORMAL, ABBREVIATION}

# Abbreviated words of titles, after `normalise.tokens` (lower case, no dots).
ABBREVIATIONS = {
    "gov": ("governor",),
    "govt": ("government",),
    "sen": ("senator",),
    "rep": ("representative",),
    "pres": ("president",),
    "sec": ("secretary",),
    "secy": ("secretary",),
    "gen": ("general",),
    "adm": ("admiral",),
    "lt": ("lieutenant",),
    "col": ("colonel",),
    "atty": ("attorney",),
    "dep": ("deputy",),
    "dy": ("deputy",),
    "min": ("minister",),
    "cmdr": ("commander",),
    "sgt": ("sergeant",),
    "capt": ("captain",),
    "maj": ("major",),
    "brig": ("brigadier",),
    "amb": ("ambassador",),
    "supt": ("superintendent",),
    "pm": ("prime", "minister"),
    "cm": ("chief", "minister"),
    "vp": ("vice", "president"),
    "potus": ("president",),
    # a company's officers: "CEO" is its "chief executive (officer)"
    "ceo": ("chief", "executive"),
    "cfo": ("chief", "financial"),
    "coo": ("chief", "operating"),
    "cto": ("chief", "technology"),
    # not an abbreviation, but the same office in English news ("the British
    # premier", "Premier Li"); a state's or province's premier is never also
    # called its prime minister, so the two never meet on one person
    "premier": ("prime", "minister"),
}
# One office named for a man, a woman or anyone: "Spokesman" / "Spokesperson".
GENDERED = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "chairman": "chairperson",
    "chairwoman": "chairperson",
    "congressman": "congressperson",
    "congresswoman": "congressperson",
    "councilman": "councillor",
    "councilwoman": "councillor",
    "councilor": "councillor",
}
# Words for holding an office for the time being: "Acting Mayor" and "Interim
# Mayor" say the same.
TEMPORARY = {"acting": "interim", "caretaker": "interim", "provisional": "interim"}
# Words that turn a title into another office: "Vice President" is not a short
# form of "President", nor "Minister of State" of "Minister".
RANK_WORDS = {
    "vice",
    "deputy",
    "assistant",
    "under",
    "prime",
    "junior",
    "associate",
    "principal",
    "state",
    "general",
    "lieutenant",
    "chief",
    "first",
    "shadow",
    "elect",
    "designate",
    # a fire service's rank below its chief: "Battalion Fire Chief" is no "Fire Chief"
    "battalion",
    # an acting or interim holder is not the office's holder: "Acting President"
    "interim",
}
# One government portfolio and the words its offices are named with: the
# generic "<portfolio> minister" of the foreign press names the same office as
# a country's own title ("Chancellor" of the Exchequer, "Home Secretary").
PORTFOLIOS = (
    {"finance", "treasury", "exchequer", "chancellor", "treasurer"},
    {"foreign", "external", "affairs"},
    {"home", "interior", "internal", "affairs"},
    {"defence", "defense"},
)
_PORTFOLIO_TITLE_WORDS = {"minister", "secretary"}
# Words saying the person no longer holds the office.
FORMER_WORDS = {"former", "ex", "erstwhile", "onetime", "one-time", "ousted", "deposed"}
# Descriptions that are no title: "Pentagon chief", "the official", "top diplomat".
DESCRIPTIVE_HEADS = {
    "chief",
    "boss",
    "head",
    "czar",
    "tsar",
    "supremo",
    "official",
    "officials",
    "leader",
    "counterpart",
    "diplomat",
    "aide",
}
DESCRIPTIVE_MODIFIERS = {"top", "senior", "key", "close", "counterpart", "official"}
# Words that make a title an office even with a descriptive head ("Chief Minister"
# ends in "minister"; "Chief Justice" in "justice"; these guard the other order).
OFFICE_WORDS = {
    "minister",
    "secretary",
    "president",
    "governor",
    "senator",
    "mayor",
    "ambassador",
    "justice",
    "judge",
    "director",
    "chairman",
    "chairwoman",
    "chairperson",
    "commissioner",
    "admiral",
    "general",
    "staff",
    "executive",
    "opposition",
    "speaker",
    "chancellor",
    "premier",
    # "Fire Chief", "Battalion Chief": offices, not descriptions ("police chief"
    # stays one: the press calls any force's head so, whatever the office's name)
    "fire",
    "battalion",
}


# --- office data (plain; the services build it from the admin's rows) ----------------


@dataclass(frozen=True)
class OfficeNameData:
    name: str
    kind: str = STATUTORY
    valid_from: date | None = None
    valid_to: date | None = None  # last day the name was in use; None: still is

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class HolderData:
    person: str
    start: date | None = None
    end: date | None = None  # last day in office; None: still holds it

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class OfficeData:
    id: int
    name: str  # canonical: "US Secretary of Defense"
    jurisdiction: str = ""
    names: list[OfficeNameData] = field(default_factory=list)
    holders: list[HolderData] = field(default_factory=list)


# --- reading one title -------------------------------------------------------------------


def _words(title: str) -> list[str]:
    """The title's words in order, abbreviations expanded, qualifiers kept."""
    out: list[str] = []
    for t in tokens(title or ""):
        t = TEMPORARY.get(GENDERED.get(t, t), GENDERED.get(t, t))
        out += ABBREVIATIONS.get(t, (t,))
    if len(out) >= 3 and out[-1] == "officer" and out[-3] == "chief":
        out.pop()  # "chief executive officer" is the "chief executive" ("CEO")
    for i in range(len(out) - 1):
        if out[i] == "press" and out[i + 1] in ("secretary", "officer"):
            # a press secretary speaks for the office: "Kremlin spokesman"
            out[i : i + 2] = ["spokesperson"]
            break
    return out


def split_former(title: str) -> tuple[bool, str]:
    """("former President" -> (True, "President")); the title without the word."""
    words = (title or "").split()
    kept = [w for w in words if w.lower().strip(".,-") not in FORMER_WORDS]
    kept = [re.sub(r"^(?:ex|former)-", "", w, flags=re.IGNORECASE) for w in kept]
    former = len(kept) != len(words) or any(
        re.match(r"^(?:ex|former)-", w, re.IGNORECASE) for w in words
    )
    return former, " ".join(kept)


def told_then(title: str) -> bool:
    """ "then Chancellor": the office at the time told of, which says nothing of
    whether the person holds it on the publication date."""
    return bool(re.search(r"\bthen\b", title or "", re.IGNORECASE))


# A rank abbreviated after an office belongs to the name that follows: "Defense
# Secretary Gen. Luis Ortega" is the defence secretary, a general by rank.
_TRAILING_RANK = re.compile(
    r"(?<=\w)\s+(?:Gen|Lt|Col|Maj|Adm|Brig|Capt|Cmdr|Sgt|Cpl)\.?\s*$", re.IGNORECASE
)


def key_of(title: str) -> str:
    """Comparison key: word order, country, spelling, abbreviations and "former"
    folded away. "Gov." and "Governor" share one; "Sec. of Defense" and
    "Defence Secretary" share one."""
    _, bare = split_former(title)
    bare = _TRAILING_RANK.sub("", bare)
    written = _words(bare)
    if len(written) >= 3 and written[0] in JURISDICTIONS:
        written = written[1:]
    words = {
        w
        for w in written
        if w not in QUALIFIERS and w not in FORMER_WORDS and not _of_a_country(w)
    }
    return " ".join(sorted(words))


# "State chief minister", "Union home minister": a leading word that places an
# office of two or more words in its tier of government, as a country's name
# does. Before one word it may be the office ("State Secretary").
JURISDICTIONS = {"state", "union", "federal", "provincial"}


# Endings of a country's adjective: Zimbabwe-an, Peru-vian, Malaw-ian, Nepal-ese, Oman-i.
_NATIONAL_ENDINGS = ("an", "ian", "vian", "ean", "ese", "i", "ish", "n")
_ONE_WORD_COUNTRIES = {c for c in COUNTRIES if c.isalpha()}
# Adjectives no ending rule finds: "Irish", "Dutch", "Greek", "Norwegian".
_IRREGULAR_NATIONAL = set(DEMONYMS.values()) | set(COUNTRY_ADJECTIVES.values()) | {
    "irish", "welsh", "english", "dutch", "swiss", "greek", "thai", "czech", "icelandic",
}  # fmt: skip


def _of_a_country(word: str) -> bool:
    """A country's name or adjective ("Zimbabwe", "Zimbabwean", "Peruvian"):
    it places the title, it does not change the office."""
    if word in _ONE_WORD_COUNTRIES or word in _IRREGULAR_NATIONAL:
        return True
    for ending in _NATIONAL_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 4:
            if stem in _ONE_WORD_COUNTRIES or any(
                c.startswith(stem) and len(c) - len(stem) <= 1 for c in _ONE_WORD_COUNTRIES
            ):
                return True
    return False


def is_descriptive(title: str) -> bool:
    """A description, not a title: "Pentagon chief", "the official", "top diplomat"."""
    _, bare = split_former(title)
    words = [w for w in _words(bare) if w not in QUALIFIERS]
    if not words:
        return True
    if words[-1] not in DESCRIPTIVE_HEADS:
        return False
    return not any(w in OFFICE_WORDS for w in words[:-1]) or all(
        w in DESCRIPTIVE_HEADS | DESCRIPTIVE_MODIFIERS for w in words
    )


def text_relation(a: str, b: str) -> str:
    """The relation of two titles from their text alone."""
    if is_descriptive(a) or is_descriptive(b):
        return DESCRIPTIVE
    fa, _ = split_former(a)
    fb, _ = split_former(b)
    ka, kb = _alike(key_of(a)), _alike(key_of(b))
    if told_then(a) or told_then(b):
        fa = fb = False
    if ka == kb:
        if fa != fb:
            return FORMER_VS_CURRENT
        same_text = " ".join(tokens(a)) == " ".join(tokens(b))
        return SAME if same_text or _spelling_only(a, b) else SHORT_FORM
    if {_rank_only(ka), _rank_only(kb)} == {"senior", ""}:
        return DESCRIPTIVE  # "Navy Admiral" / "Navy Chief of Staff": a rank and a post
    if _seat_and_ministry(ka, kb) or _seat_and_ministry(kb, ka):
        return DESCRIPTIVE  # "MP" / "Minister": a parliament's member holds the ministry
    if fa == fb and (_shortens(ka, kb) or _shortens(key_of(a), key_of(b))):
        return SHORT_FORM  # "President" of a body folds to "chief executive": both keys
    wa, wb = set(ka.split()), set(kb.split())
    if _one_portfolio(wa, wb):
        return FORMER_VS_CURRENT if fa != fb else SHORT_FORM
    if split_former(a)[0] != split_former(b)[0] or told_then(a) != told_then(b):
        return EARLIER_OFFICE  # "former foreign minister" / "Prime Minister": in turn
    return DIFFERENT_OFFICE


# One office under several names: a firm's or a body's head is its "chief
# executive", "president" or "managing director" (one person is often all
# three). "Judge" and "Justice" stay two: a reviewer wants a Supreme Court
# justice called a judge shown.
_ONE_OFFICE = {
    "chief executive": "chief executive",
    "president": "chief executive",
    "director managing": "chief executive",
}
# Whose a local office is: "County Sheriff" and "Police Sheriff" are the sheriff
# ("District Judge" and "Circuit Judge" sit on two courts: not folded).
_JURISDICTIONS = {"county", "police", "city", "municipal", "local"}
_LOCAL_OFFICES = {"sheriff", "prosecutor", "coroner", "commissioner", "mayor"}


def _alike(key: str) -> str:
    """A title key with the other names of its office folded in."""
    words = set(key.split())
    if words & _LOCAL_OFFICES and words - _JURISDICTIONS:
        words -= _JURISDICTIONS
    key = " ".join(sorted(words))
    return _ONE_OFFICE.get(key, key)


# Offices a state holds in its own right: "State governor" is the governor, where
# a "Minister of State" ranks under a minister.
_STATE_OFFICES = {"governor", "senator", "legislator", "lawmaker", "prosecutor", "trooper"}


def _shortens(a: str, b: str) -> bool:
    """One key's words are some of the other's, the rest no rank: "Secretary" of
    "Defense Secretary", not "President" of "Vice President"."""
    wa, wb = set(a.split()), set(b.split())
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(short) and short < long_ and not (long_ - short) & _ranks(short)


# Ranks of flag and general officers, the words they are told with, and the
# services: a title of these words alone is a rank, which a post held at that
# rank ("Chief of Staff", "Defence Minister") does not contradict.
_SENIOR_RANKS = {"admiral", "general", "marshal", "brigadier", "commodore"}
_RANK_QUALIFIERS = {
    "vice", "rear", "lieutenant", "major", "field", "fleet", "air", "chief", "first",
}  # fmt: skip
_SERVICES = {"navy", "naval", "army", "military", "force", "marine", "marines"}


# ("commander" is left out: in the news it is mostly a post, "commander of the
# armed forces", which a general or a marshal holds)
_OTHER_RANKS = {"colonel", "captain", "sergeant", "corporal"}


# A seat in a parliament, which a minister of a parliamentary government holds too.
_SEATS = {"mp", "member parliament", "lawmaker", "legislator", "parliamentarian"}


def _seat_and_ministry(seat: str, office: str) -> bool:
    return seat in _SEATS and "minister" in office.split()


def _rank_only(key: str) -> str:
    """ "senior" for a flag or general officer's rank alone ("Navy Admiral",
    "Maj Gen"), "other" for a lower rank alone ("Colonel"), "" for a post."""
    words = set(key.split())
    if not words <= _SENIOR_RANKS | _OTHER_RANKS | _RANK_QUALIFIERS | _SERVICES:
        return ""
    if words & _SENIOR_RANKS:
        return "senior"
    return "other" if words & (_OTHER_RANKS | {"major", "lieutenant"}) else ""


def _ranks(short: set[str]) -> set[str]:
    return RANK_WORDS - {"state"} if short & _STATE_OFFICES else RANK_WORDS


def _one_portfolio(wa: set[str], wb: set[str]) -> bool:
    """ "Finance minister" and "Chancellor", "Interior Minister" and "Home
    Secretary": one side the generic "<portfolio> minister", the other named
    with that portfolio's words only. "Finance" and "Foreign" stay two offices."""
    for generic, other in ((wa, wb), (wb, wa)):
        if "minister" not in generic or len(generic) != 2:
            continue
        for words in PORTFOLIOS:
            if generic - {"minister"} <= words and other - _PORTFOLIO_TITLE_WORDS <= words:
                return bool(other - _PORTFOLIO_TITLE_WORDS)
    return False


def _spelling_only(a: str, b: str) -> bool:
    """Same words in any order once spelling and qualifiers are folded, none abbreviated."""
    ta = [t for t in tokens(a) if t not in QUALIFIERS]
    tb = [t for t in tokens(b) if t not in QUALIFIERS]
    return not any(t in ABBREVIATIONS for t in ta + tb) and sorted(ta) == sorted(tb)


@dataclass
class OfficeMatch:
    office: OfficeData
    name: OfficeNameData
    valid: bool | None  # the name was in use on the date (None: no date)


class OfficeBook:
    """Offices indexed by the comparison key of each of their names."""

    def __init__(self, offices: list[OfficeData] = ()):
        self.offices = list(offices)
        self.by_key: dict[str, list[tuple[OfficeData, OfficeNameData]]] = {}
        for office in self.offices:
            listed = {key_of(n.name) for n in office.names}
            # The canonical name is a label; it names the office only when no
            # listed name has its key (the listed one carries kind and dates).
            label = [] if key_of(office.name) in listed else [OfficeNameData(office.name)]
            for name in [*label, *office.names]:
                key = key_of(name.name)
                if not key:
                    continue
                entries = self.by_key.setdefault(key, [])
                if not any(o.id == office.id and n.name == name.name for o, n in entries):
                    entries.append((office, name))

    def __bool__(self) -> bool:
        return bool(self.offices)

    def match(self, title: str, person: str, day: date | None) -> OfficeMatch | None:
        """The office a title names, or None when no office or several fit.

        Several offices sharing a name ("Defence Minister") are told apart by
        who held them: the office this person held wins. On a date, a name in
        use on that date is preferred over the same words used for another
        office at another time.
        """
        entries = self.by_key.get(key_of(title), [])
        if not entries:
            return None
        held = [(o, n) for o, n in entries if _held_by(o, person)]
        if held:
            entries = held
        if day is not None and len({o.id for o, _ in entries}) > 1:
            current = [(o, n) for o, n in entries if n.valid_on(day)]
            entries = current or entries
        if len({o.id for o, _ in entries}) != 1:
            return None
        # Among one office's names with the same key, the one in use that day.
        office, name = entries[0]
        if day is not None:
            office, name = next(((o, n) for o, n in entries if n.valid_on(day)), (office, name))
        return OfficeMatch(office, name, name.valid_on(day) if day else None)

    def holding(self, office: OfficeData, person: str, day: date) -> bool | None:
        """Whether the person holds the office on the day (None: not a known holder)."""
        terms = [h for h in office.holders if _same_name(h.person, person)]
        if not terms:
            return None
        return any(h.holds_on(day) for h in terms)


def _same_name(a: str, b: str) -> bool:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    # "Pete Hegseth" / "Peter Hegseth": surname and a first-name prefix.
    return ta[-1] == tb[-1] and (ta[0].startswith(tb[0]) or tb[0].startswith(ta[0]))


def _held_by(office: OfficeData, person: str) -> bool:
    return any(_same_name(h.person, person) for h in office.holders)


# --- readings and comparison -----------------------------------------------------------


@dataclass
class TitleUse:
    """One title as one article gives it."""

    value: str  # as written (after reviewers' aliases): "Secretary of War"
    outlet: str
    published: date | datetime | None
    evidence: list = field(default_factory=list)  # Evidence rows, opaque here
    display: str = ""  # as the outlet wrote it, when `value` is a reviewer's alias


@dataclass
class Reading:
    use: TitleUse
    day: date | None
    former: bool
    descriptive: bool
    match: OfficeMatch | None = None
    holds: bool | None = None  # the person holds the matched office that day
    # "former X" while another outlet, that day or later, still calls the person X
    still_held: bool = False
    # dated readings show the person left this office: a "former X" later than an "X"
    left: bool = False

    @property
    def status_error(self) -> bool:
        """ "former" while holding the office, or no "former" after leaving it."""
        if self.holds is None or self.match is None or told_then(self.use.value):
            return False
        return self.former == self.holds


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def read(use: TitleUse, person: str, book: OfficeBook | None) -> Reading:
    day = _day(use.published)
    former, _ = split_former(use.value)
    reading = Reading(use, day, former, False)
    if book and day is not None:
        reading.match = book.match(use.value, person, day)
    if reading.match is None:
        reading.descriptive = is_descriptive(use.value)
    elif day is not None and book is not None:  # a match comes only from a book
        reading.holds = book.holding(reading.match.office, person, day)
    return reading


def relation(a: Reading, b: Reading) -> str:
    """How two readings of one person's titles relate (symmetric)."""
    if a.descriptive or b.descriptive:
        return DESCRIPTIVE
    if a.match and b.match:
        if a.match.office.id != b.match.office.id:
            return EARLIER_OFFICE if _in_turn(a, b) else DIFFERENT_OFFICE
        if a.former != b.former and not (told_then(a.use.value) or told_then(b.use.value)):
            return FORMER_VS_CURRENT
        na, nb = a.match.name, b.match.name
        if na == nb or key_of(na.name) == key_of(nb.name):
            return text_relation(a.use.value, b.use.value)
        if na.kind in SHORT_KINDS or nb.kind in SHORT_KINDS:
            return SHORT_FORM
        if na.kind == nb.kind == STATUTORY and a.match.valid and b.match.valid:
            return SHORT_FORM  # two statutory names in force at once: one title
        return SAME_OFFICE_OTHER_NAME
    text = text_relation(a.use.value, b.use.value)
    if text == FORMER_VS_CURRENT and _left_between(a, b):
        return SHORT_FORM
    if text in (SAME, SHORT_FORM, FORMER_VS_CURRENT, DESCRIPTIVE, EARLIER_OFFICE):
        return text
    return DIFFERENT_OFFICE


def _in_turn(a: Reading, b: Reading) -> bool:
    """One office told as held before ("former", "then") and the other as held."""
    then_a, then_b = (r.former or told_then(r.use.value) for r in (a, b))
    return then_a != then_b


def _left_between(a: Reading, b: Reading) -> bool:
    """Without office data, "former X" published after "X" tells of someone who
    left the office in between: both were right on their day, unless another
    outlet still calls the person X on the day of the "former" or later."""
    former, current = (a, b) if a.former else (b, a)
    if former.still_held:
        return False
    if former.day is None or current.day is None:
        # a page with no date cannot be placed before or after the leaving the
        # dated pages show: it is no evidence that either is wrong
        return former.left
    return former.day > current.day


# "Former" words that tell of a removal others may not recognise.
_REMOVED = {"ousted", "deposed"}


def _mark_left(readings: list[Reading]) -> None:
    """Each reading of an office that dated readings show the person left: a
    "former X" not still held, published after another outlet's "X"."""
    left = {
        key_of(f.use.value)
        for f in readings
        if f.former and f.day is not None and not f.still_held and not f.descriptive
        for c in readings
        if not c.former
        and c.day is not None
        and c.day < f.day
        and set(key_of(c.use.value).split()) <= set(key_of(f.use.value).split())
    }
    for r in readings:
        words = set(key_of(r.use.value).split())
        # "President" shortens the "Irish president" the dated pages show was left
        r.left = any(words <= set(k.split()) for k in left)


def _mark_still_held(readings: list[Reading]) -> None:
    """A "former X" reading that another outlet's "X" (no "former", not told as
    then) of that day or later contradicts: the person had not left."""
    for r in readings:
        if not r.former or r.day is None or r.descriptive:
            continue
        if set(r.use.value.lower().split()) & _REMOVED:
            continue  # an ousted leader is still "President" to those who deny the ouster
        bare = key_of(r.use.value)
        r.still_held = any(
            not o.former
            and not o.descriptive
            and not told_then(o.use.value)
            and o.day is not None
            and o.day >= r.day
            and o.use.outlet != r.use.outlet
            and key_of(o.use.value) == bare
            for o in readings
        )


@dataclass
class TitleGroup:
    """Titles read as one: the same title, its short forms and spelling."""

    value: str  # the most used display form
    values: list[str]  # every form written, most used first
    outlets: list[str]
    evidence: list
    readings: list[Reading]
    relation: str = SAME  # to the person's main title
    status_error: bool = False

    @property
    def match(self) -> OfficeMatch | None:
        return next((r.match for r in self.readings if r.match), None)

    @property
    def former(self) -> bool:
        return any(r.former for r in self.readings)


@dataclass
class TitleComparison:
    person: str
    groups: list[TitleGroup]  # not descriptive; the main title first
    descriptive: list[str]  # display forms set aside as descriptions
    relation: str  # the flag's relation: the most serious; SAME when nothing differs
    basis: str  # "office" when office data decided it, else "text"
    day: date | None  # the publication date the office data was read at
    reason: str
    short_forms: list[str] = field(default_factory=list)  # shorten two titles: set aside

    @property
    def flagged(self) -> bool:
        return self.relation in FLAGGED

    @property
    def severity(self) -> str:
        return SEVERITY[self.relation]

    def relation_of(self, value: str) -> str:
        """The relation of one written title to the person's main title."""
        if value in self.descriptive:
            return DESCRIPTIVE
        if value in self.short_forms:
            return SHORT_FORM
        for g in self.groups:
            if value in g.values:
                if g is self.groups[0]:
                    if g.status_error:
                        return FORMER_VS_CURRENT
                    return SAME if value == g.value else SHORT_FORM
                if g.relation == SAME:
                    return SHORT_FORM
                return g.relation
        return SAME

    def detail(self) -> dict:
        """JSON-ready: relation, severity, reason and, where office data decided
        it, the office and each name's kind and validity used."""
        data: dict = {
            "relation": self.relation,
            "severity": self.severity,
            "basis": self.basis,
            "reason": self.reason,
            "date": self.day.isoformat() if self.day else None,
            "titles": [],
        }
        office = next((g.match.office for g in self.groups if g.match), None)
        if office is not None and self.basis == "office":
            data["office"] = {
                "id": office.id,
                "name": office.name,
                "jurisdiction": office.jurisdiction,
            }
        for g in self.groups:
            entry: dict = {
                "value": g.value,
                "written": list(g.values),
                "outlets": list(g.outlets),
                "relation": self.relation_of(g.value) if g is not self.groups[0] else "main",
            }
            if g.former:
                entry["former"] = True
            m = g.match
            if m is not None:
                entry.update(
                    {
                        "office": m.office.name,
                        "office_id": m.office.id,
                        "name": m.name.name,
                        "kind": m.name.kind,
                        "valid_from": _iso(m.name.valid_from),
                        "valid_to": _iso(m.name.valid_to),
                        "in_use": m.valid,
                    }
                )
                holds = [r.holds for r in g.readings if r.holds is not None]
                if holds:
                    entry["holds_office"] = all(holds)
            data["titles"].append(entry)
        return data


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def compare(person: str, uses: list[TitleUse], book: OfficeBook | None = None) -> TitleComparison:
    """Read every title of one person and say how they relate.

    Titles whose relation is SAME or SHORT_FORM join one group; the group most
    outlets use is the main title, and every other group carries its relation
    to it. The comparison's relation is the most serious one found, including a
    single outlet's "former" at odds with the holders on its date.
    """
    readings = [read(u, person, book) for u in uses]
    _mark_still_held(readings)
    _mark_left(readings)
    descriptive = []
    for r in readings:
        if r.descriptive:
            value = title_display(r.use.display or r.use.value)
            if value not in descriptive:
                descriptive.append(value)
    kept = [r for r in readings if not r.descriptive]

    # union of readings that are one title
    parent = list(range(len(kept)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # one title written two ways: same key, or names of one office
    for i in range(len(kept)):
        for j in range(i + 1, len(kept)):
            if find(i) != find(j) and _one_title(kept[i], kept[j]):
                parent[find(j)] = find(i)
    members: dict[int, list[Reading]] = {}
    for i, r in enumerate(kept):
        members.setdefault(find(i), []).append(r)
    groups = [_group(rs) for rs in members.values()]
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.readings), g.value))
    # a shorter form ("Secretary", "Commerce minister") joins the one title it
    # shortens; one that shortens two different titles is set aside, so it
    # never joins them together nor counts as a third title
    short_forms: list[str] = []
    for g in sorted(groups, key=lambda g: len(key_of(g.value).split())):
        targets = [
            t
            for t in groups
            if t is not g
            and all(relation(a, b) == SHORT_FORM for a in g.readings for b in t.readings)
        ]
        if len(targets) == 1:
            merged = _group(targets[0].readings + g.readings)
            groups = [merged if x is targets[0] else x for x in groups if x is not g]
        elif len(targets) > 1:
            groups = [x for x in groups if x is not g]
            short_forms += [v for v in g.values if v not in short_forms]
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.readings), g.value))

    found = []
    if groups:
        main = groups[0]
        for g in groups[1:]:
            g.relation = max(
                (relation(a, b) for a in main.readings for b in g.readings),
                key=_seriousness,
            )
            found.append(g.relation)
        for g in groups:
            if g.status_error:
                found.append(FORMER_VS_CURRENT)
    rel = max(found, key=_seriousness) if found else SAME
    decided = [g for g in groups if g.match]
    basis = "office" if decided and (rel == SAME or _office_decided(rel, groups)) else "text"
    days = sorted({r.day for r in kept if r.day and r.match})
    comparison = TitleComparison(
        person, groups, descriptive, rel, basis, days[0] if days else None, "", short_forms
    )
    comparison.reason = _reason(comparison)
    return comparison


def _one_title(a: Reading, b: Reading) -> bool:
    rel = relation(a, b)
    if rel == SAME:
        return True
    if rel != SHORT_FORM:
        return False
    both_office = a.match is not None and b.match is not None
    return both_office or key_of(a.use.value) == key_of(b.use.value)


def _office_decided(rel: str, groups: list[TitleGroup]) -> bool:
    involved = [groups[0]] + [
        g for g in groups[1:] if g.relation == rel or (rel == FORMER_VS_CURRENT and g.status_error)
    ]
    if rel == FORMER_VS_CURRENT:
        return any(g.status_error for g in groups) or all(g.match for g in involved)
    return all(g.match for g in involved)


def _seriousness(rel: str) -> int:
    return len(FLAGGED) - FLAGGED.index(rel) if rel in FLAGGED else 0


def _group(readings: list[Reading]) -> TitleGroup:
    displays = Counter(title_display(r.use.display or r.use.value) for r in readings)
    # most written first; on a tie the longer form (a name, not its abbreviation)
    values = [v for v, _ in sorted(displays.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))]
    outlets, evidence = [], []
    for r in readings:
        if r.use.outlet not in outlets:
            outlets.append(r.use.outlet)
        evidence += [e for e in r.use.evidence if e not in evidence]
    return TitleGroup(
        value=values[0],
        values=values,
        outlets=outlets,
        evidence=evidence,
        readings=readings,
        status_error=any(r.status_error for r in readings),
    )


def _reason(c: TitleComparison) -> str:
    if not c.groups:
        return "No title, only descriptions." if c.descriptive else "No title."
    main = c.groups[0]
    others = [g for g in c.groups[1:] if g.relation in FLAGGED]
    parts = []
    if c.relation == SAME_OFFICE_OTHER_NAME:
        office = next(g.match.office for g in [main, *others] if g.match)
        parts.append(f"Same office ({office.name}):")
        named = sorted(
            [main, *others], key=lambda g: bool(g.match and g.match.name.kind == STATUTORY)
        )
        names = [_name_phrase(g) for g in named]
        parts.append("; ".join(names) + ".")
    elif c.relation == DIFFERENT_OFFICE:
        offices = [
            f"“{g.value}”" + (f" ({g.match.office.name})" if g.match else "")
            for g in [main, *others]
            if g is main or g.relation == DIFFERENT_OFFICE
        ]
        basis = "" if c.basis == "office" else " (from the text: no office data names both)"
        parts.append("Different offices: " + " vs ".join(offices) + basis + ".")
    elif c.relation == FORMER_VS_CURRENT:
        for g in c.groups:
            if g.status_error and g.match:
                day = next(r.day for r in g.readings if r.status_error)
                if g.former:
                    parts.append(
                        f"“{g.value}” calls {c.person} a former holder of"
                        f" {g.match.office.name}, which {c.person} held on {_long_date(day)}."
                    )
                else:
                    parts.append(
                        f"“{g.value}”: {c.person} no longer held {g.match.office.name}"
                        f" on {_long_date(day)}."
                    )
        if not parts:
            pair = [g for g in c.groups if g.relation == FORMER_VS_CURRENT]
            parts.append(
                f"“{main.value}” vs “{pair[0].value}”: one outlet says former, another current."
            )
    else:
        shown = [g.value for g in c.groups]
        parts.append("Same title: " + ", ".join(f"“{v}”" for v in shown) + ".")
    return " ".join(parts)


def _name_phrase(g: TitleGroup) -> str:
    m = g.match
    if m is None:
        return f"“{g.value}” is not a name of this office in the office data"
    kind = NAME_KINDS.get(m.name.kind, m.name.kind)
    text = f"“{g.value}” is the {kind}"
    if m.valid is False:
        if m.name.valid_to:
            return text + f", in use until {_long_date(m.name.valid_to)}"
        if m.name.valid_from:
            return text + f", not in use before {_long_date(m.name.valid_from)}"
    if m.name.valid_from and m.name.kind != STATUTORY:
        text += f" since {_long_date(m.name.valid_from)}"
    return text

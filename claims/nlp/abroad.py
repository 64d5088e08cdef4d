"""Tolls on pages in other languages: "al menos 170 muertos", "237 morti",
"au moins 15 morts", "mindestens vier Tote", "368 feridos"; distances from a
named place ("a unos 30 kilómetros al norte de Amatrice", "rund 300 Kilometer
von Guangzhou") and a quake's magnitude ("de magnitude 6,5").

The extractor reads English only (its parser and check-worthiness are English
models), so a page in Spanish, French, Italian, Portuguese, German or Dutch
gives no claim. Its toll is still a figure a reviewer wants beside the English
pages' (a foreign outlet's "170 dead" against a final 148). A toll is short and
written the same few ways in every one of those languages: a number, an
approximation before it, a word for the dead, injured or missing after it. So
it is read with patterns, no parse: (sentence start, sentence end, figure).

Pure: text in, slots out; no Django.
"""

from __future__ import annotations

import re

from claims.nlp.quantities import MAIN_SHOCK, OTHER_SHOCK, place_name
from claims.nlp.types import QuantitySlot

LANGUAGES = ("es", "fr", "it", "pt", "de", "nl")

# Number words up to twelve, the size of tolls first reported in words.
_WORDS = {
    "un": 1, "una": 1, "uno": 1, "une": 1, "um": 1, "uma": 1, "ein": 1, "eine": 1, "een": 1,
    "dos": 2, "deux": 2, "due": 2, "dois": 2, "duas": 2, "zwei": 2, "twee": 2,
    "tres": 3, "trois": 3, "tre": 3, "três": 3, "drei": 3, "drie": 3,
    "cuatro": 4, "quatre": 4, "quattro": 4, "quatro": 4, "vier": 4,
    "cinco": 5, "cinq": 5, "cinque": 5, "fünf": 5, "vijf": 5,
    "seis": 6, "six": 6, "sei": 6, "sechs": 6, "zes": 6,
    "siete": 7, "sept": 7, "sette": 7, "sete": 7, "sieben": 7, "zeven": 7,
    "ocho": 8, "huit": 8, "otto": 8, "oito": 8, "acht": 8,
    "nueve": 9, "neuf": 9, "nove": 9, "neun": 9, "negen": 9,
    "diez": 10, "dix": 10, "dieci": 10, "dez": 10, "zehn": 10, "tien": 10,
    "once": 11, "onze": 11, "undici": 11, "elf": 11,
    "doce": 12, "douze": 12, "dodici": 12, "doze": 12, "zwölf": 12, "twaalf": 12,
}  # fmt: skip
# "1.426" and "1,426" are thousands in these languages ("1,5" a decimal, no toll).
_DIGITS = r"\d{1,3}(?:[.,\u00a0 ]\d{3})+|\d+"
_NUMBER = rf"(?P<num>{_DIGITS}|{'|'.join(sorted(_WORDS, key=len, reverse=True))})"
_APPROX = {
    "al menos": "at_least", "por lo menos": "at_least", "au moins": "at_least",
    "almeno": "at_least", "pelo menos": "at_least", "ao menos": "at_least",
    "mindestens": "at_least", "minstens": "at_least", "ten minste": "at_least",
    "más de": "over", "plus de": "over", "oltre": "over", "più di": "over", "mais de": "over",
    "über": "over", "mehr als": "over", "meer dan": "over",
    "casi": "nearly", "presque": "nearly", "près de": "nearly", "quasi": "nearly",
    "quase": "nearly", "fast": "nearly", "bijna": "nearly",
    "unos": "about", "unas": "about", "cerca de": "about", "environ": "about", "circa": "about",
    "etwa": "about", "rund": "about", "ongeveer": "about",
}  # fmt: skip
_APPROX_RE = "|".join(sorted((re.escape(a) for a in _APPROX), key=len, reverse=True))
# What happened to them, in the words tolls are told with (nouns and adjectives).
_STATES = {
    "dead": (
        "muertos", "muertas", "fallecidos", "fallecidas", "morts", "mortes", "tués", "tuées",
        "décès", "morti", "deceduti", "mortos", "mortas", "óbitos", "tote", "toten",
        "uccisi", "uccise", "asesinados", "asesinadas", "assassinés",
        "todesopfer", "doden",
        # victims, in a toll, are its dead: "Sono dieci le vittime", "136 víctimas"
        "víctimas", "victimes", "vittime", "vítimas", "opfer", "slachtoffers",
    ),
    "injured": (
        "heridos", "heridas", "blessés", "blessées", "feriti", "ferite", "feridos", "feridas",
        "verletzte", "verletzten", "gewonden",
    ),
    "missing": (
        "desaparecidos", "desaparecidas", "disparus", "disparues", "dispersi", "vermisste",
        "vermissten", "vermisten",
    ),
}  # fmt: skip
_STATE_OF = {word: state for state, words in _STATES.items() for word in words}
# "170 personas muertas", "sept personnes tuées", "zwei Menschen": the people
# between the number and what happened to them.
_PEOPLE = r"(?:personas|personnes|persone|pessoas|menschen|mensen)"
_TOLL = re.compile(
    rf"(?<![\w.,])(?:(?P<approx>{_APPROX_RE})\s+)?{_NUMBER}"
    rf"(?:\s+{_PEOPLE})?\s+(?P<state>{'|'.join(_STATE_OF)})\b",
    re.IGNORECASE,
)
# "el número de muertos asciende a 136", "Sale a 148", "salite a 204": a toll
# risen to a figure, in a sentence that says whose toll it is.
_RISEN = re.compile(
    r"\b(?:asciende|ascendió|aumentó|aumenta|sube|subió|sale|se eleva|se elevó|s'élève|"
    r"passe|sont passés|salgono|salito|salite|sobe|subiu|chega|chegou|steigt|stieg)"
    rf"\s+(?:a|à|para|auf)\s+{_NUMBER}\b",
    re.IGNORECASE,
)
# a full stop between digits is a thousands mark ("1.426 morts"), no sentence end
_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)\.(?=\d))+(?:[.!?]+|$)")
# A toll this large is no toll read right ("2021 morts" is a year).
LARGEST = 1_000_000


def foreign_tolls(text: str) -> list[tuple[int, int, QuantitySlot]]:
    """(sentence start, sentence end, figure) for every toll, distance from a
    named place and quake magnitude a sentence tells."""
    out = []
    for sentence in _SENTENCE.finditer(text or ""):
        told = sentence.group(0)
        slots = _tolls(told, sentence.start()) + _distances(told, sentence.start())
        for slot in slots + _magnitudes(told, sentence.start()):
            out.append((sentence.start(), sentence.end(), slot))
    return out


def _tolls(sentence: str, offset: int) -> list[QuantitySlot]:
    found = []
    for match in _TOLL.finditer(sentence):
        state = _STATE_OF[match.group("state").lower()]
        found.append(_slot(match, offset, state))
    if not found:
        states = [_STATE_OF[w] for w in re.findall(r"\w+", sentence.lower()) if w in _STATE_OF]
        for match in _RISEN.finditer(sentence):
            if states:
                found.append(_slot(match, offset, states[0]))
    return [s for s in found if s is not None]


def _slot(match, offset: int, state: str) -> QuantitySlot | None:
    value = _value(match.group("num"))
    if value is None or not 0 < value < LARGEST or _a_year(match.group("num")):
        return None
    approx = match.groupdict().get("approx") or ""
    return QuantitySlot(
        text=match.group(0).strip(),
        value=value,
        base=value,
        approx=_APPROX.get(" ".join(approx.lower().split()), ""),
        counted="people",
        state=state,
        start=offset + match.start(),
        end=offset + match.end(),
    )


def _value(num: str) -> float | None:
    word = num.lower()
    if word in _WORDS:
        return float(_WORDS[word])
    digits = re.sub(r"[.,\u00a0 ]", "", num)
    return float(digits) if digits.isdigit() else None


def _a_year(num: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", num))


# --- distances from a named place ------------------------------------------------------

_KM = ("km", "kms", "kilómetros", "kilometros", "kilomètres", "kilometres", "chilometri",
       "quilômetros", "quilómetros", "kilometer", "kilometern", "kilometers")  # fmt: skip
_MILES = ("millas", "milles", "miglia", "milhas", "meilen", "mijl", "miles")
# A compass direction in each language, to its English word: "al norte de",
# "au nord-ouest de", "a sud di", "nördlich von", "ten oosten van".
_COMPASS = {
    "norte": "north", "nord": "north", "norden": "north", "nördlich": "north", "noorden": "north",
    "sur": "south", "sud": "south", "süd": "south", "süden": "south", "südlich": "south",
    "sul": "south", "zuiden": "south",
    "este": "east", "est": "east", "leste": "east", "osten": "east", "östlich": "east",
    "oosten": "east",
    "oeste": "west", "ouest": "west", "ovest": "west", "westen": "west", "westlich": "west",
}  # fmt: skip
_DIRECTION = (
    r"(?P<dir>(?:nord|sud|norte|sur|nor|sul)[-]?(?:est|ouest|ovest|este|oeste|leste|ost|west)|"
    + "|".join(sorted(_COMPASS, key=len, reverse=True))
    + r")"
)
# Words between a distance and the place it is from: a preposition, its article,
# what the place is ("la ciudad de", "der Hauptstadt").
_FROM = (
    r"(?:(?:de|d'|d’|da|do|di|del|von|van|from)\s*)"
    r"(?:(?:la|le|les|el|los|l'|l’|der|dem|des|den|het|de|du|della|dello|do|da)\s*)?"
    r"(?:(?:ciudad|ville|città|cidade|stadt|hauptstadt|capitale|capital|village|pueblo|"
    r"localidad|commune|comune|localité)\s+(?:de\s+|di\s+|d'|d’)?)?"
)
_DISTANCE = re.compile(
    rf"(?<![\w.,])(?:(?P<approx>{_APPROX_RE})\s+)?(?P<num>\d{{1,3}}(?:[.\u00a0 ]\d{{3}})+|\d+)"
    rf"\s*(?P<unit>{'|'.join(_KM + _MILES)})\b"
    rf"(?:\s+(?:(?:al|au|a|ao|ad|im|ten)\s+|à\s+l['’]\s*|à\s+)?{_DIRECTION}(?:\s+|-)?)?"
    rf"\s*{_FROM}(?P<place>(?-i:[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?))",
    re.IGNORECASE,
)


def _distances(sentence: str, offset: int) -> list[QuantitySlot]:
    found = []
    for match in _DISTANCE.finditer(sentence):
        if not match.group("place")[0].isupper():
            continue  # "de la costa": a place named by no name
        value = _value(match.group("num"))
        if value is None or not 0 < value < 20_000:
            continue
        unit = match.group("unit").lower()
        kilometres = unit not in _MILES
        approx = match.group("approx") or ""
        found.append(
            QuantitySlot(
                text=match.group(0).strip(),
                value=value,
                unit="kilometre" if kilometres else "mile",
                dimension="length",
                base=value * (1000.0 if kilometres else 1609.344),
                approx=_APPROX.get(" ".join(approx.lower().split()), ""),
                counted=f"from {place_name(match.group('place'))}",
                where=_bearing(match.group("dir") or ""),
                start=offset + match.start(),
                end=offset + match.end(),
            )  # fmt: skip
        )
    return found


def _bearing(word: str) -> str:
    """ "nord-ouest" -> "northwest"; "" when none is written."""
    word = word.lower().replace("-", "")
    if word in _COMPASS:
        return _COMPASS[word]
    for north_south in ("nord", "norte", "nor", "sud", "sur", "sul"):
        if word.startswith(north_south):
            rest = word[len(north_south) :]
            first = "north" if north_south.startswith("no") else "south"
            second = {"est": "east", "este": "east", "leste": "east", "ost": "east"}.get(rest)
            return first + (second or "west")
    return ""


# --- a quake's magnitude ---------------------------------------------------------------

_MAGNITUDE = re.compile(
    r"\b(?:magnitude|magnitud|magnitudo|magnitude de|stärke|magnitudine|kracht)\s+"
    r"(?:de\s+|di\s+|von\s+|van\s+)?(?P<num>\d(?:[.,]\d)?)\b",
    re.IGNORECASE,
)
# Words that make a magnitude another shock's: an aftershock, a second quake.
_OTHER_SHOCK = re.compile(
    r"\b(?:répliques?|réplicas?|replicas?|repliche|replica|scosse?|secousses?|"
    r"nachbeben|naschokken|otro|otra|autre|altra|altro|weiteres?|zweites?|segund[oa]|"
    r"second[ea]?|deuxième|precedente|anterior|précédent)\b",
    re.IGNORECASE,
)


def _magnitudes(sentence: str, offset: int) -> list[QuantitySlot]:
    matches = list(_MAGNITUDE.finditer(sentence))
    if len(matches) != 1:
        return []  # several shocks told together: which is the main one is not said
    match = matches[0]
    value = float(match.group("num").replace(",", "."))
    if not 1 <= value <= 10:
        return []
    other = _OTHER_SHOCK.search(sentence)
    return [
        QuantitySlot(
            text=match.group(0).strip(),
            value=value,
            dimension="magnitude",
            base=value,
            counted=OTHER_SHOCK if other else MAIN_SHOCK,
            start=offset + match.start(),
            end=offset + match.end(),
        )  # fmt: skip
    ]

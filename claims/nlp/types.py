"""Plain data passed between the pure core and the services.

Everything here is a dataclass of str/int/float/bool/list, so it round-trips
through JSON (Claim.slots) with `to_dict` / `from_dict` and never needs Django.
Offsets are character offsets into the article text the extractor was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date


@dataclass
class PersonMention:
    name: str  # as written: "Peter Hegseth", "Hegseth"
    canonical: str  # full name resolved in the article: "Pete Hegseth"
    title: str = ""  # as written: "Secretary of War", "Defence Secretary"
    title_norm: str = ""  # normalised for comparison: "secretary of war"
    start: int = 0
    end: int = 0


@dataclass
class QuoteSlot:
    text: str  # the words inside the quotation marks
    norm: str  # normalised for comparison (case, typography, spelling)
    speaker: str = ""  # canonical person name, or an organisation ("the defence ministry")
    start: int = 0
    end: int = 0


@dataclass
class NumberSlot:
    text: str  # as written: "25%", "ten-year", "10-yr"
    value: float
    unit: str = ""  # "%", "year", "usd", ""
    start: int = 0
    end: int = 0
    upper: float | None = None  # end of a range: "2025-2035" -> value 2025, upper 2035


@dataclass
class QuantitySlot:
    """A figure with what it counts (claims.nlp.quantities)."""

    text: str  # as written: "about 41", "300 yards", "£50m"
    value: float  # in the unit as written
    unit: str = ""  # canonical: "" (a count), "metre", "day", "%", "usd"
    dimension: str = (
        "count"  # count | length | duration | mass | area | speed | percent | money | age
    )
    base: float = 0.0  # converted to the dimension's base unit (metres, days, kg, ...)
    approx: str = ""  # "" | about | nearly | over | at_least | up_to | under
    counted: str = ""  # lemma of the counted noun: "people", "passenger", "piece"
    state: str = ""  # what happened to them: dead | injured | missing | survived | ...
    where: str = ""  # "board" | "ground": where the counted ones were
    verb: str = ""  # the verb the figure hangs on: "steal", "recover"
    modifiers: list[str] = field(default_factory=list)  # distinguishing adjectives
    alternatives: list[float] = field(default_factory=list)  # "10 km (6 miles)": restated
    start: int = 0
    end: int = 0
    # a range's high end in base units: "aged 11 to 16" -> base 11, upper 16
    upper: float | None = None
    actor: str = ""  # the named subject of its verb: "britain" in "Britain expels 23"


@dataclass
class DateSlot:
    text: str  # as written: "on Friday", "October 31"
    iso: str  # resolved against the publication date: "2025-10-31"
    relative: bool = False  # True for "Friday", "yesterday", "last week"
    start: int = 0
    end: int = 0
    is_dateline: bool = False  # the filing date of a dateline, not an event date
    event: str = ""  # what it dates, from the parse (claims.nlp.events): "arrested"


@dataclass
class PlaceSlot:
    text: str
    norm: str
    is_dateline: bool = False  # "New Delhi, Nov. 1 --": where the piece was filed
    start: int = 0
    end: int = 0


def _plain(value):
    """What `dataclasses.asdict` makes of a slot's value (dataclasses to dicts, lists and
    tuples of them converted, plain values as they are), without its deep copy of every
    string and number: each extracted claim's slots go through it."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*[_plain(v) for v in value])
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


@dataclass
class ClaimData:
    text: str
    start: int
    end: int
    position: int  # sentence order in the article
    score: float  # check-worthiness 0..1
    kind: str = "statement"  # "statement" | "quote"
    speaker: str = ""
    people: list[PersonMention] = field(default_factory=list)
    quotes: list[QuoteSlot] = field(default_factory=list)
    numbers: list[NumberSlot] = field(default_factory=list)
    dates: list[DateSlot] = field(default_factory=list)
    places: list[PlaceSlot] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    negated: bool = False
    key_terms: list[str] = field(default_factory=list)  # content lemmas for matching
    # typed figures (claims.nlp.quantities); None for claims extracted before they existed
    quantities: list[QuantitySlot] | None = None

    def slots(self) -> dict:
        """The JSON stored on Claim.slots (everything but text, offsets, score)."""
        skip = ("text", "start", "end", "position", "score", "kind", "speaker")
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.name not in skip}

    @classmethod
    def from_row(cls, *, text, start, end, position, score, kind, speaker, slots) -> ClaimData:
        return cls(
            text=text,
            start=start,
            end=end,
            position=position,
            score=score,
            kind=kind,
            speaker=speaker,
            people=[PersonMention(**p) for p in slots.get("people", [])],
            quotes=[QuoteSlot(**q) for q in slots.get("quotes", [])],
            numbers=[NumberSlot(**n) for n in slots.get("numbers", [])],
            dates=[DateSlot(**d) for d in slots.get("dates", [])],
            places=[PlaceSlot(**p) for p in slots.get("places", [])],
            orgs=list(slots.get("orgs", [])),
            negated=bool(slots.get("negated", False)),
            key_terms=list(slots.get("key_terms", [])),
            quantities=(
                [QuantitySlot(**q) for q in slots["quantities"]]
                if isinstance(slots.get("quantities"), list)
                else None
            ),
        )


@dataclass
class PersonProfile:
    """One person as one article names them."""

    canonical: str  # "Pete Hegseth"
    variants: list[str] = field(default_factory=list)  # ["Peter Hegseth", "Hegseth"]
    titles: list[PersonMention] = field(default_factory=list)  # mentions that carry a title


@dataclass
class ArticleExtraction:
    claims: list[ClaimData]
    people: list[PersonProfile]
    dateline: PlaceSlot | None = None
    language: str = "en"


@dataclass
class ArticleInput:
    text: str
    title: str = ""
    published: date | None = None
    outlet: str = ""


def field_names(cls) -> list[str]:
    return [f.name for f in fields(cls)]

"""Reading `Flag.variants` back: the one reader of the stored JSON.

Analysis writes each flag's values as `claims.analysis.types.Variant.to_dict()`
rows: `[{value, outlets, evidence: [{article, text, start, end}], diff?, quote?}]`.
Rows written by older code, edited by hand or cut short may hold anything, so
every page, export, service and admin column reads them through `read_variants`,
which never raises: what is not a variant is left out, a field of the wrong type
reads as empty. The dataclasses here are frozen read models; the analysis builds
its own mutable `types.Variant`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceRef:
    """One evidence sentence of a stored variant.

    `article` is the article's id, or its URL in rows that named articles by URL;
    None when missing. `start`/`end` are None unless they are whole numbers.
    """

    article: int | str | None = None
    text: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def span(self) -> tuple[int, int] | None:
        if self.start is None or self.end is None:
            return None
        return (self.start, self.end)

    def to_dict(self) -> dict:
        return evidence_row(self.article, self.text, self.start, self.end)


@dataclass(frozen=True)
class Variant:
    """One value of a flag with the outlets that give it and where they say it."""

    value: str = ""
    outlets: tuple[str, ...] = ()
    evidence: tuple[EvidenceRef, ...] = ()
    diff: str = ""  # quote variants: the differing words in context
    quote: str = ""  # quote variants: the whole quoted words

    def to_dict(self) -> dict:
        return variant_row(
            self.value, self.outlets, [e.to_dict() for e in self.evidence], self.diff, self.quote
        )


def variant_row(
    value: str, outlets: Iterable[str], evidence: list[dict], diff: str = "", quote: str = ""
) -> dict:
    """One entry of Flag.variants as it is stored (`read_variants` reads it back)."""
    data: dict = {"value": value, "outlets": list(outlets), "evidence": evidence}
    if diff:
        data["diff"] = diff
    if quote:
        data["quote"] = quote
    return data


def evidence_row(article: int | str | None, text: str, start: int | None, end: int | None) -> dict:
    """One evidence sentence of a stored variant."""
    return {"article": article, "text": text, "start": start, "end": end}


def read_variants(raw: object) -> list[Variant]:
    """The variants of a stored `Flag.variants` value, in stored order."""
    if not isinstance(raw, list):
        return []
    return [_variant(item) for item in raw if isinstance(item, dict) and item]


def variant_values(raw: object) -> list[str]:
    """The distinct non-empty values, in stored order."""
    values: list[str] = []
    for variant in read_variants(raw):
        if variant.value and variant.value not in values:
            values.append(variant.value)
    return values


def evidence_refs(raw: object) -> list[EvidenceRef]:
    """Every evidence sentence of every variant, in stored order."""
    return [ev for variant in read_variants(raw) for ev in variant.evidence]


def _variant(item: dict) -> Variant:
    outlets = item.get("outlets")
    evidence = item.get("evidence")
    return Variant(
        value=_text(item.get("value")),
        outlets=tuple(str(o) for o in outlets if o is not None)
        if isinstance(outlets, list)
        else (),
        evidence=tuple(_evidence(e) for e in evidence if isinstance(e, dict))
        if isinstance(evidence, list)
        else (),
        diff=_text(item.get("diff")),
        quote=_text(item.get("quote")),
    )


def _evidence(item: dict) -> EvidenceRef:
    return EvidenceRef(
        article=_article(item.get("article")),
        text=_text(item.get("text")),
        start=_whole(item.get("start")),
        end=_whole(item.get("end")),
    )


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _whole(value: object) -> int | None:
    # bool is an int to Python, never an offset
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _article(value: object) -> int | str | None:
    """An id as an int (also when stored as digits), a URL as a string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip():
        value = value.strip()
        return int(value) if value.isdigit() else value
    return None

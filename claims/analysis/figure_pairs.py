"""A learned second look at number flags: do two outlets' figures report the same thing?

The typed comparison (claims.analysis.figures) flags two figures when they
measure the same thing by its rules (what is counted, its state, its verb)
and their values differ. On coverage nobody tuned on, many of those flags
pair figures a reviewer would never compare (a toll against a count of
counties, two unrelated tallies of one sentence). This module scores each
pair of differing figures of a flag with gradient-boosted trees trained on
the development set's expected number flags (eval/train_figures.py: the
positives are pairs that carry the two values of an expected flag, the
negatives every other differing pair of the same stories), and a number flag
whose best pair scores under the model's cut-off is dropped.

Pure: plain data in, probabilities out; the trees are the same exported
form as the same-claim matcher's (claims.analysis.matching.Trees), kept in
`figure_pairs.json` beside this module. Flags whose figures are not typed
quantities of their claims have no pair to score and are kept.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from claims.analysis import figures
from claims.analysis.matching import Trees
from claims.analysis.types import ArticleInfo, ClaimInput, FlagResult

MODEL_PATH = Path(__file__).with_name("figure_pairs.json")
NUMBER_MISMATCH = "number_mismatch"
TRAINED = "trained"  # second_look's default: the model of figure_pairs.json

FEATURES = (
    "same_key",  # both typed to one measure (figures.measure_key)
    "untyped",  # how many of the two say too little to be typed (0-2)
    "same_counted",
    "counted_clash",
    "same_state",
    "state_clash",
    "same_verb",
    "same_where",
    "same_modifiers",
    "cosine",  # the two claims' sentence embeddings
    "context_overlap",  # words around the two figures, Jaccard
    "log_ratio",  # |log(a / b)| of the values in base units
    "approximate",  # how many are "about", "more than", ... (0-2)
    "moving",  # how many are tallies that move (dead, injured, missing ...)
    "days_apart",  # between the reports; -1 when either is undated
    "same_cluster",  # the claims sit in one claim cluster
    "official",  # how many sentences cite an official source
    "is_count",
    "counted_grams",  # character trigrams of the counted nouns, Jaccard
    "about_event",  # how many are about this event (figures.about_this_event)
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_CONTEXT_WORDS = 6
_CONTEXT_CHARS = 60
_STOP = frozenset(
    "the a an of to in on at and or for with by from was were is are has have had that "
    "this it its as be been said after over more than about".split()
)


@dataclass(frozen=True)
class FigureModel:
    trees: Trees
    cut: float  # a flag whose best pair scores under this is dropped
    notes: dict

    def probabilities(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-self.trees.log_odds(np.asarray(rows, dtype=np.float64))))

    def to_dict(self) -> dict:
        return {
            "features": list(FEATURES),
            "cut": self.cut,
            "notes": self.notes,
            "trees": self.trees.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> FigureModel:
        if list(data["features"]) != list(FEATURES):
            raise ValueError("figure_pairs.json was trained on other features")
        return cls(Trees.from_dict(data["trees"]), float(data["cut"]), dict(data.get("notes", {})))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> FigureModel | None:
    """The trained model, or None when none has been trained (every flag kept)."""
    target = Path(path) if path else MODEL_PATH
    if not target.exists():
        return None
    return FigureModel.from_dict(json.loads(target.read_text(encoding="utf-8")))


# --- the features of one pair of figures --------------------------------------------


def _context(r: figures.FigureReport) -> set[str]:
    text = r.claim.data.text
    start = r.quantity.start - r.claim.data.start
    end = r.quantity.end - r.claim.data.start
    before = _WORD.findall(text[max(0, start - _CONTEXT_CHARS) : max(0, start)])
    after = _WORD.findall(text[max(0, end) : end + _CONTEXT_CHARS])
    words = before[-_CONTEXT_WORDS:] + after[:_CONTEXT_WORDS]
    return {w.lower() for w in words if w.lower() not in _STOP}


def _grams(text: str, n: int = 3) -> set[str]:
    if not text.strip():
        return set()
    padded = f"  {text} "
    return {padded[i : i + n] for i in range(len(padded) - n + 1)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _both(a: str, b: str) -> bool:
    return bool(a) and a == b


def _clash(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a != b


def pair_features(
    a: figures.FigureReport, b: figures.FigureReport, cosine: float, same_cluster: bool
) -> list[float]:
    qa, qb = a.quantity, b.quantity
    key_a, key_b = figures.measure_key(qa), figures.measure_key(qb)
    days = -1.0
    if a.published is not None and b.published is not None:
        days = abs((a.published - b.published).total_seconds()) / 86400
    low = max(abs(qa.base), 1e-9)
    high = max(abs(qb.base), 1e-9)
    official = figures._OFFICIAL
    return [
        float(key_a is not None and key_a == key_b),
        float(key_a is None) + float(key_b is None),
        float(_both(qa.counted, qb.counted)),
        float(_clash(qa.counted, qb.counted)),
        float(_both(qa.state, qb.state)),
        float(_clash(qa.state, qb.state)),
        float(_both(qa.verb, qb.verb)),
        float(qa.where == qb.where),
        float(sorted(qa.modifiers) == sorted(qb.modifiers)),
        cosine,
        _jaccard(_context(a), _context(b)),
        abs(math.log(low / high)),
        float(bool(qa.approx)) + float(bool(qb.approx)),
        float(figures.is_moving(qa)) + float(figures.is_moving(qb)),
        days,
        float(same_cluster),
        float(bool(official.search(a.claim.data.text)))
        + float(bool(official.search(b.claim.data.text))),
        float(qa.dimension == "count"),
        _jaccard(_grams(qa.counted), _grams(qb.counted)),
        float(figures.about_this_event(a)) + float(figures.about_this_event(b)),
    ]


def comparable(a: figures.FigureReport, b: figures.FigureReport) -> bool:
    """Two outlets' figures of one dimension that do not agree: a pair to score."""
    return (
        a.claim.outlet != b.claim.outlet
        and a.quantity.dimension == b.quantity.dimension
        and figures.agreement(a.quantity, b.quantity) == "differ"
    )


def reports_of(
    claims: Sequence[ClaimInput], articles: dict[int, ArticleInfo]
) -> list[figures.FigureReport]:
    out = []
    own = _own_area(articles)
    dated = [a.published for a in articles.values() if a.published]
    start = min(dated) if dated else None
    for c in claims:
        article = articles.get(c.article_id)
        for q in c.data.quantities or []:
            if q.dimension == "count" and q.where and own(q.where):  # a length's is a bearing
                q = replace(q, where="")
            published = article.published if article else None
            out.append(figures.FigureReport(q, c, published, start))
    return out


# How much of an article's text is its opening, where it names the event's place.
OPENING_CHARS = 200


def _own_area(articles: dict[int, ArticleInfo]) -> Callable[[str], bool]:
    """Whether an area a tally is told "in" is the event's own, named in the
    headline or opening of at least half of the story's articles (two or more):
    "12 killed in the port district" then counts what "12 killed" counts. A
    county the openings do not name keeps its own tally ("in Lee County")."""
    openings = [f"{a.title}\n{a.text[:OPENING_CHARS]}".lower() for a in articles.values()]

    @lru_cache(maxsize=256)
    def own(area: str) -> bool:
        if area in ("board", "ground") or area.startswith(("in ", "at ")):
            # a count one sentence split by place ("4,100 in Norland and 900 in
            # Velta", claims.nlp.quantities._sites) is a part, whatever the openings
            return False
        forms = _area_forms(area)
        named = sum(any(form in text for form in forms) for text in openings)
        return named >= 2 and 2 * named >= len(openings)

    return own


_AREA_WORDS = ("province", "county", "district", "region", "prefecture", "state", "parish")


def _area_forms(area: str) -> tuple[str, ...]:
    """ "lumara province" is also written "the province of Lumara"."""
    core, _, word = area.rpartition(" ")
    if core and word in _AREA_WORDS:
        return (area, f"{word} of {core}")
    return (area,)


def scorer(
    claim_cluster: dict[int, str],
) -> Callable[[figures.FigureReport, figures.FigureReport], list[float]]:
    """Features of a pair, with the cosine and the clusters of this story."""

    def features(a: figures.FigureReport, b: figures.FigureReport) -> list[float]:
        ea, eb = a.claim.embedding, b.claim.embedding
        cosine = float(np.dot(ea, eb)) if ea is not None and eb is not None else 0.0
        cluster = claim_cluster.get(a.claim.id)
        together = bool(cluster) and cluster == claim_cluster.get(b.claim.id)
        return pair_features(a, b, cosine, together)

    return features


# --- the second look -------------------------------------------------------------------


def flag_pairs(
    flag: FlagResult, reports_by_claim: dict[tuple[int, str], list[figures.FigureReport]]
) -> list[tuple[figures.FigureReport, figures.FigureReport]]:
    """Differing figures of two different variants of a number flag."""
    sides = []
    for variant in flag.variants:
        side = []
        for e in variant.evidence:
            side += reports_by_claim.get((e.article_id, e.text), [])
        sides.append(side)
    pairs = []
    for i, side in enumerate(sides):
        for other in sides[i + 1 :]:
            pairs += [(a, b) for a in side for b in other if comparable(a, b)]
    return pairs


# Identifiers and vote tallies compared as written, not as typed figures: the model's
# pairs would be whatever other figures the sentences hold ("flight 417 ... 81 passengers").
# The event's own death toll (no place, no kind of person) is the one figure every
# outlet counts: the model judged "at least three since it made landfall" and "rose
# to four on Friday" unrelated (made-up storm); keeping it changed no development flag.
IDENTIFIER_SUBJECTS = {
    "Figure: flight number", "Figure: vote", "Figure: score", "Figure: people dead",
    # how many times someone was hit: read only as "shot twice", "hit by two bullets"
    "Figure: hit",
}  # fmt: skip
# A person's age is read beside the person's name ("Dana Whitfield, 39"): the name
# ties the two figures, whatever else the sentences say.
NAMED_SUBJECTS = ("Age: ",)


def _judged(flag: FlagResult) -> bool:
    return (
        flag.kind == NUMBER_MISMATCH
        and flag.subject not in IDENTIFIER_SUBJECTS
        and not flag.subject.startswith(NAMED_SUBJECTS)
    )


def unit_slip(a: figures.FigureReport, b: figures.FigureReport) -> bool:
    """One figure as written under two units of one dimension ("6.2 feet" / "6.2
    metres"): a slip the reviewer must see, however the sentences differ."""
    x, y = a.quantity, b.quantity
    return (
        x.dimension == y.dimension
        and bool(x.unit and y.unit)
        and x.unit != y.unit
        and x.value == y.value
        and not (x.alternatives or y.alternatives)
    )


def digits_swapped(a: figures.FigureReport, b: figures.FigureReport) -> bool:
    """One figure with two digits swapped ("120-metre" / "210-metre"), in one unit
    and of one measure: a slip the reviewer must see."""
    x, y = a.quantity, b.quantity
    digits_x, digits_y = (re.sub(r"\D", "", f"{q.value:g}") for q in (x, y))
    return (
        x.unit == y.unit
        and figures.measure_key(x) == figures.measure_key(y) is not None
        and x.value != y.value
        and len(digits_x) >= 2
        and sorted(digits_x) == sorted(digits_y)
    )


def scale_slip(a: figures.FigureReport, b: figures.FigureReport) -> bool:
    """One figure written at two scales ("$250 million" / "$250 billion", "$8
    billion" / "$80 billion"): the same digits a power of ten apart, in one unit
    and of one measure, a slip the reviewer must see."""
    x, y = a.quantity, b.quantity
    key = figures.measure_key(x)
    if key is None or key != figures.measure_key(y) or x.unit != y.unit:
        return False
    if min(x.base, y.base) <= 0 or x.base == y.base:
        return False
    if not (_SCALE_WORD.search(x.text) and _SCALE_WORD.search(y.text)):
        return False  # "one" / "10" dead are two counts, not a slip of scale
    ratio = math.log10(max(x.base, y.base) / min(x.base, y.base))
    return abs(ratio - round(ratio)) < 1e-9  # one mantissa, a power of ten apart


_SCALE_WORD = re.compile(
    r"\b(?:thousand|million|billion|trillion|crore|lakh|bn|mn|m|k)\b|\d(?:bn|mn|m|k)\b",
    re.IGNORECASE,
)


def second_look(
    flags: list[FlagResult],
    claims: Sequence[ClaimInput],
    articles: dict[int, ArticleInfo],
    claim_cluster: dict[int, str],
    model: FigureModel | str | None = TRAINED,
) -> list[FlagResult]:
    """The flags, less the number flags whose figures the model finds unrelated
    (model None: every flag kept)."""
    if model == TRAINED:
        model = load()
    if not isinstance(model, FigureModel) or not any(f.kind == NUMBER_MISMATCH for f in flags):
        return flags
    by_claim: dict[tuple[int, str], list[figures.FigureReport]] = {}
    for r in reports_of(claims, articles):
        by_claim.setdefault((r.claim.article_id, r.claim.text), []).append(r)
    features = scorer(claim_cluster)
    kept = []
    for flag in flags:
        pairs = flag_pairs(flag, by_claim) if _judged(flag) else []
        slips = (unit_slip, digits_swapped, scale_slip)
        if pairs and not any(slip(a, b) for a, b in pairs for slip in slips):
            best = float(model.probabilities([features(a, b) for a, b in pairs]).max())
            if best < model.cut:
                continue
        kept.append(flag)
    return kept

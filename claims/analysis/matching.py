"""The same-claim decision: cheap pair features and a small learned model.

Two texts are compared through features that cost microseconds once each text
is prepared (`prepare`, cached): the MiniLM cosine of their embeddings, term
overlaps weighted by inverse document frequency, word and character n-gram
overlaps, shared wording (containment of word 4-grams), and the differences
that change a claim's meaning while leaving its words alike: people, numbers
and places on one side only, a negation on one side only, and the same two
actors named in the opposite order (who did what to whom).

A small model (gradient-boosted trees) turns the features into a probability
that the two texts make the same claim. It is trained by `eval/train_matcher.py`
on public training splits only and stored beside this module as JSON
(`matcher.json`: the trees, the IDF table and the two cut-offs), so loading it
runs no pickle and needs no scikit-learn. Two models live in that file:

* `pair`: two claims of the same kind (sentences of news copy), symmetric;
  used inside a story (`analysis.cluster`) and by `manage.py match_pairs`;
* `memory`: a new claim against a reviewed claim or a published fact-check
  (which may have a title besides its claim); used by the claim memory and
  `manage.py match_claims`.

Each model has two cut-offs chosen on training data: at or above `same` the
pair is decided automatically; between `suggest` and `same` a reviewer is
asked; below `suggest` the two are different claims.

A pair decided "same" whose meaning may still differ (`differences`: a
negation, a figure, two actors swapped) joins its cluster and raises a flag.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

from claims.analysis.normalise import fold, tokens

MODEL_PATH = Path(__file__).with_name("matcher.json")

SAME = "same"
SUGGEST = "suggest"
DIFFERENT = "different"

# Differences of meaning between two matched texts (`differences`).
NEGATION = "negation"
NUMBER = "number"
ROLES = "roles"

STOP = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over under
    about after before between during through against among up down out off than then
    is are was were be been being am do does did done has have had having will would
    shall should can could may might must it its it's this that these those there here
    he she they we you i me him her them us our your their his my mine ours theirs
    who whom whose which what when where why how all any both each few more most other
    some such only own same so too very just also said says say told tells according
    s t not no""".split()
)
NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor without cannot refuse refused "
    "refuses deny denies denied".split()
)
NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
    "half": "0.5",
    "dozen": "12",
}
# Capitalised words that open clauses or name no one.
NOT_NAMES = STOP | frozenset(
    """mr mrs ms dr sir st monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november
    december i""".split()
)

_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|\bwww\.\S+", re.IGNORECASE)
# A post's signature: "— Name (@handle) August 25, 2019" or "— Name (handle) ...".
_SIGNATURE = re.compile(
    r"\s[—–-]{1,2}\s*[^—–\n]{1,80}\(@?\w{1,30}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}\s*$"
)
_HANDLE = re.compile(r"(?<!\w)[@#](\w+)")
_CAPITAL = re.compile(r"[A-Z][\w'’.-]*")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:%|\b)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s*|\n\s*)$")
_WORD_OR_DIGIT = re.compile(r"[^\W\d_]+|\d+")

CHAR_GRAM = 4
WORD_GRAM = 4


def clean(text: str) -> str:
    """The claim in a post: links, the signature of an embedded post and @/# marks dropped."""
    text = _URL.sub(" ", text or "")
    text = _SIGNATURE.sub("", text)
    text = _HANDLE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def memory_text(claim: str, title: str = "") -> str:
    """What the memory embeds for a reviewed claim or fact-check: "<title>. <claim>"."""
    claim, title = (claim or "").strip(), (title or "").strip()
    if title and fold(title) != fold(claim):
        return f"{title}. {claim}" if claim else title
    return claim


def stem(word: str) -> str:
    """A light suffix stripper: "signed"/"signing"/"signs" -> "sign"."""
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class TextInfo:
    """What the features need of one text, computed once."""

    text: str
    words: tuple[str, ...]  # comparison tokens (normalise.tokens)
    content: frozenset[str]  # stems of content words
    names: tuple[str, ...]  # capitalised words not opening a sentence, in order
    capitals: tuple[str, ...]  # every capitalised word, openers included, in order
    numbers: frozenset[str]
    negated: bool
    bigrams: frozenset[tuple[str, str]]
    grams: frozenset[tuple[str, ...]]  # word 4-grams
    chars: frozenset[str]  # character 4-grams of the folded text


def _names(text: str, openers: bool = False) -> tuple[str, ...]:
    found: list[str] = []
    for m in _CAPITAL.finditer(text):
        word = m.group(0).strip("'’.-")
        key = fold(word).replace("'s", "").replace("’s", "")
        if not key or key in NOT_NAMES or len(key) < 2:
            continue
        if not openers and _SENTENCE_START.search(text[: m.start()]) and not word.isupper():
            continue  # a capital that opens a sentence names no one by itself
        found.append(key)
    return tuple(dict.fromkeys(found))


def _numbers(text: str, words: Sequence[str]) -> frozenset[str]:
    found = set()
    for m in _NUMBER.finditer(text):
        value = m.group(0).replace(",", "")
        try:
            number = float(value.rstrip("%"))
        except ValueError:
            continue
        found.add(f"{number:g}" + ("%" if value.endswith("%") else ""))
    found.update(NUMBER_WORDS[w] for w in words if w in NUMBER_WORDS)
    return frozenset(found)


@lru_cache(maxsize=65536)
def prepare(text: str) -> TextInfo:
    words = tuple(tokens(text))
    content = frozenset(stem(w) for w in words if w not in STOP and not w.isdigit() and len(w) > 1)
    folded = " ".join(words)
    return TextInfo(
        text=text,
        words=words,
        content=content,
        names=_names(text),
        capitals=_names(text, openers=True),
        numbers=_numbers(text, words),
        negated=any(w in NEGATIONS for w in words),
        bigrams=frozenset(zip(words, words[1:], strict=False)),
        grams=frozenset(
            tuple(words[i : i + WORD_GRAM]) for i in range(max(0, len(words) - WORD_GRAM + 1))
        ),
        chars=frozenset(folded[i : i + CHAR_GRAM] for i in range(max(0, len(folded) - 3))),
    )


# --- features --------------------------------------------------------------------

FEATURES = (
    "cosine",
    "idf_jaccard",
    "idf_cover_min",
    "idf_cover_max",
    "idf_only_min",
    "idf_only_max",
    "bigram_jaccard",
    "char_jaccard",
    "shared_wording",
    "length_ratio",
    "length_min",
    "names_jaccard",
    "names_only",
    "numbers_shared",
    "numbers_only",
    "numbers_conflict",
    "negation_differs",
    "roles_swapped",
    "unigram_min",
    "unigram_max",
    "bigram_min",
    "bigram_max",
    "trigram_min",
    "trigram_max",
    "fourgram_min",
    "fourgram_max",
    "word_edit",
    "word_lcs",
    "token_set",
    "length_diff",
)


@dataclass
class Idf:
    """Inverse document frequencies of stems, from the training texts (stored in the model)."""

    documents: int = 1
    frequency: dict[str, int] = field(default_factory=dict)

    def __call__(self, term: str) -> float:
        return math.log((self.documents + 1) / (self.frequency.get(term, 1) + 0.5))


def _jaccard(a: frozenset, b: frozenset) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _containment(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# Words that join two actors without giving either a role: "India and the US".
COORDINATION = frozenset({"and", "the", "or", "&", "both"})
# Words at most between two actors whose roles a sentence gives ("X defeated Y
# in the final"); further apart, a name is in another clause.
SWAP_GAP = 6


def roles_swapped(a: TextInfo, b: TextInfo) -> bool:
    """Two actors both texts name, in the opposite order: "X beat Y" / "Y beat X".

    A word opening a sentence counts as an actor when either text names it
    elsewhere ("Harlow beat Okafor" / "Okafor beat Harlow"). A passive ("Y was
    beaten by X") says the same with the order reversed, and a coordination
    ("X and Y signed" / "Y and X signed") gives neither a role, so a text with
    " by " or only "and" between its actors does not count.
    """
    known = set(a.names) | set(b.names)
    shared = set(a.capitals) & set(b.capitals) & known
    if len(shared) < 2:
        return False
    order_a = [n for n in a.capitals if n in shared]
    order_b = [n for n in b.capitals if n in shared]
    if order_a == order_b:
        return False
    actions = []
    for info, order in ((a, order_a), (b, order_b)):
        words = list(info.words)
        try:
            first, second = words.index(order[0].split()[0]), words.index(order[1].split()[0])
        except ValueError:
            return False
        between = words[min(first, second) + 1 : max(first, second)]
        if "by" in between or set(between) <= COORDINATION or len(between) > SWAP_GAP:
            return False
        actions.append(set(between) - COORDINATION)
    # one action between the two actors in both ("X beat Y" / "Y beat X"); two
    # sentences that name them around different words tell different things
    return bool(actions[0] & actions[1])


def numbers_conflict(a: TextInfo, b: TextInfo) -> bool:
    """Both give figures and each has one the other lacks (25% vs 50%)."""
    return bool(a.numbers - b.numbers) and bool(b.numbers - a.numbers)


def _precision(x: tuple[str, ...], y: tuple[str, ...], n: int) -> float:
    """Share of x's word n-grams found in y (BLEU's modified precision, unclipped)."""
    grams = [x[i : i + n] for i in range(len(x) - n + 1)]
    if not grams:
        return 0.0
    found = {y[i : i + n] for i in range(len(y) - n + 1)}
    return sum(g in found for g in grams) / len(grams)


def features(a: TextInfo, b: TextInfo, cosine: float, idf: Idf) -> list[float]:
    """The feature vector of a pair, in the order of FEATURES; symmetric in a and b."""
    wa = {t: idf(t) for t in a.content}
    wb = {t: idf(t) for t in b.content}
    shared = sum(min(wa[t], wb[t]) for t in a.content & b.content)
    total_a, total_b = sum(wa.values()), sum(wb.values())
    union = total_a + total_b - shared
    only_a = sum(w for t, w in wa.items() if t not in wb)
    only_b = sum(w for t, w in wb.items() if t not in wa)
    cover_a = shared / total_a if total_a else 0.0
    cover_b = shared / total_b if total_b else 0.0
    len_a, len_b = max(len(a.words), 1), max(len(b.words), 1)
    names_a, names_b = frozenset(a.names), frozenset(b.names)
    ngrams = []
    for n in (1, 2, 3, 4):
        one, other = _precision(a.words, b.words, n), _precision(b.words, a.words, n)
        ngrams += [min(one, other), max(one, other)]
    return [
        float(cosine),
        shared / union if union else 0.0,
        min(cover_a, cover_b),
        max(cover_a, cover_b),
        min(only_a, only_b),
        max(only_a, only_b),
        _jaccard(a.bigrams, b.bigrams),
        _jaccard(a.chars, b.chars),
        _containment(a.grams, b.grams),
        min(len_a, len_b) / max(len_a, len_b),
        math.log(min(len_a, len_b)),
        _jaccard(names_a, names_b),
        float(len(names_a ^ names_b)),
        float(len(a.numbers & b.numbers)),
        float(len(a.numbers ^ b.numbers)),
        float(numbers_conflict(a, b)),
        float(a.negated != b.negated),
        float(roles_swapped(a, b)),
        *ngrams,
        Levenshtein.normalized_similarity(a.words, b.words),
        LCSseq.normalized_similarity(a.words, b.words),
        fuzz.token_set_ratio(a.text, b.text) / 100.0,
        float(abs(len(a.words) - len(b.words))),
    ]


def differences(a: TextInfo, b: TextInfo) -> list[str]:
    """How two texts that match may still differ in meaning (for a flag, not a split)."""
    found = []
    if a.negated != b.negated:
        found.append(NEGATION)
    if numbers_conflict(a, b):
        found.append(NUMBER)
    if roles_swapped(a, b):
        found.append(ROLES)
    return found


# --- the model -------------------------------------------------------------------


@dataclass
class Trees:
    """Gradient-boosted regression trees over the features (a log-odds sum)."""

    base: float
    rate: float
    # one tree: parallel lists (left, right, feature, threshold, value); leaf: left == -1
    trees: list[dict[str, list]]

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        out = np.full(len(x), self.base, dtype=np.float64)
        rows = np.arange(len(x))
        for tree in self.trees:
            left = tree["_left"]
            right = tree["_right"]
            feature = tree["_feature"]
            threshold = tree["_threshold"]
            node = np.zeros(len(x), dtype=np.int64)
            active = left[node] >= 0
            while active.any():
                go_left = x[rows, feature[node]] <= threshold[node]
                step = np.where(go_left, left[node], right[node])
                node = np.where(active, step, node)
                active = left[node] >= 0
            out += self.rate * tree["_value"][node]
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Trees:
        trees = []
        for tree in data["trees"]:
            tree = dict(tree)
            tree["_left"] = np.asarray(tree["left"], dtype=np.int64)
            tree["_right"] = np.asarray(tree["right"], dtype=np.int64)
            # a leaf tests feature 0 harmlessly; its branch is never taken
            tree["_feature"] = np.maximum(np.asarray(tree["feature"], dtype=np.int64), 0)
            tree["_threshold"] = np.asarray(tree["threshold"], dtype=np.float64)
            tree["_value"] = np.asarray(tree["value"], dtype=np.float64)
            trees.append(tree)
        return cls(float(data["base"]), float(data["rate"]), trees)

    def to_dict(self) -> dict:
        keys = ("left", "right", "feature", "threshold", "value")
        return {
            "base": self.base,
            "rate": self.rate,
            "trees": [{k: t[k] for k in keys} for t in self.trees],
        }


@dataclass
class Model:
    """One decision: features -> probability -> same / suggest / different."""

    name: str
    features: tuple[str, ...]
    trees: Trees
    same: float  # probability cut-offs
    suggest: float
    # Pairs under this cosine are "different" without computing their features:
    # no same-claim training pair under it scored `suggest` or more.
    floor: float = 0.0
    notes: dict = field(default_factory=dict)

    def probability(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.float64)
        if rows.size == 0:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-self.trees.log_odds(rows)))

    def decide(self, score: float) -> str:
        if score >= self.same:
            return SAME
        if score >= self.suggest:
            return SUGGEST
        return DIFFERENT


@dataclass
class Matcher:
    idf: Idf
    models: dict[str, Model]

    @property
    def pair(self) -> Model:
        return self.models["pair"]

    @property
    def memory(self) -> Model:
        return self.models["memory"]

    def rows(self, pairs: list[tuple[TextInfo, TextInfo, float]]) -> np.ndarray:
        return np.array([features(a, b, c, self.idf) for a, b, c in pairs], dtype=np.float64)

    def score(self, model: Model, pairs: list[tuple[TextInfo, TextInfo, float]]) -> np.ndarray:
        """Probabilities of (a, b, cosine) triples; pairs under the floor score 0."""
        scores = np.zeros(len(pairs))
        keep = [i for i, (_, _, c) in enumerate(pairs) if c >= model.floor]
        if keep:
            scores[keep] = model.probability(self.rows([pairs[i] for i in keep]))
        return scores

    @classmethod
    def from_dict(cls, data: dict) -> Matcher:
        idf = Idf(int(data["idf"]["documents"]), dict(data["idf"]["frequency"]))
        models = {}
        for name, m in data["models"].items():
            if tuple(m["features"]) != FEATURES[: len(m["features"])] and set(m["features"]) - set(
                FEATURES
            ):
                raise ValueError(f"model {name!r} uses features this code does not compute")
            models[name] = Model(
                name=name,
                features=tuple(m["features"]),
                trees=Trees.from_dict(m["trees"]),
                same=float(m["same"]),
                suggest=float(m["suggest"]),
                floor=float(m.get("floor", 0.0)),
                notes=dict(m.get("notes", {})),
            )
        return cls(idf, models)

    def to_dict(self) -> dict:
        return {
            "idf": {"documents": self.idf.documents, "frequency": self.idf.frequency},
            "models": {
                name: {
                    "features": list(m.features),
                    "same": m.same,
                    "suggest": m.suggest,
                    "floor": m.floor,
                    "notes": m.notes,
                    "trees": m.trees.to_dict(),
                }
                for name, m in self.models.items()
            },
        }


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Matcher:
    """The trained matcher (`matcher.json` beside this module unless a path is given)."""
    with open(path or MODEL_PATH, encoding="utf-8") as fh:
        return Matcher.from_dict(json.load(fh))


# --- pairs and rankings on plain data ---------------------------------------------


@dataclass(frozen=True)
class MatchConfig:
    """Cut-offs of the same-claim decision (settings MATCH_*).

    One config serves `manage.py match_pairs` and the story clustering
    (analysis.cluster), so both decide a pair alike.
    """

    same: float | None = None  # pair probability at or above which: same (None: the model's)
    suggest: float | None = None  # at or above this, under `same`: ask a reviewer
    # The story score (analysis.cluster.pair_scores: cosine, the story's slots,
    # shared wording): at or above `story_auto` claims join without the model,
    # under `story_suggest` they stay apart; between, the pair model decides.
    # Two clusters with a pair at `story_auto` merge when their average reaches
    # `story_join`. Chosen on the demo corpus (see analysis.cluster).
    story_auto: float = 0.86
    story_suggest: float = 0.76
    story_join: float = 0.74
    max_suggestions: int = 200

    def cuts(self, model: Model) -> tuple[float, float]:
        """(same, suggest) probabilities for this model."""
        same = model.same if self.same is None else self.same
        suggest = model.suggest if self.suggest is None else self.suggest
        return same, min(suggest, same)

    def decide(self, model: Model, score: float) -> str:
        same, suggest = self.cuts(model)
        if score >= same:
            return SAME
        if score >= suggest:
            return SUGGEST
        return DIFFERENT


def score_pairs(
    matcher: Matcher, model: Model, pairs: list[tuple[TextInfo, TextInfo, float]]
) -> tuple[np.ndarray, list[list[str]]]:
    """Probability of each (a, b, cosine) and its differences of meaning (a
    negation, a figure, two actors swapped: for a flag where the pair joins).

    The one scoring of the pair decision: `decide_pairs` (match_pairs) and the
    story clustering (analysis.cluster) both go through here.
    """
    scores = matcher.score(model, pairs)
    found = [
        differences(a, b) if score > 0 else []
        for (a, b, _), score in zip(pairs, scores, strict=True)
    ]
    return scores, found


@dataclass
class PairDecision:
    decision: str
    score: float
    differences: list[str] = field(default_factory=list)


def unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, lengths, out=np.zeros_like(vectors), where=lengths > 0)


def decide_pairs(
    texts_a: list[str],
    texts_b: list[str],
    vectors_a: np.ndarray,
    vectors_b: np.ndarray,
    matcher: Matcher | None = None,
    config: MatchConfig | None = None,
) -> list[PairDecision]:
    """The pair model's decision on each (a, b); texts are compared as given."""
    matcher = matcher or load()
    config = config or MatchConfig()
    model = matcher.pair
    cos = (unit(vectors_a) * unit(vectors_b)).sum(axis=1) if len(texts_a) else np.zeros(0)
    infos = [
        (prepare(a), prepare(b), float(c)) for a, b, c in zip(texts_a, texts_b, cos, strict=True)
    ]
    scores, found = score_pairs(matcher, model, infos)
    out = []
    for score, diffs in zip(scores, found, strict=True):
        decision = config.decide(model, float(score))
        out.append(
            PairDecision(decision, round(float(score), 6), diffs if decision != DIFFERENT else [])
        )
    return out


@dataclass
class Candidate:
    """An entry of the memory as the ranking sees it."""

    id: str
    text: str  # the claim, or the title and the claim (memory_text)
    vector: np.ndarray


@dataclass
class Ranked:
    id: str
    score: float
    cosine: float
    decision: str


# How many nearest neighbours by cosine the memory model re-ranks.
RERANK_DEPTH = 50


def rank(
    query: str,
    query_vector: np.ndarray,
    candidates: list[Candidate],
    top: int = 5,
    matcher: Matcher | None = None,
) -> list[Ranked]:
    """The `top` candidates for one query, best first.

    `candidates` are the nearest neighbours the vector index returned (or all
    of a small memory). The RERANK_DEPTH nearest by cosine are ordered by the
    memory model's probability (ties: the nearer first), which carries each
    one's score and decision. Chosen on CLEF 2020 train and dev, out of fold
    over each tweet's 20 nearest verified claims: MAP@5 0.822 / 0.808 by the
    model, 0.819 / 0.802 by reciprocal rank fusion with cosine (k 10-100),
    0.801 / 0.780 by cosine alone.
    """
    if not candidates:
        return []
    matcher = matcher or load()
    model = matcher.memory
    q = prepare(query)
    matrix = unit(np.vstack([c.vector for c in candidates]))
    cos = matrix @ unit(query_vector)[0]
    order = np.argsort(-cos, kind="stable")[:RERANK_DEPTH]
    triples = [(q, prepare(candidates[i].text), float(cos[i])) for i in order]
    scores = model.probability(matcher.rows(triples))
    ranked = [
        Ranked(
            candidates[i].id,
            round(float(s), 6),
            round(float(cos[i]), 6),
            model.decide(float(s)),
        )
        for i, s in zip(order, scores, strict=True)
    ]
    ranked.sort(key=lambda r: (-r.score, -r.cosine, r.id))
    return ranked[:top]
